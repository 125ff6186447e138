"""The SPIN planner page's panels: the pain points (from the group's value proposition for the account),
the question plan per contact (contacts from the relationship map), the observer's tap sheet with its
stopwatch, and the plan set beside what the observer heard."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from kamcore.charts import FONT, chart_text
from kamcore.i18n import t
from kamcore.methods import buying_centre as bc
from kamcore.methods import value_proposition as vp
from kamcore.methods import value_strategy as vs
from kamcore.methods.common import NAME_CHARS, SHORT_TEXT_CHARS, typed
from kamcore.tools.value_strategy import counts_line, flags_text
from ui.components import autosave_table, chart, not_scored, tool_figures
from ui.lecture1 import tool_links
from ui.session import Context
from ui.text import plain
from ui.timer import clock
from ui.worksheet import WorksheetEditor


def _other(ctx: Context, tool_id: str, model: Any, account_key: str) -> Any | None:
    """Another tool's saved work for this account, validated by its own model (None: none, or unreadable)."""
    saved = ctx.workspace.worksheet(tool_id, account_key)
    if saved is None:
        return None
    try:
        return model.model_validate(saved.data, context={"method": ctx.method(tool_id)})
    except ValidationError:
        return None


def pains(ctx: Context, ws: WorksheetEditor, account_key: str) -> None:
    """What the value proposition addresses, read from it; typed here only where there is none."""
    lang = ctx.lang
    proposition = _other(ctx, vp.TOOL_ID, vp.ValuePropositionInput, account_key)
    found = vs.proposition_pains(proposition) if proposition is not None else []
    if found:
        st.caption(t(lang, "l2a.spin.pains_from_vp"))
        st.markdown("\n".join(f"- {plain(text)}" for text in found))
        tool_links(ctx, [vp.TOOL_ID], "spin-vp-link")
        if not ws.data["pains"]:
            return
        st.caption(t(lang, "l2a.spin.pains_extra"))
    else:
        st.caption(t(lang, "l2a.spin.pains_own"))
        tool_links(ctx, [vp.TOOL_ID], "spin-vp-link")
    columns = {"key": None, "text": st.column_config.TextColumn(t(lang, "l2a.spin.pain"), max_chars=SHORT_TEXT_CHARS,
                                                                width="large")}

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        return {**ws.data, "pains": [{"key": r.get("key") or vs.new_key(), "text": r.get("text") or ""}
                                     for r in edited if typed(r, ignore=("key",))]}

    autosave_table(ws, "pains", ws.data["pains"], columns, to_data, rebuild=True)


def contacts(ctx: Context, account_key: str) -> list[str]:
    """The relationship map's people for this account, most influential first ([] without a map)."""
    centre = _other(ctx, bc.TOOL_ID, bc.BuyingCentreInput, account_key)
    return [c.name for c in bc.target_contacts(centre)] if centre is not None else []


def plan(ctx: Context, ws: WorksheetEditor, m: vs.ValueStrategyMethod, result: vs.ValueStrategyResult | None,
         account_key: str) -> None:
    """The questions for the next meeting, one row each, and each contact's balance."""
    lang = ctx.lang
    people = contacts(ctx, account_key)
    st.caption(t(lang, "l2a.spin.contacts_from_centre" if people else "l2a.spin.contacts_typed"))
    typed_names = [q["contact"] for q in ws.data["questions"] if q.get("contact")]
    options = list(dict.fromkeys([*people, *typed_names]))
    types = {ty.id: f"{ty.short} · {ty.name(lang)}" for ty in m.types}
    contact = (st.column_config.SelectboxColumn(t(lang, "l2a.spin.col.contact"), options=options, default=options[0])
               if people else st.column_config.TextColumn(t(lang, "l2a.spin.col.contact"), max_chars=NAME_CHARS))
    columns = {"key": None, "contact": contact,
               "type": st.column_config.SelectboxColumn(t(lang, "l2a.spin.col.type"), options=list(types),
                                                        format_func=types.get, default=m.types[0].id),
               "text": st.column_config.TextColumn(t(lang, "l2a.spin.col.question"), max_chars=SHORT_TEXT_CHARS,
                                                   width="large"),
               "answer": st.column_config.TextColumn(t(lang, "l2a.spin.col.answer"), max_chars=SHORT_TEXT_CHARS)}

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        kept = [r for r in edited if typed({"text": r.get("text"), "answer": r.get("answer")})]
        return {**ws.data, "questions": [{"key": r.get("key") or vs.new_key(), "contact": r.get("contact") or "",
                                          "type": r.get("type"), "text": r.get("text") or "",
                                          "answer": r.get("answer") or ""} for r in kept]}

    drafts = [(q.get("text") or t(lang, "draft.row", n=n + 1), [c for c in ("contact", "type", "text") if not q.get(c)])
              for n, q in enumerate(ws.data["questions"]) if not all(q.get(c) for c in ("contact", "type", "text"))]
    autosave_table(ws, "questions", ws.data["questions"], columns, to_data, rebuild=True, drafts=drafts)
    st.caption(" · ".join(f"**{ty.short}** {ty.name(lang)}: {ty.description(lang)}" for ty in m.types))
    if result is None or not result.plans:
        not_scored(lang, t(lang, "l2a.spin.balance"), t(lang, "l2a.spin.first"))
        return
    for contact_plan in result.plans:
        line = t(lang, "l2a.spin.contact_plan", contact=plain(contact_plan.contact),
                 counts=counts_line(contact_plan.tally, m))
        if contact_plan.tally.balanced:
            st.success(f"{line} · {t(lang, 'l2a.spin.balanced')}", icon=":material/check_circle:")
        else:
            st.warning(f"{line} · " + " · ".join(flags_text(contact_plan.tally, m, lang)), icon=":material/balance:")


