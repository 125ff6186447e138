"""What every declared kind shares: the method file's common head (the tool, its names, its place in
the navigation, its worked examples), the Kind record of one kind's implementation, and the Tool
built from a method file."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import merge
from kamcore.engines import WEIGHT_TOTAL
from kamcore.i18n import Text
from kamcore.methods import common
from kamcore.methods.common import Anchors, Example, Id, InputModel, SpecModel, Weight, chosen_example
from kamcore.tool import (
    SECTIONS,
    ComparisonSlide,
    CriterionScore,
    CriterionScores,
    Entry,
    Figure,
    Nav,
    ProgressOf,
    SheetWriter,
    SlideWriter,
    Summary,
    Tables,
    Tool,
    no_progress,
    no_scores,
    no_tables,
)

KIND_NAMES = ("assessment", "matrix", "checklist", "log")
Icon = Field(pattern=r"^[a-z0-9_]{1,40}$")
GENERIC_PAGE = "app_pages/kind.py"  # one page script renders every tool of a declared kind


class NavSpec(SpecModel):
    section: Literal[SECTIONS]  # type: ignore[valid-type]
    icon: str = Icon
    before: Id | None = None  # the tool it comes before in the navigation (the course's order); else last


class KindSpec(SpecModel):
    """The head of a declared tool's method file."""

    tool: Id
    kind: Literal[KIND_NAMES]  # type: ignore[valid-type]
    title: Text
    name: Text  # in the navigation, the comparisons and the exports
    short: Text  # fits a workbook sheet's tab
    exercise_prompt: Text
    scope: Literal["group", "account"] = "account"
    nav: NavSpec
    examples: list[Example] = Field(min_length=1)
    disagreement_spread: float = Field(default=3, gt=0)  # the projector flags groups this far apart on a criterion
    note_label: Text | None = None  # what a scored criterion's note asks for (e.g. the evidence); else "Note"

    @model_validator(mode="after")
    def _short_fits_a_tab(self) -> KindSpec:
        if max(len(self.short.zh), len(self.short.en)) > 16:
            raise ValueError("short names fit a workbook tab: at most 16 characters")
        return self


class ScoredCriterion(SpecModel):
    """A criterion of a declared tool: scored on the tool's scale, weighted within its list."""

    id: Id
    name: Text
    weight: Weight
    definition: Text | None = None
    anchors: Anchors | None = None
    gate: float | None = None  # assessment: a score below this caps the verdict, whatever the total


def scores_given(e: Entry, criteria: list[ScoredCriterion], lang: str) -> list[CriterionScore]:
    """A scores worksheet's scores, criterion by criterion (assessment and matrix)."""
    scores = e.data["scores"]
    return [CriterionScore(e.account_key, e.account, c.id, c.name(lang), scores[c.id]) for c in criteria
            if c.id in scores]


def check_weighted(criteria: list[ScoredCriterion], what: str) -> list[ScoredCriterion]:
    ids = [c.id for c in criteria]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{what}: criterion ids must be unique")
    total = math.fsum(c.weight for c in criteria)
    if abs(total - WEIGHT_TOTAL) > 1e-6:
        raise ValueError(f"{what}: weights must sum to 100, they sum to {total:g}")
    return criteria


def method_in(info: ValidationInfo) -> Any:
    """The method a declared tool's input is validated against (Tool.validate always passes it)."""
    return common.method_in(info, _no_default_method)


def _no_default_method() -> Any:
    raise ValueError("a declared tool's worksheet is validated against its method")


class ScoresInput(InputModel):
    """A worksheet of scores by criterion id, with a note per criterion."""

    scores: dict[Id, float] = Field(default_factory=dict, max_length=200)
    notes: dict[Id, str] = Field(default_factory=dict, max_length=200)

    @model_validator(mode="after")
    def _on_the_methods_scale(self, info: ValidationInfo) -> ScoresInput:
        m = method_in(info)
        ids = m.criterion_ids()
        self.scores = common.check_scores(self.scores, ids, m.scale, "scores")
        self.notes = {i: n[:2000] for i, n in self.notes.items() if i in ids and n}
        return self


@dataclass(frozen=True)
class Kind:
    """One kind's implementation: the method file's model, the worksheet's model, and every facet."""

    spec: type[KindSpec]
    input_model: type[BaseModel]
    evaluate: Callable[[Any, Any], BaseModel]
    counted: Callable[[Any, Any], BaseModel | None]
    blank: Callable[[Any], dict[str, Any]]
    summary: Summary
    figure: Figure
    sheet: SheetWriter
    slide: SlideWriter
    comparison: ComparisonSlide
    tables: Tables = no_tables
    progress: ProgressOf = no_progress
    criterion_scores: CriterionScores = no_scores


def read(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    return raw if isinstance(raw, dict) else {}


def build(raw: dict[str, Any], kind: Kind) -> Tool:
    """The Tool a method file of this kind describes (ValidationError when the file does not fit)."""
    default = kind.spec.model_validate(raw)

    def method(overrides: dict[str, Any] | None = None) -> Any:
        return kind.spec.model_validate(merge(raw, overrides)) if overrides else default

    def example(m: Any, example_id: str | None = None, lang: str = "en") -> dict[str, Any]:
        return chosen_example(m.examples, example_id, lang)

    return Tool(default.tool, kind.input_model, method, kind.evaluate, example, default.scope, kind.counted,
                name=partial(_text, default.name), short=partial(_text, default.short),
                nav=Nav(default.nav.section, default.nav.icon, GENERIC_PAGE, default.nav.before or ""),
                summary=kind.summary, figure=kind.figure, tables=kind.tables, sheet=kind.sheet, slide=kind.slide,
                comparison=kind.comparison, kind=default.kind, blank=kind.blank,
                criterion_scores=kind.criterion_scores, progress=kind.progress)


def _text(text: Text, lang: str) -> str:
    return text(lang)


def entry_label(e: Any) -> str:
    return f"{e.group} · {e.account}" if e.account else e.group
