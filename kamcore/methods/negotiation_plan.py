"""谈判 · The negotiation plan for a price negotiation: our opening, target and walk-away prices, the
customer's likely positions and our answers, the concessions we can trade (each with its cost to us and
its value to the customer) in the order we would give them, and the record of the rounds as they went.

kamcore checks the plan as a seller's: opening ≥ target ≥ walk-away; concessions given cheapest for the
value first (value ÷ cost, highest first); their total cost against the room between opening and
walk-away; and in the record, any offer below the walk-away price."""

from __future__ import annotations

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
    check_rows,
    complete_rows,
)
from kamcore.methods.common import example_input as example_input
from kamcore.methods.common import method_in as _method_in

TOOL_ID = "negotiation_plan"
LIMIT = 1e12
PRICES = ("opening", "target", "walk_away")
CHECKS = ("order", "concessions", "room", "above_walk_away")
MAX_ROWS = 50


class Check(SpecModel):
    id: Literal[CHECKS]  # type: ignore[valid-type]
    text: Text  # the rule, as met
    gap: Text  # what to do while it is not


class NegotiationMethod(MethodSpec):
    tool: Literal["negotiation_plan"]
    checks: list[Check]
    tactics: list[Text] = Field(default_factory=list)  # the course's reminders for the table, shown beside the plan

    @model_validator(mode="after")
    def _every_check(self) -> NegotiationMethod:
        if sorted(c.id for c in self.checks) != sorted(CHECKS):
            raise ValueError(f"checks are exactly {', '.join(CHECKS)}")
        return self

    def check(self, check_id: str) -> Check:
        return next(c for c in self.checks if c.id == check_id)


def method(overrides: dict[str, Any] | None = None) -> NegotiationMethod:
    return load_method(TOOL_ID, NegotiationMethod, overrides)


def blank_input(m: NegotiationMethod) -> dict[str, Any]:
    return {"subject": "", "unit": "", "opening": None, "target": None, "walk_away": None,
            "positions": [], "concessions": [], "rounds": []}


# ---- input ----------------------------------------------------------------------------------------

Price = Field(default=None, ge=0, le=LIMIT)


class PositionRow(DraftRow):
    """What the customer will likely say, and our answer."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("position",)
    key: Id
    position: ShortText = ""
    answer: ShortText = ""


class ConcessionRow(DraftRow):
    """A concession we can trade: what it costs us and what it is worth to the customer (same unit as the
    prices), in the order we would give it."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("what", "cost", "value")
    key: Id
    what: Name = ""
    cost: float | None = Field(default=None, ge=0, le=LIMIT)
    value: float | None = Field(default=None, ge=0, le=LIMIT)
    condition: ShortText = ""  # what we ask in return

    @property
    def ratio(self) -> float:
        """Value to the customer for each unit it costs us; a free concession comes first."""
        return float("inf") if not self.cost else self.value / self.cost


class RoundRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("offer",)
    key: Id
    offer: float | None = Field(default=None, ge=0, le=LIMIT)  # our offer in this round
    counter: float | None = Field(default=None, ge=0, le=LIMIT)  # the customer's counter-offer
    concession: Id | None = None  # the key of the concession we gave, if any
    note: ShortText = ""


class NegotiationInput(InputModel):
    subject: ShortText = ""
    unit: Name = ""
    opening: float | None = Price
    target: float | None = Price
    walk_away: float | None = Price
    positions: list[PositionRow] = Field(default_factory=list)
    concessions: list[ConcessionRow] = Field(default_factory=list)
    rounds: list[RoundRow] = Field(default_factory=list)

    @model_validator(mode="after")
    def _rows(self, info: ValidationInfo) -> NegotiationInput:
        _method_in(info, method)
        for what in ("positions", "concessions", "rounds"):
            check_rows(getattr(self, what), MAX_ROWS, what)
        known = {c.key for c in self.concessions}
        for r in self.rounds:
            if r.concession is not None and r.concession not in known:
                r.concession = None  # a concession since taken out of the plan: the round keeps its offer
        return self

    @property
    def priced(self) -> bool:
        return None not in (self.opening, self.target, self.walk_away)


# ---- result ---------------------------------------------------------------------------------------

class CheckResult(BaseModel):
    id: str
    passed: bool


class NegotiationResult(BaseModel):
    priced: bool  # opening, target and walk-away all given
    room: float | None  # opening − walk-away
    concession_cost: float  # of the complete concessions
    concession_value: float
    order: list[str]  # the concessions' keys, best value for cost first
    out_of_order: list[str]  # keys given later than a concession of lower value for cost
    checks: list[CheckResult]
    rounds: int
    last_offer: float | None
    last_counter: float | None
    apart: float | None  # our last offer − their last counter
    conceded: float | None  # opening − our last offer
    given_cost: float  # the cost of the concessions given in the rounds
    below_walk_away: list[int]  # round numbers (from 1) whose offer was under the walk-away price

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.checks)


def best_order(concessions: list[ConcessionRow]) -> list[str]:
    """The order to give concessions in: the most value to the customer for each unit of cost first;
    ties keep the plan's order."""
    return [c.key for c in sorted(concessions, key=lambda c: -c.ratio)]


def out_of_order(concessions: list[ConcessionRow]) -> list[str]:
    """The concessions planned after one that gives less value for its cost."""
    found, worst = [], float("inf")
    for c in concessions:
        if c.ratio > worst + 1e-9:
            found.append(c.key)
        worst = min(worst, c.ratio)
    return found


def evaluate(inp: NegotiationInput, m: NegotiationMethod) -> NegotiationResult:
    concessions = complete_rows(inp.concessions)
    rounds = complete_rows(inp.rounds)
    cost = round(sum(c.cost for c in concessions), 2)
    room = round(inp.opening - inp.walk_away, 2) if inp.priced else None
    late = out_of_order(concessions)
    last = rounds[-1] if rounds else None
    counters = [r.counter for r in rounds if r.counter is not None]
    by_key = {c.key: c for c in concessions}
    given = round(sum(by_key[r.concession].cost for r in rounds if r.concession in by_key), 2)
    below = [n for n, r in enumerate(rounds, start=1) if inp.walk_away is not None and r.offer < inp.walk_away - 1e-9]
    passed = {"order": inp.priced and inp.opening >= inp.target >= inp.walk_away,
              "concessions": bool(concessions) and not late,
              "room": room is not None and bool(concessions) and cost <= room + 1e-9,
              "above_walk_away": inp.walk_away is not None and not below}
    return NegotiationResult(
        priced=inp.priced, room=room, concession_cost=cost,
        concession_value=round(sum(c.value for c in concessions), 2),
        order=best_order(concessions), out_of_order=late, checks=[CheckResult(id=c, passed=passed[c]) for c in CHECKS],
        rounds=len(rounds), last_offer=last.offer if last else None, last_counter=counters[-1] if counters else None,
        apart=round(last.offer - counters[-1], 2) if last and counters else None,
        conceded=round(inp.opening - last.offer, 2) if last and inp.opening is not None else None,
        given_cost=given, below_walk_away=below)


def counted(inp: NegotiationInput, m: NegotiationMethod | None = None) -> NegotiationInput | None:
    """The plan counts once its three prices are set; draft rows stay out."""
    if not inp.priced:
        return None
    return inp.model_copy(update={w: complete_rows(getattr(inp, w)) for w in ("positions", "concessions", "rounds")})
