"""Building blocks shared by the tools' method specs and input models."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Callable, Iterable
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from kamcore.engines import WEIGHT_TOTAL, Band, Side, band_of, quadrant_of
from kamcore.i18n import Text, localized

# How much a person may type, by what the text is; the pages' widgets take the same limits.
NAME_CHARS = 120  # an account, a competitor, an item, a criterion
SHORT_TEXT_CHARS = 300  # one cell of a worksheet table, one slot of a statement
NOTE_CHARS = 500  # a target or a remark beside an item
LONG_NOTE_CHARS = 1000  # a paragraph: a positioning statement


def _text(max_chars: int) -> Any:
    return Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_chars)]


Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]{1,40}$")]
Name = _text(NAME_CHARS)
ShortText = _text(SHORT_TEXT_CHARS)
Note = _text(NOTE_CHARS)
LongNote = _text(LONG_NOTE_CHARS)
Weight = Annotated[float, Field(gt=0, le=WEIGHT_TOTAL)]


class InputModel(BaseModel):
    """Base of everything a user types: unknown fields, NaN and infinity are refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, str_strip_whitespace=True)


class SpecModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# ---- method specs (data/methods/*.yaml) -------------------------------------------------------


class Scale(SpecModel):
    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise ValueError("scale min must be below max")
        return self

    @property
    def mid(self) -> float:
        return (self.min + self.max) / 2

    def contains(self, value: float) -> bool:
        return self.min <= value <= self.max

    @property
    def values(self) -> list[int]:
        """The whole-number scores a person picks from."""
        return list(range(math.ceil(self.min), math.floor(self.max) + 1))


class Anchors(SpecModel):
    low: Text
    medium: Text
    high: Text


class CriterionSpec(SpecModel):
    """A default criterion: its name, weight, definition and the anchors that keep scorers consistent."""

    id: Id
    name: Text
    weight: Weight
    definition: Text
    anchors: Anchors | None = None


class BandSpec(SpecModel):
    id: Id
    min: float | None = None
    side: Side | None = None  # a minimum needs its side: ">=" a value on it is in the band, ">" it is not
    label: Text
    advice: Text

    @model_validator(mode="after")
    def _side_with_minimum(self) -> BandSpec:
        if (self.min is None) != (self.side is None):
            raise ValueError(f"band {self.id}: a minimum and its side (>= or >) go together")
        return self


class Category(SpecModel):
    """An outcome category: a quadrant, a type, a class, with what it means and what to do."""

    id: Id
    label: Text
    strategy: Text
    color: str = "#888888"
    response: Text | None = None  # where a category has a second audience (e.g. the seller's answer)


class MatrixSpec(SpecModel):
    """A two-axis classification: cut-offs, which category sits in which cell, and the categories."""

    x_cut: float
    y_cut: float
    x_side: Side  # where a value exactly on the cut-off falls: ">=" high, ">" low
    y_side: Side
    cells: dict[str, Id]
    categories: list[Category]

    @model_validator(mode="after")
    def _complete(self) -> MatrixSpec:
        known = {c.id for c in self.categories}
        needed = {f"{x}_{y}" for x in ("high", "low") for y in ("high", "low")}
        if set(self.cells) != needed:
            raise ValueError(f"cells must be exactly {sorted(needed)}")
        if unknown := set(self.cells.values()) - known:
            raise ValueError(f"cells name unknown categories {sorted(unknown)}")
        return self

    def classify(self, x: float, y: float) -> str:
        return self.cells[quadrant_of(x, y, self.x_cut, self.y_cut, self.x_side, self.y_side)]

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)


class Example(SpecModel):
    """A worked example from the course: a complete, valid input for the tool once its texts, each
    written as {zh: ..., en: ...}, are taken in one language."""

    id: Id
    title: Text
    input: dict[str, Any]


def chosen_example(examples: list[Example], example_id: str | None = None, lang: str = "en") -> dict[str, Any]:
    """The example with that id, else the first (the course's own), in the reader's language."""
    return localized(next((e for e in examples if e.id == example_id), examples[0]).input, lang)


