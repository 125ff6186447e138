"""The purchasing portfolio's record: how the customer sees our items and where views clash, its
workbook sheet (factors, items, the Kraljic quadrant per item) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import Axis, Point, matrix_figure
from kamcore.export.book import Book, Columns, Worksheet, cell, name_of, quadrant_formula, scatter_chart, weighted
from kamcore.export.design import headline
from kamcore.export.slide import Slide, caption, lines, notes, quadrants, scatter_comparison
from kamcore.i18n import t
from kamcore.methods import purchasing_portfolio as pp
from kamcore.methods.common import criterion_name
from kamcore.tool import CriterionScore, Entry, Nav, Progress, Score, Tool

AXES = ("profit_factors", "risk_factors")


def summary(e: Entry, m: pp.PurchasingMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "pp.customer_sees_ours"): " · ".join(f"{i.name}: {m.kraljic.category(i.quadrant).label(lang)}"
                                                          for i in r.items if i.ours),
            t(lang, "pp.we_see"): m.preferencing.category(r.our_view).label(lang),
            t(lang, "compare.clashes"): len(r.clashes)}


def figure(found: list[Entry], m: pp.PurchasingMethod, lang: str) -> go.Figure:
    """How each group thinks the customer sees our items: our items only (every item of every group would
    crowd the matrix), on the Kraljic matrix, coloured by group."""
    points = [Point(f"{i.name} · {e.account}" if len({x.account for x in found}) > 1 else i.name,
                    i.supply_risk, i.profit_impact, group=e.group) for e in found for i in e.result.items if i.ours]
    axis = lambda key: Axis(t(lang, key), m.scale.min, m.scale.max)  # noqa: E731
    return matrix_figure(points, m.kraljic, lang, axis("pp.supply_risk"), axis("pp.profit_impact"), height=520)


def criterion_scores(e: Entry, m: pp.PurchasingMethod, lang: str) -> list[CriterionScore]:
    """Every item's profit-impact and supply-risk factors, items told apart by key."""
    found = []
    for axis, field in zip(AXES, ("profit", "risk"), strict=True):
        names = {f["id"]: name_of(f, getattr(m, axis), lang) for f in e.data[axis]}
        found += [CriterionScore(e.account_key, e.account, f"{item['key']}.{field}.{fid}",
                                 f"{item['name']} · {names[fid]}", score)
                  for item in e.data["items"] for fid, score in item[field].items() if fid in names]
    return found


def sheet(book: Book, ws: Worksheet, e: Entry, m: pp.PurchasingMethod, lang: str) -> None:
    data = e.data
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    x_cut, y_cut = book.labelled(ws, 2, [(t(lang, "xlsx.risk_cut"), m.kraljic.x_cut),
                                         (t(lang, "xlsx.impact_cut"), m.kraljic.y_cut)])
    row, weights = 5, {}
    for axis in AXES:
        factors = data[axis]
        book.table(ws, row, [t(lang, f"pp.{axis}"), t(lang, "criteria.weight")],
                   [[name_of(f, getattr(m, axis), lang), f["weight"]] for f in factors])
        weights[axis] = [cell(row + 1 + i, 1, True, True) for i in range(len(factors))]
        row += len(factors) + 2
    cols = Columns()
    cols.add("item", [t(lang, "pp.item"), t(lang, "pp.ours")])
    for axis in AXES:
        cols.add(axis, [name_of(f, getattr(m, axis), lang) for f in data[axis]])
    for name, key in (("profit", "pp.profit_impact"), ("risk", "pp.supply_risk"), ("quadrant", "pp.quadrant")):
        cols.add(name, [t(lang, key)])
    book.table(ws, row, cols.headers, [[i["name"], "★" if i["ours"] else "",
                                        *[i["profit"][f["id"]] for f in data["profit_factors"]],
                                        *[i["risk"][f["id"]] for f in data["risk_factors"]]] for i in data["items"]])
    for n, item in enumerate(e.result.items, start=row + 1):
        ref = lambda name, n=n: [cell(n, c) for c in cols[name]]  # noqa: E731
        book.formula(ws, n, cols.one("profit"), "=" + weighted(weights["profit_factors"], ref("profit_factors")),
                     item.profit_impact)
        book.formula(ws, n, cols.one("risk"), "=" + weighted(weights["risk_factors"], ref("risk_factors")),
                     item.supply_risk)
        book.formula(ws, n, cols.one("quadrant"), "=" + quadrant_formula(ref("risk")[0], ref("profit")[0], x_cut, y_cut,
                                                                         m.kraljic, lang),
                     m.kraljic.category(item.quadrant).label(lang))
    scatter_chart(book, ws, [(i["name"], row + 1 + n) for n, i in enumerate(data["items"])],
                  cols.one("risk"), cols.one("profit"),
                  (t(lang, "pp.kraljic_title"), t(lang, "pp.supply_risk"), t(lang, "pp.profit_impact")),
                  (m.scale.min, m.scale.max), (m.scale.min, m.scale.max), cell(row + len(data["items"]) + 2, 0))


