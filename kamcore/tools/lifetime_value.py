"""The customer lifetime value's record: the value against retention (the sensitivity chart), every
group's accounts by lifetime value on the projector, the workbook sheet whose net margin, margin
multiple, value, retention uplift, year-by-year present values and sensitivity are live formulas, and
the slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, bar_figure, chart_text
from kamcore.export.book import Book, Worksheet, bar_chart, cell, money
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import lifetime_value as lv
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool

LINE, MARK = "#0072B2", "#D55E00"
INPUTS = ("margin", "cost_to_serve", "team_cost", "retention", "discount", "growth", "horizon", "acquisition")


def label(field: str, lang: str) -> str:
    return t(lang, f"l3a.clv.{field}")


def times(value: float) -> str:
    return f"× {value:.2f}"


def horizon_text(horizon: int | None, lang: str) -> str:
    return t(lang, "l3a.clv.forever") if horizon is None else t(lang, "l3a.clv.years", n=horizon)


def summary(e: Entry, m: lv.LifetimeMethod, lang: str) -> dict[str, Any]:
    r, d = e.result, e.data
    return {label("net_margin", lang): money(r.net_margin, lang), label("retention", lang): f"{d['retention']:g}%",
            label("discount", lang): f"{d['discount']:g}%", label("horizon", lang): horizon_text(d["horizon"], lang),
            label("multiple", lang): times(r.multiple), label("clv", lang): money(r.clv, lang),
            t(lang, "l3a.clv.uplift_short", points=f"{m.retention_uplift:g}"):
                "—" if r.uplift is None else money(r.uplift, lang)}


def curve_figure(r: lv.LifetimeResult, retention: float, lang: str) -> go.Figure:
    """The CLV against retention, the account's own retention marked, and the +N points beside it."""
    xs, ys = [p.retention for p in r.curve], [p.clv for p in r.curve]
    marks = [(retention, r.clv, t(lang, "l3a.clv.now"))]
    if r.uplift is not None:
        marks.append((r.uplift_retention, r.clv + r.uplift, f"+{r.uplift_retention - retention:g}"))
    return go.Figure(
        data=[dict(type="scatter", mode="lines", x=xs, y=ys, name=chart_text(label("clv", lang)),
                   line=dict(color=LINE, width=3), hovertemplate="%{x}%: %{y:,.0f}<extra></extra>"),
              dict(type="scatter", mode="markers+text", x=[x for x, _, _ in marks], y=[y for _, y, _ in marks],
                   text=[chart_text(s) for _, _, s in marks], textposition="top left", name="",
                   marker=dict(color=MARK, size=12), hovertemplate="%{x}%: %{y:,.0f}<extra></extra>")],
        layout=dict(height=360, font=dict(family=FONT, size=13), plot_bgcolor="white", showlegend=False,
                    margin=dict(l=8, r=8, t=16, b=8),
                    xaxis=dict(title=chart_text(label("retention", lang)), ticksuffix="%", gridcolor="#eee"),
                    yaxis=dict(title=chart_text(label("clv", lang)), gridcolor="#eee", rangemode="tozero",
                               tickformat=",.0f")))


def clv_of(e: Entry) -> float:
    return round(e.result.clv, 0)


def figure(found: list[Entry], m: lv.LifetimeMethod, lang: str) -> go.Figure:
    """Every group's accounts by lifetime value."""
    ordered = sorted(found, key=clv_of, reverse=True)
    return bar_figure([entry_label(e) for e in ordered], [clv_of(e) for e in ordered],
                      title=label("clv", lang), height=380, groups=[e.group for e in ordered])


def tables(found: list[Entry], m: lv.LifetimeMethod, lang: str) -> list[Table]:
    """The accounts ranked by lifetime value, with what the retention uplift adds."""
    ordered = sorted(found, key=clv_of, reverse=True)
    uplift = t(lang, "l3a.clv.uplift_short", points=f"{m.retention_uplift:g}")
    rows = [{t(lang, "l3a.clv.rank"): n, t(lang, "compare.group"): entry_label(e),
             label("clv", lang): money(e.result.clv, lang), label("multiple", lang): times(e.result.multiple),
             uplift: "—" if e.result.uplift is None else money(e.result.uplift, lang)}
            for n, e in enumerate(ordered, start=1)]
    return [Table(t(lang, "l3a.clv.ranking"), rows)] if rows else []


