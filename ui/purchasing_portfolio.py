"""The purchasing portfolio page's panels: items, factor weights, scores, the two views and clashes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kamcore.charts import Axis, Point, matrix_figure
from kamcore.i18n import t
from kamcore.methods import purchasing_portfolio as pp
from kamcore.methods.common import NAME_CHARS, Criterion, criterion_name, typed
from ui.components import (
    autosave_table,
    bound_slider,
    charts_side_by_side,
    not_scored,
    tool_figures,
    verdict,
    weights_form,
)
from ui.layout import wide_dataframe
from ui.text import plain
from ui.worksheet import WorksheetEditor

AXES = {"profit_factors": "profit", "risk_factors": "risk"}


def items_table(ws: WorksheetEditor, m: pp.PurchasingMethod, lang: str) -> None:
    columns = {"key": None,
               "name": st.column_config.TextColumn(t(lang, "pp.item"), max_chars=NAME_CHARS),
               "ours": st.column_config.CheckboxColumn(t(lang, "pp.ours"), default=False)}
    rows = [{"key": i["key"], "name": i["name"], "ours": i["ours"]} for i in ws.data["items"]]
    default_name = t(lang, "pp.default_item")
    autosave_table(ws, "items", rows, columns, lambda edited: pp.with_items(ws.data, [
        r for r in edited if r.get("key") or typed(r, ignore=("ours",))], m, default_name), rebuild=True)


def factor_weights(ws: WorksheetEditor, m: pp.PurchasingMethod, lang: str) -> None:
    for axis in AXES:
        st.markdown(f"#### {t(lang, f'pp.{axis}')}")
        weights_form(ws, axis, ws.data[axis], getattr(m, axis), lang,
                     lambda factors, a=axis: pp.with_factors(ws.data, a, factors, m), decimals=m.decimal_weights)


def score_item(ws: WorksheetEditor, m: pp.PurchasingMethod, lang: str, index: int) -> None:
    for axis, field in AXES.items():
        st.markdown(f"#### {t(lang, f'pp.{axis}')}")
        specs = getattr(m, axis)
        for factor in ws.data[axis]:
            spec = next((s for s in specs if s.id == factor["id"]), None)
            label = plain(criterion_name(Criterion.model_validate(factor), specs, lang))
            bound_slider(ws, ["items", index, field, factor["id"]], m.scale, label,
                         spec.definition(lang) if spec else None)


def our_view(ws: WorksheetEditor, m: pp.PurchasingMethod, lang: str) -> None:
    st.caption(t(lang, "pp.our_view_help"))
    for field in ("attractiveness", "business_value"):
        bound_slider(ws, ["our_view", field], m.preferencing_scale, m.preferencing_axes[field](lang))


def results(result: pp.PurchasingResult, ws: WorksheetEditor, m: pp.PurchasingMethod, lang: str) -> None:
    ours = [i for i in result.items if i.ours]
    for item in ours:
        category = m.kraljic.category(item.quadrant)
        verdict(lang, t(lang, "pp.customer_sees", item=item.name), category.label, category.response, category.color)
    waiting = [i for i in ws.data["items"] if i["key"] in result.unscored]
    if waiting:
        names = t(lang, "common.list_separator").join(i["name"] for i in waiting)
        not_scored(lang, names, t(lang, "draft.pp_items_first"))
    if result.our_view is None:
        not_scored(lang, t(lang, "pp.we_see"), t(lang, "draft.pp_view_first"))
    else:
        box = m.preferencing.category(result.our_view)
        verdict(lang, t(lang, "pp.we_see"), box.label, box.strategy, box.color)
    names = {i.key: i.name for i in result.items}
    for clash in result.clashes:
        st.error(f"{plain(names[clash.item])}: {pp.clash_prompt(clash, m)(lang)}", icon=":material/forum:")
    if ours and result.our_view is not None and not result.clashes:
        st.success(t(lang, "pp.no_clash"), icon=":material/handshake:")
    if not any(i["ours"] for i in ws.data["items"]):
        st.info(t(lang, "pp.mark_ours"), icon=":material/info:")


def table(result: pp.PurchasingResult, m: pp.PurchasingMethod, lang: str) -> None:
    wide_dataframe("purchasing_portfolio.items", lang, pd.DataFrame([{
        t(lang, "pp.item"): ("★ " if i.ours else "") + i.name,
        t(lang, "pp.profit_impact"): round(i.profit_impact, 2), t(lang, "pp.supply_risk"): round(i.supply_risk, 2),
        t(lang, "pp.quadrant"): m.kraljic.category(i.quadrant).label(lang),
        t(lang, "pp.buyer_approach"): m.kraljic.category(i.quadrant).strategy(lang),
    } for i in result.items]), main=[t(lang, "pp.item"), t(lang, "pp.quadrant"), t(lang, "pp.buyer_approach")])


def charts(ws: WorksheetEditor, lang: str) -> None:
    kraljic, preferencing = tool_figures(ws, _figures)
    charts_side_by_side({"pp.kraljic": kraljic, "pp.preferencing": preferencing})


def _figures(data: dict, result: pp.PurchasingResult, m: pp.PurchasingMethod,
             lang: str) -> tuple[go.Figure, go.Figure]:
    scale = (m.scale.min, m.scale.max)
    points = [Point(i.name, i.supply_risk, i.profit_impact, highlight=i.ours, group=t(lang, "pp.ours_legend")
                    if i.ours else t(lang, "pp.others_legend")) for i in result.items]
    kraljic = matrix_figure(points, m.kraljic, lang, Axis(t(lang, "pp.supply_risk"), *scale),
                            Axis(t(lang, "pp.profit_impact"), *scale), title=t(lang, "pp.kraljic_title"))
    view = data["our_view"]
    prefs = (m.preferencing_scale.min, m.preferencing_scale.max)
    here = ([Point(t(lang, "pp.this_account"), view["business_value"], view["attractiveness"], highlight=True)]
            if result.our_view else [])
    preferencing = matrix_figure(here, m.preferencing, lang,
                                 Axis(m.preferencing_axes["business_value"](lang), *prefs),
                                 Axis(m.preferencing_axes["attractiveness"](lang), *prefs),
                                 title=t(lang, "pp.preferencing_title"))
    return kraljic, preferencing
