"""投标控制 · Bid control: the bid's checklist (the course's points of bid management, each with a status,
an owner and a due date) and the price strategy (投标报价策略): from our cost, the customer's budget or
the reference price and our rank in the group's competitive ranking, each of the method's price options
with its price and margin, the one our rank suggests, and the one the group chose."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.kinds.checklist import ChecklistItem, ChecklistRow, Status
from kamcore.methods.common import (
    Id,
    InputModel,
    MethodSpec,
    Name,
    SpecModel,
    check_choice,
    check_keys,
    complete_rows,
    ids_of,
)
from kamcore.methods.common import example_input as example_input
from kamcore.methods.common import method_in as _method_in
from kamcore.methods.position import Position

TOOL_ID = "bid_control"
LIMIT = 1e12
Money = Field(default=None, ge=0, le=LIMIT)


class PriceOption(SpecModel):
    """A way to price the bid: price = the reference × `factor`; suggested for our ranks from `min_rank`
    to `max_rank` (None: any lower rank)."""

    id: Id
    label: Text
    description: Text
    factor: float = Field(gt=0, le=10)
    min_rank: int = Field(default=1, ge=1)
    max_rank: int | None = Field(default=None, ge=1)

    def fits(self, rank: int) -> bool:
        return self.min_rank <= rank and (self.max_rank is None or rank <= self.max_rank)


class BidMethod(MethodSpec):
    tool: Literal["bid_control"]
    statuses: list[Status] = Field(min_length=2)
    items: list[ChecklistItem] = Field(min_length=1)
    options: list[PriceOption] = Field(min_length=2)
    min_margin: float = Field(ge=0, lt=100)  # percent of the price; an option below it is flagged

    @model_validator(mode="after")
    def _consistent(self) -> BidMethod:
        for what in ("statuses", "items", "options"):
            ids = ids_of(getattr(self, what))
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}: ids must be unique")
        if not any(s.done for s in self.statuses) or all(s.done for s in self.statuses):
            raise ValueError("at least one status means done, and at least one does not")
        if not any(o.max_rank is None for o in self.options) or not any(o.fits(1) for o in self.options):
            raise ValueError("options: one suits rank 1 and one suits every lower rank")
        return self

    def status(self, status_id: str) -> Status:
        return next(s for s in self.statuses if s.id == status_id)

    def item_text(self, item_id: str | None, lang: str) -> str:
        return next((i.text(lang) for i in self.items if i.id == item_id), "")

    def option(self, option_id: str) -> PriceOption:
        return next(o for o in self.options if o.id == option_id)


def method(overrides: dict[str, Any] | None = None) -> BidMethod:
    return load_method(TOOL_ID, BidMethod, overrides)


def blank_input(m: BidMethod) -> dict[str, Any]:
    rows = [{"key": i.id, "item": i.id, "text": "", "status": None, "owner": "", "due": None} for i in m.items]
    return {"rows": rows,
            "cost": None, "budget": None, "reference": None, "unit": "", "chosen": None, "position": {}}


# ---- input ----------------------------------------------------------------------------------------

class BidInput(InputModel):
    rows: list[ChecklistRow] = Field(default_factory=list, max_length=100)
    cost: float | None = Money  # our full cost of what the bid offers
    budget: float | None = Money  # the customer's budget, where known
    reference: float | None = Money  # the reference price (the market's, the incumbent's); else the budget is used
    unit: Name = ""  # e.g. 万元, EUR
    chosen: Id | None = None
    position: Position = Position()  # from the competitive ranking, never typed here

    @model_validator(mode="after")
    def _known_ids(self, info: ValidationInfo) -> BidInput:
        m = _method_in(info, method)
        check_keys(self.rows, "rows")
        statuses, items = ids_of(m.statuses), set(ids_of(m.items))
        for row in self.rows:
            check_choice(row.status, statuses)
            if row.item is not None and row.item not in items:
                row.item = None
        check_choice(self.chosen, ids_of(m.options))
        return self

    @property
    def base(self) -> float | None:
        """What the options are priced from: the reference price, else the customer's budget."""
        return self.reference if self.reference is not None else self.budget


# ---- result ---------------------------------------------------------------------------------------

class OptionResult(BaseModel):
    id: str
    price: float
    margin: float  # price − cost
    margin_pct: float  # of the price
    above_budget: bool
    below_floor: bool  # margin below the method's minimum
    fits: bool  # suits our rank


class BidResult(BaseModel):
    total: int  # checklist rows with a status
    done: int
    by_status: dict[str, int]
    overdue: list[str]  # keys of rows past their due date and not done
    base: float | None
    options: list[OptionResult]  # empty until the cost and a reference price or budget are known
    our_rank: int | None
    suggested: str | None
    chosen: str | None


def price_options(cost: float, base: float, budget: float | None, rank: int | None, m: BidMethod
                  ) -> list[OptionResult]:
    """Each option's price, its margin in money and as a share of the price, and its flags."""
    found = []
    for o in m.options:
        price = round(base * o.factor, 2)
        margin = round(price - cost, 2)
        pct = round(100 * margin / price, 1) if price else 0.0
        found.append(OptionResult(id=o.id, price=price, margin=margin, margin_pct=pct,
                                  above_budget=budget is not None and price > budget + 1e-9,
                                  below_floor=pct < m.min_margin - 1e-9, fits=rank is not None and o.fits(rank)))
    return found


def evaluate(inp: BidInput, m: BidMethod, today: dt.date | None = None) -> BidResult:
    today = today or dt.date.today()
    rows = complete_rows(inp.rows)
    done = {s.id for s in m.statuses if s.done}
    rank = inp.position.our_rank
    options = price_options(inp.cost, inp.base, inp.budget, rank, m) if inp.cost is not None and inp.base else []
    return BidResult(total=len(rows), done=sum(r.status in done for r in rows),
                     by_status={s.id: sum(r.status == s.id for r in rows) for s in m.statuses},
                     overdue=[r.key for r in rows if r.due and r.due < today and r.status not in done],
                     base=inp.base, options=options, our_rank=rank,
                     suggested=next((o.id for o in m.options if o.fits(rank)), None) if rank else None,
                     chosen=inp.chosen)


def counted(inp: BidInput, m: BidMethod | None = None) -> BidInput | None:
    """The bid counts once a checklist row has a status or the options can be priced; drafts stay out."""
    rows = complete_rows(inp.rows)
    if not rows and (inp.cost is None or not inp.base):
        return None
    return inp.model_copy(update={"rows": rows})