# ---- the observer: one tap per question or move as heard ---------------------------------------------

def observer(ws: WorksheetEditor, m: vs.ValueStrategyMethod, lang: str) -> None:
    """Big buttons to tap as the role-play goes, a stopwatch, the outcome; every tap is saved at once."""
    observed = ws.data.get("observed") or {}
    st.caption(t(lang, "l2a.spin.observer_help"))
    stopwatch(ws, observed, lang)
    counts, moves = observed.get("counts") or {}, observed.get("moves") or {}
    for n, ty in enumerate(m.types):
        if n % 2 == 0:
            cells = st.columns(2)
        cells[n % 2].button(f"{ty.short} · {ty.name(lang)} · {counts.get(ty.id, 0)}", key=ws.key("tap", ty.id),
                            type="primary", width="stretch", disabled=ws.disabled, on_click=_commit,
                            args=(ws, vs.tapped, "counts", ty.id))
    for n, move in enumerate(m.moves):
        if n % 2 == 0:
            cells = st.columns(2)
        cells[n % 2].button(f"{move.name(lang)} · {moves.get(move.id, 0)}", key=ws.key("tap", move.id),
                            width="stretch", disabled=ws.disabled, on_click=_commit,
                            args=(ws, vs.tapped, "moves", move.id))
    st.button(t(lang, "l2a.spin.undo"), key=ws.key("untap"), icon=":material/undo:", on_click=_commit,
              args=(ws, lambda data: vs.untapped(data)), disabled=ws.disabled or not observed.get("last"))
    outcomes = {o.id: o.name(lang) for o in m.outcomes}
    key = ws.field_key("outcome", ["observed", "outcome"])
    chosen = observed.get("outcome")
    st.selectbox(t(lang, "l2a.spin.outcome"), list(outcomes), index=list(outcomes).index(chosen)
                 if chosen in outcomes else None, format_func=outcomes.get, key=key, disabled=ws.disabled,
                 placeholder=t(lang, "lang_fix.choose"), on_change=_set_outcome, args=(ws, key))


def _commit(ws: WorksheetEditor, change: Any, *args: str) -> None:
    ws.commit(change(ws.data, *args))


def _set_outcome(ws: WorksheetEditor, key: str) -> None:
    ws.commit({**ws.data, "observed": {**(ws.data.get("observed") or {}), "outcome": st.session_state[key]}})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stopwatch(ws: WorksheetEditor, observed: dict[str, Any], lang: str) -> None:
    """The role-play's running time (kept in the store: a reload or another phone sees the same time)."""
    watch = vs.Observation.model_validate({k: observed[k] for k in ("elapsed", "started") if k in observed})
    running = watch.started is not None
    seconds = watch.seconds(_now())
    shown, start, reset = st.columns([2, 1, 1], vertical_alignment="center")
    with shown:
        st.html(_clock_html(seconds, running, lang), unsafe_allow_javascript=running)
    start.button(t(lang, "l2a.spin.stop" if running else "l2a.spin.start"), key=ws.key("watch"), width="stretch",
                 icon=":material/pause:" if running else ":material/play_arrow:", disabled=ws.disabled,
                 on_click=_toggle_watch, args=(ws,))
    with reset.popover(t(lang, "l2a.spin.reset"), icon=":material/restart_alt:", width="stretch",
                       disabled=ws.disabled):
        st.caption(t(lang, "l2a.spin.reset_confirm"))  # one tap must not wipe a role-play's tally
        st.button(t(lang, "l2a.spin.reset"), key=ws.key("watch_reset"), type="primary", on_click=_reset, args=(ws,))


