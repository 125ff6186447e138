"""Account selection (选客): attractiveness, business strength and vulnerability of candidate accounts,
placed on the portfolio matrix (企业对大客户投入的战略模型) and the vulnerability matrix."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kamcore.catalog import load_method
from kamcore.engines import competition_rank, reweighted, weighted_score
from kamcore.i18n import Text
from kamcore.methods.common import (
    BandSpec,
    Criteria,
    Criterion,
    CriterionSpec,
    Id,
    InputModel,
    MatrixSpec,
    MethodSpec,
    Name,
    Scale,
    SpecModel,
    band_id,
    check_band_list,
    check_criteria,
    check_rows,
    check_scores,
    default_criteria,
    ids_of,
    method_in,
    unscored,
    weights_of,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "selection"

# ---- methodology --------------------------------------------------------------------------------


class StageSpec(SpecModel):
    level: int = Field(ge=1, le=9)
    label: Text
    description: Text
    score: float


class GateSpec(SpecModel):
    criterion: Id
    min_score: float
    cap_band: Id
    message: Text



class SelectionMethod(MethodSpec):
    tool: Literal["selection"]
    attractiveness_scale: Scale
    attractiveness_criteria: list[CriterionSpec] = Field(min_length=1)
    bands: list[BandSpec]
    gate: GateSpec | None = None
    strength_scale: Scale
    strength_factors: list[CriterionSpec] = Field(min_length=1)
    stages: list[StageSpec] = Field(min_length=2)
    vulnerability_scale: Scale
    vulnerability_factors: list[CriterionSpec] = Field(min_length=1)
    portfolio: MatrixSpec
    vulnerability_matrix: MatrixSpec
    sensitivity_shift: float = Field(default=10, gt=0, lt=100)
    max_accounts: int = Field(default=50, ge=1, le=500)
    decimal_weights: bool = False  # weights scaled to fit 100 keep 2 decimals instead of whole numbers

    _bands = field_validator("bands")(check_band_list)

    @model_validator(mode="after")
    def _consistent(self) -> SelectionMethod:
        for dimension in DIMENSIONS:
            check_criteria([Criterion(id=s.id, weight=s.weight) for s in getattr(self, dimension)], dimension)
        if self.gate:
            if self.gate.criterion not in {c.id for c in self.attractiveness_criteria}:
                raise ValueError(f"gate criterion {self.gate.criterion!r} is not an attractiveness criterion")
            if self.gate.cap_band not in {b.id for b in self.bands}:
                raise ValueError(f"gate cap_band {self.gate.cap_band!r} is not a band")
        return self

    def stage(self, level: int) -> StageSpec:
        return next(s for s in self.stages if s.level == level)

    def band(self, band: str) -> BandSpec:
        return next(b for b in self.bands if b.id == band)


def method(overrides: dict[str, Any] | None = None) -> SelectionMethod:
    return load_method(TOOL_ID, SelectionMethod, overrides)


# ---- input ----------------------------------------------------------------------------------------


def new_key() -> str:
    return uuid.uuid4().hex[:10]


class SelectionAccount(InputModel):
    key: Id = Field(default_factory=new_key)
    name: Name = Field(min_length=1)
    revenue: float = Field(default=0, ge=0, le=1e15)
    attractiveness: dict[Id, float]
    strength_route: Literal["csf", "stage"] = "csf"
    csf_us: dict[Id, float] = {}
    csf_competitor: dict[Id, float] = {}
    stage: int | None = None  # the relationship stage, when strength is scored by stage; None: not yet
    vulnerability: dict[Id, float]


class SelectionInput(InputModel):
    """A group's selection worksheet: the criteria it uses and its candidate accounts."""

    attractiveness_criteria: Criteria
    strength_factors: Criteria
    vulnerability_factors: Criteria
    accounts: list[SelectionAccount] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _scores_on_scale(self, info: ValidationInfo) -> SelectionInput:
        m = method_in(info, method)
        check_rows(self.accounts, m.max_accounts, "accounts")
        levels = {s.level for s in m.stages}
        for a in self.accounts:
            where = a.name
            a.attractiveness = check_scores(a.attractiveness, ids_of(self.attractiveness_criteria),
                                            m.attractiveness_scale, where)
            a.vulnerability = check_scores(a.vulnerability, ids_of(self.vulnerability_factors),
                                           m.vulnerability_scale, where)
            if a.strength_route == "csf":
                a.csf_us = check_scores(a.csf_us, ids_of(self.strength_factors), m.strength_scale, where)
                a.csf_competitor = check_scores(a.csf_competitor, ids_of(self.strength_factors), m.strength_scale,
                                                where)
            elif a.stage is not None and a.stage not in levels:
                raise PydanticCustomError("stage_unknown", "{where}: no relationship stage {stage}",
                                          {"where": where, "stage": a.stage})
        return self


