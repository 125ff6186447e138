"""The lifetime-value page's panels: the account's figures, its value with the sensitivity to retention
and the offer to account selection, and the group's accounts ranked by lifetime value."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from kamcore.errors import UserError
from kamcore.export.book import money
from kamcore.i18n import t
from kamcore.methods import lifetime_value as lv
from kamcore.methods import selection as sel
from kamcore.store import Account
from kamcore.tools import TOOLS
from kamcore.tools.lifetime_value import curve_figure, horizon_text, label, times
from ui.components import cached_result, chart, not_scored, tool_figures
from ui.layout import wide_dataframe
from ui.session import Context
from ui.text import plain, show_error
from ui.worksheet import WorksheetEditor

FLASH_KEY = "l3a.clv.flash"
# On a phone Streamlit stacks columns one under another: the four figures stay two a row, in smaller type.
_TWO_A_ROW = """<style>@media (max-width: 640px) {
  .st-key-l3a-clv-metrics [data-testid="stHorizontalBlock"] { flex-direction: row; flex-wrap: wrap; gap: 0.5rem; }
  .st-key-l3a-clv-metrics [data-testid="stColumn"] { flex: 1 1 calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important; }
  .st-key-l3a-clv-metrics [data-testid="stMetricValue"] { font-size: 1.3rem; }
}</style>"""
AMOUNTS = ("margin", "cost_to_serve", "team_cost")
RATES = {"retention": (0.0, 100.0), "discount": (0.0, 100.0), "growth": (-50.0, 100.0)}


def _number(ws: WorksheetEditor, where: Any, field: str, low: float, high: float, step: float) -> None:
    key = ws.field_key("num", [field])
    value = ws.data.get(field)
    where.number_input(label(field, ws.lang), min_value=low, max_value=high, step=step, format="%g",
                       value=None if value is None else float(value), key=key, disabled=ws.disabled,
                       on_change=ws.set_from_widget, args=([field], key))


def inputs(ws: WorksheetEditor, m: lv.LifetimeMethod, lang: str) -> None:
    """The margin and the account's own costs, the rates, the horizon and the timing convention."""
    for column, field in zip(st.columns(3), AMOUNTS, strict=True):
        _number(ws, column, field, 0.0, lv.LIMIT, 10000.0)
    for column, (field, (low, high)) in zip(st.columns(3), RATES.items(), strict=True):
        _number(ws, column, field, low, high, 1.0)
    finite, years, cost = st.columns(3, vertical_alignment="bottom")
    key = ws.field_key("finite", ["horizon"])
    finite.toggle(t(lang, "l3a.clv.finite"), value=ws.data.get("horizon") is not None, key=key, disabled=ws.disabled,
                  on_change=_switch_horizon, args=(ws, key))
    if ws.data.get("horizon") is not None:
        years_key = ws.field_key("years", ["horizon"])
        years.number_input(t(lang, "l3a.clv.horizon_years"), min_value=1, max_value=lv.MAX_HORIZON, step=1,
                           value=int(ws.data["horizon"]), key=years_key, disabled=ws.disabled,
                           on_change=ws.set_from_widget, args=(["horizon"], years_key))
    else:
        years.markdown(f"{label('horizon', lang)}: **{t(lang, 'l3a.clv.forever')}**")
    _number(ws, cost, "acquisition", 0.0, lv.LIMIT, 10000.0)
    key = ws.field_key("convention", ["convention"])
    ids = [c.id for c in m.conventions]
    st.radio(label("convention", lang), ids, index=ids.index(m.convention(ws.data.get("convention")).id), key=key,
             format_func=lambda c: m.convention(c).name(lang), disabled=ws.disabled,
             on_change=ws.set_from_widget, args=(["convention"], key))
    st.caption(m.convention(ws.data.get("convention")).explain(lang))


def _switch_horizon(ws: WorksheetEditor, key: str) -> None:
    ws.set_value(["horizon"], 10 if st.session_state[key] else None, rebuild=True)


def value(ctx: Context, ws: WorksheetEditor, account: Account, result: lv.LifetimeResult | None,
          m: lv.LifetimeMethod) -> None:
    """The value, the multiple and what more retention is worth; the curve; the offer to selection."""
    lang = ctx.lang
    if result is None or not result.complete:
        _not_yet(ws, m, lang)
        return
    data, points = ws.data, f"{m.retention_uplift:g}"
    st.html(_TWO_A_ROW)
    with st.container(key="l3a-clv-metrics"):
        cols = st.columns(4)
        cols[0].metric(label("net_margin", lang), money(result.net_margin, lang))
        cols[1].metric(label("multiple", lang), times(result.multiple))
        cols[2].metric(label("clv", lang), money(result.clv, lang))
        cols[3].metric(t(lang, "l3a.clv.uplift_short", points=points),
                       "—" if result.uplift is None else money(result.uplift, lang))
    st.caption(t(lang, "l3a.clv.inputs_line", margin=money(result.net_margin, lang),
                 retention=f"{data['retention']:g}", discount=f"{data['discount']:g}", growth=f"{data['growth']:g}",
                 horizon=horizon_text(data["horizon"], lang)) + " · " + m.convention(data["convention"]).name(lang))
    if result.uplift is None:
        st.warning(t(lang, "l3a.clv.uplift_none", points=points), icon=":material/all_inclusive:")
    else:
        st.success(t(lang, "l3a.clv.uplift_line", points=points, value=money(result.uplift, lang)) + " "
                   + t(lang, "l3a.clv.uplift_help"), icon=":material/trending_up:")
    chart(tool_figures(ws, _curve)[0], ws.key("clv_curve"), t(lang, "l3a.clv.chart_title"))
    with st.expander(t(lang, "l3a.clv.years_title"), icon=":material/table_rows:"):
        st.dataframe(pd.DataFrame({t(lang, "l3a.clv.year"): range(1, len(result.years) + 1),
                                   t(lang, "l3a.clv.present_value"): [round(v) for v in result.years]}),
                     hide_index=True, placeholder="")
    _selection(ctx, account, result, m)