def _toggle_watch(ws: WorksheetEditor) -> None:
    observed = dict(ws.data.get("observed") or {})
    watch = vs.Observation.model_validate({k: observed[k] for k in ("elapsed", "started") if k in observed})
    if watch.started is None:
        observed["started"] = _now().isoformat()
    else:
        observed.update(elapsed=watch.seconds(_now()), started=None)
    ws.commit({**ws.data, "observed": observed})


def _reset(ws: WorksheetEditor) -> None:
    ws.replace({**ws.data, "observed": {}})


def _clock_html(seconds: int, running: bool, lang: str) -> str:
    label = html.escape(t(lang, "l2a.spin.elapsed"))
    box = (f'<div class="kam-stopwatch" role="timer" aria-label="{label}" style="font-size:1.8rem;font-weight:700;'
           f'font-variant-numeric:tabular-nums;color:{"#cf222e" if running else "#57606a"}">'
           f'<span style="font-size:0.6em;font-weight:400">{label}</span> '
           f'<span class="kam-sw-text">{clock(seconds)}</span>'
           "</div>")
    if not running:
        return box
    return box + f"""<script>(() => {{
  const boxes = document.getElementsByClassName("kam-stopwatch"), box = boxes[boxes.length - 1];
  if (!box) return;
  const text = box.querySelector(".kam-sw-text"), from = performance.now() - {seconds * 1000};
  const tick = () => {{
    if (!box.isConnected) {{ clearInterval(handle); return; }}
    const s = Math.floor((performance.now() - from) / 1000);
    text.textContent = String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  }};
  const handle = setInterval(tick, 500);
}})();</script>"""


# ---- the plan beside the role-play ---------------------------------------------------------------------

def compare(ws: WorksheetEditor, m: vs.ValueStrategyMethod, result: vs.ValueStrategyResult | None, lang: str) -> None:
    """Per question type: planned and heard, with their shares; the coach's flags on what was heard."""
    if result is None or not result.observed.total:
        not_scored(lang, t(lang, "l2a.spin.observed"), t(lang, "l2a.spin.nothing_heard"))
        return
    planned, heard = result.planned, result.observed

    def share(tally: vs.Tally, type_id: str) -> str:
        return f"{100 * tally.counts[type_id] / tally.total:.0f}%" if tally.total else "—"

    rows = [{t(lang, "l2a.spin.type"): ty.name(lang), t(lang, "l2a.spin.planned"): planned.counts[ty.id],
             f"{t(lang, 'l2a.spin.planned')} %": share(planned, ty.id),
             t(lang, "l2a.spin.observed"): heard.counts[ty.id],
             f"{t(lang, 'l2a.spin.observed')} %": share(heard, ty.id)} for ty in m.types]
    st.markdown(f"**{t(lang, 'l2a.spin.compare_table')}**")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="spin.compare_table")
    st.metric(t(lang, "l2a.spin.ratio"), "—" if heard.ratio is None else f"{heard.ratio:.2f}",
              help=t(lang, "l2a.spin.formula", share=f"{m.balance.max_situation_share:g}"))
    outcome = m.name_of("outcomes", (ws.data.get("observed") or {}).get("outcome"))
    st.markdown(f"**{t(lang, 'l2a.spin.outcome')}** · {outcome(lang) if outcome else '—'}")
    for flag in flags_text(heard, m, lang):
        st.warning(flag, icon=":material/record_voice_over:")
    chart(tool_figures(ws, _bars)[0], ws.key("spin_bars"))


def _bars(data: dict[str, Any], result: vs.ValueStrategyResult, m: vs.ValueStrategyMethod, lang: str) -> tuple:
    names = [chart_text(ty.name(lang)) for ty in m.types]
    traces = [dict(type="bar", name=chart_text(t(lang, label)), x=names, y=[tally.counts[ty.id] for ty in m.types],
                   marker=dict(color=color), text=[tally.counts[ty.id] for ty in m.types], textposition="outside")
              for label, tally, color in (("l2a.spin.planned", result.planned, "#8c959f"),
                                          ("l2a.spin.observed", result.observed, "#0550ae"))]
    return (go.Figure(data=traces, layout=dict(barmode="group", height=320, font=dict(family=FONT),
                                               plot_bgcolor="white", margin=dict(l=10, r=10, t=30, b=10),
                                               legend=dict(orientation="h", y=1.1),
                                               yaxis=dict(gridcolor="#eee", rangemode="tozero"))),)