def blank_account(m: SelectionMethod, name: str, criteria: dict[str, Any] | None = None) -> dict[str, Any]:
    """A new candidate account, not scored yet: no verdict until the group has scored it."""
    return {"key": new_key(), "name": name, "revenue": 0, "attractiveness": {}, "strength_route": "csf",
            "csf_us": {}, "csf_competitor": {}, "stage": None, "vulnerability": {}}


def blank_input_criteria(m: SelectionMethod) -> dict[str, Any]:
    return {
        "attractiveness_criteria": default_criteria(m.attractiveness_criteria),
        "strength_factors": default_criteria(m.strength_factors),
        "vulnerability_factors": default_criteria(m.vulnerability_factors),
    }


def blank_input(m: SelectionMethod) -> dict[str, Any]:
    """A worksheet with the method's criteria and no candidates: they come from the group's account list."""
    return {**blank_input_criteria(m), "accounts": []}


def with_account_list(data: dict[str, Any], accounts: list[tuple[str, str]], m: SelectionMethod) -> dict[str, Any]:
    """The worksheet's candidates following the group's account list ((key, name) pairs): its order and
    names; an account the worksheet has not seen yet joins as a new candidate."""
    entries = {a["key"]: a for a in data["accounts"]}
    return {**data, "accounts": [{**entries[key], "name": name} if key in entries
                                 else {**blank_account(m, name, data), "key": key} for key, name in accounts]}


def with_example(data: dict[str, Any], example: dict[str, Any], keys: dict[str, str],
                 m: SelectionMethod) -> dict[str, Any]:
    """The worksheet with an example's criteria and candidates; `keys` maps each example candidate's
    name to the group's account of that name. The group's other candidates stay, on the new criteria."""
    worksheet = data
    for dimension in DIMENSIONS:
        worksheet = with_criteria(worksheet, dimension, example[dimension], m)
    loaded = {keys[a["name"]]: {**a, "key": keys[a["name"]]} for a in example["accounts"]}
    kept = [a for a in worksheet["accounts"] if a["key"] not in loaded]
    return {**worksheet, "accounts": [*kept, *loaded.values()]}


# ---- results -------------------------------------------------------------------------------------


class Term(BaseModel):
    """One criterion's part of a weighted score: weight × score."""

    id: str
    weight: float
    score: float


class AccountResult(BaseModel):
    key: str
    name: str
    revenue: float
    attractiveness: float
    attractiveness_terms: list[Term]
    band: str
    gate_failed: bool
    strength: float
    strength_terms: list[Term]
    competitor_strength: float | None
    strength_ratio: float | None
    vulnerability: float
    vulnerability_terms: list[Term]
    rank: int
    portfolio: str
    vulnerability_quadrant: str


class Change(BaseModel):
    account: str
    what: Literal["portfolio", "vulnerability_quadrant", "rank", "band"]
    before: str
    after: str


class WeightShift(BaseModel):
    """What moves when one weight shifts and the others are rescaled to keep 100."""

    dimension: Literal["attractiveness_criteria", "strength_factors", "vulnerability_factors"]
    criterion: str
    shift: float
    changes: list[Change]


