"""Value strategy and SPIN planner (价值策略 / SPIN 销售法): the pain points the value proposition addresses,
the questions planned per contact for the next meeting (situation, problem, implication, need-payoff) with
the answers recorded afterwards, and a role-play observer's tally. A set of questions is balanced when at
most `max_situation_share` % are situation questions and it has at least `min_implication` implication and
`min_need_payoff` need-payoff questions; an observed call also counts (I+N)/(S+P), and an outcome among
`weak_outcomes` asks for an advance."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, Field, StringConstraints, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

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
    check_rows,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "value_strategy"
MAX_ROWS = 60
MAX_TAPS = 999
MAX_UNDO = 50
SITUATION, PROBLEM, IMPLICATION, NEED_PAYOFF = "situation", "problem", "implication", "need_payoff"


class QuestionType(SpecModel):
    id: Literal["situation", "problem", "implication", "need_payoff"]
    short: str
    name: Text
    description: Text
    color: str


class Named(SpecModel):
    id: Id
    name: Text


class Balance(SpecModel):
    max_situation_share: float = Field(gt=0, le=100)
    min_implication: int = Field(ge=0)
    min_need_payoff: int = Field(ge=0)


class ValueStrategyMethod(MethodSpec):
    tool: Literal["value_strategy"]
    types: list[QuestionType] = Field(min_length=4, max_length=4)
    moves: list[Named] = Field(min_length=1)
    outcomes: list[Named] = Field(min_length=1)
    balance: Balance
    weak_outcomes: list[Id] = []

    @model_validator(mode="after")
    def _consistent(self) -> ValueStrategyMethod:
        if {t.id for t in self.types} != {SITUATION, PROBLEM, IMPLICATION, NEED_PAYOFF}:
            raise ValueError("the four SPIN question types, each once")
        if unknown := set(self.weak_outcomes) - set(ids_of(self.outcomes)):
            raise ValueError(f"weak_outcomes names unknown outcomes {sorted(unknown)}")
        return self

    def type(self, type_id: str) -> QuestionType:
        return next(t for t in self.types if t.id == type_id)

    def name_of(self, what: str, item_id: str | None) -> Text | None:
        return next((i.name for i in getattr(self, what) if i.id == item_id), None)


def method(overrides: dict[str, Any] | None = None) -> ValueStrategyMethod:
    return load_method(TOOL_ID, ValueStrategyMethod, overrides)


def new_key() -> str:
    return f"q{uuid.uuid4().hex[:8]}"


def blank_input(m: ValueStrategyMethod) -> dict[str, Any]:
    return {"pains": [], "questions": [], "observed": {}}


class Pain(DraftRow):
    """A pain point typed here, where the group has no value proposition for the account yet."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("text",)
    key: Id
    text: ShortText = ""


