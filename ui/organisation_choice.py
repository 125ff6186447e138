"""The organisation choice page's panels: the account groups and their six scores, the structure each
calls for with its reasons, the structure adopted, the roles' responsibilities, and the organisation
chart before and after."""

from __future__ import annotations

import uuid
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from kamcore.i18n import t
from kamcore.methods import organisation_choice as oc
from kamcore.methods.common import NAME_CHARS, NOTE_CHARS, typed
from kamcore.tools.organisation_choice import duty_text, org_chart, reason_texts
from ui.components import (
    autosave_table,
    charts_side_by_side,
    not_scored,
    row_picker,
    score_input,
    tool_figures,
    verdict,
)
from ui.text import plain
from ui.worksheet import WorksheetEditor

NOBODY = "-"  # the choice "reports to no one" in a superior column (stored as None)

def _superior(key: str | None) -> str | None:
    return None if key in (None, NOBODY) else key


def _new_key() -> str:
    return f"r{uuid.uuid4().hex[:8]}"


def segment_name(segment: dict[str, Any], n: int, lang: str) -> str:
    return segment.get("name") or t(lang, "l1b.org.segment_n", n=n + 1)


def how_it_works(m: oc.OrganisationMethod, lang: str) -> None:
    with st.expander(t(lang, "l1b.org.how"), icon=":material/school:"):
        for s in sorted(m.structures, key=lambda s: s.min or 0):
            st.markdown(f"**{s.label(lang)}** ({t(lang, 'l1b.org.total')} {oc.band_text(s.id, m)}): "
                        f"{s.description(lang)}")
        st.caption(t(lang, "l1b.org.how_factors"))
        for f in m.factors:
            st.markdown(f"- **{f.name(lang)}**: {f.definition(lang)}")


def segments(ws: WorksheetEditor, m: oc.OrganisationMethod, lang: str) -> None:
    """The account groups (name and note) in a table; the chosen one's six factors as pills."""
    st.caption(t(lang, "l1b.org.segments_help"))
    rows = [{"key": s["key"], "name": s.get("name", ""), "note": s.get("note", "")} for s in ws.data["segments"]]
    columns = {"key": None, "name": st.column_config.TextColumn(t(lang, "l1b.org.segment"), max_chars=NAME_CHARS),
               "note": st.column_config.TextColumn(t(lang, "l1b.org.note"), max_chars=NOTE_CHARS)}
    scores = {s["key"]: s.get("scores", {}) for s in ws.data["segments"]}

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        kept = [r for r in edited if typed(r, ignore=("key",))]
        return {**ws.data, "segments": [{"key": r.get("key") or _new_key(), "name": r.get("name") or "",
                                         "note": r.get("note") or "", "scores": scores.get(r.get("key"), {})}
                                        for r in kept]}

    autosave_table(ws, "segments", rows, columns, to_data, rebuild=True)
    if not ws.data["segments"]:
        st.caption(t(lang, "l1b.org.segments_first"))
        return
    named = [{"key": s["key"], "name": segment_name(s, n, lang)} for n, s in enumerate(ws.data["segments"])]
    n = row_picker(named, ws.key("segment_pick"), t(lang, "l1b.org.score_which"))
    segment = ws.data["segments"][n]
    for f in m.factors:
        help_text = f"{f.definition(lang)} · 1: {f.low(lang)} · 5: {f.high(lang)}"
        score_input(ws, ["segments", n, "scores", f.id], segment.get("scores", {}).get(f.id), m.scale.values,
                    f.name(lang), help_text)


def verdicts(ws: WorksheetEditor, result: oc.OrganisationResult, m: oc.OrganisationMethod, lang: str) -> None:
    """Each scored account group's structure, the total written out, the reasons and any borderline."""
    if not result.segments:
        not_scored(lang, t(lang, "l1b.org.structure"), t(lang, "l1b.org.score_first"))
        return
    inputs = {s["key"]: oc.Segment.model_validate(s) for s in ws.data["segments"]}
    for seg in result.segments:
        structure = m.structure(seg.structure)
        verdict(lang, f"{plain(seg.name) or '—'} · {t(lang, 'l1b.org.structure')}", structure.label,
                structure.advice, structure.color)
        st.markdown(f"**{t(lang, 'l1b.org.total')}** {oc.rule_text(inputs[seg.key], seg, m)}")
        reasons = reason_texts(seg, m, lang)
        if reasons:
            st.markdown("\n".join(f"- {plain(r)}" for r in reasons))
        if seg.borderline:
            st.warning(t(lang, "l1b.org.borderline", total=f"{seg.total:g}",
                         other=m.structure(seg.borderline).label(lang)), icon=":material/balance:")
    if result.unscored:
        st.caption(t(lang, "l1b.org.unscored", n=len(result.unscored)))


def adopt(ws: WorksheetEditor, result: oc.OrganisationResult, m: oc.OrganisationMethod, lang: str) -> None:
    """The structure the group decides on (the first group's recommendation until it chooses)."""
    key = ws.key("adopted")
    labels = {s.id: s.label(lang) for s in m.structures}
    options = list(labels)
    current = ws.data.get("adopted") or result.adopted
    st.selectbox(t(lang, "l1b.org.adopt"), options, index=options.index(current) if current else None,
                 format_func=labels.get, key=key, placeholder=t(lang, "l1b.org.adopt_placeholder"),
                 disabled=ws.disabled, on_change=ws.set_from_widget, args=(["adopted"], key))