def slide(e: Entry, m: pp.PurchasingMethod, lang: str) -> Slide:
    """The finding: how the customer sees our item and what answers it; where our views clash."""
    r = e.result
    ranges = ((m.scale.min, m.scale.max), (m.scale.min, m.scale.max))
    ours = [i for i in r.items if i.ours] or r.items
    first = m.kraljic.category(ours[0].quadrant)
    names = {i.key: i.name for i in r.items}
    clashes = [f"{names[c.item]}: {pp.clash_prompt(c, m)(lang)}" for c in r.clashes]
    return Slide(t(lang, "takehome.finding.purchasing_portfolio", account=e.account, item=ours[0].name,
                   category=first.label(lang), action=headline(first.response(lang), lang)),
                 lines(*(f"{t(lang, 'pp.customer_sees', item=i.name)}: {m.kraljic.category(i.quadrant).label(lang)}"
                         for i in ours[:2]),
                       f"{t(lang, 'pp.we_see')}: {m.preferencing.category(r.our_view).label(lang)}",
                       *clashes),
                 scatter={i.name: [(i.supply_risk, i.profit_impact)] for i in r.items},
                 axes=(t(lang, "pp.supply_risk"), t(lang, "pp.profit_impact")), ranges=ranges,
                 regions=quadrants(m.kraljic, ranges, lang),
                 notes=notes(lang, t(lang, "takehome.method.purchasing_portfolio"),
                             t(lang, "takehome.formula_of.purchasing_portfolio")),
                 actions=[*(f"{i.name}: {headline(m.kraljic.category(i.quadrant).response(lang), lang)}"
                            for i in ours), *clashes[:1]],
                 caption=caption(t(lang, "nav.purchasing_portfolio"), e.account))


def progress(inp: pp.PurchasingInput, result: pp.PurchasingResult | None, m: pp.PurchasingMethod,
             lang: str) -> Progress:
    """Every item's profit and risk factors and our own view of the account; how we see it once scored."""
    sides = (("profit", "pp.profit_factors", inp.profit_factors, m.profit_factors),
             ("risk", "pp.risk_factors", inp.risk_factors, m.risk_factors))
    scores = [Score(t(lang, section), criterion_name(c, specs, lang), getattr(item, field).get(c.id), item.name)
              for item in inp.items for field, section, criteria, specs in sides for c in criteria]
    scores += [Score(t(lang, "pp.our_view"), label(lang), getattr(inp.our_view, axis))
               for axis, label in m.preferencing_axes.items()]
    verdict = m.preferencing.category(result.our_view).label(lang) if result is not None and result.our_view else None
    return Progress(tuple(scores), verdict)

TOOL = Tool(pp.TOOL_ID, pp.PurchasingInput, pp.method, pp.evaluate, pp.example_input, "account", pp.counted,
            name=lambda lang: t(lang, "nav.purchasing_portfolio"),
            short=lambda lang: t(lang, "xlsx.short.purchasing_portfolio"),
            nav=Nav("maintain", "shopping_cart", "app_pages/purchasing_portfolio.py"), summary=summary, figure=figure,
            criterion_scores=criterion_scores, sheet=sheet, slide=slide, comparison=scatter_comparison(slide),
            progress=progress)
