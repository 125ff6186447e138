"""The KAM congruence model (大客户管理相合性模型, Capon): strategy, organisation structure, human
resources, and systems and processes each scored on how well they support the key account strategy.
An element scored at or below `low_max` is a gap on its own; two elements at least `gap_min` apart
are a gap between them, and the lower one is where to start. The priorities follow, lowest first."""

from __future__ import annotations

import statistics
from itertools import combinations
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import (
    Anchors,
    Id,
    InputModel,
    MethodSpec,
    Note,
    Scale,
    SpecModel,
    check_scores,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "congruence"


class Element(SpecModel):
    id: Id
    name: Text
    question: Text
    anchors: Anchors | None = None
    priority: Text  # what to do first when this element is the gap
    tools: list[Id] = []  # the course's tools that work on it (linked where this installation has them)


class Reference(SpecModel):
    label: Text
    scores: dict[Id, float]


class CongruenceMethod(MethodSpec):
    tool: Literal["congruence"]
    scale: Scale
    low_max: float
    gap_min: float = Field(gt=0)
    elements: list[Element] = Field(min_length=2)
    reference: Reference

    @model_validator(mode="after")
    def _consistent(self) -> CongruenceMethod:
        ids = ids_of(self.elements)
        if len(set(ids)) != len(ids):
            raise ValueError("elements: ids must be unique")
        if set(self.reference.scores) != set(ids):
            raise ValueError(f"the reference scores every element: {', '.join(ids)}")
        if not all(self.scale.contains(v) for v in self.reference.scores.values()):
            raise ValueError("the reference's scores lie on the scale")
        if not self.scale.contains(self.low_max):
            raise ValueError("low_max lies on the scale")
        return self

    def element(self, element_id: str) -> Element:
        return next(e for e in self.elements if e.id == element_id)


def method(overrides: dict[str, Any] | None = None) -> CongruenceMethod:
    return load_method(TOOL_ID, CongruenceMethod, overrides)


def blank_input(m: CongruenceMethod) -> dict[str, Any]:
    return {"scores": {}, "notes": {}, "actions": {}}


class CongruenceInput(InputModel):
    scores: dict[Id, float] = {}
    notes: dict[Id, Note] = {}  # the justification of each score
    actions: dict[Id, Note] = {}  # what the group will do about an element that is a gap

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> CongruenceInput:
        m = method_in(info, method)
        ids = ids_of(m.elements)
        self.scores = check_scores(self.scores, ids, m.scale, "scores")
        self.notes = {i: n for i, n in self.notes.items() if i in ids and n}
        self.actions = {i: n for i, n in self.actions.items() if i in ids and n}
        return self


class PairGap(BaseModel):
    high: str  # the element scored higher
    low: str
    gap: float


class CongruenceResult(BaseModel):
    missing: list[str]  # elements not scored yet: no verdict until every one is
    mean: float | None = None
    low: list[str] = []  # elements at or below low_max
    pairs: list[PairGap] = []  # every pair at least gap_min apart
    priorities: list[str] = []  # elements to work on, lowest score first
    unjustified: list[str] = []  # scored without a justification

    @property
    def fits(self) -> bool:
        return not self.missing and not self.low and not self.pairs

    @property
    def gaps(self) -> int:
        """Every pair apart, and every low element that is not already the low side of such a pair."""
        return len(self.pairs) + len([i for i in self.low if all(p.low != i for p in self.pairs)])


def evaluate(inp: CongruenceInput, m: CongruenceMethod) -> CongruenceResult:
    ids = ids_of(m.elements)
    unjustified = [i for i in ids if i in inp.scores and i not in inp.notes]
    missing = [i for i in ids if i not in inp.scores]
    if missing:
        return CongruenceResult(missing=missing, unjustified=unjustified)
    s = inp.scores
    low = [i for i in ids if s[i] <= m.low_max]
    pairs = []
    for a, b in combinations(ids, 2):
        if abs(s[a] - s[b]) >= m.gap_min:
            high, lower = (a, b) if s[a] >= s[b] else (b, a)
            pairs.append(PairGap(high=high, low=lower, gap=abs(s[a] - s[b])))
    flagged = set(low) | {p.low for p in pairs}
    priorities = sorted((i for i in ids if i in flagged), key=lambda i: (s[i], ids.index(i)))
    return CongruenceResult(missing=[], mean=statistics.fmean(s[i] for i in ids), low=low, pairs=pairs,
                            priorities=priorities, unjustified=unjustified)


def counted(inp: CongruenceInput, m: CongruenceMethod | None = None) -> CongruenceInput | None:
    """Only a fully scored model has gaps to compare."""
    m = m or method()
    return inp if all(e.id in inp.scores for e in m.elements) else None
