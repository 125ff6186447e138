"""The six-element account strategy (目标大客户战略6要素): performance objectives, strategic focus,
positioning, action programmes, resource commitment, and the budget and forecast by quarter.

Positioning is not typed here: its target contacts come from the buying centre, its target competitor
and reasons to believe from the competitive ranking, its value from the four-quadrant value proposition
(`Sources`, read off those tools' worksheets for the same account). The plan is checked for
completeness: each element present is a point, each SMART objective another, and a positioning
statement with its four slots filled one more; every point missing says what to do.

`objectives`, `kpis` and `actions` are what performance monitoring reads of a saved strategy."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import (
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Name,
    ShortText,
    SpecModel,
    check_choice,
    check_tables,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "account_strategy"
ELEMENTS = ("objectives", "focus", "positioning", "actions", "resources", "budget")
TABLES = ("objectives", "actions", "resources", "budget")
SMART = ("specific", "measurable", "achievable", "relevant", "time_bound")
SLOTS = ("contacts", "competitor", "value", "reasons")  # the four the positioning point asks for
MAX_ROWS = 100
MONEY = Field(default=None, ge=0, le=1e12)


# ---- methodology --------------------------------------------------------------------------------

class Choice(SpecModel):
    id: Id
    text: Text


class ElementSpec(SpecModel):
    id: Literal[ELEMENTS]  # type: ignore[valid-type]
    text: Text
    gap: Text  # what to do while the element is missing


class SmartSpec(SpecModel):
    id: Literal[SMART]  # type: ignore[valid-type]
    letter: str = Field(min_length=1, max_length=1)
    text: Text


class SlotSpec(SpecModel):
    id: Literal[SLOTS]  # type: ignore[valid-type]
    text: Text


class StrategyMethod(MethodSpec):
    tool: Literal["account_strategy"]
    max_stretch: float = Field(gt=0)
    fields: list[Choice]
    directions: list[Choice] = Field(min_length=1)
    stages: list[Choice] = Field(min_length=1)
    metrics: list[Choice] = Field(min_length=1)
    cells: list[Choice] = Field(min_length=4, max_length=4)
    levers: list[Choice] = Field(min_length=1)
    functions: list[Choice] = Field(min_length=1)
    elements: list[ElementSpec]
    smart: list[SmartSpec]
    slots: list[SlotSpec]
    positioning_template: Text

    @model_validator(mode="after")
    def _complete(self) -> StrategyMethod:
        for what, ids in (("elements", ELEMENTS), ("smart", SMART), ("slots", SLOTS)):
            if sorted(x.id for x in getattr(self, what)) != sorted(ids):
                raise ValueError(f"{what} are exactly {', '.join(ids)}")
        for what in ("fields", "directions", "stages", "metrics", "cells", "levers", "functions"):
            found = ids_of(getattr(self, what))
            if len(set(found)) != len(found):
                raise ValueError(f"{what}: ids must be unique")
        return self

    def label(self, field_id: str, lang: str) -> str:
        return next(f.text(lang) for f in self.fields if f.id == field_id)

    def choice(self, what: str, choice_id: str | None) -> Choice | None:
        return next((c for c in getattr(self, what) if c.id == choice_id), None)

    def element(self, element_id: str) -> ElementSpec:
        return next(e for e in self.elements if e.id == element_id)


def method(overrides: dict[str, Any] | None = None) -> StrategyMethod:
    return load_method(TOOL_ID, StrategyMethod, overrides)


def new_key() -> str:
    return f"r{uuid.uuid4().hex[:8]}"


def blank_input(m: StrategyMethod | None = None) -> dict[str, Any]:
    return {"strategic": "", "direction": None, "stage": None, "focus": {}, "levers": [], "levers_note": "",
            "positioning": {"offer": "", "reasons": "", "statement": ""}, **{table: [] for table in TABLES}}


# ---- input ----------------------------------------------------------------------------------------

class Objective(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("statement",)
    key: Id
    statement: ShortText = ""
    metric: Id | None = None
    focus: Id | None = None  # the opportunity-grid cell it serves
    baseline: float | None = Field(default=None, ge=-1e12, le=1e12)
    target: float | None = Field(default=None, ge=-1e12, le=1e12)
    unit: ShortText = ""
    due: dt.date | None = None


class Action(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("action", "owner", "start", "end", "kpi")
    key: Id
    action: ShortText = ""
    owner: Name = ""
    start: dt.date | None = None
    end: dt.date | None = None
    cost: float | None = MONEY
    kpi: ShortText = ""


class Resource(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("function", "commitment")
    key: Id
    function: Id | None = None
    commitment: ShortText = ""
    head: Name = ""
    agreed: bool = False


class Quarter(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("quarter", "revenue", "costs")
    key: Id
    quarter: ShortText = ""
    revenue: float | None = MONEY
    costs: float | None = MONEY
    investment: float | None = MONEY


class Positioning(InputModel):
    """The group's own words for a slot the sources leave empty, or its own statement."""

    offer: ShortText = ""
    reasons: ShortText = ""
    statement: ShortText = ""


