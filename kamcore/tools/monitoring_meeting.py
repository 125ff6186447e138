"""The management monitoring meeting's record: the group's meetings, each account's progress and the
actions open (projector, comparison), the workbook sheet, the slide and the one-page minutes."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export import design
from kamcore.export.book import Book, Worksheet, bar_chart, cell, money
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import monitoring_meeting as mm
from kamcore.methods import pipeline as pl
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool
from kamcore.tools.pipeline import put_date


def inputs(data: dict[str, Any], m: mm.MonitoringMethod) -> mm.MonitoringInput:
    return mm.MonitoringInput.model_validate(data, context={"method": m})


def stage_text(stage: str | None, lang: str, pm: pl.PipelineMethod | None = None) -> str:
    pm = pm or pl.method()
    if stage is None:
        return "—"
    try:
        return f"{pm.order(stage)}. {pm.stage(stage).text(lang)}"
    except (ValueError, StopIteration):
        return stage


def change_text(change: float | None, lang: str) -> str:
    if change is None:
        return t(lang, "l2c.meeting.first_time")
    return ("+" if change > 0 else "") + money(change, lang)


def summary(e: Entry, m: mm.MonitoringMethod, lang: str) -> dict[str, Any]:
    r = e.result
    last = r.meetings[-1] if r.meetings else None
    return {t(lang, "l2c.meeting.meetings"): len(r.meetings),
            t(lang, "l2c.meeting.last"): last.date.isoformat() if last else "—",
            t(lang, "l2c.meeting.open"): len(r.open), t(lang, "l2c.meeting.closed"): len(r.closed)}


def open_of(e: Entry) -> float:
    return len(e.result.open)


def figure(found: list[Entry], m: mm.MonitoringMethod, lang: str) -> go.Figure:
    """Each group's actions still open."""
    return bar_figure([entry_label(e) for e in found], [len(e.result.open) for e in found],
                      title=t(lang, "l2c.meeting.open"), height=360, groups=[e.group for e in found])


def tables(found: list[Entry], m: mm.MonitoringMethod, lang: str) -> list[Table]:
    """Every group's open actions, with how many meetings they have come back to."""
    carried = t(lang, "l2c.meeting.carried_times")
    rows = []
    for e in found:
        actions = {a.key: a for a in inputs(e.data, m).actions}
        times = {k: sum(k in x.carried for x in e.result.meetings) for k in e.result.open}
        rows += [{t(lang, "compare.group"): entry_label(e), m.field_label("action", lang): actions[k].action,
                  m.field_label("owner", lang): actions[k].owner, carried: times[k]} for k in e.result.open]
    return [Table(t(lang, "l2c.meeting.open"), rows, flag=carried)] if rows else []


def sheet(book: Book, ws: Worksheet, e: Entry, m: mm.MonitoringMethod, lang: str) -> None:
    """Each meeting (date, accounts' progress, situation, problems, countermeasures), a chart of the last
    meeting's weighted pipeline per account, then the actions."""
    date = book.wb.add_format({"font_name": design.FONT, "font_size": 10, "num_format": "yyyy-mm-dd"})
    inp, r = inputs(e.data, m), e.result
    meetings = {x.key: x for x in inp.meetings}
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    row, last = 2, None
    for view in r.meetings:
        x = meetings[view.key]
        ws.write_string(row, 0, m.field_label("date", lang), book.head)
        put_date(book, ws, row, 1, x.date, date)
        last = (row + 2, row + 1 + len(view.accounts)) if view.accounts else None
        row = book.table(ws, row + 1, [m.field_label(c, lang) for c in ("account", "stage", "weighted", "change")],
                         [[a.account, stage_text(a.stage, lang), a.weighted, a.change] for a in view.accounts],
                         formats={2: book.money, 3: book.money})
        for name in ("business", "problems", "countermeasures"):
            book.put(ws, row, 0, m.field_label(name, lang))
            book.put(ws, row, 1, getattr(x, name))
            row += 1
        row += 1
    if last:  # the accounts' weighted pipeline at the last meeting
        bar_chart(book, ws, "bar", m.field_label("weighted", lang), last, 2, cell(2, 6))
    heads = [m.field_label(c, lang) for c in ("action", "owner", "due", "meeting", "closed")]
    book.table(ws, row, heads, [])
    for n, a in enumerate(inp.actions, start=row + 1):
        book.put(ws, n, 0, a.action)
        book.put(ws, n, 1, a.owner)
        put_date(book, ws, n, 2, a.due, date)
        put_date(book, ws, n, 3, meetings[a.meeting].date, date)
        put_date(book, ws, n, 4, a.closed, date)


