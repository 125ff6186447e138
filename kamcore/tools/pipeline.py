"""The development pipeline's record: each group's weighted pipeline side by side (projector,
comparison), its stale deals, the workbook sheet (the stages with their probabilities, the deals with
real dates and the weighted value as a live formula, a funnel chart, the stage history) and the slide
(the funnel as bars)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, chart_text
from kamcore.export import design
from kamcore.export.book import Book, Worksheet, cell, money
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import pipeline as pl
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool

STAGE_COLORS = ("#D9E8F5", "#B3D1EB", "#8DBAE0", "#66A3D6", "#408CCB", "#1F77B4", "#0F5C91", "#08416B")


def stage_color(n: int) -> str:
    return STAGE_COLORS[min(n, len(STAGE_COLORS) - 1)]


def stage_name(m: pl.PipelineMethod, stage_id: str, lang: str) -> str:
    return f"{m.order(stage_id)}. {m.stage(stage_id).text(lang)}"


def summary(e: Entry, m: pl.PipelineMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l2c.pipeline.deals"): len(r.deals), t(lang, "l2c.pipeline.total"): money(r.total, lang),
            t(lang, "l2c.pipeline.weighted"): money(r.weighted, lang), t(lang, "l2c.pipeline.stale"): len(r.stale)}


def weighted_of(e: Entry) -> float:
    return e.result.weighted


def figure(found: list[Entry], m: pl.PipelineMethod, lang: str) -> go.Figure:
    """Each group's weighted pipeline as one bar, stacked by stage: side by side, the same scale."""
    labels = [chart_text(entry_label(e)) for e in found]
    bars = [go.Bar(name=chart_text(stage_name(m, s.id, lang)), x=labels, marker_color=stage_color(n),
                   y=[next(x.weighted for x in e.result.stages if x.stage == s.id) for e in found])
            for n, s in enumerate(m.stages)]
    return go.Figure(bars, layout=dict(
        barmode="stack", height=420, font=dict(family=FONT), plot_bgcolor="white",
        title=dict(text=chart_text(t(lang, "l2c.pipeline.weighted"))), margin=dict(l=10, r=10, t=40, b=10),
        yaxis=dict(gridcolor="#eee", rangemode="tozero", tickformat=",.0f"), legend=dict(orientation="h")))


def stale_rows(e: Entry, m: pl.PipelineMethod, lang: str) -> list[dict[str, Any]]:
    deals = [d for d in e.result.deals if d.stale]
    return [{t(lang, "compare.group"): entry_label(e), m.field_label("name", lang): d.name,
             m.field_label("stage", lang): stage_name(m, d.stage, lang), m.field_label("days", lang): d.days,
             m.field_label("limit", lang): m.stage(d.stage).limit_days} for d in deals]


def tables(found: list[Entry], m: pl.PipelineMethod, lang: str) -> list[Table]:
    """The deals that sit in their stage longer than its limit."""
    rows = [row for e in found for row in stale_rows(e, m, lang)]
    return [Table(t(lang, "l2c.pipeline.stale_title"), rows, flag=m.field_label("days", lang))] if rows else []


def _date(book: Book) -> Any:
    return book.wb.add_format({"font_name": design.FONT, "font_size": 10, "num_format": "yyyy-mm-dd"})


def put_date(book: Book, ws: Worksheet, row: int, col: int, value: str | dt.date | None, fmt: Any) -> None:
    """A real Excel date (a number formatted as a date), or a blank cell."""
    if value in (None, ""):
        ws.write_blank(row, col, None, fmt)
    else:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        ws.write_datetime(row, col, dt.datetime.combine(day, dt.time()), fmt)


def sheet(book: Book, ws: Worksheet, e: Entry, m: pl.PipelineMethod, lang: str) -> None:
    """The stages (probability and limit, which a reader may change), the deals with the weighted
    value as value × the stage's probability looked up live, totals per stage, a funnel chart, and
    every stage change with its date."""
    r, date = e.result, _date(book)
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    stage_head = 2
    book.table(ws, stage_head, [m.field_label("stage", lang), m.field_label("probability", lang) + " %",
                                m.field_label("limit", lang)],
               [[stage_name(m, s.id, lang), s.probability, s.limit_days] for s in m.stages])
    first_stage, last_stage = stage_head + 1, stage_head + len(m.stages)
    stages = f"$A${first_stage + 1}:$C${last_stage + 1}"
    head = last_stage + 2
    columns = ["name", "value", "close", "stage", "owner", "probability", "weighted", "since", "days"]
    book.table(ws, head, [m.field_label(c, lang) + (" %" if c == "probability" else "") for c in columns], [])
    data = {o["key"]: o for o in e.data["opportunities"]}
    for n, d in enumerate(r.deals, start=head + 1):
        book.put(ws, n, 0, d.name)
        book.put(ws, n, 1, d.value, book.money)
        put_date(book, ws, n, 2, data[d.key].get("close"), date)
        book.put(ws, n, 3, stage_name(m, d.stage, lang))
        book.put(ws, n, 4, data[d.key].get("owner", ""))
        book.formula(ws, n, 5, f"=VLOOKUP({cell(n, 3)},{stages},2,FALSE)", d.probability, book.calc)
        book.formula(ws, n, 6, f"={cell(n, 1)}*{cell(n, 5)}/100", d.weighted, book.calc_money)
        put_date(book, ws, n, 7, d.since, date)
        book.put(ws, n, 8, d.days)
    last = head + len(r.deals)
    total = last + 1
    book.put(ws, total, 0, t(lang, "l2c.pipeline.weighted"))
    book.formula(ws, total, 1, f"=SUM({cell(head + 1, 1)}:{cell(max(last, head + 1), 1)})", r.total, book.calc_money)
    book.formula(ws, total, 6, f"=SUM({cell(head + 1, 6)}:{cell(max(last, head + 1), 6)})", r.weighted,
                 book.calc_money)
    funnel = _by_stage(book, ws, total + 2, head, last, r, m, lang)
    _history(book, ws, funnel + 2, e, m, lang, date)


