"""The overall task timetable and its weekly review (整体任务时间表 / 每周回顾): each task's result named as a
noun (用名词定义工作任务成果) with its owner, the support team's helper, start and due dates and status. A
weekly review keeps a snapshot of the timetable, with its notes; comparing it with the review before shows
what was done, what slipped (by how many days), what is new and what is overdue."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from kamcore.catalog import load_method
from kamcore.clock import today as clock_today
from kamcore.i18n import Text
from kamcore.methods.common import (
    DraftRow,
    Id,
    InputModel,
    LongNote,
    MethodSpec,
    Name,
    ShortText,
    SpecModel,
    check_choice,
    complete_rows,
    ids_of,
    iso_day,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "task_timetable"
MAX_ROWS = 100
MAX_REVIEWS = 60


# ---- methodology --------------------------------------------------------------------------------

class Status(SpecModel):
    id: Id
    text: Text
    done: bool = False


class FieldLabel(SpecModel):
    id: Id
    text: Text


class Verbs(SpecModel):
    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class TimetableMethod(MethodSpec):
    tool: Literal["task_timetable"]
    fields: list[FieldLabel]
    statuses: list[Status] = Field(min_length=2)
    verbs: Verbs = Verbs()

    @model_validator(mode="after")
    def _consistent(self) -> TimetableMethod:
        if len(set(ids_of(self.statuses))) != len(self.statuses):
            raise ValueError("statuses: ids must be unique")
        if sum(s.done for s in self.statuses) != 1:
            raise ValueError("exactly one status is done (done: true)")
        return self

    def field_label(self, field_id: str, lang: str) -> str:
        return next(f.text(lang) for f in self.fields if f.id == field_id)

    def status(self, status_id: str | None) -> Status | None:
        return next((s for s in self.statuses if s.id == status_id), None)

    @property
    def done(self) -> str:
        return next(s.id for s in self.statuses if s.done)


def method(overrides: dict[str, Any] | None = None) -> TimetableMethod:
    return load_method(TOOL_ID, TimetableMethod, overrides)


def new_key(prefix: str = "t") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def blank_input(m: TimetableMethod) -> dict[str, Any]:
    return {"tasks": [], "reviews": []}


# ---- input ----------------------------------------------------------------------------------------

class Task(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("deliverable", "owner", "start", "due")
    key: Id
    deliverable: ShortText = ""
    owner: Name = ""
    support: Name = ""
    start: dt.date | None = None
    due: dt.date | None = None
    status: Id | None = None


class Snapshot(InputModel):
    """A task as a review found it."""

    key: Id
    deliverable: ShortText = ""
    due: dt.date | None = None
    status: Id | None = None


class Review(InputModel):
    key: Id
    date: dt.date
    notes: LongNote = ""
    tasks: list[Snapshot] = Field(default_factory=list, max_length=MAX_ROWS)


class TimetableInput(InputModel):
    tasks: list[Task] = Field(default_factory=list, max_length=MAX_ROWS)
    reviews: list[Review] = Field(default_factory=list, max_length=MAX_REVIEWS)

    @model_validator(mode="after")
    def _statuses_of_the_method(self, info: ValidationInfo) -> TimetableInput:
        m = method_in(info, method)
        statuses = ids_of(m.statuses)
        for what, rows in (("tasks", self.tasks), ("reviews", self.reviews)):
            if len({r.key for r in rows}) != len(rows):
                raise PydanticCustomError("duplicate_ids", "{what}: ids must be unique", {"what": what})
        for task in self.tasks:
            check_choice(task.status, statuses)
        for review in self.reviews:
            for snap in review.tasks:
                check_choice(snap.status, statuses)
        return self


# ---- results ---------------------------------------------------------------------------------------

class Item(BaseModel):
    key: str
    deliverable: str
    days: int | None = None  # how many days it slipped, or is overdue


class Diff(BaseModel):
    """What changed from one look at the timetable to the next, on `date`."""

    date: dt.date
    done: list[Item]
    slipped: list[Item]
    new: list[Item]
    overdue: list[Item]
    dropped: list[Item]

    @property
    def empty(self) -> bool:
        return not (self.done or self.slipped or self.new or self.overdue or self.dropped)


class ReviewDiff(Diff):
    key: str
    notes: str


class TimetableResult(BaseModel):
    today: dt.date
    tasks: int  # complete tasks
    done: int
    overdue: list[str]  # keys of the tasks past due and not done, today
    verb_like: list[str]  # keys of the tasks whose result starts with an activity's verb
    backwards: list[str]  # keys of the tasks due before they start
    reviews: list[ReviewDiff]  # by date, each against the review before it
    pending: Diff  # today's timetable against the last review
    drafts: int


def snapshot(tasks: list[Task]) -> list[Snapshot]:
    return [Snapshot(key=t.key, deliverable=t.deliverable, due=t.due, status=t.status) for t in complete_rows(tasks)]


def diff(before: list[Snapshot] | None, after: list[Snapshot], on: dt.date, m: TimetableMethod) -> Diff:
    """`after` against `before` (None: there was no earlier review): done since, slipped (its due date
    moved later, by days), new, overdue on `on` (past due and not done) and dropped."""
    old = {s.key: s for s in before or []}
    now = {s.key: s for s in after}

    def item(s: Snapshot, days: int | None = None) -> Item:
        return Item(key=s.key, deliverable=s.deliverable, days=days)

    done = [item(s) for s in after if s.status == m.done and (s.key not in old or old[s.key].status != m.done)]
    slipped = [item(s, (s.due - old[s.key].due).days) for s in after
               if s.key in old and s.due and old[s.key].due and s.due > old[s.key].due]
    overdue = [item(s, (on - s.due).days) for s in after if s.status != m.done and s.due and s.due < on]
    return Diff(date=on, done=done, slipped=slipped, new=[item(s) for s in after if s.key not in old],
                overdue=overdue, dropped=[item(s) for s in before or [] if s.key not in now])


def ordered_reviews(reviews: list[Review]) -> list[Review]:
    return sorted(reviews, key=lambda r: r.date)


def review_diffs(reviews: list[Review], m: TimetableMethod) -> list[ReviewDiff]:
    """Each review against the one before it, by date."""
    ordered, found = ordered_reviews(reviews), []
    for n, review in enumerate(ordered):
        before = ordered[n - 1].tasks if n else None
        found.append(ReviewDiff(**diff(before, review.tasks, review.date, m).model_dump(), key=review.key,
                                notes=review.notes))
    return found


def verb_like(deliverable: str, m: TimetableMethod) -> bool:
    """Whether a task's result starts with a verb (names an activity, not its result)."""
    text = deliverable.strip().lower()
    if any(text.startswith(v) for v in m.verbs.zh):
        return True
    first = re.split(r"[\s,.;:]+", text, maxsplit=1)[0] if text else ""
    return first in {v.lower() for v in m.verbs.en}