class MethodSpec(SpecModel):
    """What every tool's method file has: which tool it is for, the tool's title, the exercise the
    course sets, and worked examples. Each tool's spec narrows `tool` to its own id."""

    tool: str
    title: Text
    exercise_prompt: Text
    examples: list[Example] = Field(min_length=1)
    disagreement_spread: float = Field(default=3, gt=0)  # the projector flags groups this far apart on a criterion


M = TypeVar("M", bound=MethodSpec)


def example_input(m: MethodSpec, example_id: str | None = None, lang: str = "en") -> dict[str, Any]:
    """A tool's worked example (the course's own by default) as a worksheet in the reader's language."""
    return chosen_example(m.examples, example_id, lang)


def method_in(info: ValidationInfo, default: Callable[[], M]) -> M:
    """The method an input is validated against: the one the caller passed in the validation context
    (a workshop's overrides), else the tool's default."""
    return (info.context or {}).get("method") or default()


def bands_engine(bands: list[BandSpec]) -> list[Band]:
    return [Band(b.id, b.min, b.side or ">=") for b in bands]


def band_id(value: float, bands: list[BandSpec]) -> str:
    return band_of(value, bands_engine(bands))


def check_band_list(bands: list[BandSpec]) -> list[BandSpec]:
    if sum(b.min is None for b in bands) != 1:
        raise ValueError("exactly one band, the lowest, has no minimum")
    return bands


# ---- input pieces ------------------------------------------------------------------------------


class Criterion(InputModel):
    """A criterion as a worksheet uses it: an id, an optional custom name, a weight."""

    id: Id
    name: Name = ""
    weight: Weight


def check_criteria(criteria: list[Criterion], what: str) -> list[Criterion]:
    """Unique ids and weights summing to 100, reported as errors the UI can translate."""
    ids = [c.id for c in criteria]
    if len(set(ids)) != len(ids):
        raise PydanticCustomError("duplicate_ids", "{what}: ids must be unique", {"what": what})
    total = math.fsum(c.weight for c in criteria)
    if abs(total - WEIGHT_TOTAL) > 1e-6:
        raise PydanticCustomError(
            "weights_sum", "{what}: weights must sum to 100, they sum to {total}",
            {"what": what, "total": f"{round(total, 2):g}"},
        )
    return criteria


def ids_of(items: Iterable[Any]) -> list[str]:
    return [item.id for item in items]


def check_choice(value: str | None, allowed: Iterable[str]) -> None:
    """A choice among the method's ids (None: not chosen yet), refused as pydantic refuses a literal."""
    allowed = list(allowed)
    if value is not None and value not in allowed:
        raise PydanticCustomError("literal_error", "must be one of {expected}", {"expected": ", ".join(allowed)})


Criteria = Annotated[list[Criterion], Field(min_length=1, max_length=20),
                    AfterValidator(lambda criteria, info: check_criteria(criteria, info.field_name))]
"""A worksheet's list of weighted criteria: unique ids, weights summing to 100, named by its field."""


def check_rows(rows: list[Any], limit: int, what: str) -> None:
    """At most `limit` rows (accounts, items …), each with a key of its own."""
    if len(rows) > limit:
        raise PydanticCustomError("too_many", "at most {limit} {what}", {"limit": limit, "what": what})
    check_keys(rows, what)


def check_keys(rows: Iterable[Any], what: str) -> None:
    """Each row (an account, an item, a task …) with a key of its own."""
    keys = [row.key for row in rows]
    if len(set(keys)) != len(keys):
        raise PydanticCustomError("duplicate_ids", "{what}: ids must be unique", {"what": what})


def check_tables(worksheet: Any, m: Any, tables: Iterable[str], choices: dict[tuple[str, str], str]) -> None:
    """A worksheet's tables: keys of their own in each, and every choice column ((table, column) → the
    method's list it chooses from) holding one of that list's ids."""
    for table in tables:
        check_keys(getattr(worksheet, table), table)
    for (table, column), listed in choices.items():
        for row in getattr(worksheet, table):
            check_choice(getattr(row, column), ids_of(getattr(m, listed)))


