"""The log kind: dated rows with the columns the method declares (text, number, date or a choice).
A row counts once it has its date and every required column; number columns are totalled, choice columns
counted by choice, and a row with a choice marked `open` is listed as open."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, ClassVar, Literal

import plotly.graph_objects as go
from pydantic import BaseModel, Field, PrivateAttr, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Columns, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import Text, t
from kamcore.kinds.base import Kind, KindSpec, entry_label, method_in
from kamcore.methods.common import DraftRow, Id, InputModel, SpecModel, check_choice, complete_rows, ids_of
from kamcore.tool import Entry, Progress, Score

LIMIT = 1e12
TEXT_LIMIT = 2000
SHOWN_ROWS = 8  # the latest rows a slide lists


class Choice(SpecModel):
    id: Id
    label: Text
    open: bool = False  # a row with this choice is still open (e.g. an objection not yet resolved)


class LogColumn(SpecModel):
    id: Id
    label: Text
    type: Literal["text", "number", "date", "choice"]
    choices: list[Choice] = Field(default_factory=list)
    required: bool = False

    @model_validator(mode="after")
    def _choices_for_a_choice(self) -> LogColumn:
        if (self.type == "choice") != bool(self.choices):
            raise ValueError(f"column {self.id}: a choice column lists its choices, other columns none")
        return self

    def choice(self, choice_id: str) -> str | None:
        return next((c for c in self.choices if c.id == choice_id), None)


class LogMethod(KindSpec):
    kind: Literal["log"]
    columns: list[LogColumn] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> LogMethod:
        ids = [c.id for c in self.columns]
        if len(set(ids)) != len(ids) or {"key", "date"} & set(ids):
            raise ValueError("column ids are unique and not 'key' or 'date'")
        return self

    def numbers(self) -> list[LogColumn]:
        return [c for c in self.columns if c.type == "number"]

    def choices(self) -> list[LogColumn]:
        return [c for c in self.columns if c.type == "choice"]

    def tracks_open(self) -> bool:
        return any(x.open for c in self.choices() for x in c.choices)

    def shown(self, column: LogColumn, value: Any, lang: str) -> Any:
        """A stored value as a reader sees it: a choice by its label."""
        if column.type == "choice" and value:
            choice = column.choice(value)
            return choice.label(lang) if choice else value
        return "" if value is None else value


class LogRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("date",)
    key: Id
    date: dt.date | None = None
    values: dict[Id, str | float | None] = Field(default_factory=dict, max_length=60)
    _required: tuple[str, ...] = PrivateAttr(default=())  # the method's required columns, set on validation

    def missing(self) -> list[str]:
        return super().missing() + [c for c in self._required if self.values.get(c) in (None, "")]


class LogInput(InputModel):
    rows: list[LogRow] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _typed_by_the_method(self, info: ValidationInfo) -> LogInput:
        m = method_in(info)
        keys = [r.key for r in self.rows]
        if len(set(keys)) != len(keys):
            raise PydanticCustomError("duplicate_ids", "{what}: ids must be unique", {"what": "rows"})
        required = tuple(c.id for c in m.columns if c.required)
        for row in self.rows:
            row.values = {c.id: _typed(c, row.values.get(c.id)) for c in m.columns}
            row._required = required
        return self


def _typed(column: LogColumn, value: Any) -> str | float | None:
    """A cell as its column's type; what cannot be one is refused with the column named."""
    if value is None or value == "":
        return None
    try:
        if column.type == "number":
            number = float(value)
            if not math.isfinite(number) or abs(number) > LIMIT:
                raise ValueError
            return number
        if column.type == "date":
            return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except (TypeError, ValueError):
        raise PydanticCustomError("log_cell", "{column}: {value} is not a {type}",
                                  {"column": column.id, "value": str(value)[:40], "type": column.type}) from None
    if column.type == "choice":
        check_choice(str(value), ids_of(column.choices))
    return str(value)[:TEXT_LIMIT]


class LogResult(BaseModel):
    rows: int  # rows that count
    drafts: int
    first: dt.date | None = None
    last: dt.date | None = None
    totals: dict[str, float]  # per number column
    counts: dict[str, dict[str, int]] = {}  # per choice column: rows by choice
    open: list[str] = []  # keys of the rows with an open choice


def is_open(row: LogRow, m: LogMethod) -> bool:
    return any(x.open and row.values.get(c.id) == x.id for c in m.choices() for x in c.choices)


def evaluate(inp: LogInput, m: LogMethod) -> LogResult:
    rows = complete_rows(inp.rows)
    dates = sorted(r.date for r in rows)
    return LogResult(rows=len(rows), drafts=len(inp.rows) - len(rows), first=dates[0] if dates else None,
                     last=dates[-1] if dates else None,
                     totals={c.id: math.fsum(r.values.get(c.id) or 0 for r in rows) for c in m.numbers()},
                     counts={c.id: {x.id: sum(r.values.get(c.id) == x.id for r in rows) for x in c.choices}
                             for c in m.choices()},
                     open=[r.key for r in rows if is_open(r, m)])


def counted(inp: LogInput, m: LogMethod) -> LogInput | None:
    rows = complete_rows(inp.rows)
    return inp.model_copy(update={"rows": sorted(rows, key=lambda r: r.date)}) if rows else None


def blank(m: LogMethod) -> dict[str, Any]:
    return {"rows": []}


