"""The negotiation plan's record: every group's checks passed on the projector, the workbook sheet (the
three prices and the room, the concessions with their value for cost and total as formulas, the rounds
with the distance between offer and counter-offer) and the slide with the rounds as bars."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, bar_figure, chart_text
from kamcore.export.book import Book, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import negotiation_plan as npl
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool

OURS, THEIRS, TARGET, FLOOR = "#0072B2", "#D55E00", "#009E73", "#CC0000"


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")


def passed_of(e: Entry) -> int:
    return e.result.passed


def gaps(r: npl.NegotiationResult, m: npl.NegotiationMethod, lang: str) -> list[str]:
    return [m.check(c.id).gap(lang) for c in r.checks if not c.passed]


def summary(e: Entry, m: npl.NegotiationMethod, lang: str) -> dict[str, Any]:
    r, d = e.result, e.data
    return {t(lang, "l2d.neg.opening"): number(d["opening"]), t(lang, "l2d.neg.target"): number(d["target"]),
            t(lang, "l2d.neg.walk_away"): number(d["walk_away"]), t(lang, "l2d.neg.room"): number(r.room),
            t(lang, "l2d.neg.concession_cost"): number(r.concession_cost),
            t(lang, "l2d.neg.checks"): f"{r.passed} / {len(r.checks)}", t(lang, "l2d.neg.rounds"): r.rounds,
            t(lang, "l2d.neg.last_offer"): number(r.last_offer)}


def figure(found: list[Entry], m: npl.NegotiationMethod, lang: str) -> go.Figure:
    """Every group's plan: how many of the checks it passes."""
    return bar_figure([entry_label(e) for e in found], [passed_of(e) for e in found],
                      title=t(lang, "l2d.neg.checks"), height=380,
                      groups=[e.group for e in found]).update_yaxes(range=[0, len(npl.CHECKS) + 0.5], dtick=1)


def rounds_figure(data: dict[str, Any], lang: str) -> go.Figure:
    """Our offers and the customer's counter-offers round by round, between the target and walk-away lines."""
    rounds = [r for r in data["rounds"] if r.get("offer") is not None]
    x = [t(lang, "l2d.neg.round_n", n=n) for n in range(1, len(rounds) + 1)]
    fig = go.Figure([go.Scatter(x=x, y=[r["offer"] for r in rounds], name=t(lang, "l2d.neg.offer"),
                                mode="lines+markers", line=dict(color=OURS)),
                     go.Scatter(x=x, y=[r.get("counter") for r in rounds], name=t(lang, "l2d.neg.counter"),
                                mode="lines+markers", line=dict(color=THEIRS, dash="dot"))])
    for key, color in (("target", TARGET), ("walk_away", FLOOR)):
        if data.get(key) is not None:
            fig.add_hline(y=data[key], line=dict(color=color, dash="dash"),
                          annotation_text=chart_text(t(lang, f"l2d.neg.{key}")), annotation_position="top left")
    return fig.update_layout(height=340, font=dict(family=FONT), margin=dict(l=10, r=10, t=30, b=10),
                             plot_bgcolor="white", legend=dict(orientation="h", y=-0.15),
                             yaxis=dict(gridcolor="#eee"))


def tables(found: list[Entry], m: npl.NegotiationMethod, lang: str) -> list[Table]:
    """The checks each group's plan does not pass yet."""
    missing = t(lang, "l2d.neg.failed")
    rows = [{t(lang, "compare.group"): entry_label(e), missing: t(lang, "common.list_separator").join(
        m.check(c.id).text(lang) for c in e.result.checks if not c.passed)} for e in found
        if e.result.passed < len(e.result.checks)]
    return [Table(t(lang, "l2d.neg.checks"), rows, flag=missing)] if rows else []


def sheet(book: Book, ws: Worksheet, e: Entry, m: npl.NegotiationMethod, lang: str) -> None:
    """The prices and the room; the concessions with value for cost and totals; the rounds; the checks."""
    d, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)} · {d['subject']}", book.title)
    opening, target, walk = book.labelled(ws, 2, [(t(lang, f"l2d.neg.{p}"), d[p]) for p in npl.PRICES])
    book.put(ws, 5, 0, t(lang, "l2d.neg.room"))
    book.formula(ws, 5, 1, f"={opening}-{walk}", r.room)
    room = cell(5, 1)
    row = 7
    concessions = d["concessions"]
    book.table(ws, row, [t(lang, "l2d.neg.concession"), t(lang, "l2d.neg.cost"), t(lang, "l2d.neg.value"),
                         t(lang, "l2d.neg.ratio"), t(lang, "l2d.neg.condition")],
               [[c["what"], c["cost"], c["value"], None, c["condition"]] for c in concessions])
    first, last = row + 1, row + len(concessions)
    for n, c in enumerate(concessions, start=first):
        if c["cost"]:
            book.formula(ws, n, 3, f"=ROUND({cell(n, 2)}/{cell(n, 1)},2)", round(c["value"] / c["cost"], 2))
    total = last + 1
    book.put(ws, total, 0, t(lang, "xlsx.total"))
    if concessions:
        book.formula(ws, total, 1, f"=SUM({cell(first, 1)}:{cell(last, 1)})", r.concession_cost)
        book.formula(ws, total, 2, f"=SUM({cell(first, 2)}:{cell(last, 2)})", r.concession_value)
    if concessions:
        bar_chart(book, ws, "bar", t(lang, "l2d.neg.cost"), (first, last), 1, cell(2, 6))
    book.put(ws, total + 1, 0, t(lang, "l2d.neg.within_room"))
    book.formula(ws, total + 1, 1, f"=AND({cell(total, 1)}>0,{cell(total, 1)}<={room})" if concessions else "=FALSE",
                 check_passed(r, "room"))
    _rounds(book, ws, total + 3, d, walk, lang)
    _checks(book, ws, total + 5 + len(d["rounds"]) + 1, r, m, lang)