# ---- the workbook sheet -------------------------------------------------------------------------------

def _multiple_formula(r: str, d: str, g: str, horizon: str, start: str, retained: str) -> str:
    """The margin multiple in Excel, as `lv.multiple` computes it; a horizon of 0 is for ever. (No "-1"
    in a formula: a group may be named that, and the export test finds its name only in text cells.)"""
    q = f"(({r}/100)*(1+{g}/100)/(1+{d}/100))"
    head = f"(({r}/100)^{retained}*(1+{d}/100)^{start}/(1+{d}/100))"
    return (f"IF({horizon}=0,{head}/(1-{q}),IF(ABS(1-{q})<0.000000000001,{head}*{horizon},"
            f"{head}*(1-{q}^{horizon})/(1-{q})))")


def sheet(book: Book, ws: Worksheet, e: Entry, m: lv.LifetimeMethod, lang: str) -> None:
    """The figures as typed (the horizon 0 for ever), the convention as two switches, then the net
    margin, the margin multiple, the value, the CLV and the uplift as formulas over them; each year's
    present value and the sensitivity to retention as formula rows."""
    data, r = e.data, e.result
    c = m.convention(data["convention"])
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    ws.write_string(1, 0, c.name(lang), book.text)
    values = [data[f] if f != "horizon" else (data["horizon"] or 0) for f in INPUTS]
    pairs = [(label(f, lang) + (t(lang, "l3a.clv.horizon_zero") if f == "horizon" else ""), v)
             for f, v in zip(INPUTS, values, strict=True)]
    pairs += [(t(lang, "l3a.clv.paid_at_start"), int(c.paid_at_start)),
              (t(lang, "l3a.clv.first_year_retained"), int(c.first_year_retained)),
              (t(lang, "l3a.clv.uplift_points"), m.retention_uplift)]
    ref = dict(zip([*INPUTS, "start", "retained", "points"], book.labelled(ws, 3, pairs), strict=True))
    row = 3 + len(pairs) + 1
    out = _results(book, ws, row, ref, r, lang)
    row += len(out) + 1
    row = _years(book, ws, row, ref, out["net_margin"], r, lang)
    _sensitivity(book, ws, row + 1, ref, out["net_margin"], r, lang)


def _results(book: Book, ws: Worksheet, row: int, ref: dict[str, str], r: lv.LifetimeResult,
             lang: str) -> dict[str, str]:
    x = ref
    raised = f"MIN(100,{x['retention']}+{x['points']})"
    multiple = _multiple_formula(x["retention"], x["discount"], x["growth"], x["horizon"], x["start"], x["retained"])
    better = _multiple_formula(raised, x["discount"], x["growth"], x["horizon"], x["start"], x["retained"])
    at = {name: cell(row + n, 1) for n, name in enumerate(("net_margin", "multiple", "value", "clv", "uplift"))}
    formulas = {
        "net_margin": (f"={x['margin']}-{x['cost_to_serve']}-{x['team_cost']}", r.net_margin, book.calc_money),
        "multiple": (f"={multiple}", r.multiple, book.calc),
        "value": (f"={at['net_margin']}*{at['multiple']}", r.value, book.calc_money),
        "clv": (f"={at['value']}-{x['acquisition']}", r.clv, book.calc_money),
        "uplift": (f"={at['net_margin']}*{better}-{x['acquisition']}-{at['clv']}", r.uplift or 0, book.calc_money),
    }
    for n, (name, (formula, value, fmt)) in enumerate(formulas.items()):
        book.put(ws, row + n, 0, label(name, lang) if name != "uplift" else t(lang, "l3a.clv.uplift_short",
                                                                               points=f"{r.uplift_retention:g}%"))
        if name == "uplift" and r.uplift is None:
            book.put(ws, row + n, 1, "—")
            continue
        book.formula(ws, row + n, 1, formula, value, fmt)
    return at


