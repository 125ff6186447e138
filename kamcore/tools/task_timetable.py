"""The task timetable's record: the Gantt chart with today's line (page), each group's tasks done, open
and overdue side by side (projector, comparison), the workbook sheet (real dates, days as formulas, a
native Gantt chart, the reviews and what each changed) and the slide."""

from __future__ import annotations

import datetime as dt
from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, chart_text
from kamcore.export import design
from kamcore.export.book import Book, Worksheet, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import task_timetable as tt
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool
from kamcore.tools.pipeline import put_date

STATUS_COLORS = {"done": "#009E73", "open": "#0072B2", "overdue": "#D55E00"}
DAY_PIXELS, MIN_WIDTH, ROW_PIXELS, LABEL_CHARS = 14, 640, 34, 18
EXCEL_EPOCH = dt.date(1899, 12, 30)


def shown_status(m: tt.TimetableMethod, status: str | None, lang: str) -> str:
    s = m.status(status)
    return s.text(lang) if s else ""


def tasks_of(e_data: dict[str, Any], m: tt.TimetableMethod) -> list[tt.Task]:
    return tt.complete_rows(tt.TimetableInput.model_validate(e_data, context={"method": m}).tasks)


def state(task: tt.Task, m: tt.TimetableMethod, today: dt.date) -> str:
    if task.status == m.done:
        return "done"
    return "overdue" if task.due < today else "open"


def gantt_width(tasks: list[tt.Task], today: dt.date) -> int:
    """Wide enough that a day keeps its width on any screen (a phone scrolls sideways instead)."""
    if not tasks:
        return MIN_WIDTH
    first = min([*(t.start for t in tasks), today])
    last = max([*(t.due for t in tasks), today])
    return max(MIN_WIDTH, ((last - first).days + 8) * DAY_PIXELS + 200)


def row_label(n: int, deliverable: str) -> str:
    """A task's row: numbered (two tasks may share a name), cut short so the bars keep the room."""
    short = deliverable if len(deliverable) <= LABEL_CHARS else deliverable[:LABEL_CHARS - 1] + "…"
    return chart_text(f"{n}. {short}")


def gantt(tasks: list[tt.Task], m: tt.TimetableMethod, lang: str, today: dt.date) -> go.Figure:
    """One bar per task from its start to the end of its due day, coloured done / open / overdue, with
    today's line; its width grows with the days it spans."""
    ordered = sorted(tasks, key=lambda t: (t.start, t.due))
    labels = {x.key: row_label(n, x.deliverable) for n, x in enumerate(ordered, start=1)}
    bars = []
    for kind in ("done", "open", "overdue"):
        chosen = [t for t in ordered if state(t, m, today) == kind]
        bars.append(go.Bar(
            name=t(lang, f"l2c.timetable.state_{kind}"), orientation="h", marker_color=STATUS_COLORS[kind],
            y=[labels[x.key] for x in chosen], base=[x.start.isoformat() for x in chosen],
            x=[((x.due - x.start).days + 1) * 86_400_000 for x in chosen],
            customdata=[[chart_text(x.deliverable), x.owner, x.support, x.start.isoformat(), x.due.isoformat()]
                        for x in chosen],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]} %{customdata[2]}<br>%{customdata[3]} → %{customdata[4]}"
                          "<extra></extra>"))
    figure = go.Figure(bars, layout=dict(
        barmode="overlay", height=150 + ROW_PIXELS * max(len(ordered), 1), width=gantt_width(ordered, today),
        font=dict(family=FONT), plot_bgcolor="white", margin=dict(l=10, r=10, t=30, b=60),
        xaxis=dict(type="date", gridcolor="#eee", tickformat="%m-%d", side="top"),
        yaxis=dict(autorange="reversed", categoryorder="array",
                   categoryarray=list(labels.values())),
        legend=dict(orientation="h", y=-0.02, yanchor="top", x=0.5, xanchor="center")))
    figure.add_shape(type="line", x0=today.isoformat(), x1=today.isoformat(), y0=0, y1=1, yref="paper",
                     line=dict(color="#CC3311", width=2, dash="dash"))
    figure.add_annotation(x=today.isoformat(), y=1, yref="paper", text=chart_text(t(lang, "l2c.timetable.today")),
                          showarrow=False, yanchor="top", xanchor="left", xshift=4, bgcolor="white",
                          font=dict(color="#CC3311"))
    return figure


