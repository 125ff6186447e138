"""Partnership development (合作伙伴关系发展模型): the customer's seven steps as a stage tracker, with what
the customer needs from us at each step and the supplier's view beside it; the screening step reads the
partnership model's own worksheet for the account; the prerequisites (strategic and operational) scored
give whether to proceed, by the method's rule."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods import partnership as ps
from kamcore.methods.common import (
    Id,
    InputModel,
    MethodSpec,
    Note,
    Scale,
    SpecModel,
    check_choice,
    check_scores,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "partnership_development"
Verdict = Literal["proceed", "strengthen", "hold"]


class Step(SpecModel):
    id: Id
    name: Text
    customer_needs: Text  # what the customer needs from us at this step
    supplier_view: Text


class StepStatus(SpecModel):
    id: Id
    label: Text
    done: bool = False


class PrerequisiteGroup(SpecModel):
    id: Id
    label: Text
    min_mean: float  # the group's mean score must reach this to proceed


class Prerequisite(SpecModel):
    id: Id
    group: Id
    name: Text


class VerdictSpec(SpecModel):
    id: Verdict
    label: Text
    advice: Text


class DevelopmentMethod(MethodSpec):
    tool: Literal["partnership_development"]
    screening_step: Id  # the step the partnership model's scores stand for
    statuses: list[StepStatus] = Field(min_length=2)
    steps: list[Step] = Field(min_length=1)
    scale: Scale
    prerequisite_groups: list[PrerequisiteGroup] = Field(min_length=1)
    min_each: float  # any prerequisite scored below this holds the partnership, whatever the means
    prerequisites: list[Prerequisite] = Field(min_length=1)
    verdicts: list[VerdictSpec]

    @model_validator(mode="after")
    def _consistent(self) -> DevelopmentMethod:
        for what, ids in (("steps", ids_of(self.steps)), ("statuses", ids_of(self.statuses)),
                          ("prerequisites", ids_of(self.prerequisites)),
                          ("prerequisite_groups", ids_of(self.prerequisite_groups))):
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}: ids must be unique")
        if self.screening_step not in ids_of(self.steps):
            raise ValueError("screening_step is one of the steps")
        if {p.group for p in self.prerequisites} != set(ids_of(self.prerequisite_groups)):
            raise ValueError("every prerequisite is in one of the groups, and every group has prerequisites")
        if {v.id for v in self.verdicts} != {"proceed", "strengthen", "hold"}:
            raise ValueError("verdicts: proceed, strengthen and hold, each once")
        if not any(s.done for s in self.statuses):
            raise ValueError("one status means done")
        return self

    def verdict(self, verdict_id: str) -> VerdictSpec:
        return next(v for v in self.verdicts if v.id == verdict_id)

    def status(self, status_id: str | None) -> StepStatus | None:
        return next((s for s in self.statuses if s.id == status_id), None)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def group_label(self, group_id: str, lang: str) -> str:
        return next(g.label(lang) for g in self.prerequisite_groups if g.id == group_id)

    def in_group(self, group_id: str) -> list[Prerequisite]:
        return [p for p in self.prerequisites if p.group == group_id]


def method(overrides: dict[str, Any] | None = None) -> DevelopmentMethod:
    return load_method(TOOL_ID, DevelopmentMethod, overrides)


def blank_input(m: DevelopmentMethod) -> dict[str, Any]:
    return {"steps": {}, "scores": {}, "notes": {}}


class StepEntry(InputModel):
    status: Id | None = None
    note: Note = ""


class DevelopmentInput(InputModel):
    steps: dict[Id, StepEntry] = Field(default_factory=dict)
    scores: dict[Id, float] = Field(default_factory=dict)  # prerequisite id → score on the method's scale
    notes: dict[Id, Note] = Field(default_factory=dict)  # prerequisite id → evidence

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> DevelopmentInput:
        m = method_in(info, method)
        for step_id, entry in self.steps.items():
            check_choice(step_id, ids_of(m.steps))
            check_choice(entry.status, ids_of(m.statuses))
        self.scores = check_scores(self.scores, ids_of(m.prerequisites), m.scale, "scores")
        self.notes = {k: v for k, v in self.notes.items() if k in ids_of(m.prerequisites) and v}
        return self


class DevelopmentResult(BaseModel):
    current: str | None  # the first step not done; None once all are
    done: int  # steps done
    missing: list[str]  # prerequisites not scored yet
    means: dict[str, float]  # group id → mean score, once every prerequisite is scored
    short: list[str]  # groups whose mean is below their mark
    weak: list[str]  # prerequisites scored below min_each
    verdict: Verdict | None = None


def current_step(inp: DevelopmentInput, m: DevelopmentMethod) -> str | None:
    done = {s.id for s in m.statuses if s.done}
    return next((s.id for s in m.steps if (e := inp.steps.get(s.id)) is None or e.status not in done), None)


def evaluate(inp: DevelopmentInput, m: DevelopmentMethod) -> DevelopmentResult:
    """Hold when any prerequisite is below the minimum; proceed when every group's mean reaches its mark;
    otherwise strengthen first. No verdict before every prerequisite is scored."""
    done = {s.id for s in m.statuses if s.done}
    steps_done = sum(e.status in done for k, e in inp.steps.items())
    missing = [p.id for p in m.prerequisites if p.id not in inp.scores]
    base = {"current": current_step(inp, m), "done": steps_done, "missing": missing}
    if missing:
        return DevelopmentResult(**base, means={}, short=[], weak=[])
    means = {g.id: math.fsum(inp.scores[p.id] for p in m.in_group(g.id)) / len(m.in_group(g.id))
             for g in m.prerequisite_groups}
    short = [g.id for g in m.prerequisite_groups if means[g.id] < g.min_mean]
    weak = [p.id for p in m.prerequisites if inp.scores[p.id] < m.min_each]
    verdict: Verdict = "hold" if weak else ("strengthen" if short else "proceed")
    return DevelopmentResult(**base, means=means, short=short, weak=weak, verdict=verdict)


def counted(inp: DevelopmentInput, m: DevelopmentMethod | None = None) -> DevelopmentInput | None:
    """Compared once every prerequisite is scored."""
    m = m or method()
    return inp if all(p.id in inp.scores for p in m.prerequisites) else None


# ---- the screening step: the partnership model's worksheet for the same account --------------------

class Screening(BaseModel):
    """What the partnership model says about the account: its verdict (None until fully scored), the
    cautions and unsuited characteristics the group ticked there."""

    found: bool  # the group has a partnership worksheet for the account
    verdict: str | None = None
    partner: bool = False  # the verdict is a partnership type, not arm's length
    drivers: float | None = None
    facilitators: float | None = None
    missing: list[str] = []
    cautions: list[str] = []
    unsuited: list[str] = []


def screening(data: dict[str, Any] | None, pm: ps.PartnershipMethod) -> Screening:
    """The partnership model's scores for the account computed by its own method; a worksheet that no
    longer fits the method counts as not found."""
    if data is None:
        return Screening(found=False)
    try:
        inp = ps.PartnershipInput.model_validate(data, context={"method": pm})
    except ValidationError:
        return Screening(found=False)
    r = ps.evaluate(inp, pm)
    lowest = min(pm.outcomes, key=lambda o: o.level).id
    return Screening(found=True, verdict=r.verdict, partner=r.verdict is not None and r.verdict != lowest,
                     drivers=r.drivers, facilitators=r.facilitators, missing=list(r.missing),
                     cautions=list(inp.cautions), unsuited=list(inp.unsuited))