def _by_stage(book: Book, ws: Worksheet, row: int, head: int, last: int, r: pl.PipelineResult,
              m: pl.PipelineMethod, lang: str) -> int:
    """Value and weighted value per stage (SUMIF over the deals) and the funnel drawn from them."""
    book.table(ws, row, [m.field_label("stage", lang), m.field_label("value", lang),
                         m.field_label("weighted", lang)], [])
    stages_col = f"{cell(head + 1, 3)}:{cell(max(last, head + 1), 3)}"
    for n, s in enumerate(r.stages, start=row + 1):
        book.put(ws, n, 0, stage_name(m, s.stage, lang))
        for col, source, value in ((1, 1, s.value), (2, 6, s.weighted)):
            where = f"{cell(head + 1, source)}:{cell(max(last, head + 1), source)}"
            book.formula(ws, n, col, f"=SUMIF({stages_col},{cell(n, 0)},{where})", value, book.calc_money)
    end = row + len(r.stages)
    chart = book.wb.add_chart({"type": "bar"})
    name = f"='{ws.name.replace(chr(39), chr(39) * 2)}'"
    chart.add_series({"name": m.field_label("value", lang), "categories": f"{name}!{cell(row + 1, 0, True, True)}:"
                      f"{cell(end, 0, True, True)}", "values": f"{name}!{cell(row + 1, 1, True, True)}:"
                      f"{cell(end, 1, True, True)}", "fill": {"color": "#0072B2"}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    chart.set_title({"name": t(lang, "l2c.pipeline.funnel")})
    book.insert_chart(ws, cell(2, 10), chart)  # right of the deals table
    return end


def _history(book: Book, ws: Worksheet, row: int, e: Entry, m: pl.PipelineMethod, lang: str, date: Any) -> None:
    """Every stage change of every deal, by deal and date."""
    ws.write_string(row, 0, t(lang, "l2c.pipeline.history"), book.head)
    book.table(ws, row + 1, [m.field_label("name", lang), m.field_label("date", lang), m.field_label("stage", lang),
                             m.field_label("met", lang)], [])
    n = row + 2
    inp = pl.PipelineInput.model_validate(e.data, context={"method": m})
    for o in inp.opportunities:
        for change in pl.ordered_history(o):
            book.put(ws, n, 0, o.name)
            put_date(book, ws, n, 1, change.date, date)
            book.put(ws, n, 2, stage_name(m, change.stage, lang))
            book.put(ws, n, 3, met_text(change, m, lang))
            n += 1


def met_text(change: pl.StageChange, m: pl.PipelineMethod, lang: str) -> str:
    criteria = {c.id: c.text(lang) for s in m.stages for c in s.exit}
    return t(lang, "common.list_separator").join(criteria.get(c, c) for c in change.met)


def slide(e: Entry, m: pl.PipelineMethod, lang: str) -> Slide:
    """The finding: the weighted pipeline and how many deals are stale; the funnel as bars by stage (the
    stages that hold deals)."""
    r = e.result
    stale = [d for d in r.deals if d.stale]
    held = [x for x in r.stages if x.count] or r.stages  # the funnel's stages that hold deals, in order
    return Slide(t(lang, "l2c.pipeline.finding", account=e.account or e.group, weighted=money(r.weighted, lang),
                   count=len(r.deals), stale=len(stale)),
                 lines(t(lang, "l2c.pipeline.total_line", total=money(r.total, lang)),
                       *(t(lang, "l2c.pipeline.stale_line", name=d.name, stage=stage_name(m, d.stage, lang),
                           days=d.days) for d in stale)),
                 bars=([stage_name(m, x.stage, lang) for x in held],
                       {m.field_label("value", lang): [x.value for x in held],
                        m.field_label("weighted", lang): [x.weighted for x in held]}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l2c.pipeline.method"), t(lang, "l2c.pipeline.formula")),
                 actions=[t(lang, "l2c.pipeline.stale_line", name=d.name, stage=stage_name(m, d.stage, lang),
                            days=d.days) for d in stale][:3],
                 caption=caption(t(lang, "l2c.pipeline.name"), e.account))


def progress(inp: pl.PipelineInput, result: pl.PipelineResult | None, m: pl.PipelineMethod, lang: str) -> Progress:
    """Each opportunity counts once complete; the verdict is the weighted pipeline."""
    scores = tuple(Score(m.field_label("name", lang), o.name or "—", 1.0 if o.complete() else None)
                   for o in inp.opportunities)
    verdict = None if result is None else f"{t(lang, 'l2c.pipeline.weighted')} {money(result.weighted, lang)}"
    return Progress(scores, verdict)


TOOL = Tool(pl.TOOL_ID, pl.PipelineInput, pl.method, pl.evaluate, pl.example_input, "account", pl.counted,
            name=lambda lang: t(lang, "l2c.pipeline.name"), short=lambda lang: t(lang, "l2c.pipeline.short"),
            nav=Nav("develop", "filter_alt", "app_pages/pipeline.py"), summary=summary, figure=figure, tables=tables,
            sheet=sheet, slide=slide, blank=pl.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l2c.pipeline.weighted"), weighted_of, decimals=0))
