"""Self-analysis (企业自身分析): our history with the account (wins, losses and why), the relationship at each
level of the account rated on the method's scale (a level at or below `weak_max` is weak), the resources we
can obtain (each with its owner, committed or not), and the opportunities and threats."""

from __future__ import annotations

import statistics
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
    Note,
    Scale,
    ShortText,
    SpecModel,
    check_choice,
    check_rows,
    check_scores,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "self_analysis"
MAX_ROWS = 30


class Named(SpecModel):
    id: Id
    name: Text


class LevelSpec(Named):
    question: Text


class SelfMethod(MethodSpec):
    tool: Literal["self_analysis"]
    scale: Scale
    weak_max: float
    outcomes: list[Named] = Field(min_length=2)
    levels: list[LevelSpec] = Field(min_length=1)
    resource_kinds: list[Named] = Field(min_length=1)
    factor_kinds: list[Named] = Field(min_length=2)

    def name_of(self, what: str, item_id: str | None) -> Text | None:
        """The name (a Text) of one of the method's outcomes, levels or kinds, by its list and id."""
        return next((i.name for i in getattr(self, what) if i.id == item_id), None)


def method(overrides: dict[str, Any] | None = None) -> SelfMethod:
    return load_method(TOOL_ID, SelfMethod, overrides)


def new_key() -> str:
    return f"s{uuid.uuid4().hex[:8]}"


def blank_input(m: SelfMethod) -> dict[str, Any]:
    return {"history": [], "relationship": {}, "relationship_notes": {}, "resources": [], "factors": []}


class HistoryRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("what", "outcome")
    key: Id
    what: ShortText = ""
    outcome: Id | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    why: ShortText = ""


class ResourceRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("kind", "what", "owner")
    key: Id
    kind: Id | None = None
    what: ShortText = ""
    owner: Name = ""
    committed: bool = False


class FactorRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("kind", "text")
    key: Id
    kind: Id | None = None
    text: ShortText = ""


class SelfInput(InputModel):
    history: list[HistoryRow] = Field(default_factory=list)
    relationship: dict[Id, float] = {}
    relationship_notes: dict[Id, Note] = {}
    resources: list[ResourceRow] = Field(default_factory=list)
    factors: list[FactorRow] = Field(default_factory=list)

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> SelfInput:
        m = method_in(info, method)
        self.relationship = check_scores(self.relationship, ids_of(m.levels), m.scale, "relationship")
        self.relationship_notes = {k: v for k, v in self.relationship_notes.items() if k in ids_of(m.levels) and v}
        for rows, what, kinds in ((self.history, "history", m.outcomes), (self.resources, "resources",
                                                                           m.resource_kinds),
                                  (self.factors, "factors", m.factor_kinds)):
            check_rows(rows, MAX_ROWS, what)
            for row in rows:
                check_choice(row.outcome if what == "history" else row.kind, ids_of(kinds))
        return self


class SelfResult(BaseModel):
    wins: int
    losses: int
    win_rate: float | None  # percent of the decided history, None without any
    scored: int  # levels rated
    relationship_mean: float | None
    weak: list[str]  # level ids rated at or below weak_max, weakest first
    resources: int
    committed: int
    uncommitted: list[str]  # resource keys not committed yet
    opportunities: int
    threats: int
    drafts: int
    started: bool


def evaluate(inp: SelfInput, m: SelfMethod) -> SelfResult:
    history, resources, factors = (complete_rows(rows) for rows in (inp.history, inp.resources, inp.factors))
    wins = sum(h.outcome == m.outcomes[0].id for h in history)
    losses = sum(h.outcome == m.outcomes[1].id for h in history)
    levels = ids_of(m.levels)
    weak = sorted((lv for lv in levels if inp.relationship.get(lv, m.scale.max + 1) <= m.weak_max),
                  key=lambda lv: (inp.relationship[lv], levels.index(lv)))
    drafts = sum(len(rows) for rows in (inp.history, inp.resources, inp.factors)) - len(history) - len(
        resources) - len(factors)
    return SelfResult(
        wins=wins, losses=losses, win_rate=100 * wins / (wins + losses) if wins + losses else None,
        scored=len(inp.relationship),
        relationship_mean=statistics.fmean(inp.relationship.values()) if inp.relationship else None, weak=weak,
        resources=len(resources), committed=sum(r.committed for r in resources),
        uncommitted=[r.key for r in resources if not r.committed],
        opportunities=sum(f.kind == m.factor_kinds[0].id for f in factors),
        threats=sum(f.kind == m.factor_kinds[1].id for f in factors), drafts=drafts,
        started=bool(history or resources or factors or inp.relationship))


def counted(inp: SelfInput, m: SelfMethod | None = None) -> SelfInput | None:
    """The complete rows and the rated levels; None until there is something."""
    done = inp.model_copy(update={f: complete_rows(getattr(inp, f)) for f in ("history", "resources", "factors")})
    return done if evaluate(done, m or method()).started else None
