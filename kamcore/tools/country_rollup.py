"""The country roll-up's record: the bars by country (revenue against the plan, countries below target
in the warning colour), every group's plan attainment on the projector with the countries below target
listed, the workbook sheet whose gaps and totals are live formulas, and the slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, bar_figure, chart_text
from kamcore.export.book import Book, Columns, Worksheet, bar_chart, cell, quoted
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import country_rollup as cr
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool

OK, BELOW, PLAN = "#0072B2", "#D55E00", "#111111"
FLAG = "⚠"
DERIVED = ("gap", "attainment", "margin_amount", "wallet", "below")  # the sheet's formula columns


def label(m: cr.RollupMethod, column: str, lang: str) -> str:
    return m.column(column).text(lang)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def amount(value: float, unit: str = "") -> str:
    return f"{value:,.0f}" + (f" {unit}" if unit else "")


def figure_name(target: str, m: cr.RollupMethod, lang: str) -> str:
    """A target by the figure it holds a country to."""
    return t(lang, "l4b.rollup.attainment") if target == "attainment" else label(m, target, lang)


def missed(c: cr.CountryResult, m: cr.RollupMethod, lang: str) -> str:
    return t(lang, "common.list_separator").join(figure_name(x, m, lang) for x in c.below)


def summary(e: Entry, m: cr.RollupMethod, lang: str) -> dict[str, Any]:
    r, unit = e.result, e.data.get("unit", "")
    return {t(lang, "l4b.rollup.countries"): len(r.countries),
            label(m, "revenue", lang): amount(r.totals.revenue, unit),
            label(m, "plan", lang): amount(r.totals.plan, unit), t(lang, "l4b.rollup.gap"): amount(r.totals.gap, unit),
            t(lang, "l4b.rollup.attainment"): pct(r.totals.attainment),
            t(lang, "l4b.rollup.below_count"): len(r.flagged)}


def country_figure(r: cr.RollupResult, m: cr.RollupMethod, lang: str) -> go.Figure:
    """Horizontal bars by country, so names read on a phone: revenue (below target in orange), the plan
    as a black tick on each bar, and each country's attainment under its name."""
    names = [f"{chart_text(c.country)}<br>{pct(c.attainment)}" + (f" {FLAG}" if c.below else "")
             for c in r.countries]
    height = 110 + 48 * len(r.countries)
    return go.Figure(
        data=[dict(type="bar", orientation="h", y=names, x=[c.revenue for c in r.countries],
                   name=chart_text(label(m, "revenue", lang)), hovertemplate="%{x:,.0f}<extra></extra>",
                   marker=dict(color=[BELOW if c.below else OK for c in r.countries])),
              dict(type="scatter", mode="markers", y=names, x=[c.plan for c in r.countries],
                   name=chart_text(label(m, "plan", lang)),
                   marker=dict(symbol="line-ns", size=30, line=dict(width=4, color=PLAN), color=PLAN))],
        layout=dict(height=height, font=dict(family=FONT, size=13), plot_bgcolor="white",
                    margin=dict(l=8, r=8, t=36, b=8), bargap=0.3,
                    xaxis=dict(gridcolor="#eee", rangemode="tozero", automargin=True),
                    yaxis=dict(autorange="reversed", automargin=True),
                    legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom")))


def attainment_of(e: Entry) -> float:
    return round(e.result.totals.attainment or 0, 1)


def figure(found: list[Entry], m: cr.RollupMethod, lang: str) -> go.Figure:
    """Every group's plan attainment (revenue as % of plan over all its countries)."""
    return bar_figure([entry_label(e) for e in found], [attainment_of(e) for e in found],
                      title=t(lang, "l4b.rollup.attainment"), height=380, groups=[e.group for e in found])


def tables(found: list[Entry], m: cr.RollupMethod, lang: str) -> list[Table]:
    """The countries below target, group by group, with what each misses."""
    below = t(lang, "l4b.rollup.below")
    rows = [{t(lang, "compare.group"): entry_label(e), label(m, "country", lang): c.country,
             t(lang, "l4b.rollup.attainment"): pct(c.attainment), label(m, "margin", lang): pct(c.margin),
             label(m, "share", lang): pct(c.share), label(m, "service", lang): pct(c.service),
             below: missed(c, m, lang)} for e in found for c in e.result.countries if c.below]
    return [Table(t(lang, "l4b.rollup.below_title"), rows, flag=below)] if rows else []


def sheet(book: Book, ws: Worksheet, e: Entry, m: cr.RollupMethod, lang: str) -> None:
    """The targets, the countries as typed with gap, attainment, margin amount, customer spend and the
    flag as formulas per row, and the totals as formulas over the rows."""
    data, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}" + (f" · {data['unit']}" if data.get("unit") else ""),
                    book.title)
    target = dict(zip(cr.TARGETS, book.labelled(ws, 2, [(m.target(x).text(lang), data["targets"][x])
                                                        for x in cr.TARGETS]), strict=True))
    cols = Columns()
    for column in cr.COLUMNS:
        cols.add(column, [label(m, column, lang)])
    for name in DERIVED:
        cols.add(name, [t(lang, f"l4b.rollup.{name}")])
    head = 3 + len(cr.TARGETS)
    rows = data["rows"]
    book.table(ws, head, cols.headers, [[row[c] for c in cr.COLUMNS] for row in rows])
    first, last = head + 1, head + len(rows)
    at = {name: cols.one(name) for name in (*cr.COLUMNS, *DERIVED)}
    for n, c in zip(range(first, last + 1), r.countries, strict=True):
        _country_formulas(book, ws, n, at, target, c)
    _totals(book, ws, last + 1, (first, last), at, r, lang)
    bar_chart(book, ws, "bar", label(m, "revenue", lang), (first, last), at["revenue"], cell(last + 4, 0))


