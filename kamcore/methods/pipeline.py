"""The key-account development pipeline (大客户开发8个阶段 / CRM销售管道): each opportunity with an account
sits in one of the course's eight stages; each stage has exit criteria, a win probability and a limit on
the days a deal may sit in it. Weighted pipeline = Σ value × the stage's probability; a deal in its stage
longer than the limit is stale; every stage change is kept with its date and the exit criteria met."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.clock import today as clock_today
from kamcore.i18n import Text
from kamcore.methods.common import (
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Name,
    SpecModel,
    check_choice,
    check_keys,
    complete_rows,
    ids_of,
    iso_day,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "pipeline"
MAX_ROWS = 100
MAX_CHANGES = 60
MAX_VALUE = 1e12


# ---- methodology --------------------------------------------------------------------------------

class Criterion(SpecModel):
    """An exit criterion: what must be true before a deal leaves its stage. Its words are `text`, not
    `name`: it is a checklist item, not a scored criterion."""

    id: Id
    text: Text


class Stage(SpecModel):
    id: Id
    text: Text
    probability: float = Field(ge=0, le=100)  # the default win probability, in %
    limit_days: int = Field(ge=1, le=3650)  # a deal in the stage longer than this is stale
    exit: list[Criterion] = Field(min_length=1)


class FieldLabel(SpecModel):
    id: Id
    text: Text


class PipelineMethod(MethodSpec):
    tool: Literal["pipeline"]
    fields: list[FieldLabel]
    stages: list[Stage] = Field(min_length=2)

    @model_validator(mode="after")
    def _consistent(self) -> PipelineMethod:
        ids = ids_of(self.stages)
        if len(set(ids)) != len(ids):
            raise ValueError("stages: ids must be unique")
        for stage in self.stages:
            if len(set(ids_of(stage.exit))) != len(stage.exit):
                raise ValueError(f"stage {stage.id}: exit criteria ids must be unique")
        chances = [s.probability for s in self.stages]
        if chances != sorted(chances):
            raise ValueError("stages: win probabilities may not fall from one stage to the next")
        return self

    def field_label(self, field_id: str, lang: str) -> str:
        return next(f.text(lang) for f in self.fields if f.id == field_id)

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    def order(self, stage_id: str) -> int:
        """1 for the first stage, … 8 for the last."""
        return ids_of(self.stages).index(stage_id) + 1

    def next_stage(self, stage_id: str) -> Stage | None:
        n = self.order(stage_id)
        return self.stages[n] if n < len(self.stages) else None


def method(overrides: dict[str, Any] | None = None) -> PipelineMethod:
    return load_method(TOOL_ID, PipelineMethod, overrides)


def new_key() -> str:
    return f"o{uuid.uuid4().hex[:8]}"


def blank_input(m: PipelineMethod) -> dict[str, Any]:
    return {"opportunities": []}


# ---- input ----------------------------------------------------------------------------------------

class StageChange(InputModel):
    """The deal entered `stage` on `date`; `met`: the exit criteria of the stage it left that were met."""

    stage: Id
    date: dt.date
    met: list[Id] = Field(default_factory=list, max_length=20)


class Opportunity(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("name", "value", "stage")
    key: Id
    name: Name = ""
    value: float | None = Field(default=None, ge=0, le=MAX_VALUE)
    close: dt.date | None = None
    stage: Id | None = None
    owner: Name = ""
    history: list[StageChange] = Field(default_factory=list, max_length=MAX_CHANGES)


class PipelineInput(InputModel):
    opportunities: list[Opportunity] = Field(default_factory=list, max_length=MAX_ROWS)

    @model_validator(mode="after")
    def _stages_of_the_method(self, info: ValidationInfo) -> PipelineInput:
        m = method_in(info, method)
        stages = ids_of(m.stages)
        check_keys(self.opportunities, "opportunities")
        for o in self.opportunities:
            check_choice(o.stage, stages)
            for change in o.history:
                check_choice(change.stage, stages)
        return self


# ---- results ---------------------------------------------------------------------------------------

class Deal(BaseModel):
    key: str
    name: str
    value: float
    stage: str
    probability: float  # %
    weighted: float
    since: dt.date | None  # when it entered its stage (None: not recorded)
    days: int | None  # days in its stage until today
    stale: bool


class StageTotal(BaseModel):
    stage: str
    count: int
    value: float
    weighted: float


class PipelineResult(BaseModel):
    today: dt.date
    deals: list[Deal]  # complete opportunities, in the order typed
    stages: list[StageTotal]  # every stage, in the course's order
    total: float
    weighted: float  # Σ value × probability
    stale: list[str]  # keys of the deals in their stage longer than its limit
    drafts: int


def ordered_history(o: Opportunity) -> list[StageChange]:
    """The stage changes by date; changes on one day keep the order they were made in."""
    return sorted(o.history, key=lambda c: c.date)


def entered(o: Opportunity) -> dt.date | None:
    """The day the deal entered the stage it is in: the latest change to that stage."""
    return next((c.date for c in reversed(ordered_history(o)) if c.stage == o.stage), None)


def weighted_value(value: float, probability: float) -> float:
    return value * probability / 100


def deal(o: Opportunity, m: PipelineMethod, today: dt.date) -> Deal:
    stage = m.stage(o.stage)
    since = entered(o)
    days = (today - since).days if since else None
    return Deal(key=o.key, name=o.name, value=o.value, stage=o.stage, probability=stage.probability,
                weighted=weighted_value(o.value, stage.probability), since=since, days=days,
                stale=days is not None and days > stage.limit_days)


def evaluate(inp: PipelineInput, m: PipelineMethod, today: dt.date | None = None) -> PipelineResult:
    today = today or clock_today()
    complete = complete_rows(inp.opportunities)
    deals = [deal(o, m, today) for o in complete]
    stages = [StageTotal(stage=s.id, count=sum(d.stage == s.id for d in deals),
                         value=sum(d.value for d in deals if d.stage == s.id),
                         weighted=sum(d.weighted for d in deals if d.stage == s.id)) for s in m.stages]
    return PipelineResult(today=today, deals=deals, stages=stages, total=sum(d.value for d in deals),
                          weighted=sum(d.weighted for d in deals), stale=[d.key for d in deals if d.stale],
                          drafts=len(inp.opportunities) - len(complete))


def counted(inp: PipelineInput, m: PipelineMethod | None = None) -> PipelineInput | None:
    """The complete opportunities; None while there is none."""
    complete = complete_rows(inp.opportunities)
    return inp.model_copy(update={"opportunities": complete}) if complete else None


# ---- changes -----------------------------------------------------------------------------------------

def move(data: dict[str, Any], key: str, to_stage: str, met: list[str], on: dt.date) -> dict[str, Any]:
    """The worksheet with one opportunity moved to `to_stage` on `on`, the exit criteria met recorded."""
    opportunities = []
    for o in data["opportunities"]:
        if o["key"] == key:
            change = {"stage": to_stage, "date": on.isoformat(), "met": list(met)}
            o = {**o, "stage": to_stage, "history": [*o.get("history", []), change]}
        opportunities.append(o)
    return {**data, "opportunities": opportunities}


TABLE = ("name", "value", "close", "stage", "owner")


def from_table(data: dict[str, Any], edited: list[dict[str, Any]], on: dt.date) -> dict[str, Any]:
    """The worksheet with its opportunities as the table hands them back: rows left empty are dropped,
    dates kept as ISO text, a new row gets its key, and a stage set or changed in the table is
    recorded in the history on `on` (with no exit criteria confirmed)."""
    before = {o["key"]: o for o in data["opportunities"]}
    rows = []
    for r in edited:
        row = {c: _cell(c, r.get(c)) for c in TABLE}
        if not any(row[c] not in (None, "") for c in TABLE if c != "stage"):  # the stage is filled by default
            continue
        key = r.get("key") or new_key()
        history = list(before.get(key, {}).get("history", []))
        if row["stage"] and (not history or history[-1]["stage"] != row["stage"]):
            history.append({"stage": row["stage"], "date": on.isoformat(), "met": []})
        rows.append({**row, "key": key, "history": history})
    return {**data, "opportunities": rows}


def _cell(column: str, value: Any) -> Any:
    if value is None or value != value:  # NaN is not equal to itself
        return "" if column in ("name", "owner") else None
    if column == "close":
        return iso_day(value)
    if column == "value":
        return float(value)
    return value
