"""The selection tool's record: its accounts on the portfolio matrix for the room, where the groups
disagree, its workbook sheet with live formulas, and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import Axis, Point, matrix_figure
from kamcore.export.book import (
    Book,
    Columns,
    Worksheet,
    at_least,
    bands_formula,
    cell,
    name_of,
    quadrant_formula,
    quoted,
    scatter_chart,
    side_mark,
    weighted,
)
from kamcore.export.design import headline
from kamcore.export.slide import Slide, caption, lines, notes, quadrants, scatter_comparison
from kamcore.i18n import t
from kamcore.methods import selection as sel
from kamcore.methods.common import criterion_name
from kamcore.tool import CriterionScore, Entry, Nav, Progress, Score, Tool


def summary(e: Entry, m: sel.SelectionMethod, lang: str) -> dict[str, Any]:
    accounts = e.result.accounts
    return {t(lang, "compare.accounts"): len(accounts),
            t(lang, "selection.attractiveness"): " · ".join(f"{a.name} {a.attractiveness:.2f}" for a in accounts),
            t(lang, "selection.portfolio_matrix"): " · ".join(m.portfolio.category(a.portfolio).label(lang)
                                                             for a in accounts),
            t(lang, "selection.vulnerability_matrix"): " · ".join(
                m.vulnerability_matrix.category(a.vulnerability_quadrant).label(lang) for a in accounts)}


def figure(found: list[Entry], m: sel.SelectionMethod, lang: str) -> go.Figure:
    """Every group's accounts on one portfolio matrix."""
    points = [Point(a.name, a.strength, a.attractiveness, a.revenue, group=e.group)
              for e in found for a in e.result.accounts]
    return matrix_figure(points, m.portfolio, lang,
                         Axis(t(lang, "selection.strength"), m.strength_scale.min, m.strength_scale.max),
                         Axis(t(lang, "selection.attractiveness"), m.attractiveness_scale.min,
                              m.attractiveness_scale.max), height=560)


# ---- the scores groups give, for the room's disagreement -------------------------------------------

SCORED = (("attractiveness", "attractiveness_criteria", ("selection.attractiveness",)),
          ("csf_us", "strength_factors", ("selection.strength", "selection.us")),
          ("csf_competitor", "strength_factors", ("selection.strength", "selection.best_competitor")),
          ("vulnerability", "vulnerability_factors", ("selection.vulnerability",)))


def criterion_scores(e: Entry, m: sel.SelectionMethod, lang: str) -> list[CriterionScore]:
    """Every score of every account: attractiveness, our and the best competitor's strength, vulnerability."""
    found = []
    for field, dimension, title in SCORED:
        names = {c["id"]: name_of(c, getattr(m, dimension), lang) for c in e.data[dimension]}
        heading = " · ".join(t(lang, key) for key in title)
        for a in e.data["accounts"]:
            found += [CriterionScore(a["key"], a["name"], f"{field}.{cid}", f"{heading}: {names[cid]}", score)
                      for cid, score in (a.get(field) or {}).items() if cid in names]
    return found


# ---- the workbook sheet: parameters, weights, inputs, computed columns, chart ----------------------

def sheet(book: Book, ws: Worksheet, e: Entry, m: sel.SelectionMethod, lang: str) -> None:
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group}", book.title)
    params, row = _parameters(book, ws, m, lang, 2)
    weights, row = _weights(book, ws, e.data, m, lang, row + 1)
    cols = _input_columns(e.data, m, lang)
    _computed_columns(cols, lang)
    accounts = e.data["accounts"]
    book.table(ws, row, cols.headers, [_inputs(a, e.data) for a in accounts], {cols["account"][1]: book.money})
    for n, (a, r) in enumerate(zip(accounts, e.result.accounts, strict=True)):
        _computed(book, ws, row + 1 + n, a, r, e.data, m, lang, cols, params, weights)
    scatter_chart(book, ws, [(a["name"], row + 1 + n) for n, a in enumerate(accounts)],
                  cols.one("strength"), cols.one("attractiveness"),
                  (t(lang, "selection.portfolio_matrix"), t(lang, "selection.strength"),
                   t(lang, "selection.attractiveness")), (m.strength_scale.min, m.strength_scale.max),
                  (m.attractiveness_scale.min, m.attractiveness_scale.max), cell(row + len(accounts) + 2, 0))


def _parameters(book: Book, ws: Worksheet, m: sel.SelectionMethod, lang: str, row: int) -> tuple[dict, int]:
    """The course's numbers, in cells the formulas read: band cut-offs (by band id) and matrix cut-offs."""
    cuts = [b for b in m.bands if b.min is not None]
    pairs = [(f"{t(lang, 'selection.band')}: {b.label(lang)} {side_mark(b.side)}", b.min) for b in cuts] + [
        (t(lang, "xlsx.strength_cut"), m.portfolio.x_cut), (t(lang, "xlsx.attractiveness_cut"), m.portfolio.y_cut),
        (t(lang, "xlsx.vulnerability_cut"), m.vulnerability_matrix.x_cut)]
    refs = book.labelled(ws, row, pairs)
    params = {**{b.id: ref for b, ref in zip(cuts, refs, strict=False)},
              **dict(zip(("x_cut", "y_cut", "v_cut"), refs[len(cuts):], strict=True))}
    return params, row + len(pairs)


