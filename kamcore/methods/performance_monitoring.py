"""Performance monitoring and strategic control (绩效监控战略控制模型) of one key account's plan, with
four controls:

- performance: each KPI's actual against its plan pro rata for the elapsed part of the period
  (attainment = actual ÷ pro-rata plan × 100), banded green / amber / red by the method's cut-offs;
- implementation: the mean completion of the actions due by now, on the same bands;
- strategic: the plan's assumptions, each valid, at risk or invalid (read as green, amber, red);
- planning process: the share of a checklist met, on the method's process bands.

Each control's status is its worst part. The dashboard says which control to act on first: when
performance falls short, the other controls in the method's review order, worst first (one not yet
recorded counts as amber: it has to be looked at); when performance is on track, any other control
recorded as short. When all else is on track and performance is not, the objectives themselves."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods import account_strategy as strategy
from kamcore.methods.common import (
    BandSpec,
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Name,
    ShortText,
    SpecModel,
    band_id,
    check_band_list,
    check_choice,
    check_keys,
    complete_rows,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "performance_monitoring"
BANDS = ("green", "amber", "red")  # best first
CONTROLS = ("performance", "implementation", "strategic", "process")
SEVERITY = {"green": 0, "amber": 1, None: 1, "red": 2}  # None: not recorded yet, to be looked at
LIMIT = 1e15
MAX_ROWS = 50

Amount = Annotated[float, Field(ge=0, le=LIMIT)]
Percent = Annotated[float, Field(ge=0, le=100)]
PLAN = strategy.TOOL_ID  # the account plan's strategy: its objectives are KPIs here, its actions the actions
FROM_OBJECTIVE, FROM_ACTION = "o-", "a-"  # the key prefixes of rows read from it


# ---- methodology --------------------------------------------------------------------------------

class ControlSpec(SpecModel):
    id: Literal[CONTROLS]  # type: ignore[valid-type]
    name: Text
    question: Text
    action: Text


class Choice(SpecModel):
    id: Id
    text: Text


class StatusSpec(Choice):
    band: Literal[BANDS]  # type: ignore[valid-type]


def _three_bands(bands: list[BandSpec]) -> list[BandSpec]:
    check_band_list(bands)
    if sorted(b.id for b in bands) != sorted(BANDS):
        raise ValueError(f"bands are exactly {', '.join(BANDS)}")
    return bands


class MonitoringMethod(MethodSpec):
    tool: Literal["performance_monitoring"]
    bands: list[BandSpec]
    controls: list[ControlSpec]
    review_order: list[Literal["implementation", "strategic", "process"]]
    kpi_kinds: list[Choice] = Field(min_length=1)
    statuses: list[StatusSpec] = Field(min_length=1)
    process_items: list[Choice] = Field(min_length=1, max_length=20)
    process_bands: list[BandSpec]

    _bands = field_validator("bands", "process_bands")(_three_bands)

    @model_validator(mode="after")
    def _complete(self) -> MonitoringMethod:
        if [c.id for c in self.controls] != list(CONTROLS):
            raise ValueError(f"controls are exactly {', '.join(CONTROLS)}, in that order")
        if sorted(self.review_order) != sorted(CONTROLS[1:]):
            raise ValueError("review_order names implementation, strategic and process once each")
        for what in ("kpi_kinds", "statuses", "process_items"):
            ids = [c.id for c in getattr(self, what)]
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}: ids must be unique")
        return self

    def control(self, control_id: str) -> ControlSpec:
        return next(c for c in self.controls if c.id == control_id)

    def band(self, band: str, process: bool = False) -> BandSpec:
        return next(b for b in (self.process_bands if process else self.bands) if b.id == band)

    def status(self, status_id: str) -> StatusSpec:
        return next(s for s in self.statuses if s.id == status_id)

    def kind(self, kind_id: str | None) -> Choice | None:
        return next((k for k in self.kpi_kinds if k.id == kind_id), None)


def method(overrides: dict[str, Any] | None = None) -> MonitoringMethod:
    return load_method(TOOL_ID, MonitoringMethod, overrides)


def new_key() -> str:
    return f"r{uuid.uuid4().hex[:8]}"


def blank_input(m: MonitoringMethod) -> dict[str, Any]:
    return {"period_months": 12, "elapsed_months": None, "kpis": [], "actions": [], "assumptions": [], "process": {}}


# ---- input ----------------------------------------------------------------------------------------

class Kpi(DraftRow):
    """A KPI of the plan: `pro_rata` when its plan accrues over the period (revenue, visits), not for a
    level to hold (share of wallet, satisfaction)."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("name", "plan", "actual")
    key: Id
    name: Name = ""
    kind: Id | None = None
    plan: Amount | None = None
    actual: Amount | None = None
    pro_rata: bool = True


