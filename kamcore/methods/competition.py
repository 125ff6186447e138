"""Competitive ranking: the competitive structure (竞争结构分析模型) and the customer's benefits
against each supplier (客户效益需求与竞争排名评估表), with a positioning statement (定位陈述)."""

from __future__ import annotations

import statistics
import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from kamcore.catalog import load_method
from kamcore.engines import Side, above, competition_rank, weighted_score
from kamcore.i18n import Text, t
from kamcore.methods.common import (
    Category,
    Criteria,
    CriterionSpec,
    DraftRow,
    Id,
    InputModel,
    LongNote,
    MethodSpec,
    Name,
    Scale,
    ShortText,
    SpecModel,
    check_scores,
    complete_rows,
    criterion_name,
    default_criteria,
    ids_of,
    method_in,
    unscored,
    weights_of,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "competition"
US = "us"
CLASSES = ("differential_advantage", "vulnerability", "parity", "over_investment", "minor_weakness")


# ---- methodology --------------------------------------------------------------------------------

class CompetitorType(SpecModel):
    id: Id
    label: Text
    description: Text



class CompetitionMethod(MethodSpec):
    tool: Literal["competition"]
    competitor_types: list[CompetitorType] = Field(min_length=1)
    threat_scale: Scale
    priority_threat: float
    priority_side: Side  # ">=": a threat exactly at the threshold is a priority; ">": it is not
    rating_scale: Scale
    benefits: list[CriterionSpec] = Field(min_length=1)
    max_competitors: int = Field(default=6, ge=1, le=20)
    decimal_weights: bool = False  # weights scaled to fit 100 keep 2 decimals instead of whole numbers
    classes: list[Category]
    positioning_template: Text

    @model_validator(mode="after")
    def _all_classes(self) -> CompetitionMethod:
        if {c.id for c in self.classes} != set(CLASSES):
            raise ValueError(f"classes must be exactly {list(CLASSES)}")
        return self

    def category(self, class_id: str) -> Category:
        return next(c for c in self.classes if c.id == class_id)

    def competitor_type(self, type_id: str) -> CompetitorType:
        return next(c for c in self.competitor_types if c.id == type_id)


def method(overrides: dict[str, Any] | None = None) -> CompetitionMethod:
    return load_method(TOOL_ID, CompetitionMethod, overrides)


def blank_input(m: CompetitionMethod, us_name: str) -> dict[str, Any]:
    return {"threats": [], "benefits": default_criteria(m.benefits), "us_name": us_name, "competitors": [],
            "ratings": {US: {}}, "positioning": {}}


# ---- input ----------------------------------------------------------------------------------------

class Threat(DraftRow):
    """A player in the competitive structure; a draft until it has a name and both scores."""

    REQUIRED = ("player", "likelihood", "impact")
    type: Id = "direct"
    player: Name = ""
    likelihood: int | None = None
    impact: int | None = None


class Competitor(InputModel):
    key: Id
    name: Name = Field(min_length=1)


class Positioning(InputModel):
    contacts: ShortText = ""
    offer: ShortText = ""
    value: ShortText = ""
    competitor: ShortText = ""
    reasons: ShortText = ""
    statement: LongNote = ""


class CompetitionInput(InputModel):
    threats: list[Threat] = Field(default=[], max_length=50)
    benefits: Criteria
    us_name: Name = ""
    competitors: list[Competitor] = Field(default=[], max_length=20)
    ratings: dict[Id, dict[Id, float]]
    positioning: Positioning = Positioning()

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> CompetitionInput:
        m = method_in(info, method)
        if len(self.competitors) > m.max_competitors:
            raise PydanticCustomError("too_many", "at most {limit} {what}",
                                      {"limit": m.max_competitors, "what": "competitors"})
        keys = [US, *(c.key for c in self.competitors)]
        if len(set(keys)) != len(keys):
            raise PydanticCustomError("duplicate_ids", "{what}: ids must be unique", {"what": "competitors"})
        types = {t.id for t in m.competitor_types}
        for threat in self.threats:
            if threat.type not in types:
                raise PydanticCustomError("unknown_type", "{where}: unknown competitor type {value}",
                                          {"where": threat.player, "value": threat.type})
            for value in (threat.likelihood, threat.impact):
                check_scores({"threat": value}, ["threat"], m.threat_scale, threat.player)
        names = {US: self.us_name or US, **{c.key: c.name for c in self.competitors}}
        self.ratings = {k: check_scores(self.ratings.get(k, {}), ids_of(self.benefits), m.rating_scale, names[k])
                        for k in keys}
        return self


# ---- results ---------------------------------------------------------------------------------------

class ThreatResult(BaseModel):
    type: str
    player: str
    likelihood: int
    impact: int
    score: int
    priority: bool


class SupplierResult(BaseModel):
    key: str
    name: str
    score: float
    rank: int


class BenefitResult(BaseModel):
    id: str
    weight: float
    high_importance: bool
    ours: float
    best_competitor: str | None  # key of the best-rated competitor on this benefit
    best_competitor_rating: float | None
    gap: float | None  # ours − best competitor's
    our_rank: int
    classification: str


class CompetitionResult(BaseModel):
    threats: list[ThreatResult]  # complete rows only; drafts wait
    suppliers: list[SupplierResult]  # the suppliers rated on every benefit
    benefits: list[BenefitResult]  # empty until we are rated on every benefit
    our_rank: int | None  # None: we are not rated on every benefit yet
    mean_weight: float
    unscored: list[str] = []  # keys of suppliers not rated on every benefit yet
    draft_threats: int = 0


def counted(inp: CompetitionInput, m: CompetitionMethod | None = None) -> CompetitionInput | None:
    """The worksheet as results, projector and exports show it: complete threats, fully rated suppliers;
    None while we are not rated on every benefit."""
    if unscored(inp.ratings[US], inp.benefits):
        return None
    rated = [c for c in inp.competitors if not unscored(inp.ratings[c.key], inp.benefits)]
    return inp.model_copy(update={"threats": complete_rows(inp.threats), "competitors": rated,
                                  "ratings": {k: inp.ratings[k] for k in [US, *(c.key for c in rated)]}})


def evaluate(inp: CompetitionInput, m: CompetitionMethod) -> CompetitionResult:
    weights = weights_of(inp.benefits)
    names = {US: inp.us_name or US, **{c.key: c.name for c in inp.competitors}}
    rated = {k: r for k, r in inp.ratings.items() if not unscored(r, inp.benefits)}
    scores = {key: weighted_score(weights, ratings) for key, ratings in rated.items()}
    suppliers = sorted((SupplierResult(key=k, name=names[k], score=s, rank=competition_rank(s, scores.values()))
                        for k, s in scores.items()), key=lambda s: (s.rank, s.key != US))
    mean_weight = statistics.fmean(weights.values())
    complete = counted(inp)
    return CompetitionResult(
        threats=sorted((_threat(t, m) for t in complete_rows(inp.threats)), key=lambda t: -t.score),
        suppliers=suppliers,
        benefits=[_benefit(b.id, weights[b.id], mean_weight, complete) for b in inp.benefits] if complete else [],
        our_rank=next((s.rank for s in suppliers if s.key == US), None),
        mean_weight=mean_weight,
        unscored=[k for k in inp.ratings if k not in rated],
        draft_threats=len(inp.threats) - len(complete_rows(inp.threats)),
    )


def _threat(threat: Threat, m: CompetitionMethod) -> ThreatResult:
    score = threat.likelihood * threat.impact
    return ThreatResult(type=threat.type, player=threat.player, likelihood=threat.likelihood,
                        impact=threat.impact, score=score, priority=above(score, m.priority_threat, m.priority_side))


def _benefit(benefit_id: str, weight: float, mean_weight: float, inp: CompetitionInput) -> BenefitResult:
    ours = inp.ratings[US][benefit_id]
    rivals = {c.key: inp.ratings[c.key][benefit_id] for c in inp.competitors}
    best = max(rivals, key=rivals.get) if rivals else None
    gap = ours - rivals[best] if best else None
    high = weight >= mean_weight - 1e-9
    return BenefitResult(
        id=benefit_id, weight=weight, high_importance=high, ours=ours, best_competitor=best,
        best_competitor_rating=rivals[best] if best else None, gap=gap,
        our_rank=competition_rank(ours, [ours, *rivals.values()]), classification=classify(gap, high),
    )


def classify(gap: float | None, high_importance: bool) -> str:
    """Importance × our gap to the best competitor → one of the five classes."""
    if not gap:
        return "parity"
    if gap > 0:
        return "differential_advantage" if high_importance else "over_investment"
    return "vulnerability" if high_importance else "minor_weakness"


# ---- positioning statement ----------------------------------------------------------------------

def suggested_positioning(result: CompetitionResult, inp: CompetitionInput, m: CompetitionMethod,
                          account: str, lang: str) -> dict[str, str]:
    """Defaults for the statement's slots, read off the results; the group edits them."""
    rivals = [s for s in result.suppliers if s.key != US]
    advantages = [b for b in result.benefits if b.classification == "differential_advantage"]
    names = {b.id: criterion_name(b, m.benefits, lang) for b in inp.benefits}
    separator = "、" if lang == "zh" else ", "
    return {
        "account": account,
        "contacts": "",
        "offer": inp.us_name,
        "value": separator.join(names[b.id] for b in advantages),
        "competitor": rivals[0].name if rivals else "",
        "reasons": separator.join(t(lang, "lang_fix.versus", benefit=names[b.id], ours=f"{b.ours:g}",
                                    theirs=f"{b.best_competitor_rating:g}") for b in advantages),
    }


def positioning_statement(slots: dict[str, str], inp: CompetitionInput, m: CompetitionMethod, lang: str) -> str:
    """The group's own statement if it wrote one, else the template filled from the slots
    (each slot the group's text, or the suggestion where it left the slot empty)."""
    if inp.positioning.statement:
        return inp.positioning.statement
    chosen = {k: getattr(inp.positioning, k, "") or v for k, v in slots.items()}
    return m.positioning_template(lang).format(**{k: v or "…" for k, v in chosen.items()})


# ---- worksheet edits (what the page's tables hand back) -------------------------------------------

def with_competitors(data: dict[str, Any], rows: list[dict[str, Any]], m: CompetitionMethod) -> dict[str, Any]:
    """The worksheet after an edit of the competitors table; a new competitor is not rated yet."""
    competitors = [{"key": row.get("key") or f"comp-{uuid.uuid4().hex[:8]}", "name": (row.get("name") or "").strip()}
                   for row in rows]
    ratings = {US: data["ratings"].get(US, {})}
    for c in competitors:
        ratings[c["key"]] = data["ratings"].get(c["key"]) or {}
    return {**data, "competitors": competitors, "ratings": ratings}


def with_benefits(data: dict[str, Any], benefits: list[dict[str, Any]], m: CompetitionMethod) -> dict[str, Any]:
    """The worksheet with new benefits; no supplier is rated on a new one yet."""
    ratings = {k: {b["id"]: r[b["id"]] for b in benefits if r.get(b["id"]) is not None}
               for k, r in data["ratings"].items()}
    return {**data, "benefits": benefits, "ratings": ratings}


def with_ratings(data: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Ratings from a table with one row per benefit and one column per supplier key; an empty cell
    is not rated yet."""
    suppliers = [US, *(c["key"] for c in data["competitors"])]
    return {**data, "ratings": {k: {row["id"]: row[k] for row in rows if row.get(k) is not None} for k in suppliers}}