def _weights(book: Book, ws: Worksheet, data: dict, m: sel.SelectionMethod, lang: str,
             row: int) -> tuple[dict[str, list[str]], int]:
    """Each dimension's criteria and weights; returns the weight cells by dimension."""
    weights: dict[str, list[str]] = {}
    for dimension in sel.DIMENSIONS:
        criteria = data[dimension]
        book.table(ws, row, [t(lang, f"selection.{dimension}"), t(lang, "criteria.weight")],
                   [[name_of(c, getattr(m, dimension), lang), c["weight"]] for c in criteria])
        weights[dimension] = [cell(row + 1 + i, 1, True, True) for i in range(len(criteria))]
        row += len(criteria) + 2
    return weights, row


def _input_columns(data: dict, m: sel.SelectionMethod, lang: str) -> Columns:
    cols = Columns()
    strength = [name_of(c, m.strength_factors, lang) for c in data["strength_factors"]]
    cols.add("account", [t(lang, "selection.account"), t(lang, "selection.revenue")])
    cols.add("attr", [name_of(c, m.attractiveness_criteria, lang) for c in data["attractiveness_criteria"]])
    cols.add("us", [f"{t(lang, 'selection.us')}: {n}" for n in strength])
    cols.add("them", [f"{t(lang, 'selection.best_competitor')}: {n}" for n in strength])
    cols.add("vul", [name_of(c, m.vulnerability_factors, lang) for c in data["vulnerability_factors"]])
    return cols


def _computed_columns(cols: Columns, lang: str) -> None:
    for name, key in (("attractiveness", "selection.attractiveness"), ("band", "selection.band"),
                      ("strength", "selection.strength"), ("competitor", "xlsx.competitor_strength"),
                      ("ratio", "selection.ratio"), ("vulnerability", "selection.vulnerability"),
                      ("portfolio", "selection.portfolio_matrix"), ("risk", "selection.vulnerability_matrix")):
        cols.add(name, [t(lang, key)])


def _inputs(a: dict, data: dict) -> list[Any]:
    csf = a["strength_route"] == "csf"
    csf_ids = [c["id"] for c in data["strength_factors"]]
    return [a["name"], a.get("revenue", 0), *[a["attractiveness"][c["id"]] for c in data["attractiveness_criteria"]],
            *[a["csf_us"].get(i) if csf else None for i in csf_ids],
            *[a["csf_competitor"].get(i) if csf else None for i in csf_ids],
            *[a["vulnerability"][c["id"]] for c in data["vulnerability_factors"]]]


def _computed(book: Book, ws: Worksheet, at: int, a: dict, r: Any, data: dict, m: sel.SelectionMethod, lang: str,
              cols: Columns, params: dict[str, str], weights: dict[str, list[str]]) -> None:
    """One account's computed columns, each a formula over its inputs carrying kamcore's value."""
    ref = lambda name: [cell(at, c) for c in cols[name]]  # noqa: E731
    (attractiveness,), (strength,), (competitor,) = ref("attractiveness"), ref("strength"), ref("competitor")
    put = lambda name, formula, value: book.formula(ws, at, cols.one(name), "=" + formula, value)  # noqa: E731
    put("attractiveness", weighted(weights["attractiveness_criteria"], ref("attr")), r.attractiveness)
    put("band", _band_formula(attractiveness, ref("attr"), data, m, lang, params), m.band(r.band).label(lang))
    if a["strength_route"] == "csf":
        put("strength", weighted(weights["strength_factors"], ref("us")), r.strength)
        put("competitor", weighted(weights["strength_factors"], ref("them")), r.competitor_strength)
        put("ratio", f'IF({competitor}>0,{strength}/{competitor},"")', r.strength_ratio)
    else:  # the quick route: the relationship stage's score
        book.put(ws, at, cols.one("strength"), r.strength, book.number)
        book.put(ws, at, cols.one("competitor"), f"{t(lang, 'selection.stage')}: {m.stage(a['stage']).label(lang)}")
    put("vulnerability", weighted(weights["vulnerability_factors"], ref("vul")), r.vulnerability)
    put("portfolio", quadrant_formula(strength, attractiveness, params["x_cut"], params["y_cut"], m.portfolio, lang),
        m.portfolio.category(r.portfolio).label(lang))
    put("risk", quadrant_formula(ref("vulnerability")[0], attractiveness, params["v_cut"], params["y_cut"],
                                 m.vulnerability_matrix, lang),
        m.vulnerability_matrix.category(r.vulnerability_quadrant).label(lang))