def summary(e: Entry, m: tt.TimetableMethod, lang: str) -> dict[str, Any]:
    r = e.result
    last = r.reviews[-1].date.isoformat() if r.reviews else "—"
    return {t(lang, "l2c.timetable.tasks"): r.tasks, t(lang, "l2c.timetable.state_done"): r.done,
            t(lang, "l2c.timetable.state_overdue"): len(r.overdue), t(lang, "l2c.timetable.last_review"): last}


def figure(found: list[Entry], m: tt.TimetableMethod, lang: str) -> go.Figure:
    """Each group's tasks, done, open and overdue, stacked side by side."""
    labels = [chart_text(entry_label(e)) for e in found]
    counts = {"done": [e.result.done for e in found], "overdue": [len(e.result.overdue) for e in found]}
    counts["open"] = [e.result.tasks - d - o for e, d, o in zip(found, counts["done"], counts["overdue"], strict=True)]
    bars = [go.Bar(name=chart_text(t(lang, f"l2c.timetable.state_{k}")), x=labels, y=counts[k],
                   marker_color=STATUS_COLORS[k]) for k in ("done", "open", "overdue")]
    return go.Figure(bars, layout=dict(barmode="stack", height=380, font=dict(family=FONT), plot_bgcolor="white",
                                       title=dict(text=chart_text(t(lang, "l2c.timetable.tasks"))),
                                       margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h"),
                                       yaxis=dict(gridcolor="#eee", rangemode="tozero", dtick=1)))


def tables(found: list[Entry], m: tt.TimetableMethod, lang: str) -> list[Table]:
    """The overdue tasks of every group."""
    days = t(lang, "l2c.timetable.days_overdue")
    rows = []
    for e in found:
        tasks = {x.key: x for x in tasks_of(e.data, m)}
        rows += [{t(lang, "compare.group"): entry_label(e), m.field_label("deliverable", lang): tasks[k].deliverable,
                  m.field_label("owner", lang): tasks[k].owner, days: (e.result.today - tasks[k].due).days}
                 for k in e.result.overdue]
    return [Table(t(lang, "l2c.timetable.overdue_title"), rows, flag=days)] if rows else []


def sheet(book: Book, ws: Worksheet, e: Entry, m: tt.TimetableMethod, lang: str) -> None:
    """The tasks with real dates and their days as a formula, a Gantt chart drawn from them, and the
    reviews with what each changed."""
    date = book.wb.add_format({"font_name": design.FONT, "font_size": 10, "num_format": "yyyy-mm-dd"})
    tasks = sorted(tasks_of(e.data, m), key=lambda x: (x.start, x.due))
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    columns = ("deliverable", "owner", "support", "start", "due", "days", "status")
    head = 2
    book.table(ws, head, [m.field_label(c, lang) for c in columns], [])
    for n, task in enumerate(tasks, start=head + 1):
        for col, name in enumerate(("deliverable", "owner", "support")):
            book.put(ws, n, col, getattr(task, name))
        put_date(book, ws, n, 3, task.start, date)
        put_date(book, ws, n, 4, task.due, date)
        book.formula(ws, n, 5, f"=1+{cell(n, 4)}-{cell(n, 3)}", (task.due - task.start).days + 1, book.calc_integer)
        book.put(ws, n, 6, shown_status(m, task.status, lang))
    last = head + len(tasks)
    if tasks:
        _gantt_chart(book, ws, head, last, min(x.start for x in tasks), lang)
    _reviews(book, ws, last + 2, e.result.reviews, lang)


