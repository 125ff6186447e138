"""The purchasing portfolio (采购产品分类模型, Kraljic) seen from the customer's side: where the
account's purchasing puts what we sell, set against our own view of the account (supplier
preferencing: core, development, exploitable, nuisance), with a prompt where the two views clash."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.engines import weighted_score
from kamcore.i18n import Text
from kamcore.methods.common import (
    Criteria,
    CriterionSpec,
    Id,
    InputModel,
    MatrixSpec,
    MethodSpec,
    Name,
    Scale,
    SpecModel,
    check_rows,
    check_scores,
    default_criteria,
    ids_of,
    method_in,
    unscored,
    weights_of,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "purchasing_portfolio"


# ---- methodology --------------------------------------------------------------------------------

class Clash(SpecModel):
    customer_view: Id  # the customer's quadrant for one of our items
    our_view: Id  # our supplier-preferencing box for the account
    prompt: Text



class PurchasingMethod(MethodSpec):
    tool: Literal["purchasing_portfolio"]
    scale: Scale
    profit_factors: list[CriterionSpec] = Field(min_length=1)
    risk_factors: list[CriterionSpec] = Field(min_length=1)
    kraljic: MatrixSpec  # x: supply risk, y: profit impact
    preferencing_scale: Scale
    preferencing: MatrixSpec  # x: relative value of the business, y: attractiveness of the account
    preferencing_axes: dict[Literal["attractiveness", "business_value"], Text]
    clashes: list[Clash]
    max_items: int = Field(default=30, ge=1, le=200)
    decimal_weights: bool = False  # weights scaled to fit 100 keep 2 decimals instead of whole numbers


def method(overrides: dict[str, Any] | None = None) -> PurchasingMethod:
    return load_method(TOOL_ID, PurchasingMethod, overrides)


def blank_item(m: PurchasingMethod, data: dict[str, Any], name: str, ours: bool) -> dict[str, Any]:
    """A new item, not scored yet."""
    return {"key": f"item-{uuid.uuid4().hex[:8]}", "name": name, "ours": ours, "profit": {}, "risk": {}}


def blank_input(m: PurchasingMethod, first_item: str) -> dict[str, Any]:
    data = {"profit_factors": default_criteria(m.profit_factors), "risk_factors": default_criteria(m.risk_factors),
            "items": [], "our_view": {}}
    data["items"] = [blank_item(m, data, first_item, True)]
    return data


# ---- input ----------------------------------------------------------------------------------------

class Item(InputModel):
    key: Id
    name: Name = Field(min_length=1)
    ours: bool = False
    profit: dict[Id, float]
    risk: dict[Id, float]


class OurView(InputModel):
    """How we see the account; None: not scored yet."""

    attractiveness: float | None = None
    business_value: float | None = None

    def scored(self) -> bool:
        return self.attractiveness is not None and self.business_value is not None


class PurchasingInput(InputModel):
    profit_factors: Criteria
    risk_factors: Criteria
    items: list[Item] = Field(min_length=1, max_length=200)
    our_view: OurView

    @model_validator(mode="after")
    def _scores(self, info: ValidationInfo) -> PurchasingInput:
        m = method_in(info, method)
        check_rows(self.items, m.max_items, "items")
        for item in self.items:
            item.profit = check_scores(item.profit, ids_of(self.profit_factors), m.scale, item.name)
            item.risk = check_scores(item.risk, ids_of(self.risk_factors), m.scale, item.name)
        check_scores(self.our_view.model_dump(), OurView.model_fields, m.preferencing_scale, "our_view")
        return self


# ---- results ---------------------------------------------------------------------------------------

class ItemResult(BaseModel):
    key: str
    name: str
    ours: bool
    profit_impact: float
    supply_risk: float
    quadrant: str


class ClashResult(BaseModel):
    item: str
    customer_view: str
    our_view: str


class PurchasingResult(BaseModel):
    items: list[ItemResult]  # the scored items only
    our_view: str | None  # None: our view of the account is not scored yet
    clashes: list[ClashResult]  # only where both views are scored
    unscored: list[str] = []  # keys of the items not scored yet


def scored(item: Item, inp: PurchasingInput) -> bool:
    return not (unscored(item.profit, inp.profit_factors) or unscored(item.risk, inp.risk_factors))


def counted(inp: PurchasingInput, m: PurchasingMethod | None = None) -> PurchasingInput | None:
    """The worksheet as projector and exports show it: scored items only; None until our view and
    at least one item are scored."""
    items = [i for i in inp.items if scored(i, inp)]
    return inp.model_copy(update={"items": items}) if items and inp.our_view.scored() else None


def evaluate(inp: PurchasingInput, m: PurchasingMethod) -> PurchasingResult:
    profit_w, risk_w = weights_of(inp.profit_factors), weights_of(inp.risk_factors)
    items = []
    for item in (i for i in inp.items if scored(i, inp)):
        impact, risk = weighted_score(profit_w, item.profit), weighted_score(risk_w, item.risk)
        items.append(ItemResult(key=item.key, name=item.name, ours=item.ours, profit_impact=impact,
                                supply_risk=risk, quadrant=m.kraljic.classify(risk, impact)))
    view = inp.our_view
    our_view = m.preferencing.classify(view.business_value, view.attractiveness) if view.scored() else None
    clash_pairs = {(c.customer_view, c.our_view) for c in m.clashes}
    clashes = [ClashResult(item=i.key, customer_view=i.quadrant, our_view=our_view)
               for i in items if i.ours and (i.quadrant, our_view) in clash_pairs]
    return PurchasingResult(items=items, our_view=our_view, clashes=clashes,
                            unscored=[i.key for i in inp.items if not scored(i, inp)])


def clash_prompt(clash: ClashResult, m: PurchasingMethod) -> Text:
    return next(c.prompt for c in m.clashes if (c.customer_view, c.our_view) == (clash.customer_view, clash.our_view))


def with_items(data: dict[str, Any], rows: list[dict[str, Any]], m: PurchasingMethod,
               default_name: str) -> dict[str, Any]:
    """The worksheet after an edit of the items table (name, ours); new items are not scored yet."""
    by_key = {i["key"]: i for i in data["items"]}
    items = []
    for number, row in enumerate(rows, start=1):
        item = dict(by_key.get(row.get("key") or "") or blank_item(m, data, "", False))
        item["name"] = (row.get("name") or "").strip() or default_name.format(n=number)
        item["ours"] = bool(row.get("ours"))
        items.append(item)
    return {**data, "items": items}


def with_factors(data: dict[str, Any], axis: Literal["profit_factors", "risk_factors"],
                 factors: list[dict[str, Any]], m: PurchasingMethod) -> dict[str, Any]:
    """New factors for one axis; no item is scored on a new factor yet."""
    field = "profit" if axis == "profit_factors" else "risk"
    items = [{**i, field: {f["id"]: i[field][f["id"]] for f in factors if i[field].get(f["id"]) is not None}}
             for i in data["items"]]
    return {**data, axis: factors, "items": items}
