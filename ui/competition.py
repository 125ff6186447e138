"""The competition page's panels: threats, suppliers and benefits, ratings, results, positioning."""

from __future__ import annotations

import zlib

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kamcore.charts import Axis, Point, Region, Series, regions_figure, value_curve_figure
from kamcore.i18n import t
from kamcore.methods import competition as comp
from kamcore.methods.common import LONG_NOTE_CHARS, NAME_CHARS, SHORT_TEXT_CHARS, Criterion, criterion_name, typed
from kamcore.tools import TOOLS
from ui.components import autosave_table, charts_side_by_side, not_scored, tool_figures, weights_form
from ui.layout import wide_dataframe
from ui.text import plain
from ui.worksheet import WorksheetEditor


def _benefit_name(benefit: dict, m: comp.CompetitionMethod, lang: str) -> str:
    return criterion_name(Criterion.model_validate(benefit), m.benefits, lang)


def threats(ws: WorksheetEditor, m: comp.CompetitionMethod, lang: str) -> None:
    types = {c.id: c.label(lang) for c in m.competitor_types}
    scale = dict(min_value=int(m.threat_scale.min), max_value=int(m.threat_scale.max), step=1)
    columns = {
        "type": st.column_config.SelectboxColumn(t(lang, "comp.type"), options=list(types), format_func=types.get,
                                                 default="direct"),
        "player": st.column_config.TextColumn(t(lang, "comp.player"), max_chars=NAME_CHARS),
        "likelihood": st.column_config.NumberColumn(t(lang, "comp.likelihood"), **scale),
        "impact": st.column_config.NumberColumn(t(lang, "comp.impact"), **scale),
    }
    rows = [{c: threat.get(c) for c in columns} for threat in ws.data["threats"]]
    drafts = [(threat.player or t(lang, "draft.row", n=n + 1), threat.missing())
              for n, threat in ((n, comp.Threat.model_validate(r)) for n, r in enumerate(ws.data["threats"]))
              if not threat.complete()]
    autosave_table(ws, "threats", rows, columns, lambda edited: {**ws.data, "threats": [
        {**r, "type": r.get("type") or "direct", "player": r.get("player") or ""}
        for r in edited if typed(r, ignore=("type",))]}, drafts=drafts)
    with st.expander(t(lang, "comp.types_help"), icon=":material/help:"):
        for c in m.competitor_types:
            st.markdown(f"**{c.label(lang)}**: {c.description(lang)}")


def threat_results(result: comp.CompetitionResult, m: comp.CompetitionMethod, lang: str) -> None:
    if not result.threats:
        return
    wide_dataframe("competition.threat_results", lang, pd.DataFrame([{
        t(lang, "comp.type"): m.competitor_type(x.type).label(lang), t(lang, "comp.player"): x.player,
        t(lang, "comp.threat"): x.score,
        t(lang, "comp.priority"): f"⚠ {t(lang, 'comp.priority')}" if x.priority else "",
    } for x in result.threats]), main=[t(lang, "comp.player"), t(lang, "comp.threat"), t(lang, "comp.priority")])
    st.caption(t(lang, "comp.threat_rule", threshold=f"{m.priority_threat:g}"))


def suppliers(ws: WorksheetEditor, m: comp.CompetitionMethod, lang: str) -> None:
    key = ws.key("us_name")
    st.text_input(t(lang, "comp.us_name"), value=ws.data["us_name"], key=key, max_chars=NAME_CHARS,
                  disabled=ws.disabled, on_change=ws.set_from_widget, args=(["us_name"], key))
    columns = {"key": None, "name": st.column_config.TextColumn(t(lang, "comp.competitor"), max_chars=NAME_CHARS)}
    st.caption(t(lang, "comp.competitors_help", limit=m.max_competitors))
    autosave_table(ws, "competitors", [dict(c) for c in ws.data["competitors"]], columns,
                   lambda edited: comp.with_competitors(ws.data, [r for r in edited if r.get("name")], m), rebuild=True)


def benefits(ws: WorksheetEditor, m: comp.CompetitionMethod, lang: str) -> None:
    weights_form(ws, "benefits", ws.data["benefits"], m.benefits, lang,
                 lambda criteria: comp.with_benefits(ws.data, criteria, m), decimals=m.decimal_weights)


def ratings(ws: WorksheetEditor, m: comp.CompetitionMethod, lang: str) -> None:
    scale = dict(min_value=m.rating_scale.min, max_value=m.rating_scale.max, step=0.5)  # empty: not rated yet
    names = {comp.US: ws.data["us_name"] or t(lang, "comp.us"), **{c["key"]: c["name"] for c in ws.data["competitors"]}}
    columns = {"id": None, "benefit": st.column_config.TextColumn(t(lang, "comp.benefit"), disabled=True),
               **{k: st.column_config.NumberColumn(name, **scale) for k, name in names.items()}}
    rows = [{"id": b["id"], "benefit": _benefit_name(b, m, lang),
             **{k: ws.data["ratings"].get(k, {}).get(b["id"]) for k in names}} for b in ws.data["benefits"]]
    st.caption(t(lang, "comp.ratings_help"))
    autosave_table(ws, f"ratings.{'.'.join(names)}", rows, columns,
                   lambda edited: comp.with_ratings(ws.data, edited[:len(rows)]))


