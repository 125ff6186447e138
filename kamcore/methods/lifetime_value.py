"""Customer lifetime value (客户终生价值) of one key account: the yearly margin after the account's own
cost to serve (the KAM team's cost included), kept with a retention probability, discounted, optionally
growing, over a finite or an infinite horizon, less the acquisition cost.

Year t (1, 2, …) is worth m·(1+g)^(t−1) · r^(t−1+s) ÷ (1+d)^(t−p), where a timing convention sets
s = 1 when even the first year's margin needs the account to stay, and p = 1 when margins arrive at
the start of their year. Summed, that is a geometric series with ratio q = r(1+g)/(1+d):
value = m · r^s · (1+d)^p ÷ (1+d) · (1 − q^T) ÷ (1 − q)  (T·… when q = 1; T = ∞ needs q < 1).
The margin multiple is value ÷ m."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from kamcore.catalog import load_method
from kamcore.engines import competition_rank
from kamcore.errors import UserError
from kamcore.i18n import Text
from kamcore.merge import diff
from kamcore.methods import selection as sel
from kamcore.methods.common import Id, InputModel, MethodSpec, Scale, SpecModel, check_choice, method_in
from kamcore.methods.common import example_input as example_input

TOOL_ID = "lifetime_value"
LIMIT = 1e12  # ¥ a year: more than any account's margin
MAX_HORIZON = 100
REQUIRED = ("margin", "retention", "discount")  # what a worksheet needs before it has a value

Amount = Annotated[float, Field(ge=0, le=LIMIT)]
Percent = Annotated[float, Field(ge=0, le=100)]


# ---- methodology --------------------------------------------------------------------------------

class Convention(SpecModel):
    """When margins arrive: `paid_at_start` (the first one now), `first_year_retained` (even the first
    year's margin needs the account to stay)."""

    id: Id
    name: Text
    explain: Text
    paid_at_start: bool
    first_year_retained: bool


class Sensitivity(SpecModel):
    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)
    step: float = Field(gt=0, le=50)

    @model_validator(mode="after")
    def _ordered(self) -> Sensitivity:
        if self.min >= self.max:
            raise ValueError("sensitivity: min must be below max")
        return self

    def points(self) -> list[float]:
        count = math.floor((self.max - self.min) / self.step + 1e-9)
        return [round(self.min + n * self.step, 6) for n in range(count + 1)]


class Step(SpecModel):
    min: float = Field(ge=0)
    score: float


class SelectionMapping(SpecModel):
    """Which selection criterion a lifetime value scores, and the value (¥) from which each score is
    given, highest first; a value below the lowest step gets the selection scale's minimum."""

    criterion: Id
    steps: list[Step] = Field(min_length=1)

    @model_validator(mode="after")
    def _descending(self) -> SelectionMapping:
        mins, scores = [s.min for s in self.steps], [s.score for s in self.steps]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise ValueError("selection steps: minimums strictly descending")
        if scores != sorted(scores, reverse=True):
            raise ValueError("selection steps: scores descending")
        return self


class LifetimeMethod(MethodSpec):
    tool: Literal["lifetime_value"]
    conventions: list[Convention] = Field(min_length=1)
    default_convention: Id
    retention_uplift: float = Field(gt=0, le=50)
    sensitivity: Sensitivity
    selection: SelectionMapping

    @model_validator(mode="after")
    def _known_default(self) -> LifetimeMethod:
        ids = [c.id for c in self.conventions]
        if len(set(ids)) != len(ids):
            raise ValueError("convention ids must be unique")
        if self.default_convention not in ids:
            raise ValueError(f"default_convention {self.default_convention!r} is not a convention")
        return self

    def convention(self, convention_id: str | None) -> Convention:
        return next((c for c in self.conventions if c.id == convention_id),
                    next(c for c in self.conventions if c.id == self.default_convention))


def method(overrides: dict[str, Any] | None = None) -> LifetimeMethod:
    return load_method(TOOL_ID, LifetimeMethod, overrides)


def blank_input(m: LifetimeMethod) -> dict[str, Any]:
    return {"margin": None, "cost_to_serve": 0, "team_cost": 0, "retention": None, "discount": None, "growth": 0,
            "horizon": None, "acquisition": 0, "convention": m.default_convention}