def _band_formula(value: str, attr_cells: list[str], data: dict, m: sel.SelectionMethod, lang: str,
                  params: dict[str, str]) -> str:
    """The band by the cut-offs, highest first; a gate criterion scored below its minimum caps the band."""
    cuts = [(params[b.id], b.side, b.label(lang)) for b in sorted((b for b in m.bands if b.min is not None),
                                                                  key=lambda b: -b.min)]
    band = bands_formula(value, cuts, next(b.label(lang) for b in m.bands if b.min is None))
    attr_ids = [c["id"] for c in data["attractiveness_criteria"]]
    gate = m.gate
    above = _above(m, gate.cap_band) if gate and gate.criterion in attr_ids else None
    if above is None:
        return band
    gate_cell = attr_cells[attr_ids.index(gate.criterion)]
    return (f"IF(AND({gate_cell}<{gate.min_score},{at_least(value, params[above], m.band(above).side)}),"
            f"{quoted(m.band(gate.cap_band).label(lang))},{band})")


def _above(m: sel.SelectionMethod, cap: str) -> str | None:
    """The band just above `cap` (the lowest cut-off an account must reach to be capped)."""
    higher = [b for b in m.bands if b.min is not None and b.min > (m.band(cap).min or float("-inf"))]
    return min(higher, key=lambda b: b.min).id if higher else None


# ---- how far a group is -----------------------------------------------------------------------------

def progress(inp: sel.SelectionInput, result: sel.SelectionResult | None, m: sel.SelectionMethod,
             lang: str) -> Progress:
    """Per account: every attractiveness criterion, strength (each factor for us and the best competitor,
    or the relationship stage) and every vulnerability factor; the portfolio category once scored."""
    scores = []
    for a in inp.accounts:
        def add(section: str, criteria: list, specs: list, values: dict[str, float], suffix: str = "",
                account: str = a.name) -> None:
            scores.extend(Score(section, criterion_name(c, specs, lang) + suffix, values.get(c.id), account)
                          for c in criteria)

        add(t(lang, "selection.attractiveness"), inp.attractiveness_criteria, m.attractiveness_criteria,
            a.attractiveness)
        if a.strength_route == "stage":
            scores.append(Score(t(lang, "selection.strength"), t(lang, "selection.stage"), a.stage, a.name))
        else:
            add(t(lang, "selection.strength"), inp.strength_factors, m.strength_factors, a.csf_us,
                f" · {t(lang, 'selection.us')}")
            add(t(lang, "selection.strength"), inp.strength_factors, m.strength_factors, a.csf_competitor,
                f" · {t(lang, 'selection.best_competitor')}")
        add(t(lang, "selection.vulnerability"), inp.vulnerability_factors, m.vulnerability_factors, a.vulnerability)
    verdict = None
    if result is not None and result.accounts:
        verdict = " · ".join(f"{a.name}: {m.portfolio.category(a.portfolio).label(lang)}" for a in result.accounts)
    return Progress(tuple(scores), verdict)


# ---- the slide -------------------------------------------------------------------------------------

def slide(e: Entry, m: sel.SelectionMethod, lang: str) -> Slide:
    """The finding: the most attractive account's quadrant and what to do; a line per account."""
    r = e.result
    ranges = ((m.strength_scale.min, m.strength_scale.max), (m.attractiveness_scale.min, m.attractiveness_scale.max))
    top = max(r.accounts, key=lambda a: a.attractiveness)
    category = m.portfolio.category(top.portfolio)
    return Slide(
        t(lang, "takehome.finding.selection", account=top.name, category=category.label(lang),
          action=headline(category.strategy(lang), lang)),
        lines(*(t(lang, "takehome.line.selection", account=a.name, attractiveness=f"{a.attractiveness:.1f}",
                  band=m.band(a.band).label(lang), strength=f"{a.strength:.1f}",
                  risk=m.vulnerability_matrix.category(a.vulnerability_quadrant).label(lang))
                for a in sorted(r.accounts, key=lambda a: -a.attractiveness))),
        scatter={a.name: [(a.strength, a.attractiveness)] for a in r.accounts},
        axes=(t(lang, "selection.strength"), t(lang, "selection.attractiveness")), ranges=ranges,
        regions=quadrants(m.portfolio, ranges, lang),
        notes=notes(lang, t(lang, "takehome.method.selection"), t(lang, "takehome.formula_of.selection")),
        actions=[f"{a.name}: {headline(m.portfolio.category(a.portfolio).strategy(lang), lang)}" for a in r.accounts],
        caption=caption(t(lang, "nav.selection"), e.group))


TOOL = Tool(sel.TOOL_ID, sel.SelectionInput, sel.method, sel.evaluate, sel.example_input, "group", sel.counted,
            name=lambda lang: t(lang, "nav.selection"), short=lambda lang: t(lang, "xlsx.short.selection"),
            nav=Nav("prepare", "target", "app_pages/selection.py"), summary=summary, figure=figure,
            criterion_scores=criterion_scores,
            sheet=sheet, slide=slide, comparison=scatter_comparison(slide), blank=sel.blank_input, progress=progress)
