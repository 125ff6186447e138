"""The review cadence's record: every group's reviews held, its workbook sheet (the year's calendar,
the reviews held, the count per state as formulas) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import review_cadence as rc
from kamcore.tool import Entry, Nav, Progress, Score, Tool

STATES = ("held", "due", "overdue", "upcoming")
SHOWN = 3


def state_label(state: str, lang: str) -> str:
    return t(lang, f"l3b.review.state_{state}")


def planned_text(p: rc.Planned, m: rc.ReviewMethod, lang: str) -> str:
    return f"{p.day.isoformat()} · {m.review(p.review).name(lang)} — {state_label(p.state, lang)}"


def summary(e: Entry, m: rc.ReviewMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l3b.review.held"): f"{r.counted_held} / {len(r.calendar)}",
            t(lang, "l3b.review.overdue"): len(r.overdue),
            t(lang, "l3b.review.next"): f"{r.next.day.isoformat()} {m.review(r.next.review).name(lang)}"
            if r.next else ""}


def held_count(e: Entry) -> float:
    return e.result.counted_held


def figure(found: list[Entry], m: rc.ReviewMethod, lang: str) -> go.Figure:
    return bar_figure([f"{e.group} · {e.account}" for e in found], [held_count(e) for e in found],
                      title=t(lang, "l3b.review.held"), height=380, groups=[e.group for e in found])


def sheet(book: Book, ws: Worksheet, e: Entry, m: rc.ReviewMethod, lang: str) -> None:
    """The calendar (each planned review, its state and the review held for it), the reviews held,
    and the count per state as formulas over the calendar."""
    r = e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    book.put(ws, 1, 0, f"{t(lang, 'l3b.review.start')}: {e.data['start']} · {t(lang, 'l3b.review.as_of')}: "
                       f"{r.today.isoformat()}")
    held = {h["key"]: h for h in e.data["held"]}
    end = book.table(ws, 2, [t(lang, "l3b.review.review"), t(lang, "l3b.review.planned"), t(lang, "l3b.review.state"),
                             t(lang, "l3b.review.held_on"), t(lang, "l3b.review.outcome")],
                     [[m.review(p.review).name(lang), p.day.isoformat(), state_label(p.state, lang),
                       held[p.held]["date"] if p.held else "", held[p.held]["outcome"] if p.held else ""]
                      for p in r.calendar])
    first, last = 3, end - 1
    row = end + 1
    book.table(ws, row, [t(lang, "l3b.review.state"), t(lang, "l3b.review.count")], [])
    for n, state in enumerate(STATES, start=row + 1):
        book.put(ws, n, 0, state_label(state, lang))
        book.formula(ws, n, 1, f"=COUNTIF({cell(first, 2)}:{cell(max(last, first), 2)},{cell(n, 0)})",
                     sum(p.state == state for p in r.calendar))
    bar_chart(book, ws, "column", t(lang, "l3b.review.state"), (row + 1, row + len(STATES)), 1, cell(row, 3))
    row += len(STATES) + 2
    book.table(ws, row, [t(lang, "l3b.review.review"), t(lang, "l3b.review.date"), t(lang, "l3b.review.attendees"),
                         t(lang, "l3b.review.outcome"), t(lang, "l3b.review.actions")],
               [[m.review(h["review"]).name(lang), h["date"], h["attendees"], h["outcome"], h["actions"]]
                for h in e.data["held"]])


def slide(e: Entry, m: rc.ReviewMethod, lang: str) -> Slide:
    """The finding: reviews held of those planned, any overdue and the next one; bars per review."""
    r = e.result
    upcoming = [planned_text(p, m, lang) for p in r.calendar if p.state in ("overdue", "due", "upcoming")]
    actions = [f"{m.review(h['review']).name(lang)} ({h['date']}): {h['actions']}" for h in e.data["held"]
               if h.get("actions")]
    late = [planned_text(p, m, lang) for p in r.calendar if p.state == "overdue"]
    return Slide(t(lang, "l3b.review.finding", account=e.account or e.group, held=r.counted_held,
                   planned=len(r.calendar), overdue=len(r.overdue)),
                 lines(*upcoming),
                 bars=([rv.name(lang) for rv in m.reviews],
                       {t(lang, "l3b.review.planned"): [sum(p.review == rv.id for p in r.calendar) for rv in m.reviews],
                        t(lang, "l3b.review.held"): [sum(p.review == rv.id and bool(p.held) for p in r.calendar)
                                                     for rv in m.reviews]}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l3b.review.method"), t(lang, "l3b.review.formula")),
                 actions=[*late, *actions[::-1]][:SHOWN],
                 caption=caption(t(lang, "l3b.review.name"), e.account))


def progress(inp: rc.ReviewInput, result: rc.ReviewResult | None, m: rc.ReviewMethod, lang: str) -> Progress:
    """The start day, then each review planned up to today counts once held; reviews held of planned."""
    scores = [Score(t(lang, "l3b.review.calendar"), t(lang, "l3b.review.start"), 1.0 if inp.start else None)]
    if result is not None:
        scores += [Score(m.review(p.review).name(lang), p.day.isoformat(), 1.0 if p.held else None)
                   for p in result.calendar if p.state != "upcoming"]
    verdict = (t(lang, "l3b.review.verdict", held=result.counted_held, planned=len(result.calendar))
               if result is not None and result.calendar else None)
    return Progress(tuple(scores), verdict)


TOOL = Tool(rc.TOOL_ID, rc.ReviewInput, rc.method, rc.evaluate, rc.example_input, "account", rc.counted,
            name=lambda lang: t(lang, "l3b.review.name"), short=lambda lang: t(lang, "l3b.review.short"),
            nav=Nav("maintain", "event_repeat", "app_pages/review_cadence.py"), summary=summary, figure=figure,
            sheet=sheet, slide=slide,
            comparison=bar_comparison(lambda lang: t(lang, "l3b.review.held"), held_count, decimals=0),
            blank=rc.blank_input, progress=progress)
