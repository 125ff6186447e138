"""The opening diagnosis's panels: one round's ratings with their evidence, where the company is stuck
and the tools for it, the two rounds side by side, and the group's actions."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kamcore.i18n import t
from kamcore.methods import diagnosis as dg
from kamcore.methods.common import NAME_CHARS, NOTE_CHARS, typed
from kamcore.tools import TOOLS
from kamcore.tools.diagnosis import signed
from kamcore.tools.lecture1 import radar_figure, registered
from ui.components import autosave_table, chart, not_scored, score_input, tool_figures
from ui.lecture1 import tool_links
from ui.session import Context
from ui.worksheet import WorksheetEditor

ROUND_KEY = "diagnosis.round"


def round_choice(m: dg.DiagnosisMethod, lang: str) -> str:
    labels = {r.id: r.name(lang) for r in m.rounds}
    if st.session_state.get(ROUND_KEY) not in labels:
        st.session_state[ROUND_KEY] = m.rounds[0].id
    return st.segmented_control(t(lang, "l1a.diagnosis.round"), list(labels), key=ROUND_KEY, required=True,
                                format_func=labels.get)


def ratings(ws: WorksheetEditor, m: dg.DiagnosisMethod, round_id: str, lang: str) -> None:
    """Every stage and dilemma of one round: its rating as pills and the evidence for it."""
    current = ws.data["rounds"].get(round_id, {})
    for title, items in ((t(lang, "l1a.diagnosis.stages"), m.stages), (t(lang, "l1a.diagnosis.dilemmas"), m.dilemmas)):
        st.subheader(title)
        for item in items:
            score_input(ws, ["rounds", round_id, "scores", item.id], current.get("scores", {}).get(item.id),
                        m.scale.values, item.name(lang), item.question(lang))
            key = ws.field_key("evidence", ["rounds", round_id, "evidence", item.id])
            st.text_input(t(lang, "l1a.diagnosis.evidence"), value=current.get("evidence", {}).get(item.id, ""),
                          key=key, max_chars=NOTE_CHARS, placeholder=t(lang, "l1a.diagnosis.evidence_hint"),
                          label_visibility="collapsed", disabled=ws.disabled, on_change=ws.set_from_widget,
                          args=(["rounds", round_id, "evidence", item.id], key))


def stuck(ctx: Context, ws: WorksheetEditor, result: dg.DiagnosisResult | None, m: dg.DiagnosisMethod,
          round_id: str) -> None:
    """Where this round says the company is stuck, with the tools that address each place."""
    lang = ctx.lang
    done = result.round(round_id) if result else None
    if done is None or not done.complete:
        scored = done.scored if done else 0
        not_scored(lang, t(lang, "l1a.diagnosis.stuck"),
                   t(lang, "l1a.diagnosis.rate_first", scored=scored, total=len(m.items())))
        return
    means = st.columns(2)
    means[0].metric(t(lang, "l1a.diagnosis.stages_mean"), f"{done.stages_mean:.1f}")
    means[1].metric(t(lang, "l1a.diagnosis.dilemmas_mean"), f"{done.dilemmas_mean:.1f}")
    if done.unsupported:
        st.warning(t(lang, "l1a.diagnosis.unsupported", items=_names(done.unsupported, m, lang)),
                   icon=":material/edit_note:")
    if not done.stuck:
        st.success(t(lang, "l1a.diagnosis.nowhere"), icon=":material/check_circle:")
        st.caption(t(lang, "l1a.diagnosis.weakest", items=_names(done.weakest, m, lang)))
        return
    st.markdown(f"**{t(lang, 'l1a.diagnosis.stuck_at', cut=f'{m.stuck_max:g}')}**")
    for item_id in done.stuck:
        item = m.item(item_id)
        with st.container(border=True):
            rating = ws.data["rounds"][round_id]["scores"][item_id]
            st.markdown(f"**{item.name(lang)}** · {t(lang, 'l1a.diagnosis.rating')} {rating:g}")
            if registered(item.tools):
                st.caption(t(lang, "l1a.diagnosis.tools_for"))
                tool_links(ctx, item.tools, f"diagnosis-links-{round_id}-{item_id}")
            else:
                st.caption(t(lang, "l1a.diagnosis.no_tool"))


def _names(ids: list[str], m: dg.DiagnosisMethod, lang: str) -> str:
    return t(lang, "common.list_separator").join(m.item(i).name(lang) for i in ids)


def _both(data: dict, result: dg.DiagnosisResult, m: dg.DiagnosisMethod, lang: str) -> tuple[go.Figure]:
    series = [(r.name(lang), [data["rounds"][r.id]["scores"][i] for i in m.item_ids()]) for r in m.rounds
              if (done := result.round(r.id)) and done.complete]
    return (radar_figure([i.name(lang) for i in m.items()], series, m.scale, height=420),)


def change(ws: WorksheetEditor, result: dg.DiagnosisResult | None, m: dg.DiagnosisMethod, lang: str) -> None:
    """The two rounds side by side: each rating, the change, and both profiles on one radar."""
    if result is None or not any(r.complete for r in result.rounds):
        not_scored(lang, t(lang, "l1a.diagnosis.change"), t(lang, "l1a.diagnosis.change_first"))
        return
    start, end = m.rounds
    rounds = ws.data["rounds"]
    deltas = {c.item: c.delta for c in result.changes}
    rows = [{t(lang, "l1a.diagnosis.item"): item.name(lang),
             start.name(lang): _shown(rounds.get(start.id, {}).get("scores", {}).get(item.id)),
             end.name(lang): _shown(rounds.get(end.id, {}).get("scores", {}).get(item.id)),
             t(lang, "l1a.diagnosis.change"): signed(deltas[item.id]) if item.id in deltas else "—",
             t(lang, "l1a.diagnosis.evidence"): rounds.get(end.id, {}).get("evidence", {}).get(item.id)
             or rounds.get(start.id, {}).get("evidence", {}).get(item.id, "")} for item in m.items()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="diagnosis.change_table")
    if result.moved:
        st.info(t(lang, "l1a.diagnosis.moved_line", moves=t(lang, "common.list_separator").join(
            f"{m.item(c.item).name(lang)} {signed(c.delta)}" for c in result.changes if c.item in result.moved)),
            icon=":material/trending_up:")
    elif not result.changes or len([r for r in result.rounds if r.complete]) < 2:
        st.caption(t(lang, "l1a.diagnosis.end_later"))
    chart(tool_figures(ws, _both)[0], ws.key("rounds_radar"))


def _shown(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def actions(ctx: Context, ws: WorksheetEditor, result: dg.DiagnosisResult | None, m: dg.DiagnosisMethod) -> None:
    """The group's action suggestions: what, for which stage or dilemma, with which tool, who."""
    lang = ctx.lang
    items = {i.id: i.name(lang) for i in m.items()}
    tools = {i: TOOLS[i].name(lang) for i in TOOLS}
    if result and result.suggested:
        st.caption(t(lang, "l1a.diagnosis.suggested_line", tools=t(lang, "common.list_separator").join(
            tools[i] for i in registered(result.suggested))))
    # a new row starts at where the company is stuck most and a tool for it (an empty choice would read "Select...")
    latest = result.round(result.latest) if result and result.latest else None
    item = latest.stuck[0] if latest and latest.stuck else m.items()[0].id
    tool = next(iter(registered(m.item(item).tools)), next(iter(tools)))
    columns = {
        "key": None,
        "text": st.column_config.TextColumn(t(lang, "l1a.diagnosis.action"), max_chars=NOTE_CHARS, width="large"),
        "item": st.column_config.SelectboxColumn(t(lang, "l1a.diagnosis.for_item"), options=list(items),
                                                 format_func=items.get, default=item),
        "tool": st.column_config.SelectboxColumn(t(lang, "l1a.diagnosis.tool"), options=list(tools),
                                                 format_func=tools.get, default=tool),
        "owner": st.column_config.TextColumn(t(lang, "kinds.owner"), max_chars=NAME_CHARS),
    }

    def to_data(edited: list[dict]) -> dict:
        kept = [r for r in edited if typed(r, ignore=("key",))]
        return {**ws.data, "actions": [{"key": r.get("key") or dg.new_key(), "text": r.get("text") or "",
                                        "item": r.get("item"), "tool": r.get("tool"), "owner": r.get("owner") or ""}
                                       for r in kept]}

    drafts = [(a.get("item") and items.get(a["item"]) or t(lang, "draft.row", n=n + 1), ["text"])
              for n, a in enumerate(ws.data["actions"]) if not a.get("text")]
    autosave_table(ws, "actions", ws.data["actions"], columns, to_data, rebuild=True, drafts=drafts)
    linked = list(dict.fromkeys(a["tool"] for a in ws.data["actions"] if a.get("tool") and a.get("text")))
    if linked:
        st.caption(t(lang, "l1a.diagnosis.open_tools"))
        tool_links(ctx, linked, "diagnosis-action-links")