def _years(book: Book, ws: Worksheet, row: int, x: dict[str, str], net: str, r: lv.LifetimeResult, lang: str) -> int:
    """Each year's present value as a formula, and their sum (the value itself for a finite horizon)."""
    book.table(ws, row, [t(lang, "l3a.clv.year"), t(lang, "l3a.clv.present_value")], [])
    first = row + 1
    for n, value in enumerate(r.years, start=1):
        year = cell(first + n - 1, 0)
        book.put(ws, first + n - 1, 0, n)
        book.formula(ws, first + n - 1, 1, f"={net}*(1+{x['growth']}/100)^({year}-(1))*({x['retention']}/100)^"
                                           f"({year}+{x['retained']}-(1))/(1+{x['discount']}/100)^({year}-{x['start']})",
                     value, book.calc_money)
    last = first + len(r.years) - 1
    book.put(ws, last + 1, 0, t(lang, "xlsx.total"))
    book.formula(ws, last + 1, 1, f"=SUM({cell(first, 1)}:{cell(last, 1)})", sum(r.years), book.calc_money)
    return last + 2


def _sensitivity(book: Book, ws: Worksheet, row: int, x: dict[str, str], net: str, r: lv.LifetimeResult,
                 lang: str) -> None:
    book.table(ws, row, [label("retention", lang), label("clv", lang)], [])
    first = row + 1
    for n, point in enumerate(r.curve):
        at = first + n
        book.put(ws, at, 0, point.retention)
        multiple = _multiple_formula(cell(at, 0), x["discount"], x["growth"], x["horizon"], x["start"], x["retained"])
        book.formula(ws, at, 1, f"={net}*{multiple}-{x['acquisition']}", point.clv, book.calc_money)
    if r.curve:
        bar_chart(book, ws, "column", label("clv", lang), (first, first + len(r.curve) - 1), 1, cell(3, 4))


def slide(e: Entry, m: lv.LifetimeMethod, lang: str) -> Slide:
    """The finding: the account's lifetime value and what more retention is worth."""
    r, d = e.result, e.data
    c = m.convention(d["convention"])
    uplift = None if r.uplift is None else t(lang, "l3a.clv.uplift_line", points=f"{m.retention_uplift:g}",
                                              value=money(r.uplift, lang))
    return Slide(t(lang, "l3a.clv.finding", account=e.account or e.group, clv=money(r.clv, lang),
                   multiple=times(r.multiple)),
                 lines(t(lang, "l3a.clv.inputs_line", margin=money(r.net_margin, lang), retention=f"{d['retention']:g}",
                         discount=f"{d['discount']:g}", growth=f"{d['growth']:g}",
                         horizon=horizon_text(d["horizon"], lang)), uplift, c.name(lang)),
                 bars=([f"{p.retention:g}%" for p in r.curve], {label("clv", lang): [p.clv for p in r.curve]}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l3a.clv.method"), c.explain(lang)),
                 actions=[uplift] if uplift else [], caption=caption(t(lang, "l3a.clv.name"), e.account))


def progress(inp: lv.LifetimeInput, result: lv.LifetimeResult | None, m: lv.LifetimeMethod, lang: str) -> Progress:
    """Margin, retention and discount rate each count once typed; the verdict is the CLV."""
    scores = tuple(Score(t(lang, "l3a.clv.name"), label(f, lang), None if getattr(inp, f) is None else 1.0)
                   for f in lv.REQUIRED)
    verdict = None if result is None else t(lang, "l3a.clv.verdict", clv=money(result.clv, lang))
    return Progress(scores, verdict)


TOOL = Tool(lv.TOOL_ID, lv.LifetimeInput, lv.method, lv.evaluate, lv.example_input, "account", lv.counted,
            name=lambda lang: t(lang, "l3a.clv.name"), short=lambda lang: t(lang, "l3a.clv.short"),
            nav=Nav("maintain", "savings", "app_pages/lifetime_value.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=lv.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l3a.clv.clv"), clv_of, decimals=0))