def slide(e: Entry, m: mm.MonitoringMethod, lang: str) -> Slide:
    """The last meeting: each account's weighted value, the open actions."""
    inp, r = inputs(e.data, m), e.result
    last = r.meetings[-1]
    meeting = next(x for x in inp.meetings if x.key == last.key)
    actions = {a.key: a for a in inp.actions}
    open_lines = [t(lang, "l2c.meeting.action_line", action=actions[k].action, owner=actions[k].owner,
                    due=actions[k].due.isoformat() if actions[k].due else "—") for k in r.open]
    return Slide(t(lang, "l2c.meeting.finding", group=e.group, date=last.date.isoformat(), open=len(r.open)),
                 lines(meeting.problems, meeting.countermeasures, *open_lines),
                 bars=([a.account for a in last.accounts] or ["—"],
                       {m.field_label("weighted", lang): [a.weighted for a in last.accounts] or [0]}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l2c.meeting.method"), t(lang, "l2c.meeting.formula")),
                 actions=open_lines[:3], caption=caption(t(lang, "l2c.meeting.name")))


def minutes(data: dict[str, Any], meeting_key: str, m: mm.MonitoringMethod, lang: str, group: str = "") -> str:
    """One meeting's minutes as one page of Markdown: progress per account, the business situation,
    problems and countermeasures, the actions raised and those carried over."""
    inp = inputs(data, m)
    r = mm.evaluate(inp, m)
    view = next(x for x in r.meetings if x.key == meeting_key)
    meeting = next(x for x in inp.meetings if x.key == meeting_key)
    actions = {a.key: a for a in inp.actions}
    dates = {x.key: x.date for x in inp.meetings}
    out = [f"# {m.title(lang)}" + (f" · {group}" if group else ""), "",
           f"**{m.field_label('date', lang)}** {meeting.date.isoformat()}", "",
           f"## {t(lang, 'l2c.meeting.progress')}", "",
           "| " + " | ".join(m.field_label(c, lang) for c in ("account", "stage", "weighted", "change")) + " |",
           "|---|---|---:|---:|"]
    out += [f"| {_cell(a.account)} | {_cell(stage_text(a.stage, lang))} | {money(a.weighted, lang)} | "
            f"{change_text(a.change, lang)} |" for a in view.accounts]
    for name in ("business", "problems", "countermeasures"):
        out += ["", f"## {m.field_label(name, lang)}", "", getattr(meeting, name) or "—"]
    for title, keys in ((t(lang, "l2c.meeting.raised"), view.raised), (t(lang, "l2c.meeting.carried"), view.carried)):
        out += ["", f"## {title}", ""]
        out += [f"- [{'x' if actions[k].closed else ' '}] {_cell(actions[k].action)} — {_cell(actions[k].owner)}"
                f" · {m.field_label('due', lang)} {actions[k].due.isoformat() if actions[k].due else '—'}"
                + (f" · {m.field_label('meeting', lang)} {dates[actions[k].meeting].isoformat()}"
                   if k in view.carried else "") for k in keys] or ["—"]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def progress(inp: mm.MonitoringInput, result: mm.MonitoringResult | None, m: mm.MonitoringMethod,
             lang: str) -> Progress:
    """Each action counts once closed; the verdict: the meetings held and the actions open."""
    scores = tuple(Score(m.field_label("action", lang), a.action or "—", 1.0 if a.closed else None)
                   for a in inp.actions)
    verdict = None if result is None else t(lang, "l2c.meeting.verdict", meetings=len(result.meetings),
                                            open=len(result.open))
    return Progress(scores, verdict)


TOOL = Tool(mm.TOOL_ID, mm.MonitoringInput, mm.method, mm.evaluate, mm.example_input, "group", mm.counted,
            name=lambda lang: t(lang, "l2c.meeting.name"), short=lambda lang: t(lang, "l2c.meeting.short"),
            nav=Nav("develop", "groups", "app_pages/monitoring_meeting.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=mm.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l2c.meeting.open"), open_of, decimals=0))
