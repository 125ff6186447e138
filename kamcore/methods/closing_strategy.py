"""促成销售 · The closing strategy: one of the course's three attack strategies (出其不意 a surprise
attack, 正面出击 a head-on attack, 分而治之 divide and conquer), suggested from where we stand against the
competitors on the account (the group's competitive ranking) by the method's rules, the competitors in
the order to take them on (先弱后强: the weakest first), and the success story the group will copy."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import Id, InputModel, MethodSpec, Name, Note, ShortText, SpecModel, check_choice, ids_of
from kamcore.methods.common import example_input as example_input
from kamcore.methods.common import method_in as _method_in
from kamcore.methods.position import Position

TOOL_ID = "closing_strategy"
STORY = ("title", "source", "what", "result", "apply")


class Strategy(SpecModel):
    id: Id
    label: Text
    description: Text
    when: Text  # the position it suits, as the page explains the suggestion


class Rule(SpecModel):
    """A rule of the suggestion: the strategy, when our gap to the best competitor is at most `max_gap`
    (score points; negative: we lead) and we do or do not hold a differential advantage. No condition:
    the rule always applies."""

    strategy: Id
    max_gap: float | None = None
    advantage: bool | None = None

    def applies(self, gap: float, advantage: bool) -> bool:
        return (self.max_gap is None or gap <= self.max_gap + 1e-9) and self.advantage in (None, advantage)


class ClosingMethod(MethodSpec):
    tool: Literal["closing_strategy"]
    strategies: list[Strategy] = Field(min_length=3)
    rules: list[Rule] = Field(min_length=1)
    weak_first: Text  # what 先弱后强 means, under the order of the competitors

    @model_validator(mode="after")
    def _consistent(self) -> ClosingMethod:
        ids = ids_of(self.strategies)
        if len(set(ids)) != len(ids):
            raise ValueError("strategies: ids must be unique")
        if unknown := {r.strategy for r in self.rules} - set(ids):
            raise ValueError(f"rules name unknown strategies {sorted(unknown)}")
        last = self.rules[-1]
        if last.max_gap is not None or last.advantage is not None:
            raise ValueError("the last rule has no condition: some strategy is always suggested")
        return self

    def strategy(self, strategy_id: str) -> Strategy:
        return next(s for s in self.strategies if s.id == strategy_id)


def method(overrides: dict[str, Any] | None = None) -> ClosingMethod:
    return load_method(TOOL_ID, ClosingMethod, overrides)


def blank_input(m: ClosingMethod) -> dict[str, Any]:
    return {"position": {}, "chosen": None, "reason": "", "story": dict.fromkeys(STORY, "")}


# ---- input ----------------------------------------------------------------------------------------

class Story(InputModel):
    """The success story to copy (复制成功故事): where it worked, what was done, what it won, how to copy it."""

    title: Name = ""
    source: ShortText = ""
    what: ShortText = ""
    result: ShortText = ""
    apply: ShortText = ""  # how we copy it here

    def told(self) -> bool:
        return bool(self.title and self.what)


class ClosingInput(InputModel):
    position: Position = Position()  # from the competitive ranking, never typed here
    chosen: Id | None = None
    reason: Note = ""
    story: Story = Story()

    @model_validator(mode="after")
    def _known_strategy(self, info: ValidationInfo) -> ClosingInput:
        check_choice(self.chosen, ids_of(_method_in(info, method).strategies))
        return self


# ---- result ---------------------------------------------------------------------------------------

class ClosingResult(BaseModel):
    our_rank: int | None
    gap: float | None  # the best competitor's score minus ours; None while the ranking is not done
    advantage: bool
    suggested: str | None  # None while the ranking is not done
    chosen: str | None
    follows: bool  # the group chose what the position suggests
    order: list[str]  # the competitors, the weakest first
    story: bool  # the success story is told (a title and what was done)


def suggest(position: Position, m: ClosingMethod) -> str | None:
    """The first rule that applies to the position; with no competitor rated we lead by definition."""
    if not position.known:
        return None
    gap = position.gap if position.gap is not None else float("-inf")
    return next(r.strategy for r in m.rules if r.applies(gap, bool(position.advantages)))


def evaluate(inp: ClosingInput, m: ClosingMethod) -> ClosingResult:
    suggested = suggest(inp.position, m)
    return ClosingResult(our_rank=inp.position.our_rank, gap=inp.position.gap, advantage=bool(inp.position.advantages),
                         suggested=suggested, chosen=inp.chosen,
                         follows=inp.chosen is not None and inp.chosen == suggested,
                         order=[s.name for s in inp.position.weak_first()], story=inp.story.told())


def counted(inp: ClosingInput, m: ClosingMethod | None = None) -> ClosingInput | None:
    """The worksheet counts once a strategy is chosen."""
    return inp if inp.chosen else None