# ---- input ----------------------------------------------------------------------------------------

class LifetimeInput(InputModel):
    """One account's figures: amounts in ¥ a year, rates in percent; `horizon` None is for ever."""

    margin: Amount | None = None  # the account's contribution a year before its own costs
    cost_to_serve: Amount = 0  # account-specific: special terms, service, logistics …
    team_cost: Amount = 0  # the KAM team's cost for this account
    retention: Percent | None = None
    discount: Percent | None = None
    growth: Annotated[float, Field(ge=-50, le=100)] = 0
    horizon: Annotated[int, Field(ge=1, le=MAX_HORIZON)] | None = None
    acquisition: Amount = 0
    convention: Id | None = None

    @model_validator(mode="after")
    def _converges(self, info: ValidationInfo) -> LifetimeInput:
        m = method_in(info, method)
        check_choice(self.convention, [c.id for c in m.conventions])
        self.convention = self.convention or m.default_convention
        if self.complete() and self.horizon is None and ratio(self.retention, self.discount, self.growth) >= 1:
            raise PydanticCustomError(
                "clv_diverges", "with no end to the horizon, retention × (1 + growth) must stay below 1 + discount "
                "rate: {retention}% × (1 + {growth}%) ≥ 1 + {discount}%",
                {"retention": f"{self.retention:g}", "growth": f"{self.growth:g}", "discount": f"{self.discount:g}"})
        return self

    def complete(self) -> bool:
        return all(getattr(self, f) is not None for f in REQUIRED)

    def missing(self) -> list[str]:
        return [f for f in REQUIRED if getattr(self, f) is None]


# ---- computation -------------------------------------------------------------------------------------

def ratio(retention: float, discount: float, growth: float) -> float:
    """q = r(1+g)/(1+d): how much each year is worth against the year before it."""
    return retention / 100 * (1 + growth / 100) / (1 + discount / 100)


def multiple(retention: float, discount: float, growth: float, horizon: int | None, c: Convention) -> float:
    """The margin multiple: the present value of a margin of 1 a year, in closed form."""
    r, d = retention / 100, discount / 100
    q = ratio(retention, discount, growth)
    head = r ** int(c.first_year_retained) * (1 + d) ** int(c.paid_at_start) / (1 + d)
    if horizon is None:
        if q >= 1:
            return math.inf
        return head / (1 - q)
    if math.isclose(q, 1, rel_tol=0, abs_tol=1e-12):
        return head * horizon
    return head * (1 - q ** horizon) / (1 - q)


def year_values(m: float, retention: float, discount: float, growth: float, years: int, c: Convention) -> list[float]:
    """Each year's present value, summed one by one (what the closed form adds up)."""
    r, d, g = retention / 100, discount / 100, growth / 100
    s, p = int(c.first_year_retained), int(c.paid_at_start)
    return [m * (1 + g) ** (t - 1) * r ** (t - 1 + s) / (1 + d) ** (t - p) for t in range(1, years + 1)]


class Point(BaseModel):
    retention: float
    clv: float


class LifetimeResult(BaseModel):
    complete: bool = True  # False while margin, retention or discount rate is missing: nothing else is computed
    net_margin: float  # m: margin − cost to serve − team cost
    multiple: float
    value: float  # m × multiple: the margins' present value
    clv: float  # value − acquisition cost
    convention: str
    uplift_retention: float  # retention + the method's uplift (at most 100)
    uplift: float | None  # what those points add to the CLV; None where the value would not converge
    curve: list[Point]  # CLV against retention, the points where it converges
    years: list[float]  # each year's present value (a finite horizon; the first 10 years of an infinite one)


def clv_at(inp: LifetimeInput, retention: float, m: LifetimeMethod) -> float | None:
    """The CLV with another retention; None where it would not converge."""
    factor = multiple(retention, inp.discount, inp.growth, inp.horizon, m.convention(inp.convention))
    return None if math.isinf(factor) else net_margin(inp) * factor - inp.acquisition


def net_margin(inp: LifetimeInput) -> float:
    return inp.margin - inp.cost_to_serve - inp.team_cost