def ranking(result: comp.CompetitionResult, ws: WorksheetEditor, m: comp.CompetitionMethod, lang: str) -> None:
    names = {c["key"]: c["name"] for c in ws.data["competitors"]}
    rivals = [plain(names[k]) for k in result.unscored if k != comp.US and k in names]
    if rivals:
        st.caption(t(lang, "draft.comp_rivals_waiting", names=t(lang, "common.list_separator").join(rivals)))
    if result.our_rank is None:
        not_scored(lang, ws.data["us_name"] or t(lang, "comp.us"), t(lang, "draft.comp_us_first"))
        return
    st.metric(t(lang, "comp.our_rank"), t(lang, "selection.rank_n", n=result.our_rank))
    st.dataframe(pd.DataFrame([{t(lang, "selection.rank"): s.rank, t(lang, "comp.supplier"): s.name,
                                t(lang, "comp.weighted"): round(s.score, 2)} for s in result.suppliers]),
                 hide_index=True, width="stretch", placeholder="")


def benefit_table(result: comp.CompetitionResult, ws: WorksheetEditor, m: comp.CompetitionMethod, lang: str) -> None:
    """Per benefit: our rating, the best competitor, the gap, our place and the class it falls in."""
    benefit_names = {b["id"]: _benefit_name(b, m, lang) for b in ws.data["benefits"]}
    supplier_names = {s.key: s.name for s in result.suppliers}
    wide_dataframe("competition.benefits", lang, pd.DataFrame([{
        t(lang, "comp.benefit"): benefit_names[b.id], t(lang, "criteria.weight"): b.weight,
        t(lang, "comp.ours"): b.ours, t(lang, "comp.best_rival"): supplier_names.get(b.best_competitor, "—"),
        t(lang, "comp.gap"): b.gap, t(lang, "comp.our_benefit_rank"): b.our_rank,
        t(lang, "comp.class"): m.category(b.classification).label(lang),
    } for b in result.benefits]), main=[t(lang, "comp.benefit"), t(lang, "comp.gap"), t(lang, "comp.class")])
    for b in result.benefits:
        if b.classification in ("vulnerability", "differential_advantage"):
            category = m.category(b.classification)
            st.markdown(f"**{plain(benefit_names[b.id])} · {category.label(lang)}**: {category.strategy(lang)}")


def charts(ws: WorksheetEditor, lang: str) -> None:
    curve, gaps = tool_figures(ws, _figures)
    charts_side_by_side({"comp.curve": curve, "comp.gaps": gaps},
                        {"comp.curve": t(lang, "comp.value_curve"), "comp.gaps": t(lang, "comp.importance_gap")})


def _figures(data: dict, result: comp.CompetitionResult, m: comp.CompetitionMethod,
             lang: str) -> tuple[go.Figure, go.Figure]:
    names = {b["id"]: _benefit_name(b, m, lang) for b in data["benefits"]}
    labels = [names[b.id] for b in result.benefits]
    series = [Series(s.name, tuple(data["ratings"][s.key][b["id"]] for b in data["benefits"]), s.key == comp.US)
              for s in result.suppliers]
    scale = Axis(t(lang, "comp.rating"), m.rating_scale.min, m.rating_scale.max)
    curve = value_curve_figure(labels, series, scale)
    span = m.rating_scale.max - m.rating_scale.min
    top = max([b.weight for b in result.benefits] + [result.mean_weight * 2]) * 1.1
    mean = result.mean_weight
    regions = [Region(m.category(c).label(lang), m.category(c).color, x0, x1, y0, y1) for c, x0, x1, y0, y1 in (
        ("differential_advantage", mean, top, 0, span), ("vulnerability", mean, top, -span, 0),
        ("over_investment", 0, mean, 0, span), ("minor_weakness", 0, mean, -span, 0))]
    points = [Point(names[b.id], b.weight, b.gap) for b in result.benefits if b.gap is not None]
    gaps = regions_figure(points, regions, Axis(t(lang, "comp.importance"), 0, top),
                          Axis(t(lang, "comp.gap"), -span - 0.2, span + 0.2))
    return curve, gaps


def positioning(ws: WorksheetEditor, result: comp.CompetitionResult, m: comp.CompetitionMethod, lang: str,
                account: str) -> None:
    model = TOOLS["competition"].validate(ws.data, m)
    suggested = comp.suggested_positioning(result, model, m, account, lang)
    for slot in ("contacts", "offer", "value", "competitor", "reasons"):
        key = ws.key("positioning", slot)
        st.text_input(t(lang, f"comp.slot.{slot}"), value=ws.data["positioning"].get(slot, ""), key=key,
                      placeholder=suggested[slot], max_chars=SHORT_TEXT_CHARS, disabled=ws.disabled,
                      on_change=ws.set_from_widget, args=(["positioning", slot], key))
    statement = comp.positioning_statement(suggested, model, m, lang)
    written = bool(ws.data["positioning"].get("statement"))
    # Until the group writes its own, the statement follows the slots: a new text, a new widget.
    key = ws.key("positioning", "statement", "" if written else zlib.crc32(statement.encode()))
    st.text_area(t(lang, "comp.statement"), value=statement, key=key, disabled=ws.disabled,
                 max_chars=LONG_NOTE_CHARS, on_change=ws.set_from_widget, args=(["positioning", "statement"], key))
    if written:
        st.button(t(lang, "comp.statement_reset"), key=ws.key("positioning", "reset"), disabled=ws.disabled,
                  on_click=ws.set_value, args=(["positioning", "statement"], ""), kwargs={"rebuild": True})