class UnscoredAccount(BaseModel):
    """An account left out of the results until it is scored, and what it still needs."""

    key: str
    name: str
    missing: list[Literal["attractiveness", "strength", "vulnerability"]]


class SelectionResult(BaseModel):
    accounts: list[AccountResult]  # the scored accounts only
    sensitivity: list[WeightShift]
    unscored: list[UnscoredAccount] = []


DIMENSIONS = ("attractiveness_criteria", "strength_factors", "vulnerability_factors")


def missing(a: SelectionAccount, inp: SelectionInput) -> list[str]:
    """What an account still needs before it has a verdict: the dimensions with a criterion unscored."""
    strength = (a.stage is None if a.strength_route == "stage"
                else bool(unscored(a.csf_us, inp.strength_factors) or unscored(a.csf_competitor, inp.strength_factors)))
    return [d for d, gap in (("attractiveness", unscored(a.attractiveness, inp.attractiveness_criteria)),
                             ("strength", strength),
                             ("vulnerability", unscored(a.vulnerability, inp.vulnerability_factors))) if gap]


def counted(inp: SelectionInput, m: SelectionMethod | None = None) -> SelectionInput | None:
    """The worksheet with only its scored accounts (what results, projector and exports show);
    None while no account is scored."""
    scored = [a for a in inp.accounts if not missing(a, inp)]
    return inp.model_copy(update={"accounts": scored}) if scored else None


def evaluate(inp: SelectionInput, m: SelectionMethod) -> SelectionResult:
    weights = {d: weights_of(getattr(inp, d)) for d in DIMENSIONS}
    waiting = [UnscoredAccount(key=a.key, name=a.name, missing=missing(a, inp)) for a in inp.accounts
               if missing(a, inp)]
    scored = counted(inp)
    if scored is None:
        return SelectionResult(accounts=[], sensitivity=[], unscored=waiting)
    accounts = _score_all(scored, m, weights)
    return SelectionResult(accounts=accounts, sensitivity=_sensitivity(scored, m, weights, accounts), unscored=waiting)


def _terms(weights: dict[str, float], scores: dict[str, float]) -> list[Term]:
    return [Term(id=k, weight=w, score=scores[k]) for k, w in weights.items()]


def _score_all(inp: SelectionInput, m: SelectionMethod, weights: dict[str, dict[str, float]]) -> list[AccountResult]:
    return [AccountResult(
        key=a.key, name=a.name, revenue=a.revenue, **placed,
        attractiveness_terms=_terms(weights["attractiveness_criteria"], a.attractiveness),
        strength_terms=[] if a.strength_route == "stage" else _terms(weights["strength_factors"], a.csf_us),
        strength_ratio=(placed["strength"] / placed["competitor_strength"]) if placed["competitor_strength"] else None,
        vulnerability_terms=_terms(weights["vulnerability_factors"], a.vulnerability),
    ) for a, placed in zip(inp.accounts, _placed(inp, m, weights), strict=True)]


def _placed(inp: SelectionInput, m: SelectionMethod, weights: dict[str, dict[str, float]]) -> list[dict[str, Any]]:
    """Each account's scores under these weights and where they place it, without the terms behind
    them: what the sensitivity analysis recomputes for every shifted weight."""
    attractiveness = [weighted_score(weights["attractiveness_criteria"], a.attractiveness) for a in inp.accounts]
    placed = []
    for a, aa in zip(inp.accounts, attractiveness, strict=True):
        strength, competitor = _strength(a, m, weights["strength_factors"])
        vulnerability = weighted_score(weights["vulnerability_factors"], a.vulnerability)
        band, gate_failed = _band(a, aa, m)
        placed.append(dict(
            attractiveness=aa, band=band, gate_failed=gate_failed, strength=strength, competitor_strength=competitor,
            vulnerability=vulnerability, rank=competition_rank(aa, attractiveness),
            portfolio=m.portfolio.classify(strength, aa),
            vulnerability_quadrant=m.vulnerability_matrix.classify(vulnerability, aa)))
    return placed


