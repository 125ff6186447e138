"""The development pipeline page's panels: key figures, the opportunities table, moving a deal on with
its stage's exit checklist, the funnel and the stage history."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from kamcore.charts import FONT, chart_text
from kamcore.clock import today
from kamcore.export.book import money
from kamcore.i18n import t
from kamcore.methods import pipeline as pl
from kamcore.methods.common import NAME_CHARS, as_date
from kamcore.tools.pipeline import met_text, stage_color, stage_name
from ui.components import autosave_table, chart
from ui.text import plain
from ui.worksheet import WorksheetEditor

FLASH = "pipeline.flash"


def headline(result: pl.PipelineResult | None, m: pl.PipelineMethod, lang: str) -> None:
    if result is None:
        return
    weighted, total, stale = st.columns(3)
    weighted.metric(t(lang, "l2c.pipeline.weighted_metric"), money(result.weighted, lang))
    total.metric(t(lang, "l2c.pipeline.total_metric"), money(result.total, lang))
    stale.metric(t(lang, "l2c.pipeline.stale_metric"), len(result.stale))
    st.caption(t(lang, "l2c.pipeline.probabilities", stages=t(lang, "common.list_separator").join(
        f"{s.text(lang)} {s.probability:g}%" for s in m.stages)))


def deals(ws: WorksheetEditor, result: pl.PipelineResult | None, m: pl.PipelineMethod, lang: str) -> None:
    """The opportunities, saved on every edit; a stage set here is recorded with today's date."""
    st.caption(t(lang, "l2c.pipeline.table_help"))
    stages = {s.id: stage_name(m, s.id, lang) for s in m.stages}
    columns = {
        "key": None,
        "name": st.column_config.TextColumn(m.field_label("name", lang), max_chars=NAME_CHARS),
        "value": st.column_config.NumberColumn(m.field_label("value", lang), min_value=0, max_value=pl.MAX_VALUE,
                                               step=1000, format="%,.0f"),
        "stage": st.column_config.SelectboxColumn(m.field_label("stage", lang), options=list(stages),
                                                  format_func=stages.get, default=m.stages[0].id),
        "close": st.column_config.DateColumn(m.field_label("close", lang), format="YYYY-MM-DD"),
        "owner": st.column_config.TextColumn(m.field_label("owner", lang), max_chars=NAME_CHARS),
    }
    rows = [{"key": o["key"], "name": o.get("name", ""), "value": o.get("value"), "stage": o.get("stage"),
             "close": as_date(o.get("close")), "owner": o.get("owner", "")} for o in ws.data["opportunities"]]

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        return pl.from_table(ws.data, edited, today())

    autosave_table(ws, "opportunities", rows, columns, to_data, rebuild=True, drafts=_drafts(ws, m, lang))
    stale_warnings(result, m, lang)


def _drafts(ws: WorksheetEditor, m: pl.PipelineMethod, lang: str) -> list[tuple[str, list[str]]]:
    try:
        rows = ws.tool.validate(ws.data, m).opportunities
    except ValidationError:
        return []
    return [(o.name or t(lang, "draft.row", n=n + 1), o.missing()) for n, o in enumerate(rows) if not o.complete()]


def stale_warnings(result: pl.PipelineResult | None, m: pl.PipelineMethod, lang: str) -> None:
    for d in (result.deals if result else []):
        if d.stale:
            st.warning(t(lang, "l2c.pipeline.stale_warning", name=plain(d.name), days=d.days,
                         stage=stage_name(m, d.stage, lang), limit=m.stage(d.stage).limit_days),
                       icon=":material/hourglass_bottom:")


