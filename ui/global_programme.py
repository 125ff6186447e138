"""The programme plan page's panels: the organisation, the tables of products and services, phases and
information needs (each saved on every edit), and the conditions for launching the pilot."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import global_programme as gp
from kamcore.methods.common import NAME_CHARS, NOTE_CHARS, SHORT_TEXT_CHARS, as_date
from kamcore.tools.global_programme import COLUMNS, verdict
from ui.components import autosave_table, not_scored
from ui.text import plain
from ui.worksheet import WorksheetEditor

DATES = gp.DATES
HELP = {"offers": "actions", "phases": "phases", "information": "parties"}  # whose descriptions explain a table
READY, NOT_READY = "#009E73", "#D55E00"


def organisation(ws: WorksheetEditor, m: gp.ProgrammeMethod, lang: str) -> None:
    """Who runs the programme and how the countries are coordinated; the country managers."""
    left, right = st.columns(2)
    for column, name in ((left, "gam"), (right, "sponsor")):
        key = ws.field_key(name, [name])
        column.text_input(m.field_label(name, lang), value=ws.data[name], key=key, max_chars=NAME_CHARS,
                          disabled=ws.disabled, on_change=ws.set_from_widget, args=([name], key))
    key = ws.field_key("coordination", ["coordination"])
    choices = {c.id: c for c in m.coordination}
    chosen = st.selectbox(m.field_label("coordination", lang), list(choices), key=key, disabled=ws.disabled,
                          index=list(choices).index(ws.data["coordination"]) if ws.data["coordination"] else None,
                          format_func=lambda c: choices[c].text(lang), placeholder=t(lang, "lang_fix.choose"),
                          on_change=ws.set_from_widget, args=(["coordination"], key))
    if chosen and choices[chosen].description:
        st.caption(choices[chosen].description(lang))
    key = ws.field_key("coordination_note", ["coordination_note"])
    st.text_input(m.field_label("coordination_note", lang), value=ws.data["coordination_note"], key=key,
                  max_chars=NOTE_CHARS, disabled=ws.disabled, on_change=ws.set_from_widget,
                  args=(["coordination_note"], key))
    st.markdown(f"**{m.field_label('managers', lang)}**")
    table(ws, m, "managers", lang)


def _column(m: gp.ProgrammeMethod, column: str, lang: str) -> Any:
    label = m.field_label(column, lang)
    if column in DATES:
        return st.column_config.DateColumn(label)
    what = next((w for (_, c), w in gp.CHOICES.items() if c == column), None)
    if what is not None:
        choices = {c.id: c.text(lang) for c in getattr(m, what)}
        return st.column_config.SelectboxColumn(label, options=list(choices), format_func=choices.get,
                                                default=next(iter(choices)))
    return st.column_config.TextColumn(label, max_chars=NAME_CHARS if column in ("country", "manager", "owner")
                                       else SHORT_TEXT_CHARS)


def table(ws: WorksheetEditor, m: gp.ProgrammeMethod, name: str, lang: str) -> None:
    """One of the plan's tables, saved on every edit; rows typed but incomplete are listed under it."""
    if name in HELP:
        st.caption(" · ".join(f"**{c.text(lang)}**: {c.description(lang)}" for c in getattr(m, HELP[name])
                              if c.description) or t(lang, "l4b.programme.information_help"))
    columns = {"key": None, **{c: _column(m, c, lang) for c in COLUMNS[name]}}
    dates = [c for c in COLUMNS[name] if c in DATES]
    rows = [{**r, **{c: as_date(r.get(c)) for c in dates}} for r in ws.data[name]]

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        return gp.from_table(ws.data, name, COLUMNS[name], edited)

    autosave_table(ws, name, rows, columns, to_data, rebuild=True, drafts=_drafts(ws, m, name, lang))


def _drafts(ws: WorksheetEditor, m: gp.ProgrammeMethod, name: str, lang: str) -> list[tuple[str, list[str]]]:
    try:
        rows = getattr(ws.tool.validate(ws.data, m), name)
    except ValidationError:
        return []  # evaluate() has shown why
    first = COLUMNS[name][0]
    named = first not in ("phase", "party")  # a choice column says nothing about which row it is
    return [((str(getattr(row, first) or "") if named else "") or t(lang, "draft.row", n=n + 1), row.missing())
            for n, row in enumerate(rows) if not row.complete()]


def progress_line(result: gp.ProgrammeResult | None, lang: str) -> None:
    if result is not None:
        st.progress(result.passed / len(result.checks), text=t(lang, "l4b.programme.progress", passed=result.passed,
                                                               total=len(result.checks), verdict=verdict(result, lang)))


def checks(result: gp.ProgrammeResult | None, m: gp.ProgrammeMethod, lang: str) -> None:
    """The verdict, and every condition: met, or what to do."""
    if result is None:
        return
    if not result.passed:
        not_scored(lang, t(lang, "l4b.programme.verdict"), t(lang, "l4b.programme.first"))
    with st.container(border=True):
        color = READY if result.ready else NOT_READY
        st.markdown(f"{plain(t(lang, 'l4b.programme.verdict'))} · <span style='color:{color};font-weight:700'>"
                    f"{plain(verdict(result, lang))}</span>", unsafe_allow_html=True)
        st.caption(f"{t(lang, 'l4b.programme.checks')}: {result.passed} / {len(result.checks)}")
    for check in result.checks:
        spec = m.check(check.id)
        if check.passed:
            st.markdown(f":material/check_circle: {spec.text(lang)}")
        else:
            st.warning(f"**{spec.text(lang)}** — {spec.gap(lang)}", icon=":material/radio_button_unchecked:")
    if result.out_of_order:
        st.caption(t(lang, "l4b.programme.out_of_order", count=len(result.out_of_order)))