class Question(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("contact", "type", "text")
    key: Id
    contact: Name = ""  # the person's name (the buying centre's where it has one)
    type: Id | None = None
    text: ShortText = ""
    answer: ShortText = ""  # recorded after the meeting


Taps = dict[Id, int]
Tap = Annotated[str, StringConstraints(pattern=r"^(counts|moves)\.[A-Za-z0-9_\-]{1,40}$")]  # "counts.problem"


class Observation(InputModel):
    """A role-play as an observer heard it: a tap per question type and per move, the stopwatch (seconds
    run before `started`, and when it was last started while it runs) and the call's outcome."""

    counts: Taps = {}
    moves: Taps = {}
    elapsed: float = Field(default=0, ge=0, le=86400)
    started: dt.datetime | None = None
    outcome: Id | None = None
    last: list[Tap] = Field(default=[], max_length=MAX_UNDO)  # the latest taps, to undo them one by one

    def seconds(self, now: dt.datetime) -> int:
        running = (now - self.started).total_seconds() if self.started else 0
        return int(self.elapsed + max(0.0, running))


class ValueStrategyInput(InputModel):
    pains: list[Pain] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    observed: Observation = Field(default_factory=Observation)

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> ValueStrategyInput:
        m = method_in(info, method)
        check_rows(self.pains, MAX_ROWS, "pains")
        check_rows(self.questions, MAX_ROWS, "questions")
        for question in self.questions:
            check_choice(question.type, ids_of(m.types))
        check_choice(self.observed.outcome, ids_of(m.outcomes))
        for what, taps, ids in (("counts", self.observed.counts, ids_of(m.types)),
                                ("moves", self.observed.moves, ids_of(m.moves))):
            check_choice(next((k for k in taps if k not in ids), None), ids)
            if any(not 0 <= n <= MAX_TAPS for n in taps.values()):
                raise PydanticCustomError("too_many", "at most {limit} {what}", {"limit": MAX_TAPS, "what": what})
        return self


class Tally(BaseModel):
    """Questions by type and what the balance rules say about them."""

    counts: dict[str, int]  # every type, zero included
    total: int
    situation_share: float | None  # percent
    ratio: float | None  # (I+N)/(S+P); None without S or P
    flags: list[Literal["too_much_situation", "no_implication", "no_need_payoff", "define_advance"]]

    @property
    def balanced(self) -> bool:
        return self.total > 0 and not self.flags


def tally(counts: dict[str, int], m: ValueStrategyMethod, outcome: str | None = None) -> Tally:
    """The balance of a set of questions (a contact's plan, or a call as observed)."""
    counts = {t.id: counts.get(t.id, 0) for t in m.types}
    total = sum(counts.values())
    asked = counts[SITUATION] + counts[PROBLEM]
    share = 100 * counts[SITUATION] / total if total else None
    flags = []
    if total and share > m.balance.max_situation_share:
        flags.append("too_much_situation")
    if total and counts[IMPLICATION] < m.balance.min_implication:
        flags.append("no_implication")
    if total and counts[NEED_PAYOFF] < m.balance.min_need_payoff:
        flags.append("no_need_payoff")
    if outcome in m.weak_outcomes:
        flags.append("define_advance")
    return Tally(counts=counts, total=total, situation_share=share,
                 ratio=(counts[IMPLICATION] + counts[NEED_PAYOFF]) / asked if asked else None, flags=flags)


class ContactPlan(BaseModel):
    contact: str
    tally: Tally
    answered: int


class ValueStrategyResult(BaseModel):
    plans: list[ContactPlan]  # per contact, in the order first planned
    planned: Tally  # every planned question
    answered: int
    observed: Tally  # the role-play as tapped
    drafts: int
    started: bool


def plans(questions: list[Question], m: ValueStrategyMethod) -> list[ContactPlan]:
    contacts = list(dict.fromkeys(q.contact for q in questions))
    return [ContactPlan(contact=c, tally=tally(_by_type([q for q in questions if q.contact == c]), m),
                        answered=sum(bool(q.answer) for q in questions if q.contact == c)) for c in contacts]


def _by_type(questions: list[Question]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for q in questions:
        counts[q.type] = counts.get(q.type, 0) + 1
    return counts


def evaluate(inp: ValueStrategyInput, m: ValueStrategyMethod) -> ValueStrategyResult:
    questions = complete_rows(inp.questions)
    observed = tally(inp.observed.counts, m, inp.observed.outcome)
    return ValueStrategyResult(
        plans=plans(questions, m), planned=tally(_by_type(questions), m), answered=sum(bool(q.answer)
                                                                                       for q in questions),
        observed=observed, drafts=len(inp.questions) - len(questions) + len(inp.pains) - len(
            complete_rows(inp.pains)), started=bool(questions) or observed.total > 0)


def counted(inp: ValueStrategyInput, m: ValueStrategyMethod | None = None) -> ValueStrategyInput | None:
    """The complete questions and pains, and the tally; None until a question is planned or heard."""
    done = inp.model_copy(update={"questions": complete_rows(inp.questions), "pains": complete_rows(inp.pains)})
    return done if evaluate(done, m or method()).started else None


def tapped(data: dict[str, Any], field: str, item: str) -> dict[str, Any]:
    """The worksheet with one more tap for a question type (`field` "counts") or a move ("moves")."""
    observed = dict(data.get("observed") or {})
    taps = dict(observed.get(field) or {})
    taps[item] = taps.get(item, 0) + 1
    last = [*(observed.get("last") or []), f"{field}.{item}"][-MAX_UNDO:]
    return {**data, "observed": {**observed, field: taps, "last": last}}


def untapped(data: dict[str, Any]) -> dict[str, Any]:
    """The worksheet with its latest tap taken back (unchanged when there is none to take back)."""
    observed = dict(data.get("observed") or {})
    if not observed.get("last"):
        return data
    *last, tap = observed["last"]
    field, item = tap.split(".", 1)
    taps = dict(observed.get(field) or {})
    taps[item] = max(0, taps.get(item, 0) - 1)
    return {**data, "observed": {**observed, field: taps, "last": last}}


def proposition_pains(value_proposition: Any) -> list[str]:
    """The pain points a group's value proposition addresses, as it wrote them: each quantified value (Q1)
    and each psychological measure (Q2). `value_proposition` is its validated input."""
    found = [item.statement or item.metric for item in value_proposition.q1]
    return [text for text in found + [item.measure for item in value_proposition.q2] if text]
