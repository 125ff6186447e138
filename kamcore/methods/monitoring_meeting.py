"""Management's monitoring of key-account development (管理层的过程监控): a weekly meeting that looks at each
of the group's accounts (its most advanced stage and weighted pipeline, taken from the pipeline worksheets,
and the change since the last meeting), the business situation, problems, countermeasures, and tasks with
owners and dates. An action stays open, and comes back at every later meeting, until it is closed."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods import pipeline as pl
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
    check_keys,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input
from kamcore.methods.task_timetable import iso_day

TOOL_ID = "monitoring_meeting"
MAX_MEETINGS = 60
MAX_ACTIONS = 200
MAX_ACCOUNTS = 50


class FieldLabel(SpecModel):
    id: Id
    text: Text


class MonitoringMethod(MethodSpec):
    tool: Literal["monitoring_meeting"]
    fields: list[FieldLabel]

    def field_label(self, field_id: str, lang: str) -> str:
        return next(f.text(lang) for f in self.fields if f.id == field_id)


def method(overrides: dict[str, Any] | None = None) -> MonitoringMethod:
    return load_method(TOOL_ID, MonitoringMethod, overrides)


def new_key(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def blank_input(m: MonitoringMethod) -> dict[str, Any]:
    return {"meetings": [], "actions": []}


# ---- input ----------------------------------------------------------------------------------------

class AccountProgress(InputModel):
    """One account as the pipeline showed it when the meeting took it: its most advanced stage (None:
    no opportunity yet), weighted value and number of opportunities."""

    account_key: Name
    account: Name = ""
    stage: Id | None = None
    weighted: float = Field(default=0, ge=0, le=pl.MAX_VALUE * pl.MAX_ROWS)
    deals: int = Field(default=0, ge=0, le=pl.MAX_ROWS)


class Meeting(InputModel):
    key: Id
    date: dt.date
    business: LongNote = ""
    problems: LongNote = ""
    countermeasures: LongNote = ""
    progress: list[AccountProgress] = Field(default_factory=list, max_length=MAX_ACCOUNTS)


class Action(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("action", "owner", "meeting")
    key: Id
    action: ShortText = ""
    owner: Name = ""
    due: dt.date | None = None
    meeting: Id | None = None  # the meeting that raised it
    closed: dt.date | None = None  # None: still open


class MonitoringInput(InputModel):
    meetings: list[Meeting] = Field(default_factory=list, max_length=MAX_MEETINGS)
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ACTIONS)

    @model_validator(mode="after")
    def _actions_raised_at_a_meeting(self, info: ValidationInfo) -> MonitoringInput:
        method_in(info, method)
        check_keys(self.meetings, "meetings")
        check_keys(self.actions, "actions")
        for action in self.actions:
            check_choice(action.meeting, [x.key for x in self.meetings])
        return self


# ---- results ---------------------------------------------------------------------------------------

class AccountChange(BaseModel):
    account_key: str
    account: str
    stage: str | None
    weighted: float
    deals: int
    change: float | None  # weighted value against the meeting before (None: not in it)
    stages_moved: int | None  # stages forward (+) or back (-) since the meeting before


class MeetingView(BaseModel):
    key: str
    date: dt.date
    accounts: list[AccountChange]
    raised: list[str]  # keys of the actions raised at it
    carried: list[str]  # keys of earlier actions still open when it met


class MonitoringResult(BaseModel):
    meetings: list[MeetingView]  # by date
    open: list[str]  # keys of the actions not closed
    closed: list[str]
    drafts: int


def ordered(meetings: list[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda x: x.date)


def changes(meeting: Meeting, before: Meeting | None, stages: list[str]) -> list[AccountChange]:
    """Each account of the meeting against the meeting before: weighted value and stages moved."""
    old = {p.account_key: p for p in before.progress} if before else {}

    def moved(now: str | None, then: str | None) -> int | None:
        if now not in stages or then not in stages:
            return None
        return stages.index(now) - stages.index(then)

    return [AccountChange(**p.model_dump(), change=p.weighted - old[p.account_key].weighted
                          if p.account_key in old else None,
                          stages_moved=moved(p.stage, old[p.account_key].stage) if p.account_key in old else None)
            for p in meeting.progress]


def carried(actions: list[Action], meeting: Meeting, dates: dict[str, dt.date]) -> list[Action]:
    """The actions raised at an earlier meeting and still open when this one met."""
    return [a for a in complete_rows(actions)
            if dates[a.meeting] < meeting.date and (a.closed is None or a.closed >= meeting.date)]


def evaluate(inp: MonitoringInput, m: MonitoringMethod, stages: list[str] | None = None) -> MonitoringResult:
    stages = stages or ids_of(pl.method().stages)
    meetings = ordered(inp.meetings)
    dates = {x.key: x.date for x in meetings}
    actions = complete_rows(inp.actions)
    views = [MeetingView(key=x.key, date=x.date, accounts=changes(x, meetings[n - 1] if n else None, stages),
                         raised=[a.key for a in actions if a.meeting == x.key],
                         carried=[a.key for a in carried(actions, x, dates)]) for n, x in enumerate(meetings)]
    return MonitoringResult(meetings=views, open=[a.key for a in actions if a.closed is None],
                            closed=[a.key for a in actions if a.closed is not None],
                            drafts=len(inp.actions) - len(actions))


def counted(inp: MonitoringInput, m: MonitoringMethod | None = None) -> MonitoringInput | None:
    """The meetings and the complete actions; None while no meeting was held."""
    return inp.model_copy(update={"actions": complete_rows(inp.actions)}) if inp.meetings else None


# ---- the pipeline, as a meeting takes it --------------------------------------------------------------

def account_progress(accounts: list[tuple[str, str]], pipelines: dict[str, dict[str, Any] | None],
                     pm: pl.PipelineMethod) -> list[dict[str, Any]]:
    """Each account's most advanced stage, weighted value and opportunities from its pipeline worksheet
    (an account without one, or whose worksheet no longer fits the method, shows nothing yet)."""
    rows = []
    for key, name in accounts:
        stage, weighted, deals = None, 0.0, 0
        data = pipelines.get(key)
        if data:
            try:
                r = pl.evaluate(pl.PipelineInput.model_validate(data, context={"method": pm}), pm)
            except ValueError:
                r = None
            if r and r.deals:
                stage = max((d.stage for d in r.deals), key=pm.order)
                weighted, deals = r.weighted, len(r.deals)
        rows.append({"account_key": key, "account": name, "stage": stage, "weighted": weighted, "deals": deals})
    return rows


def hold(data: dict[str, Any], on: dt.date, progress: list[dict[str, Any]]) -> dict[str, Any]:
    """The worksheet with a new meeting on `on`, the accounts' progress as the pipeline shows it now."""
    meeting = {"key": new_key("m"), "date": on.isoformat(), "business": "", "problems": "", "countermeasures": "",
               "progress": progress}
    return {**data, "meetings": [*data.get("meetings", []), meeting]}


def refresh(data: dict[str, Any], key: str, progress: list[dict[str, Any]]) -> dict[str, Any]:
    return {**data, "meetings": [{**x, "progress": progress} if x["key"] == key else x for x in data["meetings"]]}


TABLE = ("action", "owner", "due", "meeting", "closed")
DATES = ("due", "closed")


def from_table(data: dict[str, Any], edited: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for r in edited:
        row = {c: _cell(c, r.get(c)) for c in TABLE}
        if any(row[c] not in (None, "") for c in ("action", "owner", "due", "closed")):
            rows.append({**row, "key": r.get("key") or new_key("a")})
    return {**data, "actions": rows}


def _cell(column: str, value: Any) -> Any:
    if value is None or value != value:  # NaN is not equal to itself
        return None if column in (*DATES, "meeting") else ""
    return iso_day(value) if column in DATES else value