class Action(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("action", "due_month")
    key: Id
    action: ShortText = ""
    owner: Name = ""
    due_month: Annotated[int, Field(ge=1, le=36)] | None = None
    done: Percent = 0


class Assumption(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("assumption", "status")
    key: Id
    assumption: ShortText = ""
    status: Id | None = None


class MonitoringInput(InputModel):
    period_months: Annotated[int, Field(ge=1, le=36)] = 12
    elapsed_months: Annotated[float, Field(ge=0, le=36)] | None = None
    kpis: list[Kpi] = Field(default_factory=list, max_length=MAX_ROWS)
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ROWS)
    assumptions: list[Assumption] = Field(default_factory=list, max_length=MAX_ROWS)
    process: dict[Id, bool] = Field(default_factory=dict)
    period_start: dt.date | None = None  # places the account plan's action end dates in the period
    # What is typed here for the account plan's rows (by the plan's own row keys): a KPI's actual and
    # whether it accrues, an action's completion. The rows themselves are read, never copied.
    plan_actuals: dict[Id, Amount] = Field(default_factory=dict)
    plan_pro_rata: dict[Id, bool] = Field(default_factory=dict)
    plan_done: dict[Id, Percent] = Field(default_factory=dict)
    sources: dict[Id, dict[str, Any]] = Field(default_factory=dict)  # read along (kamcore.reads); never typed

    @model_validator(mode="after")
    def _of_the_method(self, info: ValidationInfo) -> MonitoringInput:
        m = method_in(info, method)
        if self.elapsed_months is not None and self.elapsed_months > self.period_months:
            raise PydanticCustomError("elapsed_beyond_period", "{elapsed} months elapsed of a {period}-month period",
                                      {"elapsed": f"{self.elapsed_months:g}", "period": self.period_months})
        for what in ("kpis", "actions", "assumptions"):
            check_keys(getattr(self, what), what)
        for kpi in self.kpis:
            check_choice(kpi.kind, [k.id for k in m.kpi_kinds])
        for assumption in self.assumptions:
            check_choice(assumption.status, [s.id for s in m.statuses])
        self.process = {i.id: self.process[i.id] for i in m.process_items if i.id in self.process}
        return self


# ---- results ---------------------------------------------------------------------------------------

class KpiResult(BaseModel):
    key: str
    name: str
    kind: str | None = None
    pro_rata: bool = True
    from_plan: bool = False
    plan: float
    pro_rata_plan: float
    actual: float
    attainment: float | None  # actual ÷ pro-rata plan × 100; None when the pro-rata plan is 0
    band: str | None


class ActionResult(BaseModel):
    key: str
    action: str
    owner: str = ""
    due_month: int = 1
    from_plan: bool = False
    due: bool  # due by the elapsed month
    done: float
    behind: bool  # due and not complete


class Control(BaseModel):
    id: str
    status: str | None  # a band id; None while nothing is recorded for it
    value: float | None = None  # the figure behind it: worst attainment, completion, share of the checklist met


class MonitoringResult(BaseModel):
    elapsed_share: float  # of the period, in percent
    kpis: list[KpiResult]
    actions: list[ActionResult]
    controls: list[Control]  # in CONTROLS order
    act_first: list[str]  # the controls to act on, the first one first
    drafts: int

    def control(self, control_id: str) -> Control:
        return next(c for c in self.controls if c.id == control_id)


def attainment(actual: float, pro_rata_plan: float) -> float | None:
    return 100 * actual / pro_rata_plan if pro_rata_plan else None


def _kpi(k: Kpi, share: float, m: MonitoringMethod) -> KpiResult:
    pro_rata = k.plan * share if k.pro_rata else k.plan
    value = attainment(k.actual, pro_rata)
    band = band_id(value, m.bands) if value is not None else ("green" if k.actual >= pro_rata else None)
    return KpiResult(key=k.key, name=k.name, kind=k.kind, pro_rata=k.pro_rata, from_plan=k.key.startswith(
        FROM_OBJECTIVE), plan=k.plan, pro_rata_plan=pro_rata, actual=k.actual, attainment=value, band=band)


def worst(bands: list[str | None]) -> str | None:
    known = [b for b in bands if b is not None]
    return max(known, key=BANDS.index) if known else None


def _performance(kpis: list[KpiResult]) -> Control:
    values = [k.attainment for k in kpis if k.attainment is not None]
    return Control(id="performance", status=worst([k.band for k in kpis]), value=min(values) if values else None)


def _implementation(actions: list[ActionResult], m: MonitoringMethod) -> Control:
    if not actions:
        return Control(id="implementation", status=None)
    due = [a.done for a in actions if a.due]
    if not due:
        return Control(id="implementation", status="green")  # nothing due yet
    completion = math.fsum(due) / len(due)
    return Control(id="implementation", status=band_id(completion, m.bands), value=completion)


def _strategic(assumptions: list[Assumption], m: MonitoringMethod) -> Control:
    return Control(id="strategic", status=worst([m.status(a.status).band for a in assumptions]))


def _process(answers: dict[str, bool], m: MonitoringMethod) -> Control:
    if not answers:
        return Control(id="process", status=None)
    met = 100 * sum(answers.get(i.id, False) for i in m.process_items) / len(m.process_items)
    return Control(id="process", status=band_id(met, m.process_bands), value=met)


def act_first(controls: dict[str, Control], m: MonitoringMethod) -> list[str]:
    """The controls to act on, first one first (see the module's doc)."""
    performance = controls["performance"].status
    order = list(m.review_order)
    if performance is None:
        return ["performance"]
    if performance == "green":
        short = [c for c in order if controls[c].status not in (None, "green")]
    else:
        short = [c for c in order if controls[c].status != "green"] or ["performance"]
    return sorted(short, key=lambda c: (-SEVERITY[controls[c].status], order.index(c) if c in order else -1))


def month_of(day: dt.date, start: dt.date) -> int:
    """The month of the period a date falls in (1 for the first; an earlier date counts as the first)."""
    return max(1, (day.year - start.year) * 12 + day.month - start.month + 1)


def plan_rows(inp: MonitoringInput) -> tuple[list[Kpi], list[Action]]:
    """The account plan's objectives as KPIs (its target the plan, revenue accruing over the period) and
    its actions (due in the month their end date falls in), with what was typed here for them; none
    while the account has no strategy, or one that no longer validates."""
    data = inp.sources.get(PLAN)
    if not data:
        return [], []
    try:
        objectives, actions = strategy.objectives(data), strategy.actions(data)
    except ValueError:
        return [], []
    kpis = [Kpi(key=FROM_OBJECTIVE + o.key, name=o.statement[:120], kind="output", plan=o.target,
                actual=inp.plan_actuals.get(o.key), pro_rata=inp.plan_pro_rata.get(o.key, o.metric == "revenue"))
            for o in objectives if o.target is None or o.target >= 0]
    rows = [Action.model_construct(key=FROM_ACTION + a.key, action=a.action, owner=a.owner, done=inp.plan_done.get(
        a.key, 0), due_month=month_of(a.end, inp.period_start) if inp.period_start else None) for a in actions]
    return kpis, rows


def all_rows(inp: MonitoringInput) -> tuple[list[Kpi], list[Action]]:
    """The KPIs and actions monitored: the account plan's first, then those typed here."""
    kpis, actions = plan_rows(inp)
    return [*kpis, *inp.kpis], [*actions, *inp.actions]


def evaluate(inp: MonitoringInput, m: MonitoringMethod) -> MonitoringResult:
    elapsed = inp.elapsed_months or 0
    share = elapsed / inp.period_months
    every_kpi, every_action = all_rows(inp)
    kpis = [_kpi(k, share, m) for k in complete_rows(every_kpi)]
    actions = [ActionResult(key=a.key, action=a.action, owner=a.owner, due_month=a.due_month,
                            from_plan=a.key.startswith(FROM_ACTION), due=a.due_month <= elapsed, done=a.done,
                            behind=a.due_month <= elapsed and a.done < 100) for a in complete_rows(every_action)]
    assumptions = complete_rows(inp.assumptions)
    controls = {c.id: c for c in (_performance(kpis), _implementation(actions, m), _strategic(assumptions, m),
                                  _process(inp.process, m))}
    drafts = sum(len(rows) - len(complete_rows(rows)) for rows in (every_kpi, every_action, inp.assumptions))
    return MonitoringResult(elapsed_share=100 * share, kpis=kpis, actions=actions,
                            controls=[controls[c] for c in CONTROLS], act_first=act_first(controls, m), drafts=drafts)


def counted(inp: MonitoringInput, m: MonitoringMethod | None = None) -> MonitoringInput | None:
    """The worksheet once it has the elapsed time and a complete KPI (performance can be judged); None before."""
    if inp.elapsed_months is None or not complete_rows(all_rows(inp)[0]):
        return None
    return inp.model_copy(update={w: complete_rows(getattr(inp, w)) for w in ("kpis", "actions", "assumptions")})


# ---- the page's tables ---------------------------------------------------------------------------------

FIELDS = {"kpis": ("name", "kind", "plan", "actual", "pro_rata"), "actions": ("action", "owner", "due_month", "done"),
          "assumptions": ("assumption", "status")}
DEFAULTS = {"pro_rata": True, "done": 0, "name": "", "action": "", "owner": "", "assumption": ""}
SET_BY_DEFAULT = ("pro_rata", "done")  # filled in a new row before anything is typed


def from_table(data: dict[str, Any], table: str, edited: list[dict[str, Any]]) -> dict[str, Any]:
    """The worksheet with one of its tables as the page's editor hands it back: empty rows dropped, an
    emptied cell (None or NaN) is nothing typed, a new row gets its key."""
    def cell(value: Any) -> Any:
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else value

    fields = FIELDS[table]
    typed = [r for r in edited if any(cell(r.get(f)) not in (None, "") for f in fields if f not in SET_BY_DEFAULT)]
    rows = []
    for r in typed:
        row = {"key": r.get("key") or new_key()}
        for f in fields:
            value = cell(r.get(f))
            row[f] = DEFAULTS[f] if value is None and f in DEFAULTS else value
            if isinstance(row[f], str):
                row[f] = row[f].strip()
        rows.append(row)
    return {**data, table: rows}