def _strength(a: SelectionAccount, m: SelectionMethod, weights: dict[str, float]) -> tuple[float, float | None]:
    """Our strength and the best competitor's (none on the stage route)."""
    if a.strength_route == "stage":
        return m.stage(a.stage).score, None
    return weighted_score(weights, a.csf_us), weighted_score(weights, a.csf_competitor)


def _band(a: SelectionAccount, attractiveness: float, m: SelectionMethod) -> tuple[str, bool]:
    band = band_id(attractiveness, m.bands)
    gate = m.gate
    if not gate or gate.criterion not in a.attractiveness or a.attractiveness[gate.criterion] >= gate.min_score:
        return band, False
    order = [b.id for b in sorted(m.bands, key=lambda b: b.min if b.min is not None else float("-inf"), reverse=True)]
    return (gate.cap_band if order.index(band) < order.index(gate.cap_band) else band), True


def _sensitivity(inp: SelectionInput, m: SelectionMethod, weights: dict[str, dict[str, float]],
                 base: list[AccountResult]) -> list[WeightShift]:
    shifts = []
    for dimension in DIMENSIONS:
        for criterion in weights[dimension]:
            for shift in (m.sensitivity_shift, -m.sensitivity_shift):
                changed = reweighted(weights[dimension], criterion, shift)
                if changed is None:
                    continue
                after = _placed(inp, m, {**weights, dimension: changed})
                shifts.append(WeightShift(dimension=dimension, criterion=criterion, shift=shift,
                                          changes=_changes(base, after)))
    return shifts


def _changes(before: list[AccountResult], after: list[dict[str, Any]]) -> list[Change]:
    changes = []
    for b, a in zip(before, after, strict=True):
        for what in ("portfolio", "vulnerability_quadrant", "rank", "band"):
            old, new = getattr(b, what), a[what]
            if old != new:
                changes.append(Change(account=b.key, what=what, before=str(old), after=str(new)))
    return changes


# ---- worksheet edits (what the page's tables hand back) -------------------------------------------

SCORE_FIELDS = {
    "attractiveness_criteria": (("attractiveness", "attractiveness_scale"),),
    "strength_factors": (("csf_us", "strength_scale"), ("csf_competitor", "strength_scale")),
    "vulnerability_factors": (("vulnerability", "vulnerability_scale"),),
}


def with_criteria(data: dict[str, Any], dimension: str, criteria: list[dict[str, Any]],
                  m: SelectionMethod) -> dict[str, Any]:
    """The worksheet with new criteria for one dimension; a new criterion is not scored yet for any account."""
    accounts = []
    for account in data["accounts"]:
        account = dict(account)
        for field, _scale in SCORE_FIELDS[dimension]:
            old = account.get(field) or {}
            account[field] = {c["id"]: old[c["id"]] for c in criteria if old.get(c["id"]) is not None}
        accounts.append(account)
    return {**data, dimension: criteria, "accounts": accounts}


def with_accounts(data: dict[str, Any], rows: list[dict[str, Any]], m: SelectionMethod,
                  default_name: str) -> dict[str, Any]:
    """The worksheet after an edit of the accounts table (name, revenue, strength route)."""
    by_key = {a["key"]: a for a in data["accounts"]}
    accounts = []
    for number, row in enumerate(rows, start=1):
        existing = by_key.get(row.get("key") or "")
        account = dict(existing) if existing else blank_account(m, "", data)
        account["name"] = (row.get("name") or "").strip() or default_name.format(n=number)
        account["revenue"] = row.get("revenue") if row.get("revenue") is not None else account.get("revenue", 0)
        account["strength_route"] = row.get("strength_route") or account.get("strength_route", "csf")
        accounts.append(account)
    return {**data, "accounts": accounts}

