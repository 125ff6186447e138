"""The opening diagnosis (前言): the group rates its own company on the lifecycle stages of key account
management and on the three dilemmas (进不去、做不大、留不住), each with its evidence, once at the
start of the course and again at the end. An item rated at or below `stuck_max` is where the company
is stuck; the tools that address it are suggested; the change between the rounds is shown."""

from __future__ import annotations

import statistics
import uuid
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

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
    SpecModel,
    check_rows,
    check_scores,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "diagnosis"
MAX_ACTIONS = 30


class Round(SpecModel):
    id: Id
    name: Text


class Item(SpecModel):
    """A lifecycle stage or a dilemma: what is rated, and the course's tools that work on it."""

    id: Id
    name: Text
    question: Text
    tools: list[Id] = []


class DiagnosisMethod(MethodSpec):
    tool: Literal["diagnosis"]
    scale: Scale
    stuck_max: float
    change_min: float = Field(gt=0)
    rounds: list[Round] = Field(min_length=2, max_length=2)  # the start of the course, and its end
    stages: list[Item] = Field(min_length=1)
    dilemmas: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> DiagnosisMethod:
        for what, ids in (("rounds", ids_of(self.rounds)), ("stages and dilemmas", self.item_ids())):
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}: ids must be unique")
        if not self.scale.contains(self.stuck_max):
            raise ValueError("stuck_max lies on the scale")
        return self

    def items(self) -> list[Item]:
        return [*self.stages, *self.dilemmas]

    def item_ids(self) -> list[str]:
        return ids_of(self.items())

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items() if i.id == item_id)

    def round(self, round_id: str) -> Round:
        return next(r for r in self.rounds if r.id == round_id)


def method(overrides: dict[str, Any] | None = None) -> DiagnosisMethod:
    return load_method(TOOL_ID, DiagnosisMethod, overrides)


def new_key() -> str:
    return f"a{uuid.uuid4().hex[:8]}"


def blank_input(m: DiagnosisMethod) -> dict[str, Any]:
    return {"rounds": {}, "actions": []}


class RoundInput(InputModel):
    scores: dict[Id, float] = {}
    evidence: dict[Id, Note] = {}


class Action(DraftRow):
    """An action the group proposes: for which stage or dilemma, with which of the course's tools."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("text",)
    key: Id
    item: Id | None = None
    text: Note = ""
    tool: Id | None = None  # a tool this installation may not have: kept, and linked only where it exists
    owner: Name = ""


class DiagnosisInput(InputModel):
    rounds: dict[Id, RoundInput] = {}
    actions: list[Action] = Field(default_factory=list)

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> DiagnosisInput:
        m = method_in(info, method)
        if unknown := sorted(set(self.rounds) - set(ids_of(m.rounds))):
            raise PydanticCustomError("unknown_ids", "{where}: unknown {values}",
                                      {"where": "rounds", "values": unknown})
        ids = m.item_ids()
        for round_id, r in self.rounds.items():
            r.scores = check_scores(r.scores, ids, m.scale, round_id)
            r.evidence = {i: e for i, e in r.evidence.items() if i in ids and e}
        check_rows(self.actions, MAX_ACTIONS, "actions")
        for action in self.actions:
            if action.item is not None and action.item not in ids:
                action.item = None  # a stage or dilemma the method no longer has: the action stays
        return self


class RoundResult(BaseModel):
    id: str
    scored: int
    complete: bool  # every stage and dilemma rated
    stages_mean: float | None = None
    dilemmas_mean: float | None = None
    stuck: list[str] = []  # items rated at or below stuck_max, lowest first
    weakest: list[str] = []  # the lowest-rated items
    unsupported: list[str] = []  # rated without evidence


class Change(BaseModel):
    item: str
    start: float
    end: float

    @property
    def delta(self) -> float:
        return self.end - self.start


class DiagnosisResult(BaseModel):
    rounds: list[RoundResult]  # in the method's order, only those with a score
    latest: str | None = None  # the last complete round: what the projector shows
    changes: list[Change] = []  # items rated in both rounds
    moved: list[str] = []  # items whose rating changed by at least change_min
    suggested: list[str] = []  # the tools that address where the latest round is stuck, in the items' order
    actions: int = 0  # complete action rows
    drafts: int = 0

    def round(self, round_id: str) -> RoundResult | None:
        return next((r for r in self.rounds if r.id == round_id), None)


def _round(round_id: str, r: RoundInput, m: DiagnosisMethod) -> RoundResult:
    ids, s = m.item_ids(), r.scores
    scored = [i for i in ids if i in s]
    stuck = sorted((i for i in scored if s[i] <= m.stuck_max), key=lambda i: (s[i], ids.index(i)))
    lowest = min((s[i] for i in scored), default=None)
    stages, dilemmas = [s[i] for i in ids_of(m.stages) if i in s], [s[i] for i in ids_of(m.dilemmas) if i in s]
    return RoundResult(id=round_id, scored=len(scored), complete=len(scored) == len(ids),
                       stages_mean=statistics.fmean(stages) if stages else None,
                       dilemmas_mean=statistics.fmean(dilemmas) if dilemmas else None,
                       stuck=stuck, weakest=[i for i in scored if s[i] == lowest],
                       unsupported=[i for i in scored if i not in r.evidence])


def evaluate(inp: DiagnosisInput, m: DiagnosisMethod) -> DiagnosisResult:
    rounds = [_round(r.id, inp.rounds[r.id], m) for r in m.rounds if inp.rounds.get(r.id, RoundInput()).scores]
    complete = [r for r in rounds if r.complete]
    latest = complete[-1] if complete else None
    first, last = (inp.rounds.get(r.id) for r in m.rounds)
    changes = [Change(item=i, start=first.scores[i], end=last.scores[i]) for i in m.item_ids()
               if first and last and i in first.scores and i in last.scores]
    suggested = list(dict.fromkeys(tool for i in (latest.stuck if latest else []) for tool in m.item(i).tools))
    done = complete_rows(inp.actions)
    return DiagnosisResult(rounds=rounds, latest=latest.id if latest else None, changes=changes,
                           moved=[c.item for c in changes if abs(c.delta) >= m.change_min], suggested=suggested,
                           actions=len(done), drafts=len(inp.actions) - len(done))


def counted(inp: DiagnosisInput, m: DiagnosisMethod | None = None) -> DiagnosisInput | None:
    """The rounds rated in full, and the complete actions; None until one round is rated in full."""
    m = m or method()
    ids = m.item_ids()
    rounds = {k: r for k, r in inp.rounds.items() if all(i in r.scores for i in ids)}
    return inp.model_copy(update={"rounds": rounds, "actions": complete_rows(inp.actions)}) if rounds else None