def check_passed(r: npl.NegotiationResult, check_id: str) -> bool:
    return next(c.passed for c in r.checks if c.id == check_id)


def _rounds(book: Book, ws: Worksheet, row: int, d: dict[str, Any], walk: str, lang: str) -> None:
    names = {c["key"]: c["what"] for c in d["concessions"]}
    rounds = d["rounds"]
    book.table(ws, row, [t(lang, "l2d.neg.round"), t(lang, "l2d.neg.offer"), t(lang, "l2d.neg.counter"),
                         t(lang, "l2d.neg.apart"), t(lang, "l2d.neg.below"), t(lang, "l2d.neg.given")],
               [[n, x["offer"], x.get("counter"), None, None, names.get(x.get("concession"), "")]
                for n, x in enumerate(rounds, start=1)])
    for n, x in enumerate(rounds, start=row + 1):
        if x.get("counter") is not None:
            book.formula(ws, n, 3, f"={cell(n, 1)}-{cell(n, 2)}", round(x["offer"] - x["counter"], 2))
        book.formula(ws, n, 4, f"={cell(n, 1)}<{walk}", x["offer"] < d["walk_away"])


def _checks(book: Book, ws: Worksheet, row: int, r: npl.NegotiationResult, m: npl.NegotiationMethod,
            lang: str) -> None:
    book.table(ws, row, [t(lang, "l2d.neg.checks"), t(lang, "l2d.neg.met")],
               [[m.check(c.id).text(lang), c.passed] for c in r.checks])


def slide(e: Entry, m: npl.NegotiationMethod, lang: str) -> Slide:
    """The finding: the checks passed and where the talks stand; what to fix; the rounds as bars."""
    r, d = e.result, e.data
    rounds = d["rounds"]
    finding = (t(lang, "l2d.neg.finding_rounds", account=e.account or e.group, offer=number(r.last_offer),
                 counter=number(r.last_counter), rounds=r.rounds) if r.rounds
               else t(lang, "l2d.neg.finding", account=e.account or e.group, passed=r.passed, total=len(r.checks)))
    bars = ([t(lang, "l2d.neg.round_n", n=n) for n in range(1, len(rounds) + 1)],
            {t(lang, "l2d.neg.offer"): [x["offer"] for x in rounds],
             t(lang, "l2d.neg.counter"): [x.get("counter") or 0 for x in rounds]}) if rounds else (
        [t(lang, f"l2d.neg.{p}") for p in npl.PRICES], {t(lang, "l2d.neg.price"): [d[p] for p in npl.PRICES]})
    return Slide(finding,
                 lines(t(lang, "l2d.neg.prices_line", opening=number(d["opening"]), target=number(d["target"]),
                         walk_away=number(d["walk_away"]), unit=d["unit"]), *gaps(r, m, lang)),
                 bars=bars, value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l2d.neg.method"), t(lang, "l2d.neg.formula")),
                 actions=gaps(r, m, lang)[:3], caption=caption(t(lang, "l2d.neg.name"), e.account))


def progress(inp: npl.NegotiationInput, result: npl.NegotiationResult | None, m: npl.NegotiationMethod,
             lang: str) -> Progress:
    """Each check counts once passed; the verdict once the three prices are set."""
    shown = result or npl.evaluate(inp, m)
    scores = tuple(Score(t(lang, "l2d.neg.checks"), m.check(c.id).text(lang), 1.0 if c.passed else None)
                   for c in shown.checks)
    return Progress(scores, f"{shown.passed} / {len(shown.checks)}" if result is not None else None)


TOOL = Tool(npl.TOOL_ID, npl.NegotiationInput, npl.method, npl.evaluate, npl.example_input, "account", npl.counted,
            name=lambda lang: t(lang, "l2d.neg.name"), short=lambda lang: t(lang, "l2d.neg.short"),
            nav=Nav("develop", "forum", "app_pages/negotiation_plan.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=npl.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l2d.neg.checks"), passed_of,
                                      lambda m: (0, len(npl.CHECKS)), decimals=0))