def _country_formulas(book: Book, ws: Worksheet, n: int, at: dict[str, int], target: dict[str, str],
                      c: cr.CountryResult) -> None:
    ref = {name: cell(n, col) for name, col in at.items()}
    book.formula(ws, n, at["gap"], f"={ref['revenue']}-{ref['plan']}", c.gap)
    book.formula(ws, n, at["attainment"], f"=IF({ref['plan']}>0,{ref['revenue']}/{ref['plan']}*100,\"\")",
                 "" if c.attainment is None else c.attainment)
    book.formula(ws, n, at["margin_amount"], f"={ref['revenue']}*{ref['margin']}/100", c.revenue * c.margin / 100)
    book.formula(ws, n, at["wallet"], f"=IF({ref['share']}>0,{ref['revenue']}/{ref['share']}*100,\"\")",
                 "" if c.wallet is None else c.wallet)
    tests = [f"IF({ref['plan']}>0,{ref['attainment']}<{target['attainment']},FALSE)",
             *(f"{ref[x]}<{target[x]}" for x in cr.PERCENTS)]
    book.formula(ws, n, at["below"], f"=IF(OR({','.join(tests)}),{quoted(FLAG)},\"\")", FLAG if c.below else "")


def _totals(book: Book, ws: Worksheet, row: int, rows: tuple[int, int], at: dict[str, int], r: cr.RollupResult,
            lang: str) -> None:
    col = {name: f"{cell(rows[0], c)}:{cell(rows[1], c)}" for name, c in at.items()}
    total = {name: cell(row, c) for name, c in at.items()}
    totals = r.totals
    blank = lambda value: "" if value is None else value  # noqa: E731
    book.put(ws, row, 0, t(lang, "xlsx.total"))
    for name in ("revenue", "plan", "margin_amount", "wallet"):
        value = {"revenue": totals.revenue, "plan": totals.plan,
                 "margin_amount": sum(c.revenue * c.margin / 100 for c in r.countries),
                 "wallet": sum(c.wallet or 0 for c in r.countries)}[name]
        book.formula(ws, row, at[name], f"=SUM({col[name]})", value)
    book.formula(ws, row, at["gap"], f"={total['revenue']}-{total['plan']}", totals.gap)
    book.formula(ws, row, at["attainment"], f"=IF({total['plan']}>0,{total['revenue']}/{total['plan']}*100,\"\")",
                 blank(totals.attainment))
    book.formula(ws, row, at["margin"],
                 f"=IF({total['revenue']}>0,{total['margin_amount']}/{total['revenue']}*100,\"\")",
                 blank(totals.margin))
    book.formula(ws, row, at["share"], f"=IF({total['wallet']}>0,SUMIF({col['share']},\">0\",{col['revenue']})/"
                                       f"{total['wallet']}*100,\"\")", blank(totals.share))
    book.formula(ws, row, at["service"], f"=IF({total['revenue']}>0,SUMPRODUCT({col['revenue']},{col['service']})/"
                                         f"{total['revenue']},\"\")", blank(totals.service))
    book.formula(ws, row, at["below"], f"=COUNTIF({col['below']},{quoted(FLAG)})", len(r.flagged))


def slide(e: Entry, m: cr.RollupMethod, lang: str) -> Slide:
    """The finding: revenue against plan and how many countries are below target; which, and why."""
    r, unit = e.result, e.data.get("unit", "")
    flagged = [c for c in r.countries if c.below]
    shortfalls = [t(lang, "l4b.rollup.country_line", country=c.country, attainment=pct(c.attainment),
                    missed=missed(c, m, lang)) for c in flagged]
    return Slide(t(lang, "l4b.rollup.finding", account=e.account or e.group, attainment=pct(r.totals.attainment),
                   count=len(flagged), total=len(r.countries)),
                 lines(t(lang, "l4b.rollup.totals_line", revenue=amount(r.totals.revenue, unit),
                         plan=amount(r.totals.plan, unit), gap=amount(r.totals.gap, unit),
                         margin=pct(r.totals.margin), share=pct(r.totals.share), service=pct(r.totals.service)),
                       *shortfalls),
                 bars=([c.country for c in r.countries], {label(m, "revenue", lang): [c.revenue for c in r.countries],
                                                          label(m, "plan", lang): [c.plan for c in r.countries]}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l4b.rollup.method"), t(lang, "l4b.rollup.formula")),
                 actions=[t(lang, "l4b.rollup.action", country=c.country, missed=missed(c, m, lang))
                          for c in flagged][:3],
                 caption=caption(t(lang, "l4b.rollup.name"), e.account))


def progress(inp: cr.RollupInput, result: cr.RollupResult | None, m: cr.RollupMethod, lang: str) -> Progress:
    """Each country counts once every figure is in; the attainment once any country counts."""
    scores = tuple(Score(t(lang, "l4b.rollup.countries"), r.country or t(lang, "draft.row", n=n + 1),
                         1.0 if r.complete() else None) for n, r in enumerate(inp.rows))
    verdict = (t(lang, "l4b.rollup.verdict", attainment=pct(result.totals.attainment), count=len(result.flagged))
               if result is not None and result.countries else None)
    return Progress(scores, verdict)


TOOL = Tool(cr.TOOL_ID, cr.RollupInput, cr.method, cr.evaluate, cr.example_input, "account", cr.counted,
            name=lambda lang: t(lang, "l4b.rollup.name"), short=lambda lang: t(lang, "l4b.rollup.short"),
            nav=Nav("global", "flag", "app_pages/country_rollup.py"), summary=summary, figure=figure, tables=tables,
            sheet=sheet, slide=slide, blank=cr.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l4b.rollup.attainment"), attainment_of, decimals=1))
