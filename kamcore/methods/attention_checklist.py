"""Continuous attention and communication (持续关注 / 沟通交流): the course's practices for keeping an
account, each with an owner, the day it was last done and a cadence; the next due day follows, and a
practice past it (or never done) is flagged."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import Id, InputModel, MethodSpec, Name, SpecModel, check_choice, ids_of, method_in
from kamcore.methods.common import example_input as example_input

TOOL_ID = "attention_checklist"
State = Literal["never", "overdue", "due_soon", "on_time"]
STATES: tuple[State, ...] = ("never", "overdue", "due_soon", "on_time")


class Cadence(SpecModel):
    id: Id
    label: Text
    days: int = Field(ge=1, le=730)


class PracticeGroup(SpecModel):
    id: Id
    label: Text


class Practice(SpecModel):
    id: Id
    group: Id
    text: Text
    cadence: Id  # the default cadence; a group may choose another for its account


class AttentionMethod(MethodSpec):
    tool: Literal["attention_checklist"]
    due_soon_days: int = Field(ge=0, le=90)  # a practice due within this many days is flagged as due soon
    cadences: list[Cadence] = Field(min_length=1)
    groups: list[PracticeGroup] = Field(min_length=1)
    practices: list[Practice] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> AttentionMethod:
        for what, ids in (("cadences", ids_of(self.cadences)), ("groups", ids_of(self.groups)),
                          ("practices", ids_of(self.practices))):
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}: ids must be unique")
        for p in self.practices:
            if p.group not in ids_of(self.groups) or p.cadence not in ids_of(self.cadences):
                raise ValueError(f"practice {p.id}: its group and cadence are among the method's")
        return self

    def cadence(self, cadence_id: str) -> Cadence:
        return next(c for c in self.cadences if c.id == cadence_id)

    def group(self, group_id: str) -> PracticeGroup:
        return next(g for g in self.groups if g.id == group_id)

    def practice(self, practice_id: str) -> Practice:
        return next(p for p in self.practices if p.id == practice_id)


def method(overrides: dict[str, Any] | None = None) -> AttentionMethod:
    return load_method(TOOL_ID, AttentionMethod, overrides)


def blank_input(m: AttentionMethod) -> dict[str, Any]:
    return {"practices": {}}


class PracticeEntry(InputModel):
    owner: Name = ""
    last_done: date | None = None
    cadence: Id | None = None  # None: the practice's default cadence


class AttentionInput(InputModel):
    practices: dict[Id, PracticeEntry] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> AttentionInput:
        m = method_in(info, method)
        for practice_id, entry in self.practices.items():
            check_choice(practice_id, ids_of(m.practices))
            check_choice(entry.cadence, ids_of(m.cadences))
        return self


class PracticeStatus(BaseModel):
    id: str
    owner: str
    cadence: str
    days: int
    last_done: date | None
    next_due: date | None  # None: never done, so due now
    state: State


class AttentionResult(BaseModel):
    today: date
    practices: list[PracticeStatus]  # in the method's order
    by_state: dict[str, int]
    overdue: list[str]  # ids past their next due day, or never done
    done: int  # practices done at least once

    @property
    def on_track(self) -> int:
        return self.by_state["on_time"] + self.by_state["due_soon"]


def status(practice: Practice, entry: PracticeEntry | None, m: AttentionMethod, today: date) -> PracticeStatus:
    """When the practice is next due (its last day done plus its cadence) and where that leaves it today."""
    entry = entry or PracticeEntry()
    cadence = m.cadence(entry.cadence or practice.cadence)
    next_due = entry.last_done + timedelta(days=cadence.days) if entry.last_done else None
    if next_due is None:
        state: State = "never"
    elif next_due < today:
        state = "overdue"
    elif next_due <= today + timedelta(days=m.due_soon_days):
        state = "due_soon"
    else:
        state = "on_time"
    return PracticeStatus(id=practice.id, owner=entry.owner, cadence=cadence.id, days=cadence.days,
                          last_done=entry.last_done, next_due=next_due, state=state)


def evaluate(inp: AttentionInput, m: AttentionMethod, today: date | None = None) -> AttentionResult:
    today = today or date.today()
    rows = [status(p, inp.practices.get(p.id), m, today) for p in m.practices]
    return AttentionResult(today=today, practices=rows, by_state={s: sum(r.state == s for r in rows) for s in STATES},
                           overdue=[r.id for r in rows if r.state in ("never", "overdue")],
                           done=sum(r.last_done is not None for r in rows))


def counted(inp: AttentionInput, m: AttentionMethod | None = None) -> AttentionInput | None:
    """Shown once any practice has been done."""
    return inp if any(e.last_done for e in inp.practices.values()) else None
