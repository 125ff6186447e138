"""Organisation choice (大客户组织结构的选择模型): six factors scored per account group (or typical
account) add up to a total whose band names the structure that fits (区域负责 / 大客户矩阵 / 独立大客户团队);
the reasons are the factors scored at either end of the scale. The group adapts the roles'
responsibilities under the structure it adopts, and draws its organisation chart before and after."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from kamcore.catalog import load_method
from kamcore.engines import Band, band_of
from kamcore.i18n import Text
from kamcore.methods.common import (
    BandSpec,
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Name,
    Note,
    Scale,
    SpecModel,
    check_choice,
    check_rows,
    check_scores,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "organisation_choice"
MAX_SEGMENTS, MAX_DUTIES, MAX_UNITS = 20, 120, 60
CHARTS = ("before", "after")


# ---- methodology --------------------------------------------------------------------------------

class Factor(SpecModel):
    id: Id
    name: Text
    definition: Text
    low: Text  # why a low score points to a lighter structure
    high: Text  # why a high score points to a more dedicated one


class Structure(BandSpec):
    """A structure and the totals it is recommended for (its band: from `min`, the lowest without)."""

    description: Text
    color: str


class Role(SpecModel):
    id: Id
    label: Text
    focus: Text  # what the course says the role is for
    color: str


class Duty(SpecModel):
    id: Id
    role: Id
    text: Text
    structures: list[Id] = Field(default_factory=list)  # none: under every structure

    def applies(self, structure: str) -> bool:
        return not self.structures or structure in self.structures


class TemplateUnit(SpecModel):
    key: Id
    name: Text
    role: Id | None = None
    reports_to: Id | None = None
    dotted_to: Id | None = None


class OrganisationMethod(MethodSpec):
    tool: Literal["organisation_choice"]
    scale: Scale
    borderline: float = Field(default=1, ge=0)
    factors: list[Factor] = Field(min_length=1)
    structures: list[Structure] = Field(min_length=2)
    roles: list[Role] = Field(min_length=1)
    duties: list[Duty]
    charts: dict[Id, list[TemplateUnit]]

    @field_validator("structures")
    @classmethod
    def _one_lowest(cls, structures: list[Structure]) -> list[Structure]:
        if sum(s.min is None for s in structures) != 1:
            raise ValueError("exactly one structure, the lightest, has no minimum")
        return structures

    @model_validator(mode="after")
    def _consistent(self) -> OrganisationMethod:
        structures, roles = set(ids_of(self.structures)), set(ids_of(self.roles))
        for what, ids in (("factors", ids_of(self.factors)), ("structures", ids_of(self.structures)),
                          ("roles", ids_of(self.roles)), ("duties", ids_of(self.duties))):
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}: ids must be unique")
        for duty in self.duties:
            if duty.role not in roles or set(duty.structures) - structures:
                raise ValueError(f"duty {duty.id}: unknown role or structure")
        for structure, units in self.charts.items():
            if structure not in structures or any(u.role and u.role not in roles for u in units):
                raise ValueError(f"chart {structure}: unknown structure or role")
        return self

    def cutoffs(self) -> list[Structure]:
        """The structures with a minimum, lowest first."""
        return sorted((s for s in self.structures if s.min is not None), key=lambda s: s.min)

    def structure(self, structure_id: str) -> Structure:
        return next(s for s in self.structures if s.id == structure_id)

    def role(self, role_id: str | None) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def duty(self, duty_id: str | None) -> Duty | None:
        return next((d for d in self.duties if d.id == duty_id), None)


def method(overrides: dict[str, Any] | None = None) -> OrganisationMethod:
    return load_method(TOOL_ID, OrganisationMethod, overrides)


def blank_input(m: OrganisationMethod) -> dict[str, Any]:
    return {"segments": [], "adopted": None, "duties": [], "before": [], "after": []}


# ---- input ----------------------------------------------------------------------------------------

class Segment(InputModel):
    """An account group (or one typical account) and its six scores; it counts once every factor is scored."""

    key: Id
    name: Name = ""
    scores: dict[Id, float] = Field(default_factory=dict, max_length=40)
    note: Note = ""


class DutyRow(DraftRow):
    """A responsibility the group keeps (or drops) for a role: one of the course's, or its own."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("role",)
    key: Id
    role: Id | None = None
    item: Id | None = None
    text: Note = ""
    keep: bool = True

    def missing(self) -> list[str]:
        return super().missing() + ([] if self.text or self.item else ["text"])


