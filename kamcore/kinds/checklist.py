"""The checklist kind: items (the course's, and the group's own) each with a status, an owner and a
due date. A row counts once it has its text and a status; an item not done by its due date is overdue."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Literal

import plotly.graph_objects as go
from pydantic import BaseModel, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell, quoted
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import Text, t
from kamcore.kinds.base import Kind, KindSpec, entry_label, method_in
from kamcore.methods.common import DraftRow, Id, InputModel, Name, SpecModel, check_choice, complete_rows, ids_of
from kamcore.tool import Entry, Progress, Score


class Status(SpecModel):
    id: Id
    label: Text
    done: bool = False  # a row with this status is finished
    color: str = "#888888"


class ChecklistItem(SpecModel):
    id: Id
    text: Text


class ChecklistMethod(KindSpec):
    kind: Literal["checklist"]
    statuses: list[Status] = Field(min_length=2)
    items: list[ChecklistItem] = Field(default_factory=list)  # the course's items, the rows a blank sheet starts with

    @model_validator(mode="after")
    def _consistent(self) -> ChecklistMethod:
        if not any(s.done for s in self.statuses) or all(s.done for s in self.statuses):
            raise ValueError("at least one status means done, and at least one does not")
        for what, ids in (("statuses", [s.id for s in self.statuses]), ("items", [i.id for i in self.items])):
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}: ids must be unique")
        return self

    def status(self, status_id: str) -> Status:
        return next(s for s in self.statuses if s.id == status_id)

    def item_text(self, item_id: str | None, lang: str) -> str:
        return next((i.text(lang) for i in self.items if i.id == item_id), "")


class ChecklistRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("status",)
    key: Id
    item: Id | None = None  # one of the course's items, whose text it shows unless the group wrote its own
    text: Name = ""
    status: Id | None = None
    owner: Name = ""
    due: date | None = None

    def missing(self) -> list[str]:
        return (["text"] if not (self.text or self.item) else []) + super().missing()


class ChecklistInput(InputModel):
    rows: list[ChecklistRow] = Field(default_factory=list, max_length=200)

    @model_validator(mode="after")
    def _known_statuses_and_items(self, info: ValidationInfo) -> ChecklistInput:
        m = method_in(info)
        statuses, items = ids_of(m.statuses), set(ids_of(m.items))
        keys = [r.key for r in self.rows]
        if len(set(keys)) != len(keys):
            raise PydanticCustomError("duplicate_ids", "{what}: ids must be unique", {"what": "rows"})
        for row in self.rows:
            check_choice(row.status, statuses)
            if row.item is not None and row.item not in items:
                row.item = None  # an item the method no longer has: the row keeps the group's text
        return self


class ChecklistResult(BaseModel):
    total: int  # rows that count
    drafts: int
    by_status: dict[str, int]
    done: int
    overdue: list[str]  # keys of rows past their due date and not done


def evaluate(inp: ChecklistInput, m: ChecklistMethod, today: date | None = None) -> ChecklistResult:
    today = today or date.today()
    rows = complete_rows(inp.rows)
    done = {s.id for s in m.statuses if s.done}
    return ChecklistResult(total=len(rows), drafts=len(inp.rows) - len(rows),
                           by_status={s.id: sum(r.status == s.id for r in rows) for s in m.statuses},
                           done=sum(r.status in done for r in rows),
                           overdue=[r.key for r in rows if r.due and r.due < today and r.status not in done])


def counted(inp: ChecklistInput, m: ChecklistMethod) -> ChecklistInput | None:
    rows = complete_rows(inp.rows)
    return inp.model_copy(update={"rows": rows}) if rows else None


def blank(m: ChecklistMethod) -> dict[str, Any]:
    return {"rows": [{"key": item.id, "item": item.id, "text": "", "status": None, "owner": "", "due": None}
                     for item in m.items]}


def row_text(row: dict[str, Any], m: ChecklistMethod, lang: str) -> str:
    return row.get("text") or m.item_text(row.get("item"), lang)


def summary(e: Entry, m: ChecklistMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "kinds.done"): f"{r.done} / {r.total}", t(lang, "kinds.overdue"): len(r.overdue),
            **{s.label(lang): r.by_status[s.id] for s in m.statuses}}


def done_share(e: Entry) -> float:
    return round(100 * e.result.done / e.result.total) if e.result.total else 0


def figure(found: list[Entry], m: ChecklistMethod, lang: str) -> go.Figure:
    values = [done_share(e) for e in found]
    return bar_figure([entry_label(e) for e in found], values, title=t(lang, "kinds.done_share"), height=380,
                      groups=[e.group for e in found]).update_yaxes(range=[0, 100])


def sheet(book: Book, ws: Worksheet, e: Entry, m: ChecklistMethod, lang: str) -> None:
    """The rows as typed, whether each is done (a formula over its status), and the count per status."""
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    rows = e.data["rows"]
    done_labels = [s.label(lang) for s in m.statuses if s.done]
    book.table(ws, 2, [t(lang, "kinds.item"), t(lang, "kinds.status"), t(lang, "kinds.owner"), t(lang, "kinds.due"),
                       t(lang, "kinds.done")],
               [[row_text(r, m, lang), m.status(r["status"]).label(lang), r.get("owner", ""), r.get("due") or ""]
                for r in rows])
    first, last = 3, 2 + len(rows)
    for n, r in enumerate(rows, start=first):
        book.formula(ws, n, 4, "=OR(" + ",".join(f"{cell(n, 1)}={quoted(label)}" for label in done_labels) + ")",
                     m.status(r["status"]).done)
    row = last + 2
    book.table(ws, row, [t(lang, "kinds.status"), t(lang, "kinds.count")], [])
    for n, s in enumerate(m.statuses, start=row + 1):
        book.put(ws, n, 0, s.label(lang))
        book.formula(ws, n, 1, f"=COUNTIF({cell(first, 1)}:{cell(last, 1)},{cell(n, 0)})", e.result.by_status[s.id])
    bar_chart(book, ws, "column", t(lang, "kinds.status"), (row + 1, row + len(m.statuses)), 1,
              cell(row, 3))


def slide(e: Entry, m: ChecklistMethod, lang: str) -> Slide:
    """The finding: how much is done and how much is overdue; the open items with their owners."""
    r = e.result
    done = {s.id for s in m.statuses if s.done}
    open_rows = [f"{row_text(x, m, lang)} — {m.status(x['status']).label(lang)}"
                 + "".join(f" · {v}" for v in (x.get("owner"), x.get("due")) if v)
                 for x in e.data["rows"] if x["status"] not in done]
    return Slide(t(lang, "takehome.finding.checklist", account=e.account or e.group, done=r.done, total=r.total,
                   overdue=len(r.overdue)),
                 lines(*open_rows),
                 bars=([s.label(lang) for s in m.statuses],
                       {t(lang, "kinds.count"): [r.by_status[s.id] for s in m.statuses]}), value_range=(0, None),
                 decimals=0, notes=notes(lang, m.exercise_prompt(lang), t(lang, "takehome.formula_of.checklist")),
                 actions=open_rows[:3], caption=caption(m.name(lang), e.account))


def progress(inp: ChecklistInput, result: ChecklistResult | None, m: ChecklistMethod, lang: str) -> Progress:
    """Each row counts once it has a status; the done share once any row is complete."""
    statuses = [s.id for s in m.statuses]
    scores = tuple(Score(t(lang, "kinds.status"), row_text(r.model_dump(mode="json"), m, lang),
                         None if r.status is None else float(statuses.index(r.status) + 1)) for r in inp.rows)
    done = result is not None and result.total
    verdict = f"{t(lang, 'kinds.done')}: {result.done} / {result.total}" if done else None
    return Progress(scores, verdict)

KIND = Kind(ChecklistMethod, ChecklistInput, evaluate, counted, blank, summary, figure, sheet, slide,
            bar_comparison(lambda lang: t(lang, "kinds.done_share"), done_share, lambda m: (0, 100), decimals=0),
            progress=progress)
