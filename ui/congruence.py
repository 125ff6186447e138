"""The congruence page's panels: each element scored with its justification, the radar over the
trainer's reference, the gaps the method's rules find and the priorities that follow."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import streamlit as st

from kamcore.i18n import t
from kamcore.methods import congruence as cg
from kamcore.methods.common import NOTE_CHARS
from kamcore.tools.lecture1 import radar_figure
from ui.components import chart, not_scored, score_input, tool_figures
from ui.lecture1 import tool_links
from ui.session import Context, workshops
from ui.worksheet import WorksheetEditor


def elements(ws: WorksheetEditor, m: cg.CongruenceMethod, lang: str) -> None:
    """Each element: its score as pills (the question and anchors as help) and the justification."""
    for x in m.elements:
        anchors = [f"{t(lang, f'anchors.{level}')}: {getattr(x.anchors, level)(lang)}"
                   for level in ("low", "medium", "high")] if x.anchors else []
        score_input(ws, ["scores", x.id], ws.data["scores"].get(x.id), m.scale.values, x.name(lang),
                    " · ".join([x.question(lang), *anchors]))
        key = ws.field_key("note", ["notes", x.id])
        st.text_input(t(lang, "l1a.congruence.note"), value=ws.data["notes"].get(x.id, ""), key=key,
                      max_chars=NOTE_CHARS, placeholder=t(lang, "l1a.congruence.note_hint"), disabled=ws.disabled,
                      label_visibility="collapsed", on_change=ws.set_from_widget, args=(["notes", x.id], key))


def _radar(data: dict, result: cg.CongruenceResult, m: cg.CongruenceMethod, lang: str,
           trainer: str = "[]") -> tuple[go.Figure]:
    """Our profile over the method's reference, and the trainer's model answer once it is revealed."""
    series = [(t(lang, "l1a.congruence.ours"), [data["scores"][x.id] for x in m.elements])]
    if answer := json.loads(trainer):
        series.append((t(lang, "workshop.trainer_answer"), answer))
    reference = (m.reference.label(lang), [m.reference.scores[x.id] for x in m.elements])
    return (radar_figure([x.name(lang) for x in m.elements], series, m.scale, reference, height=380),)


def trainer_scores(ctx: Context, m: cg.CongruenceMethod) -> list[float]:
    """The trainer's model answer, scored in full, once the trainer reveals it to the room (else none)."""
    if ctx.workspace.trainer or not ctx.workshop.revealed(cg.TOOL_ID):
        return []
    for answer in workshops().model_answers(ctx.workshop, cg.TOOL_ID):
        scores = answer.data.get("scores", {})
        if all(x.id in scores for x in m.elements):
            return [scores[x.id] for x in m.elements]
    return []


def outcome(ctx: Context, ws: WorksheetEditor, result: cg.CongruenceResult | None, m: cg.CongruenceMethod) -> None:
    lang = ctx.lang
    if result is None:
        return
    if result.unjustified:
        st.warning(t(lang, "l1a.congruence.unjustified", names=_names(result.unjustified, m, lang)),
                   icon=":material/edit_note:")
    if result.missing:
        not_scored(lang, t(lang, "l1a.congruence.gaps"),
                   t(lang, "l1a.congruence.score_first", names=_names(result.missing, m, lang)))
        return
    chart(tool_figures(ws, _radar, json.dumps(trainer_scores(ctx, m)))[0], ws.key("radar"))
    mean, gaps = st.columns(2)
    mean.metric(t(lang, "l1a.congruence.mean"), f"{result.mean:.2f}")
    gaps.metric(t(lang, "l1a.congruence.gaps"), result.gaps)
    st.caption(t(lang, "l1a.congruence.rules", low=f"{m.low_max:g}", gap=f"{m.gap_min:g}"))
    if result.fits:
        st.success(t(lang, "l1a.congruence.verdict_fit"), icon=":material/check_circle:")
    for p in result.pairs:
        st.warning(t(lang, "l1a.congruence.pair_found", high=m.element(p.high).name(lang),
                     low=m.element(p.low).name(lang), gap=f"{p.gap:g}"), icon=":material/compare_arrows:")
    if result.low:
        st.warning(t(lang, "l1a.congruence.low_line", names=_names(result.low, m, lang)), icon=":material/south:")


def priorities(ctx: Context, ws: WorksheetEditor, result: cg.CongruenceResult | None, m: cg.CongruenceMethod) -> None:
    """The elements to work on, lowest first: the course's advice, the tools for it, the group's own plan."""
    lang = ctx.lang
    if result is None or result.missing:
        not_scored(lang, t(lang, "l1a.congruence.priorities"),
                   t(lang, "l1a.congruence.score_first", names=_names(result.missing if result else [], m, lang)))
        return
    if not result.priorities:
        st.success(t(lang, "l1a.congruence.verdict_fit"), icon=":material/check_circle:")
        return
    st.caption(t(lang, "l1a.congruence.priorities_help"))
    for n, element_id in enumerate(result.priorities, start=1):
        x = m.element(element_id)
        with st.container(border=True):
            st.markdown(f"**{n}. {x.name(lang)}** · {t(lang, 'kinds.score')} {ws.data['scores'][x.id]:g}")
            st.write(x.priority(lang))
            tool_links(ctx, x.tools, f"congruence-links-{x.id}")
            key = ws.field_key("action", ["actions", x.id])
            st.text_input(t(lang, "l1a.congruence.our_action"), value=ws.data["actions"].get(x.id, ""), key=key,
                          max_chars=NOTE_CHARS, placeholder=t(lang, "l1a.congruence.action_hint"),
                          disabled=ws.disabled, on_change=ws.set_from_widget, args=(["actions", x.id], key))


def _names(ids: list[str], m: cg.CongruenceMethod, lang: str) -> str:
    return t(lang, "common.list_separator").join(m.element(i).name(lang) for i in ids)