def _gantt_chart(book: Book, ws: Worksheet, head: int, last: int, first: dt.date, lang: str) -> None:
    """A stacked bar chart: an invisible bar up to each task's start, then its days."""
    name = "='" + ws.name.replace("'", "''") + "'!"
    chart = book.wb.add_chart({"type": "bar", "subtype": "stacked"})
    categories = f"{name}{cell(head + 1, 0, True, True)}:{cell(last, 0, True, True)}"
    chart.add_series({"categories": categories, "values": f"{name}{cell(head + 1, 3, True, True)}:"
                      f"{cell(last, 3, True, True)}", "fill": {"none": True}, "border": {"none": True}})
    chart.add_series({"categories": categories, "values": f"{name}{cell(head + 1, 5, True, True)}:"
                      f"{cell(last, 5, True, True)}", "fill": {"color": "#0072B2"}})
    chart.set_x_axis({"min": (first - EXCEL_EPOCH).days, "num_format": "mm-dd", "major_gridlines": {"visible": True}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    chart.set_title({"name": t(lang, "l2c.timetable.gantt")})
    book.insert_chart(ws, cell(last + 2, 8), chart, width=640, height=max(200, 40 + 26 * (last - head)))


def _reviews(book: Book, ws: Worksheet, row: int, reviews: list[tt.ReviewDiff], lang: str) -> None:
    heads = [t(lang, f"l2c.timetable.{k}") for k in ("review", "changes_done", "changes_slipped", "changes_new",
                                                      "changes_overdue", "notes")]
    book.table(ws, row, heads, [])
    date = book.wb.add_format({"font_name": design.FONT, "font_size": 10, "num_format": "yyyy-mm-dd"})
    for n, r in enumerate(reviews, start=row + 1):
        put_date(book, ws, n, 0, r.date, date)
        book.put(ws, n, 1, "; ".join(i.deliverable for i in r.done))
        book.put(ws, n, 2, "; ".join(f"{i.deliverable} (+{i.days})" for i in r.slipped))
        book.put(ws, n, 3, "; ".join(i.deliverable for i in r.new))
        book.put(ws, n, 4, "; ".join(i.deliverable for i in r.overdue))
        book.put(ws, n, 5, r.notes)


def slide(e: Entry, m: tt.TimetableMethod, lang: str) -> Slide:
    """The finding: tasks done and overdue, the last review's changes; the tasks as a Gantt chart, in the
    order they start, in days from the first start."""
    r = e.result
    tasks = sorted(tasks_of(e.data, m), key=lambda x: (x.start, x.due))
    first = tasks[0].start if tasks else None
    last = r.reviews[-1] if r.reviews else None
    review_line = t(lang, "l2c.timetable.review_line", date=last.date.isoformat(), done=len(last.done),
                    slipped=len(last.slipped), new=len(last.new), overdue=len(last.overdue)) if last else ""
    overdue = [x for x in tasks if x.key in r.overdue]
    return Slide(t(lang, "l2c.timetable.finding", account=e.account or e.group, tasks=r.tasks, done=r.done,
                   overdue=len(r.overdue)),
                 lines(review_line, *(t(lang, "l2c.timetable.overdue_line", deliverable=x.deliverable,
                                        owner=x.owner, due=x.due.isoformat()) for x in overdue)),
                 bars=([f"{x.deliverable} ({x.start:%m-%d}→{x.due:%m-%d})" for x in tasks],
                       {"": [(x.start - first).days for x in tasks],
                        m.field_label("days", lang): [(x.due - x.start).days + 1 for x in tasks]}),
                 value_range=(0, None), decimals=0, gantt=True,
                 notes=notes(lang, t(lang, "l2c.timetable.method"), t(lang, "l2c.timetable.formula")),
                 actions=[t(lang, "l2c.timetable.overdue_line", deliverable=x.deliverable, owner=x.owner,
                            due=x.due.isoformat()) for x in overdue][:3],
                 caption=caption(t(lang, "l2c.timetable.name"), e.account))


def progress(inp: tt.TimetableInput, result: tt.TimetableResult | None, m: tt.TimetableMethod,
             lang: str) -> Progress:
    """Each task counts once complete; the verdict: done of all, and the overdue."""
    scores = tuple(Score(m.field_label("deliverable", lang), x.deliverable or "—", 1.0 if x.complete() else None)
                   for x in inp.tasks)
    verdict = None if result is None else t(lang, "l2c.timetable.verdict", done=result.done, tasks=result.tasks,
                                            overdue=len(result.overdue))
    return Progress(scores, verdict)


def done_of(e: Entry) -> float:
    return e.result.done


TOOL = Tool(tt.TOOL_ID, tt.TimetableInput, tt.method, tt.evaluate, tt.example_input, "account", tt.counted,
            name=lambda lang: t(lang, "l2c.timetable.name"), short=lambda lang: t(lang, "l2c.timetable.short"),
            nav=Nav("develop", "view_timeline", "app_pages/task_timetable.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=tt.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l2c.timetable.state_done"), done_of, decimals=0))
