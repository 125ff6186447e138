"""Continuous attention's record: every group's share of practices on track, its workbook sheet (each
practice with owner, cadence, last done and the next due day as a formula) and its slide."""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import attention_checklist as ac
from kamcore.tool import Entry, Nav, Progress, Score, Tool

SHOWN = 3  # flagged practices a slide's actions list
EPOCH = date(1899, 12, 30)  # a spreadsheet's day 0


def serial(day: date) -> int:
    """A day as a spreadsheet's day number, so that formulas can count days from it."""
    return (day - EPOCH).days


def day_format(book: Book) -> Any:
    return book.wb.add_format({"num_format": "yyyy-mm-dd", "align": "left"})


def on_track_share(e: Entry) -> float:
    total = len(e.result.practices)
    return round(100 * e.result.on_track / total) if total else 0


def state_label(state: str, lang: str) -> str:
    return t(lang, f"l3b.attention.state_{state}")


def flagged(e: Entry, m: ac.AttentionMethod, lang: str) -> list[str]:
    """The practices overdue or never done, with their owner and due day, most overdue first."""
    rows = sorted((p for p in e.result.practices if p.id in e.result.overdue),
                  key=lambda p: (p.next_due is not None, p.next_due))
    return [f"{m.practice(p.id).text(lang)} — {state_label(p.state, lang)}"
            + "".join(f" · {v}" for v in (p.owner, p.next_due.isoformat() if p.next_due else "") if v) for p in rows]


def summary(e: Entry, m: ac.AttentionMethod, lang: str) -> dict[str, Any]:
    r = e.result
    upcoming = [p.next_due for p in r.practices if p.state in ("due_soon", "on_time")]
    return {t(lang, "l3b.attention.on_track"): f"{r.on_track} / {len(r.practices)}",
            t(lang, "l3b.attention.overdue"): len(r.overdue),
            t(lang, "l3b.attention.next_due"): min(upcoming).isoformat() if upcoming else ""}


def figure(found: list[Entry], m: ac.AttentionMethod, lang: str) -> go.Figure:
    return bar_figure([f"{e.group} · {e.account}" for e in found], [on_track_share(e) for e in found],
                      title=t(lang, "l3b.attention.on_track_share"), height=380,
                      groups=[e.group for e in found]).update_yaxes(range=[0, 100])


def sheet(book: Book, ws: Worksheet, e: Entry, m: ac.AttentionMethod, lang: str) -> None:
    """Each practice with its owner, cadence in days and last done; next due = last done + days, as a
    formula; the state as of the day the workbook was made; the count per state."""
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    r = e.result
    book.put(ws, 1, 0, f"{t(lang, 'l3b.attention.as_of')}: {r.today.isoformat()}")
    book.table(ws, 2, [t(lang, "l3b.attention.practice"), t(lang, "l3b.attention.owner"),
                       t(lang, "l3b.attention.cadence_days"), t(lang, "l3b.attention.last_done"),
                       t(lang, "l3b.attention.next_due"), t(lang, "l3b.attention.state")],
               [[m.practice(p.id).text(lang), p.owner, p.days] for p in r.practices])
    first, last = 3, 2 + len(r.practices)
    day = day_format(book)
    for n, p in enumerate(r.practices, start=first):
        if p.last_done is not None:
            ws.write_number(n, 3, serial(p.last_done), day)
            book.formula(ws, n, 4, f"={cell(n, 3)}+{cell(n, 2)}", serial(p.next_due), day)
        book.put(ws, n, 5, state_label(p.state, lang))
    row = last + 2
    book.table(ws, row, [t(lang, "l3b.attention.state"), t(lang, "l3b.attention.count")], [])
    for n, state in enumerate(ac.STATES, start=row + 1):
        book.put(ws, n, 0, state_label(state, lang))
        book.formula(ws, n, 1, f"=COUNTIF({cell(first, 5)}:{cell(last, 5)},{cell(n, 0)})", r.by_state[state])
    bar_chart(book, ws, "column", t(lang, "l3b.attention.state"), (row + 1, row + len(ac.STATES)), 1, cell(row, 3))


def slide(e: Entry, m: ac.AttentionMethod, lang: str) -> Slide:
    """The finding: how many practices are overdue; which, with their owners."""
    r = e.result
    late = flagged(e, m, lang)
    return Slide(t(lang, "l3b.attention.finding", account=e.account or e.group, overdue=len(r.overdue),
                   total=len(r.practices)),
                 lines(*late),
                 bars=([state_label(s, lang) for s in ac.STATES],
                       {t(lang, "l3b.attention.count"): [r.by_state[s] for s in ac.STATES]}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l3b.attention.method"), t(lang, "l3b.attention.formula")),
                 actions=late[:SHOWN], caption=caption(t(lang, "l3b.attention.name"), e.account))


def progress(inp: ac.AttentionInput, result: ac.AttentionResult | None, m: ac.AttentionMethod,
             lang: str) -> Progress:
    """A practice counts once its last day done is filled in; the overdue count once any is."""
    entries = inp.practices
    scores = tuple(Score(m.group(p.group).label(lang), p.text(lang),
                         1.0 if p.id in entries and entries[p.id].last_done else None) for p in m.practices)
    verdict = (t(lang, "l3b.attention.verdict", overdue=len(result.overdue), total=len(result.practices))
               if result is not None and result.done else None)
    return Progress(scores, verdict)


TOOL = Tool(ac.TOOL_ID, ac.AttentionInput, ac.method, ac.evaluate, ac.example_input, "account", ac.counted,
            name=lambda lang: t(lang, "l3b.attention.name"), short=lambda lang: t(lang, "l3b.attention.short"),
            nav=Nav("maintain", "notifications_active", "app_pages/attention_checklist.py"), summary=summary,
            figure=figure, sheet=sheet, slide=slide,
            comparison=bar_comparison(lambda lang: t(lang, "l3b.attention.on_track_share"), on_track_share,
                                      lambda m: (0, 100), decimals=0),
            blank=ac.blank_input, progress=progress)