def _curve(data: dict, result: lv.LifetimeResult, m: lv.LifetimeMethod, lang: str) -> tuple[go.Figure]:
    return (curve_figure(result, data["retention"], lang),)


def _not_yet(ws: WorksheetEditor, m: lv.LifetimeMethod, lang: str) -> None:
    try:
        missing = ws.tool.validate(ws.data, m).missing()
    except ValidationError:
        return  # evaluate() has shown why
    not_scored(lang, label("clv", lang), t(lang, "l3a.clv.first"))
    if missing:
        st.caption(t(lang, "l3a.clv.missing", fields=t(lang, "common.list_separator").join(
            label(f, lang) for f in missing)))


def _criterion_name(sel_m: sel.SelectionMethod, criterion: str, lang: str) -> str:
    spec = next((c for c in sel_m.attractiveness_criteria if c.id == criterion), None)
    return spec.name(lang) if spec else criterion


def _selection(ctx: Context, account: Account, result: lv.LifetimeResult, m: lv.LifetimeMethod) -> None:
    """The value offered as selection's "future sales and profit": the score it maps to, the score there
    now, and a button that saves it into the group's selection worksheet."""
    lang, sel_m = ctx.lang, ctx.method(sel.TOOL_ID)
    criterion = _criterion_name(sel_m, m.selection.criterion, lang)
    score = lv.selection_score(result.clv, m, sel_m.attractiveness_scale)
    with st.container(border=True):
        st.markdown(f"**{t(lang, 'l3a.clv.selection_title')}**")
        if done := st.session_state.pop(FLASH_KEY, None):
            st.success(done, icon=":material/check:")
        st.caption(t(lang, "l3a.clv.selection_help", criterion=criterion, value=money(result.clv, lang),
                     score=f"{score:g}"))
        given = lv.selection_given(ctx.workspace, account.key, m)
        st.caption(t(lang, "l3a.clv.selection_none") if given is None
                   else t(lang, "l3a.clv.selection_now", score=f"{given:g}"))
        if st.button(t(lang, "l3a.clv.selection_button", score=f"{score:g}", criterion=criterion),
                     key="l3a.clv.use", icon=":material/input:", disabled=given == score
                     or not ctx.workspace.writable(sel.TOOL_ID)):
            _use(ctx, account, result, m, sel_m, criterion)
        with st.expander(t(lang, "l3a.clv.selection_steps")):
            steps = m.selection.steps
            st.dataframe(pd.DataFrame({t(lang, "l3a.clv.selection_from"): [money(s.min, lang) for s in steps],
                                       t(lang, "l3a.clv.selection_score"): [f"{s.score:g}" for s in steps]}),
                         hide_index=True, placeholder="")


def _use(ctx: Context, account: Account, result: lv.LifetimeResult, m: lv.LifetimeMethod,
         sel_m: sel.SelectionMethod, criterion: str) -> None:
    lang = ctx.lang
    try:
        score = lv.use_in_selection(ctx.workspace, account.key, result.clv, m, sel_m)
    except UserError as error:
        show_error(lang, error)
        return
    st.session_state[FLASH_KEY] = t(lang, "l3a.clv.selection_done", account=plain(account.name), score=f"{score:g}",
                                    criterion=criterion)
    st.rerun()


def ranking(ctx: Context, m: lv.LifetimeMethod) -> None:
    """The group's accounts by lifetime value, each as its own worksheet computes it."""
    lang, tool = ctx.lang, TOOLS[lv.TOOL_ID]
    sel_m = ctx.method(sel.TOOL_ID)
    values, missing = [], []
    for account in ctx.workspace.accounts():
        saved = ctx.workspace.worksheet(lv.TOOL_ID, account.key)
        result = None
        if saved is not None:
            try:
                counted = tool.counted_data(saved.data, m)
                result = None if counted is None else cached_result(lv.TOOL_ID, counted, ctx.overrides(lv.TOOL_ID))
            except ValidationError:
                result = None
        if result is not None and result.complete:
            values.append((account.key, account.name, result))
        else:
            missing.append(account.name)
    st.caption(t(lang, "l3a.clv.ranking_help"))
    if not values:
        st.info(t(lang, "l3a.clv.ranking_none"), icon=":material/info:")
    else:
        criterion = _criterion_name(sel_m, m.selection.criterion, lang)
        frame = pd.DataFrame([{t(lang, "l3a.clv.rank"): r.rank, t(lang, "accounts.choose"): r.name,
                               label("clv", lang): money(r.clv, lang), label("multiple", lang): times(r.multiple),
                               criterion: f"{lv.selection_score(r.clv, m, sel_m.attractiveness_scale):g}"}
                              for r in lv.ranked(values)])
        st.markdown(f"**{t(lang, 'l3a.clv.ranking')}**")
        wide_dataframe("l3a.clv.ranking", lang, frame)
    if missing:
        st.caption(t(lang, "l3a.clv.ranking_missing", names=plain(t(lang, "common.list_separator").join(missing))))