def move(ws: WorksheetEditor, result: pl.PipelineResult | None, m: pl.PipelineMethod, lang: str) -> None:
    """Pick a deal, tick the exit criteria of its stage that are met, and move it to the next stage."""
    for message in st.session_state.pop(FLASH, []):
        st.success(message, icon=":material/check_circle:")
    if not result or not result.deals:
        st.info(t(lang, "l2c.pipeline.no_deals"), icon=":material/info:")
        return
    by_key = {d.key: d for d in result.deals}
    key = st.selectbox(t(lang, "l2c.pipeline.choose_deal"), list(by_key), key="pipeline.move.deal",
                       format_func=lambda k: f"{by_key[k].name} · {stage_name(m, by_key[k].stage, lang)}")
    d = by_key[key]
    stage = m.stage(d.stage)
    if d.since:
        st.markdown(t(lang, "l2c.pipeline.now_in", stage=stage_name(m, d.stage, lang), since=d.since.isoformat(),
                      days=d.days, limit=stage.limit_days))
    else:
        st.markdown(t(lang, "l2c.pipeline.now_in_unknown", stage=stage_name(m, d.stage, lang)))
    following = m.next_stage(d.stage)
    if following is None:
        st.info(t(lang, "l2c.pipeline.last_stage"), icon=":material/flag:")
        return
    st.markdown(f"**{t(lang, 'l2c.pipeline.exit_question', stage=stage.text(lang))}**")
    boxes = {c.id: ws.key("exit", key, d.stage, c.id) for c in stage.exit}
    for c in stage.exit:
        st.checkbox(c.text(lang), key=boxes[c.id], disabled=ws.disabled)
    met = [c for c, box in boxes.items() if st.session_state.get(box)]
    if len(met) == len(stage.exit):
        st.caption(t(lang, "l2c.pipeline.all_met"))
    else:
        st.caption(t(lang, "l2c.pipeline.not_all_met", met=len(met), total=len(stage.exit)))
    st.button(t(lang, "l2c.pipeline.move_to", stage=stage_name(m, following.id, lang)), key=ws.key("move", key),
              type="primary", icon=":material/arrow_forward:", disabled=ws.disabled, on_click=_move,
              args=(ws, key, d.name, following.id, met, stage_name(m, following.id, lang), lang))


def _move(ws: WorksheetEditor, key: str, name: str, to_stage: str, met: list[str], label: str, lang: str) -> None:
    if ws.commit(pl.move(ws.data, key, to_stage, met, today())):
        ws.rebuild()
        st.session_state[FLASH] = [t(lang, "l2c.pipeline.moved", name=plain(name), stage=label)]


def funnel_figure(result: pl.PipelineResult, m: pl.PipelineMethod, lang: str) -> go.Figure:
    """Each stage's value, widest first, with its weighted value beside it."""
    labels = [chart_text(stage_name(m, s.stage, lang)) for s in result.stages]
    return go.Figure(go.Funnel(
        y=labels, x=[s.value for s in result.stages], marker=dict(color=[stage_color(n) for n in range(len(labels))]),
        text=[f"{money(s.value, lang)} · {money(s.weighted, lang)}" for s in result.stages], textinfo="text",
        textposition="auto", insidetextanchor="middle", hoverinfo="y+text",
        connector=dict(fillcolor="#F1F4F8", line=dict(width=0))),
        layout=dict(height=420, font=dict(family=FONT), margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white"))


def funnel(result: pl.PipelineResult | None, m: pl.PipelineMethod, lang: str) -> None:
    if not result or not result.deals:
        st.info(t(lang, "l2c.pipeline.no_deals"), icon=":material/info:")
        return
    st.caption(t(lang, "l2c.pipeline.weighted_caption", weighted=money(result.weighted, lang),
                 total=money(result.total, lang), count=len(result.deals)))
    chart(funnel_figure(result, m, lang), key="pipeline.funnel", title=t(lang, "l2c.pipeline.funnel"))


def history(ws: WorksheetEditor, m: pl.PipelineMethod, lang: str) -> None:
    """Every stage change, deal by deal, by date."""
    try:
        opportunities = ws.tool.validate(ws.data, m).opportunities
    except ValidationError:
        return
    rows = [{m.field_label("name", lang): o.name, m.field_label("date", lang): c.date.isoformat(),
             m.field_label("stage", lang): stage_name(m, c.stage, lang),
             m.field_label("met", lang): met_text(c, m, lang)}
            for o in opportunities for c in pl.ordered_history(o)]
    if not rows:
        st.info(t(lang, "l2c.pipeline.history_empty"), icon=":material/info:")
        return
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="pipeline.history")