def evaluate(inp: LifetimeInput, m: LifetimeMethod) -> LifetimeResult:
    c = m.convention(inp.convention)
    if not inp.complete():
        return LifetimeResult(complete=False, net_margin=0, multiple=0, value=0, clv=0, convention=c.id,
                              uplift_retention=0, uplift=None, curve=[], years=[])
    net = net_margin(inp)
    factor = multiple(inp.retention, inp.discount, inp.growth, inp.horizon, c)
    value = net * factor
    clv = value - inp.acquisition
    raised = min(100.0, inp.retention + m.retention_uplift)
    better = clv_at(inp, raised, m)
    curve = [Point(retention=r, clv=v) for r in m.sensitivity.points() if (v := clv_at(inp, r, m)) is not None]
    years = year_values(net, inp.retention, inp.discount, inp.growth, min(inp.horizon or 10, MAX_HORIZON), c)
    return LifetimeResult(net_margin=net, multiple=factor, value=value, clv=clv, convention=c.id,
                          uplift_retention=raised, uplift=None if better is None else better - clv, curve=curve,
                          years=years)


def counted(inp: LifetimeInput, m: LifetimeMethod | None = None) -> LifetimeInput | None:
    """The worksheet once it has a margin, a retention and a discount rate; None before."""
    return inp if inp.complete() else None


# ---- the value as selection's "future sales and profit" ----------------------------------------------

def selection_score(clv: float, m: LifetimeMethod, scale: Scale) -> float:
    """The selection score a lifetime value earns on the selection's attractiveness `scale`: the first
    step it reaches (kept on the scale), else the scale's minimum."""
    score = next((s.score for s in m.selection.steps if clv >= s.min), scale.min)
    return min(scale.max, max(scale.min, score))


def with_selection_score(data: dict[str, Any], accounts: list[tuple[str, str]], account_key: str, score: float,
                         m: LifetimeMethod, sel_m: sel.SelectionMethod) -> dict[str, Any]:
    """The selection worksheet (following the group's account list) with the account's score on the
    criterion the lifetime value stands for; refused when the group's worksheet no longer has it."""
    data = sel.with_account_list(data, accounts, sel_m)
    criterion = m.selection.criterion
    if criterion not in [c["id"] for c in data["attractiveness_criteria"]]:
        raise UserError("l3a.clv.no_criterion")
    return {**data, "accounts": [{**a, "attractiveness": {**a["attractiveness"], criterion: score}}
                                 if a["key"] == account_key else a for a in data["accounts"]]}


def use_in_selection(workspace: Any, account_key: str, clv: float, m: LifetimeMethod,
                     sel_m: sel.SelectionMethod) -> float:
    """Save the account's lifetime value as its selection score, the way a page saves a change: what
    differs from the stored selection worksheet, merged onto it. Returns the score given."""
    saved = workspace.worksheet(sel.TOOL_ID)
    blank = sel.blank_input(sel_m)
    base = saved.data if saved else blank
    score = selection_score(clv, m, sel_m.attractiveness_scale)
    accounts = [(a.key, a.name) for a in workspace.accounts()]
    changed = with_selection_score(base, accounts, account_key, score, m, sel_m)
    workspace.save_changes(sel.TOOL_ID, diff(base, changed), blank, sel_m, force=True)  # the group chose this score
    return score


def selection_given(workspace: Any, account_key: str, m: LifetimeMethod) -> float | None:
    """The score the account has now on the selection criterion the lifetime value stands for."""
    saved = workspace.worksheet(sel.TOOL_ID)
    account = next((a for a in saved.data["accounts"] if a["key"] == account_key), None) if saved else None
    return None if account is None else account["attractiveness"].get(m.selection.criterion)


class Ranked(BaseModel):
    key: str
    name: str
    clv: float
    multiple: float
    rank: int


def ranked(values: list[tuple[str, str, LifetimeResult]]) -> list[Ranked]:
    """The group's accounts (key, name, result) by lifetime value, highest first; equal values share a rank."""
    clvs = [r.clv for _, _, r in values]
    rows = [Ranked(key=k, name=n, clv=r.clv, multiple=r.multiple, rank=competition_rank(r.clv, clvs))
            for k, n, r in values]
    return sorted(rows, key=lambda row: (row.rank, row.name))
