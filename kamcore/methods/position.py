"""Where we stand against the competitors on one account, as the competitive ranking (kamcore.methods.
competition) computes it from the group's own ratings. The bid's price strategy and the closing strategy
keep a copy of it in their worksheet, taken from the ranking whenever its page opens, so that exports and
the projector show the position the choice was made on; nothing of it is typed twice."""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationError, model_validator

from kamcore.methods import competition as cp
from kamcore.methods.common import Id, InputModel, Name, criterion_name


class Supplier(InputModel):
    key: Id
    name: Name = ""
    score: float = Field(ge=0, le=1000)
    rank: int = Field(ge=1, le=50)


class Position(InputModel):
    """The suppliers rated on every benefit, best first (ours under the key `us`), and the benefits where
    we hold a differential advantage, by name."""

    suppliers: list[Supplier] = Field(default_factory=list, max_length=21)
    advantages: list[Name] = Field(default_factory=list, max_length=20)
    advantage_ids: list[Id] = Field(default_factory=list, max_length=20)  # the same benefits, by id

    def same_as(self, other: Position) -> bool:
        """Whether two positions agree, whatever language their benefits were named in."""
        return self.suppliers == other.suppliers and self.advantage_ids == other.advantage_ids

    @model_validator(mode="after")
    def _us_once(self) -> Position:
        if self.suppliers and sum(s.key == cp.US for s in self.suppliers) != 1:
            raise ValueError("a position rates us once")
        self.suppliers = sorted(self.suppliers, key=lambda s: (s.rank, s.key != cp.US))
        return self

    @property
    def known(self) -> bool:
        return bool(self.suppliers)

    @property
    def us(self) -> Supplier | None:
        return next((s for s in self.suppliers if s.key == cp.US), None)

    @property
    def rivals(self) -> list[Supplier]:
        return [s for s in self.suppliers if s.key != cp.US]

    @property
    def our_rank(self) -> int | None:
        return self.us.rank if self.us else None

    @property
    def leader(self) -> Supplier | None:
        """The best-rated competitor (None: no competitor rated)."""
        return self.rivals[0] if self.rivals else None

    @property
    def gap(self) -> float | None:
        """How far the best competitor is ahead of us (negative: we lead by that much)."""
        if self.us is None or self.leader is None:
            return None
        return round(self.leader.score - self.us.score, 4)

    def weak_first(self) -> list[Supplier]:
        """The competitors in the order to take them on: the weakest first (先弱后强)."""
        return sorted(self.rivals, key=lambda s: (s.score, s.name))


def position_of(data: dict[str, Any] | None, cm: cp.CompetitionMethod, lang: str) -> Position | None:
    """The position the group's competitive ranking gives, None while it does not rate us on every benefit
    (or does not validate)."""
    if data is None:
        return None
    try:
        inp = cp.CompetitionInput.model_validate(data, context={"method": cm})
        complete = cp.counted(inp, cm)
        if complete is None:
            return None
        result = cp.evaluate(complete, cm)
    except ValidationError:
        return None
    names = {b.id: criterion_name(b, cm.benefits, lang) for b in complete.benefits}
    advantages = [b.id for b in result.benefits if b.classification == "differential_advantage"]
    return Position(suppliers=[Supplier(key=s.key, name=s.name if s.key != cp.US else (complete.us_name or ""),
                                        score=round(s.score, 4), rank=s.rank) for s in result.suppliers],
                    advantages=[names[i] for i in advantages], advantage_ids=advantages)