CHOICES = {("objectives", "metric"): "metrics", ("objectives", "focus"): "cells",
           ("resources", "function"): "functions"}


class StrategyInput(InputModel):
    strategic: ShortText = ""
    direction: Id | None = None
    stage: Id | None = None
    objectives: list[Objective] = Field(default_factory=list, max_length=MAX_ROWS)
    focus: dict[Id, ShortText] = Field(default_factory=dict)
    levers: list[Id] = Field(default_factory=list, max_length=10)
    levers_note: ShortText = ""
    positioning: Positioning = Positioning()
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ROWS)
    resources: list[Resource] = Field(default_factory=list, max_length=MAX_ROWS)
    budget: list[Quarter] = Field(default_factory=list, max_length=MAX_ROWS)
    # Other tools' worksheets for the same account, as the exports and the projector read them along
    # (kamcore.reads); never typed, never saved by the page.
    sources: dict[Id, dict[str, Any]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _choices_of_the_method(self, info: ValidationInfo) -> StrategyInput:
        m = method_in(info, method)
        check_choice(self.direction, ids_of(m.directions))
        check_choice(self.stage, ids_of(m.stages))
        for cell in self.focus:
            check_choice(cell, ids_of(m.cells))
        for lever in self.levers:
            check_choice(lever, ids_of(m.levers))
        check_tables(self, m, TABLES, CHOICES)
        return self


# ---- what the other tools bring: the positioning's sources -----------------------------------------

class Sources(BaseModel):
    """What the positioning reads off the group's other tools for this account; each list empty while
    that tool has nothing for it."""

    account: str = ""
    contacts: list[str] = []  # the buying centre's target contacts
    competitors: list[str] = []  # rivals in the competitive ranking, the strongest first
    value: list[str] = []  # the value proposition's quantified value (quadrant 1)
    offer: str = ""  # our offer, as the competitive ranking names us
    reasons: list[str] = []  # benefits where we lead the best competitor on what matters most
    slots: dict[str, str] = {}  # the competitive ranking's own statement slots the group typed


class PositioningResult(BaseModel):
    slots: dict[str, str]  # account, contacts, offer, value, competitor, reasons
    origin: dict[str, str]  # slot -> where it came from: a tool id, "own" or "" (empty)
    statement: str
    complete: bool  # the four slots the point asks for are filled
    written: bool  # the group wrote its own statement


def positioning(sources: Sources, own: Positioning, template: str, lang: str) -> PositioningResult:
    """The positioning statement's slots, each from where the course makes it (the buying centre's
    contacts, the ranking's strongest rival, the value proposition's quantified value, the ranking's
    differential advantages); where a source has nothing, what the group typed in the ranking's own
    statement or here. The template filled from them unless the group wrote its own statement."""
    separator = "、" if lang == "zh" else ", "
    typed = sources.slots
    candidates = {
        "account": [(sources.account, "")],
        "contacts": [(separator.join(sources.contacts[:3]), "buying_centre"), (typed.get("contacts", ""),
                                                                                "competition")],
        "offer": [(own.offer, "own"), (typed.get("offer", ""), "competition"), (sources.offer, "competition")],
        "value": [(separator.join(sources.value[:2]), "value_proposition"), (typed.get("value", ""), "competition")],
        "competitor": [(typed.get("competitor", ""), "competition"),
                       (sources.competitors[0] if sources.competitors else "", "competition")],
        "reasons": [(own.reasons, "own"), (typed.get("reasons", ""), "competition"),
                    (separator.join(sources.reasons), "competition")],
    }
    slots, origin = {}, {}
    for slot, options in candidates.items():
        slots[slot], origin[slot] = next(((text, where) for text, where in options if text), ("", ""))
    filled = template.format(**{k: v or "…" for k, v in slots.items()})
    return PositioningResult(slots=slots, origin=origin, statement=own.statement or filled,
                             complete=all(slots[s] for s in SLOTS), written=bool(own.statement))


# ---- the checker ----------------------------------------------------------------------------------

class SmartCheck(BaseModel):
    key: str
    statement: str
    passed: dict[str, bool]  # SMART letter id -> met

    @property
    def smart(self) -> bool:
        return all(self.passed.values())


class ElementCheck(BaseModel):
    id: str
    present: bool
    notes: list[str] = []  # what in particular is missing (ids the page words: late, unagreed, ...)


class StrategyResult(BaseModel):
    elements: list[ElementCheck]  # in the method's order
    objectives: list[SmartCheck]  # the complete objectives, each checked
    positioning: PositioningResult
    points: int
    possible: int
    actions_cost: float
    out_of_order: list[str]  # action keys ending before they start
    unagreed: list[str]  # resource keys not agreed by their function's head yet
    contribution: dict[str, float]  # quarter key -> revenue − cost
    totals: dict[str, float]  # revenue, costs, contribution, investment over the complete quarters
    drafts: int

    @property
    def missing(self) -> list[str]:
        return [e.id for e in self.elements if not e.present]


def smart(o: Objective, m: StrategyMethod, cells: set[str]) -> dict[str, bool]:
    """One objective against the five letters: a measure; a target; a baseline with the target within
    the method's stretch of it (from nothing, any target); a focus cell the strategy fills; a date."""
    achievable = o.baseline is not None and o.target is not None and (
        o.baseline == 0 or abs(o.target - o.baseline) <= m.max_stretch * abs(o.baseline))
    return {"specific": o.metric is not None, "measurable": o.target is not None, "achievable": achievable,
            "relevant": o.focus is not None and o.focus in cells, "time_bound": o.due is not None}


def out_of_order(actions: list[Action]) -> list[str]:
    return [a.key for a in actions if a.start and a.end and a.end < a.start]


def evaluate_with(inp: StrategyInput, m: StrategyMethod, sources: Sources, lang: str = "en") -> StrategyResult:
    objectives, actions = complete_rows(inp.objectives), complete_rows(inp.actions)
    resources, quarters = complete_rows(inp.resources), complete_rows(inp.budget)
    cells = {c for c, text in inp.focus.items() if text}
    checks = [SmartCheck(key=o.key, statement=o.statement, passed=smart(o, m, cells)) for o in objectives]
    placed = positioning(sources, inp.positioning, m.positioning_template(lang), lang)
    late, unagreed = out_of_order(actions), [r.key for r in resources if not r.agreed]
    present = {
        "objectives": (inp.direction is not None and bool(objectives), [] if objectives else ["no_objective"]),
        "focus": (bool(cells), []),
        "positioning": (any(placed.slots[s] for s in SLOTS) or placed.written, []),
        "actions": (bool(actions) and not late, ["late"] if late else []),
        "resources": (bool(resources) and not unagreed, ["unagreed"] if unagreed else []),
        "budget": (bool(quarters), []),
    }
    elements = [ElementCheck(id=e.id, present=present[e.id][0], notes=present[e.id][1]) for e in m.elements]
    contribution = {q.key: q.revenue - q.costs for q in quarters}
    totals = {"revenue": sum(q.revenue for q in quarters), "costs": sum(q.costs for q in quarters),
              "contribution": sum(contribution.values()), "investment": sum(q.investment or 0 for q in quarters)}
    drafts = sum(len(getattr(inp, table)) for table in TABLES) - len(objectives + actions + resources + quarters)
    return StrategyResult(
        elements=elements, objectives=checks, positioning=placed,
        points=sum(e.present for e in elements) + sum(c.smart for c in checks) + placed.complete,
        possible=len(elements) + len(checks) + 1, actions_cost=sum(a.cost or 0 for a in actions),
        out_of_order=late, unagreed=unagreed, contribution=contribution, totals=totals, drafts=drafts)


def evaluate(inp: StrategyInput, m: StrategyMethod) -> StrategyResult:
    """The checker over the worksheet and the sources read along with it (none: an empty positioning)."""
    from kamcore.methods.sources import read  # the sources' own tools import this package

    return evaluate_with(inp, m, read(inp.sources, ""))


def counted(inp: StrategyInput, m: StrategyMethod | None = None) -> StrategyInput | None:
    """The strategy's complete rows (what projector and exports show); None while nothing is in it."""
    tables = {table: complete_rows(getattr(inp, table)) for table in TABLES}
    if not (inp.strategic or inp.direction or any(inp.focus.values()) or any(tables.values())):
        return None
    return inp.model_copy(update=tables)


# ---- what performance monitoring reads of a saved strategy ---------------------------------------------

class Target(BaseModel):
    key: str
    statement: str
    metric: str | None
    baseline: float | None
    target: float | None
    unit: str
    due: dt.date | None
    smart: bool


class Kpi(BaseModel):
    action: str  # the action's key
    kpi: str
    owner: str
    due: dt.date


def _input(data: dict[str, Any], m: StrategyMethod | None) -> StrategyInput:
    m = m or method()
    return StrategyInput.model_validate(data, context={"method": m})


def objectives(data: dict[str, Any], m: StrategyMethod | None = None) -> list[Target]:
    """A saved strategy's complete operational objectives, each with whether it is SMART."""
    m = m or method()
    inp = _input(data, m)
    cells = {c for c, text in inp.focus.items() if text}
    return [Target(key=o.key, statement=o.statement, metric=o.metric, baseline=o.baseline, target=o.target,
                   unit=o.unit, due=o.due, smart=all(smart(o, m, cells).values()))
            for o in complete_rows(inp.objectives)]


def actions(data: dict[str, Any], m: StrategyMethod | None = None) -> list[Action]:
    """A saved strategy's complete action programmes, in the order they start."""
    return sorted(complete_rows(_input(data, m).actions), key=lambda a: (a.start, a.end))


def kpis(data: dict[str, Any], m: StrategyMethod | None = None) -> list[Kpi]:
    """The KPI each complete action programme is measured by, with its owner and end date."""
    return [Kpi(action=a.key, kpi=a.kpi, owner=a.owner, due=a.end) for a in actions(data, m)]


# ---- worksheet edits (what the page's tables hand back) ---------------------------------------------

COLUMNS = {"objectives": ("statement", "metric", "focus", "baseline", "target", "unit", "due"),
           "actions": ("action", "owner", "start", "end", "cost", "kpi"),
           "resources": ("function", "commitment", "head", "agreed"),
           "budget": ("quarter", "revenue", "costs", "investment")}
DATES = ("due", "start", "end")
NUMBERS = ("baseline", "target", "cost", "revenue", "costs", "investment")


def from_table(data: dict[str, Any], table: str, edited: list[dict[str, Any]]) -> dict[str, Any]:
    """The worksheet with one of its tables as the page hands it back: empty rows are no rows, an
    emptied cell (None or NaN) is empty, dates are ISO text, and a new row gets its key."""
    choices = {c for _, c in CHOICES}
    columns = COLUMNS[table]

    def cell(column: str, value: Any) -> Any:
        if value is None or value != value:  # NaN is not equal to itself
            return False if column == "agreed" else None if column in (*choices, *DATES, *NUMBERS) else ""
        if column in DATES:
            day = value if isinstance(value, dt.date) else _date(value)
            return day.isoformat() if day else None
        return bool(value) if column == "agreed" else value

    rows = [{c: cell(c, r.get(c)) for c in columns} | {"key": r.get("key") or new_key()} for r in edited]
    return {**data, table: [r for r in rows if any(r[c] not in (None, "", False) for c in columns)]}


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value not in ("", None) else None
    except ValueError:
        return None