def evaluate(inp: TimetableInput, m: TimetableMethod, today: dt.date | None = None) -> TimetableResult:
    today = today or clock_today()
    tasks = complete_rows(inp.tasks)
    reviews = ordered_reviews(inp.reviews)
    current = snapshot(inp.tasks)
    return TimetableResult(
        today=today, tasks=len(tasks), done=sum(t.status == m.done for t in tasks),
        overdue=[t.key for t in tasks if t.status != m.done and t.due < today],
        verb_like=[t.key for t in inp.tasks if t.deliverable and verb_like(t.deliverable, m)],
        backwards=[t.key for t in tasks if t.due < t.start], reviews=review_diffs(inp.reviews, m),
        pending=diff(reviews[-1].tasks if reviews else None, current, today, m),
        drafts=len(inp.tasks) - len(tasks))


def counted(inp: TimetableInput, m: TimetableMethod | None = None) -> TimetableInput | None:
    """The complete tasks and the reviews; None while there is no complete task."""
    tasks = complete_rows(inp.tasks)
    return inp.model_copy(update={"tasks": tasks}) if tasks else None


# ---- changes -----------------------------------------------------------------------------------------

def review(data: dict[str, Any], on: dt.date, notes: str, m: TimetableMethod) -> dict[str, Any]:
    """The worksheet with a review on `on`: a snapshot of its complete tasks and the notes."""
    inp = TimetableInput.model_validate(data, context={"method": m})
    snap = [s.model_dump(mode="json") for s in snapshot(inp.tasks)]
    entry = {"key": new_key("r"), "date": on.isoformat(), "notes": notes, "tasks": snap}
    return {**data, "reviews": [*data.get("reviews", []), entry]}


TABLE = ("deliverable", "owner", "support", "start", "due", "status")
DATES = ("start", "due")


def from_table(data: dict[str, Any], edited: list[dict[str, Any]]) -> dict[str, Any]:
    """The worksheet with its tasks as the table hands them back: empty rows dropped, dates as ISO
    text, a new row gets its key."""
    rows = []
    for r in edited:
        row = {c: _cell(c, r.get(c)) for c in TABLE}
        if any(row[c] not in (None, "") for c in TABLE if c != "status"):
            rows.append({**row, "key": r.get("key") or new_key()})
    return {**data, "tasks": rows}


def _cell(column: str, value: Any) -> Any:
    if value is None or value != value:  # NaN is not equal to itself
        return None if column in (*DATES, "status") else ""
    if column in DATES:
        return iso_day(value)
    return value