def check_scores(scores: dict[str, float], ids: Iterable[str], scale: Scale, where: str) -> dict[str, float]:
    """The on-scale scores of the criteria (factors, drivers …) with these ids. One without a score
    is not scored yet (never a silent mid-scale); scores of ids no longer in use are dropped."""
    ids = list(ids)
    for criterion in ids:
        value = scores.get(criterion)
        if value is not None and not scale.contains(value):
            raise PydanticCustomError(
                "score_off_scale", "{where}: score {value} for {criterion} is outside {low}–{high}",
                {"where": where, "criterion": criterion, "value": f"{value:g}", "low": f"{scale.min:g}",
                 "high": f"{scale.max:g}"},
            )
    return {i: scores[i] for i in ids if scores.get(i) is not None}


def unscored(scores: dict[str, float], criteria: list[Criterion]) -> list[str]:
    """The ids of the criteria that have no score yet."""
    return [c.id for c in criteria if c.id not in scores]


# ---- drafts: table rows saved as typed, counted once complete -------------------------------------


class DraftRow(InputModel):
    """A row of a worksheet table. Whatever was typed is saved; until every field in REQUIRED is
    filled the row is a draft: shown as such, and left out of results, projector and exports."""

    REQUIRED: ClassVar[tuple[str, ...]] = ()

    def missing(self) -> list[str]:
        return [f for f in self.REQUIRED if getattr(self, f) in (None, "")]

    def complete(self) -> bool:
        return not self.missing()


R = TypeVar("R", bound=DraftRow)


def complete_rows(rows: list[R]) -> list[R]:
    return [r for r in rows if r.complete()]


def drafts(rows: list[DraftRow]) -> list[tuple[int, DraftRow]]:
    """The incomplete rows with their 0-based place in the table."""
    return [(n, r) for n, r in enumerate(rows) if not r.complete()]


def typed(row: dict[str, Any], ignore: tuple[str, ...] = ()) -> bool:
    """Whether a table row holds anything the person typed (columns in `ignore` are filled by default)."""
    return any(v not in (None, "") for k, v in row.items() if k not in ignore)


def weights_of(criteria: list[Criterion]) -> dict[str, float]:
    return {c.id: c.weight for c in criteria}


def criterion_name(criterion: Criterion, specs: list[CriterionSpec], lang: str) -> str:
    """The custom name if the group gave one, else the method's name in the user's language."""
    if criterion.name:
        return criterion.name
    spec = next((s for s in specs if s.id == criterion.id), None)
    return spec.name(lang) if spec else criterion.id


def default_criteria(specs: list[CriterionSpec]) -> list[dict[str, Any]]:
    return [{"id": s.id, "name": "", "weight": s.weight} for s in specs]


def criteria_from_rows(rows: list[dict[str, Any]], specs: list[CriterionSpec]) -> list[dict[str, Any]]:
    """Criteria as a table edited them: new rows get an id; a default name in either language stays
    unset, so it follows the reader's language."""
    defaults = {s.id: {s.name.zh, s.name.en} for s in specs}
    criteria = []
    for row in rows:
        criterion_id = row.get("id") or f"c_{uuid.uuid4().hex[:8]}"
        name = (row.get("name") or "").strip()
        if name in defaults.get(criterion_id, set()):
            name = ""
        criteria.append({"id": criterion_id, "name": name, "weight": row.get("weight")})
    return criteria


def formula(terms: list[Any], total: float) -> str:
    """Σ weight × score / 100 written out with the numbers: '(40×8 + 20×7) / 100 = 4.60'."""
    parts = " + ".join(f"{t.weight:g}×{t.score:g}" for t in terms)
    return f"({parts}) / 100 = {total:.2f}"


class AccountName(InputModel):
    name: Name = Field(min_length=1)


def as_date(value: Any) -> dt.date | None:
    """A table's date cell as a date: an editor hands back dates, timestamps or ISO text; None when it is
    empty or not a date."""
    if value is None or value == "" or value != value:  # NaN and NaT are not equal to themselves
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def iso_day(value: Any) -> str | None:
    """A table's date cell as ISO text, as a worksheet stores dates."""
    day = as_date(value)
    return day.isoformat() if day else None