class Unit(DraftRow):
    """A box of an organisation chart: a post or a team, whom it reports to, and a dotted line."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("name",)
    key: Id
    name: Name = ""
    role: Id | None = None
    reports_to: Id | None = None
    dotted_to: Id | None = None


class OrganisationInput(InputModel):
    segments: list[Segment] = Field(default_factory=list)
    adopted: Id | None = None  # the structure the group decides on; None: the first group's recommendation
    duties: list[DutyRow] = Field(default_factory=list)
    before: list[Unit] = Field(default_factory=list)
    after: list[Unit] = Field(default_factory=list)

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> OrganisationInput:
        m = method_in(info, method)
        check_rows(self.segments, MAX_SEGMENTS, "segments")
        check_rows(self.duties, MAX_DUTIES, "duties")
        for segment in self.segments:
            segment.scores = check_scores(segment.scores, ids_of(m.factors), m.scale, segment.name or segment.key)
        check_choice(self.adopted, ids_of(m.structures))
        roles = ids_of(m.roles)
        for row in self.duties:
            check_choice(row.role, roles)
            if m.duty(row.item) is None:
                row.item = None  # a duty the method no longer has: the row keeps the group's own text
        for chart in CHARTS:
            units = getattr(self, chart)
            check_rows(units, MAX_UNITS, chart)
            keys = {u.key for u in units}
            for unit in units:  # a line to a box that is gone is dropped, the box stays
                unit.role = unit.role if unit.role in roles else None
                unit.reports_to = unit.reports_to if unit.reports_to in keys - {unit.key} else None
                unit.dotted_to = unit.dotted_to if unit.dotted_to in keys - {unit.key} else None
        return self


# ---- results ---------------------------------------------------------------------------------------

class Reason(BaseModel):
    factor: str
    score: float
    side: str  # "high" or "low": which end of the scale it sits at


class SegmentResult(BaseModel):
    key: str
    name: str
    total: float
    structure: str
    reasons: list[Reason]
    borderline: str | None = None  # the neighbouring structure when the total is this close to a cut-off


class OrganisationResult(BaseModel):
    segments: list[SegmentResult]  # the fully scored ones, in the group's order
    unscored: list[str]  # keys of segments with a factor not scored yet
    adopted: str | None  # the structure the group adopts (its choice, else the first group's recommendation)
    duties_kept: dict[str, int]  # per role, complete rows kept
    duties_dropped: int
    loops: dict[str, list[str]]  # per chart, keys of boxes whose reporting line runs in a circle


def structure_for(total: float, m: OrganisationMethod) -> str:
    return band_of(total, [Band(s.id, s.min, s.side or ">=") for s in m.structures])


def reasons(scores: dict[str, float], m: OrganisationMethod) -> list[Reason]:
    """The factors at either end of the scale: what pushes toward a dedicated or a lighter structure."""
    top, bottom = m.scale.max - 1, m.scale.min + 1
    return [Reason(factor=f.id, score=scores[f.id], side="high" if scores[f.id] >= top else "low")
            for f in m.factors if scores[f.id] >= top or scores[f.id] <= bottom]


def borderline(total: float, m: OrganisationMethod) -> str | None:
    """The structure on the other side of a cut-off the total lies within `borderline` points of."""
    order = [s.id for s in sorted(m.structures, key=lambda s: -math.inf if s.min is None else s.min)]
    own = structure_for(total, m)
    for cut in m.cutoffs():
        if abs(total - cut.min) <= m.borderline:
            other = order[order.index(cut.id) - 1] if own == cut.id else cut.id
            if other != own:
                return other
    return None


def score_segment(segment: Segment, m: OrganisationMethod) -> SegmentResult:
    total = math.fsum(segment.scores[f.id] for f in m.factors)
    return SegmentResult(key=segment.key, name=segment.name, total=total, structure=structure_for(total, m),
                         reasons=reasons(segment.scores, m), borderline=borderline(total, m))


def scored(segment: Segment, m: OrganisationMethod) -> bool:
    return all(f.id in segment.scores for f in m.factors)


def loops(units: list[Unit]) -> list[str]:
    """The boxes whose chain of reporting lines comes back to itself."""
    boss = {u.key: u.reports_to for u in units}
    found = []
    for unit in units:
        seen, at = {unit.key}, boss[unit.key]
        while at is not None and at not in seen:
            seen.add(at)
            at = boss.get(at)
        if at == unit.key:
            found.append(unit.key)
    return found


def evaluate(inp: OrganisationInput, m: OrganisationMethod) -> OrganisationResult:
    segments = [score_segment(s, m) for s in inp.segments if scored(s, m)]
    duties = complete_rows(inp.duties)
    return OrganisationResult(
        segments=segments, unscored=[s.key for s in inp.segments if not scored(s, m)],
        adopted=inp.adopted or (segments[0].structure if segments else None),
        duties_kept={r.id: sum(d.keep and d.role == r.id for d in duties) for r in m.roles},
        duties_dropped=sum(not d.keep for d in duties),
        loops={chart: loops(complete_rows(getattr(inp, chart))) for chart in CHARTS})


def counted(inp: OrganisationInput, m: OrganisationMethod | None = None) -> OrganisationInput | None:
    """The worksheet with its fully scored groups and complete rows; None until one group is scored."""
    m = m or method()
    segments = [s for s in inp.segments if scored(s, m)]
    if not segments:
        return None
    return inp.model_copy(update={"segments": segments, "duties": complete_rows(inp.duties),
                                  "before": complete_rows(inp.before), "after": complete_rows(inp.after)})


def course_duties(structure: str, m: OrganisationMethod, kept: list[dict[str, Any]] | None = None
                  ) -> list[dict[str, Any]]:
    """The course's responsibilities under a structure as checklist rows, after the group's own rows
    (`kept`: rows it wrote itself, which stay whatever the structure)."""
    own = [r for r in kept or [] if not r.get("item")]
    return [{"key": d.id, "role": d.role, "item": d.id, "text": "", "keep": True}
            for d in m.duties if d.applies(structure)] + own


def template_chart(structure: str, m: OrganisationMethod, lang: str) -> list[dict[str, Any]]:
    """The organisation chart a structure starts from, in the reader's language."""
    return [{"key": u.key, "name": u.name(lang), "role": u.role, "reports_to": u.reports_to,
             "dotted_to": u.dotted_to} for u in m.charts.get(structure, [])]


def band_text(structure_id: str, m: OrganisationMethod) -> str:
    """The totals a structure is recommended for, as the course writes them: '≤ 14', '15–22', '≥ 23'
    (totals of whole-number scores)."""
    order = sorted(m.structures, key=lambda s: -math.inf if s.min is None else s.min)
    n = next(i for i, s in enumerate(order) if s.id == structure_id)
    own, above = order[n], order[n + 1] if n + 1 < len(order) else None
    low = None if own.min is None else (own.min if own.side == ">=" else math.floor(own.min) + 1)
    high = None if above is None else (math.ceil(above.min) - 1 if above.side == ">=" else above.min)
    if low is None:
        return f"≤ {high:g}"
    return f"≥ {low:g}" if high is None else f"{low:g}–{high:g}"


def rule_text(segment: Segment, result: SegmentResult, m: OrganisationMethod) -> str:
    """The total written out: '4 + 5 + 4 + 3 + 4 + 4 = 24 (≥ 23)'."""
    terms = " + ".join(f"{segment.scores[f.id]:g}" for f in m.factors)
    return f"{terms} = {result.total:g} ({band_text(result.structure, m)})"