def summary(e: Entry, m: LogMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "kinds.rows"): r.rows, t(lang, "kinds.latest"): r.last.isoformat() if r.last else "",
            **{c.label(lang): round(r.totals[c.id], 2) for c in m.numbers()},
            **({t(lang, "l2d.open"): len(r.open)} if m.tracks_open() else {}),
            **{c.label(lang): counts_line(r, c, lang) for c in m.choices()}}


def counts_line(r: LogResult, column: LogColumn, lang: str) -> str:
    """A choice column's rows by choice, the choices that occur: 'Price 2 · Product 1'."""
    return " · ".join(f"{x.label(lang)} {r.counts[column.id][x.id]}" for x in column.choices
                      if r.counts.get(column.id, {}).get(x.id))


def figure(found: list[Entry], m: LogMethod, lang: str) -> go.Figure:
    values = [e.result.rows for e in found]
    return bar_figure([entry_label(e) for e in found], values, title=t(lang, "kinds.rows"), height=380,
                      groups=[e.group for e in found])


def sheet(book: Book, ws: Worksheet, e: Entry, m: LogMethod, lang: str) -> None:
    """The rows by date, then a count and each number column's total as formulas, and each choice column's
    rows by choice."""
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    cols = Columns()
    cols.add("date", [t(lang, "kinds.date")])
    for c in m.columns:
        cols.add(c.id, [c.label(lang)])
    rows = e.data["rows"]
    book.table(ws, 2, cols.headers, [[r["date"], *[m.shown(c, r["values"].get(c.id), lang) for c in m.columns]]
                                     for r in rows])
    first, last = 3, 2 + len(rows)
    total = last + 1
    date_col = cols.one("date")
    book.put(ws, total, 0, t(lang, "kinds.rows"))
    book.formula(ws, total, 1, f"=COUNTA({cell(first, date_col)}:{cell(last, date_col)})", e.result.rows)
    numbers = m.numbers()
    for n, c in enumerate(numbers, start=total + 1):
        col = cols.one(c.id)
        book.put(ws, n, 0, c.label(lang))
        book.formula(ws, n, 1, f"=SUM({cell(first, col)}:{cell(last, col)})", e.result.totals[c.id])
    if numbers:
        bar_chart(book, ws, "column", numbers[0].label(lang), (first, last), cols.one(numbers[0].id),
                  cell(total + len(numbers) + 2, 0))
    row = total + len(numbers) + 2 + (16 if numbers else 0)  # below the numbers' chart
    for c in m.choices():
        row = _choice_counts(book, ws, row, c, (first, last), cols.one(c.id), e.result, lang,
                             chart=not numbers and c is m.choices()[0])


def _choice_counts(book: Book, ws: Worksheet, row: int, c: LogColumn, rows: tuple[int, int], col: int,
                   r: LogResult, lang: str, chart: bool) -> int:
    """A choice column's rows by choice, counted by formulas over the column; returns the row after them."""
    first, last = rows
    book.table(ws, row, [c.label(lang), t(lang, "kinds.count")], [])
    for n, x in enumerate(c.choices, start=row + 1):
        book.put(ws, n, 0, x.label(lang))
        book.formula(ws, n, 1, f"=COUNTIF({cell(first, col)}:{cell(last, col)},{cell(n, 0)})",
                     r.counts[c.id][x.id])
    if chart:
        bar_chart(book, ws, "column", c.label(lang), (row + 1, row + len(c.choices)), 1, cell(row, 4))
    return row + len(c.choices) + 2


def slide(e: Entry, m: LogMethod, lang: str) -> Slide:
    """The finding: how many entries over which days; the latest entries."""
    r = e.result
    latest = [f"{x['date']}: " + " · ".join(f"{c.label(lang)} {m.shown(c, x['values'].get(c.id), lang)}"
                                            for c in m.columns if x["values"].get(c.id) not in (None, ""))
              for x in reversed(e.data["rows"][-SHOWN_ROWS:])]
    numbers, choices = m.numbers(), m.choices()
    bars = ([c.label(lang) for c in numbers], {t(lang, "kinds.total"): [r.totals[c.id] for c in numbers]})
    if not numbers and choices:  # the first choice column's rows by choice
        bars = ([x.label(lang) for x in choices[0].choices],
                {t(lang, "kinds.count"): [r.counts[choices[0].id][x.id] for x in choices[0].choices]})
    return Slide(t(lang, "takehome.finding.log", account=e.account or e.group, rows=r.rows, first=r.first, last=r.last),
                 lines(*latest), bars=bars if numbers or choices else None, value_range=(0, None),
                 notes=notes(lang, m.exercise_prompt(lang), t(lang, "takehome.formula_of.log")),
                 caption=caption(m.name(lang), e.account))


def progress(inp: LogInput, result: LogResult | None, m: LogMethod, lang: str) -> Progress:
    """Each row counts once it is complete (dated, its required columns filled)."""
    scores = tuple(Score(t(lang, "kinds.rows"), r.date.isoformat() if r.date else t(lang, "draft.row", n=n + 1),
                         1.0 if r.complete() else None) for n, r in enumerate(inp.rows))
    return Progress(scores, f"{t(lang, 'kinds.rows')}: {result.rows}" if result is not None and result.rows else None)

KIND = Kind(LogMethod, LogInput, evaluate, counted, blank, summary, figure, sheet, slide,
            bar_comparison(lambda lang: t(lang, "kinds.rows"), lambda e: e.result.rows, decimals=0),
            progress=progress)
