"""Four-quadrant value proposition (四象限价值主张) and the three value types (三个价值类型).

Q1 quantified functional and economic value, Q2 measures that deliver psychological value,
Q3 the customer's commitments to us, Q4 measures to track joint progress. Checks with specific
hints, and a completeness and balance score whose every point comes from a named rule.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, create_model, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import Id, InputModel, MethodSpec, ShortText, SpecModel
from kamcore.methods.common import example_input as example_input

TOOL_ID = "value_proposition"
QUADRANTS = ("q1", "q2", "q3", "q4")
# Q2–Q4 items are lines of text; an item counts as concrete (Q2), measurable (Q3) or trackable (Q4)
# when every one of its fields is filled. Models, rules, tables, canvas and workbook read them here.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "q2": ("measure", "by_whom", "frequency"),
    "q3": ("commitment", "amount", "duration"),
    "q4": ("kpi", "frequency", "owner_us", "owner_customer"),
}


# ---- methodology --------------------------------------------------------------------------------

class ValueType(SpecModel):
    id: Literal["functional", "economic", "psychological"]
    label: Text
    definition: Text
    color: str


class QuadrantSpec(SpecModel):
    id: Literal["q1", "q2", "q3", "q4"]
    title: Text
    prompt: Text
    empty_hint: Text


class Unit(SpecModel):
    id: Id
    label: Text
    money_per_year: float = Field(default=0, ge=0)  # yearly money this unit stands for; 0: not money per year


class Rule(SpecModel):
    id: Literal["q1_quantified", "q1_basis", "q2_concrete", "q3_present", "q3_measurable",
                "q4_trackable", "has_psychological", "has_economic_money"]
    points: float = Field(gt=0)
    label: Text
    hint: Text | None = None  # rules that only ask "is the quadrant filled?" speak through its empty_hint



class ValuePropositionMethod(MethodSpec):
    tool: Literal["value_proposition"]
    value_types: list[ValueType] = Field(min_length=3, max_length=3)
    quadrants: list[QuadrantSpec] = Field(min_length=4, max_length=4)
    units: list[Unit] = Field(min_length=1)
    rules: list[Rule] = Field(min_length=1)
    max_items: int = Field(default=20, ge=1, le=100)

    def quadrant(self, quadrant_id: str) -> QuadrantSpec:
        return next(q for q in self.quadrants if q.id == quadrant_id)

    def value_type(self, type_id: str) -> ValueType:
        return next(v for v in self.value_types if v.id == type_id)

    def unit(self, unit: str) -> Unit | None:
        """The unit named by its id or by its label in either language."""
        return next((u for u in self.units if unit in (u.id, u.label.zh, u.label.en)), None)


def method(overrides: dict[str, Any] | None = None) -> ValuePropositionMethod:
    return load_method(TOOL_ID, ValuePropositionMethod, overrides)


def blank_input() -> dict[str, Any]:
    return {q: [] for q in QUADRANTS}


# ---- input ----------------------------------------------------------------------------------------

class Q1Item(InputModel):
    statement: ShortText = ""
    value_type: Literal["functional", "economic"] = "economic"
    metric: ShortText = ""
    number: float | None = Field(default=None, ge=-1e12, le=1e12)
    unit: ShortText = ""
    basis: ShortText = ""


def _text_item(quadrant: str) -> type[InputModel]:
    return create_model(f"{quadrant.upper()}Item", __base__=InputModel,
                        **dict.fromkeys(TEXT_FIELDS[quadrant], (ShortText, "")))


Q2Item, Q3Item, Q4Item = (_text_item(q) for q in TEXT_FIELDS)
ITEM_MODELS: dict[str, type[InputModel]] = {"q1": Q1Item, "q2": Q2Item, "q3": Q3Item, "q4": Q4Item}
QUADRANT_FIELDS = {quadrant: tuple(model.model_fields) for quadrant, model in ITEM_MODELS.items()}


class ValuePropositionInput(InputModel):
    q1: list[Q1Item] = Field(default=[], max_length=100)
    q2: list[Q2Item] = Field(default=[], max_length=100)
    q3: list[Q3Item] = Field(default=[], max_length=100)
    q4: list[Q4Item] = Field(default=[], max_length=100)

    @model_validator(mode="after")
    def _drop_empty_rows(self) -> ValuePropositionInput:
        """Rows left completely blank in a table are not items."""
        for quadrant in QUADRANTS:
            setattr(self, quadrant, [i for i in getattr(self, quadrant) if _filled(i)])
        return self


def _filled(item: BaseModel) -> bool:
    return any(v not in ("", None) for k, v in item.model_dump().items() if k != "value_type")


# ---- results ---------------------------------------------------------------------------------------

class Hint(BaseModel):
    rule: str
    quadrant: str
    item: int | None  # 1-based item number, None for a quadrant-level hint


class RuleOutcome(BaseModel):
    rule: str
    satisfied: float  # share of the rule met, 0..1
    points: float
    earned: float


class ValuePropositionResult(BaseModel):
    score: float  # 0..100
    rules: list[RuleOutcome]
    hints: list[Hint]
    mix: dict[str, int]  # functional, economic_quantified, economic_unquantified, psychological
    yearly_economic_value: float
    balanced: bool  # two-sided (Q3 non-empty) and Q1 quantified
    started: bool = True  # False: no quadrant has an item yet, so there is nothing to score


def started(inp: ValuePropositionInput) -> bool:
    return any(getattr(inp, q) for q in QUADRANTS)


def counted(inp: ValuePropositionInput, m: ValuePropositionMethod | None = None) -> ValuePropositionInput | None:
    """The worksheet once it has an item (what projector and exports show), else None."""
    return inp if started(inp) else None


def all_filled(item: BaseModel, quadrant: str) -> bool:
    """Whether every text field of a Q2–Q4 item is filled."""
    return all(getattr(item, name) for name in TEXT_FIELDS[quadrant])


def _quantified(item: Q1Item) -> bool:
    return item.number is not None and bool(item.unit)


def _money_per_year(item: Q1Item, m: ValuePropositionMethod) -> float:
    unit = m.unit(item.unit)
    return item.number * unit.money_per_year if unit and _quantified(item) and unit.money_per_year else 0.0


def _item_rules(inp: ValuePropositionInput) -> dict[str, tuple[str, list[bool]]]:
    """Per-item rules: the quadrant they look at and, for each item, whether it passes."""
    return {
        "q1_quantified": ("q1", [_quantified(i) for i in inp.q1]),
        "q1_basis": ("q1", [bool(i.basis) for i in inp.q1]),
        "q2_concrete": ("q2", [all_filled(i, "q2") for i in inp.q2]),
        "q3_measurable": ("q3", [all_filled(i, "q3") for i in inp.q3]),
        "q4_trackable": ("q4", [all_filled(i, "q4") for i in inp.q4]),
    }


def evaluate(inp: ValuePropositionInput, m: ValuePropositionMethod) -> ValuePropositionResult:
    per_item = _item_rules(inp)
    whole = {
        "q3_present": ("q3", bool(inp.q3)),
        "has_psychological": ("q2", bool(inp.q2)),
        "has_economic_money": ("q1", any(_money_per_year(i, m) for i in inp.q1)),
    }
    outcomes, hints = [], []
    for rule in m.rules:
        if rule.id in per_item:
            quadrant, passes = per_item[rule.id]
            satisfied = sum(passes) / len(passes) if passes else 0.0
            hints += [Hint(rule=rule.id, quadrant=quadrant, item=n) for n, ok in enumerate(passes, 1) if not ok]
        else:
            quadrant, ok = whole[rule.id]
            satisfied = 1.0 if ok else 0.0
            if not ok and getattr(inp, quadrant):  # an empty quadrant gets its own hint below
                hints.append(Hint(rule=rule.id, quadrant=quadrant, item=None))
        outcomes.append(RuleOutcome(rule=rule.id, satisfied=satisfied, points=rule.points,
                                    earned=rule.points * satisfied))
    hints += [Hint(rule="empty", quadrant=q, item=None) for q in QUADRANTS if not getattr(inp, q)]
    total = sum(o.points for o in outcomes)
    return ValuePropositionResult(
        score=100 * sum(o.earned for o in outcomes) / total,
        rules=outcomes, hints=hints, mix=_mix(inp),
        yearly_economic_value=sum(_money_per_year(i, m) for i in inp.q1),
        balanced=bool(inp.q3) and bool(inp.q1) and all(_quantified(i) for i in inp.q1),
        started=started(inp),
    )


def _mix(inp: ValuePropositionInput) -> dict[str, int]:
    economic = [i for i in inp.q1 if i.value_type == "economic"]
    return {
        "functional": sum(i.value_type == "functional" for i in inp.q1),
        "economic_quantified": sum(_quantified(i) for i in economic),
        "economic_unquantified": sum(not _quantified(i) for i in economic),
        "psychological": len(inp.q2),
    }