def duties(ws: WorksheetEditor, result: oc.OrganisationResult | None, m: oc.OrganisationMethod, lang: str) -> None:
    """The responsibilities of each role under the adopted structure, as a checklist the group adapts."""
    adopted = result.adopted if result else None
    if adopted is None:
        not_scored(lang, t(lang, "l1b.org.adopted"), t(lang, "l1b.org.duties_first"))
    else:
        label = m.structure(adopted).label(lang)
        st.caption(t(lang, "l1b.org.duties_help", structure=label))
        st.button(t(lang, "l1b.org.fill_duties", structure=label), key=ws.key("fill_duties"), disabled=ws.disabled,
                  icon=":material/playlist_add_check:", on_click=ws.set_value,
                  args=(["duties"], oc.course_duties(adopted, m, ws.data["duties"])), kwargs={"rebuild": True})
    for role in m.roles:
        kept = result.duties_kept.get(role.id, 0) if result else 0
        st.markdown(f"**{role.label(lang)}** · {role.focus(lang)} · {t(lang, 'l1b.org.kept_n', n=kept)}")
    roles = {r.id: r.label(lang) for r in m.roles}
    columns = {"key": None, "item": None,
               "role": st.column_config.SelectboxColumn(t(lang, "l1b.org.role"), options=list(roles),
                                                        format_func=roles.get, default=m.roles[0].id),
               "text": st.column_config.TextColumn(t(lang, "l1b.org.duty"), max_chars=NOTE_CHARS),
               "keep": st.column_config.CheckboxColumn(t(lang, "l1b.org.keep"))}
    shown = [{**d, "text": duty_text(d, m, lang)} for d in ws.data["duties"]]

    def to_row(r: dict[str, Any]) -> dict[str, Any]:
        own = (r.get("text") or "").strip()
        duty = m.duty(r.get("item"))
        course = {duty.text.zh, duty.text.en} if duty else set()
        return {"key": r.get("key") or _new_key(), "role": r.get("role"), "item": r.get("item"),
                "text": "" if own in course else own, "keep": r.get("keep") is not False}

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        kept = [r for r in edited if typed(r, ignore=("key", "item", "keep")) or r.get("item")]
        return {**ws.data, "duties": [to_row(r) for r in kept]}

    autosave_table(ws, "duties", shown, columns, to_data, rebuild=True)


def _chart_figures(data: dict, result: oc.OrganisationResult, m: oc.OrganisationMethod,
                   lang: str) -> tuple[go.Figure, go.Figure]:
    return tuple(org_chart(data[c], m, lang, t(lang, f"l1b.org.chart_{c}")) for c in oc.CHARTS)


def charts(ws: WorksheetEditor, result: oc.OrganisationResult | None, m: oc.OrganisationMethod, lang: str) -> None:
    """Both charts as tables (who reports to whom, and dotted lines), then drawn side by side."""
    st.caption(t(lang, "l1b.org.chart_help"))
    adopted = result.adopted if result else None
    for name in oc.CHARTS:
        st.subheader(t(lang, f"l1b.org.chart_{name}"))
        if name == "after":
            start, copy_before = st.columns(2)
            if adopted:
                start.button(t(lang, "l1b.org.from_template", structure=m.structure(adopted).label(lang)),
                             key=ws.key("template"), disabled=ws.disabled, icon=":material/account_tree:",
                             on_click=ws.set_value, args=(["after"], oc.template_chart(adopted, m, lang)),
                             kwargs={"rebuild": True}, width="stretch")
            copy_before.button(t(lang, "l1b.org.copy_before"), key=ws.key("copy_before"), width="stretch",
                               disabled=ws.disabled or not ws.data["before"], icon=":material/content_copy:",
                               on_click=ws.set_value, args=(["after"], ws.data["before"]), kwargs={"rebuild": True})
        _units_table(ws, name, m, lang)
        if result and result.loops.get(name):
            names = {u["key"]: u["name"] for u in ws.data[name]}
            st.warning(t(lang, "l1b.org.loop", names=t(lang, "common.list_separator").join(
                names[k] for k in result.loops[name])), icon=":material/sync_problem:")
    if result is not None:
        charts_side_by_side({ws.key("chart", name): figure
                             for figure, name in zip(tool_figures(ws, _chart_figures), oc.CHARTS, strict=True)})


def _units_table(ws: WorksheetEditor, name: str, m: oc.OrganisationMethod, lang: str) -> None:
    units = ws.data[name]
    roles = {r.id: r.label(lang) for r in m.roles}
    names = {NOBODY: "—", **{u["key"]: u.get("name") or u["key"] for u in units}}  # "—": reports to no one
    columns = {"key": None,
               "name": st.column_config.TextColumn(t(lang, "l1b.org.box"), max_chars=NAME_CHARS),
               "role": st.column_config.SelectboxColumn(t(lang, "l1b.org.role"), options=list(roles),
                                                        format_func=roles.get, default=m.roles[0].id),
               "reports_to": st.column_config.SelectboxColumn(t(lang, "l1b.org.reports_to"), options=list(names),
                                                              format_func=names.get, default=NOBODY),
               "dotted_to": st.column_config.SelectboxColumn(t(lang, "l1b.org.dotted_to"), options=list(names),
                                                             format_func=names.get, default=NOBODY)}

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        kept = [r for r in edited if typed(r, ignore=("key",))]
        return {**ws.data, name: [{"key": r.get("key") or _new_key(), "name": r.get("name") or "",
                                   "role": r.get("role"), "reports_to": _superior(r.get("reports_to")),
                                   "dotted_to": _superior(r.get("dotted_to"))} for r in kept]}

    shown = [{c: u.get(c) or (NOBODY if c in ("reports_to", "dotted_to") else None) for c in columns} for u in units]
    autosave_table(ws, name, shown, columns, to_data, rebuild=True)
