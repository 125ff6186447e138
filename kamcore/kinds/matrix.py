"""The matrix kind: two axes, each a weighted list of criteria scored on a scale, place the worksheet
in one of four quadrants, each with the course's strategy. No quadrant until both axes are scored."""

from __future__ import annotations

import math
from typing import Any, Literal

import plotly.graph_objects as go
from pydantic import BaseModel, Field, model_validator

from kamcore.charts import Axis, Point, matrix_figure
from kamcore.engines import WEIGHT_TOTAL
from kamcore.export.book import Book, Worksheet, cell, quadrant_formula, scatter_chart, side_mark, weighted
from kamcore.export.design import headline
from kamcore.export.slide import Slide, caption, lines, notes, quadrants, scatter_comparison
from kamcore.i18n import Text, t
from kamcore.kinds.base import (
    Kind,
    KindSpec,
    ScoredCriterion,
    ScoresInput,
    check_weighted,
    entry_label,
    scores_given,
)
from kamcore.methods.common import MatrixSpec, Scale, SpecModel
from kamcore.tool import Entry, Progress, Score

AXES = ("x", "y")


class AxisSpec(SpecModel):
    name: Text
    criteria: list[ScoredCriterion] = Field(min_length=1)


class MatrixMethod(KindSpec):
    kind: Literal["matrix"]
    scale: Scale
    x: AxisSpec
    y: AxisSpec
    matrix: MatrixSpec

    @model_validator(mode="after")
    def _consistent(self) -> MatrixMethod:
        for axis in AXES:
            check_weighted(getattr(self, axis).criteria, f"{axis} criteria")
        if len(set(self.criterion_ids())) != len(self.criterion_ids()):
            raise ValueError("a criterion belongs to one axis: ids must be unique across both")
        return self

    def criterion_ids(self) -> list[str]:
        return [c.id for axis in AXES for c in getattr(self, axis).criteria]

    def criteria(self) -> list[ScoredCriterion]:
        return [*self.x.criteria, *self.y.criteria]


class MatrixResult(BaseModel):
    missing: list[str]
    x: float | None = None
    y: float | None = None
    quadrant: str | None = None  # the category's id


def _axis(scores: dict[str, float], spec: AxisSpec) -> float:
    return math.fsum(c.weight * scores[c.id] for c in spec.criteria) / WEIGHT_TOTAL


def evaluate(inp: ScoresInput, m: MatrixMethod) -> MatrixResult:
    missing = [i for i in m.criterion_ids() if i not in inp.scores]
    if missing:
        return MatrixResult(missing=missing)
    x, y = _axis(inp.scores, m.x), _axis(inp.scores, m.y)
    return MatrixResult(missing=[], x=x, y=y, quadrant=m.matrix.classify(x, y))


def counted(inp: ScoresInput, m: MatrixMethod) -> ScoresInput | None:
    return inp if all(i in inp.scores for i in m.criterion_ids()) else None


def blank(m: MatrixMethod) -> dict[str, Any]:
    return {"scores": {}, "notes": {}}


def summary(e: Entry, m: MatrixMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {m.x.name(lang): round(r.x, 2), m.y.name(lang): round(r.y, 2),
            t(lang, "kinds.quadrant"): m.matrix.category(r.quadrant).label(lang)}


def _axes(m: MatrixMethod, lang: str) -> tuple[Axis, Axis]:
    return Axis(m.x.name(lang), m.scale.min, m.scale.max), Axis(m.y.name(lang), m.scale.min, m.scale.max)


def figure(found: list[Entry], m: MatrixMethod, lang: str) -> go.Figure:
    points = [Point(e.account or e.group, e.result.x, e.result.y, group=e.group) for e in found]  # group: colour
    return matrix_figure(points, m.matrix, lang, *_axes(m, lang), height=520)


def sheet(book: Book, ws: Worksheet, e: Entry, m: MatrixMethod, lang: str) -> None:
    """The cut-offs, each axis's criteria with weight and score, the axis values and the quadrant."""
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    x_cut, y_cut = book.labelled(ws, 2, [(f"{m.x.name(lang)} {side_mark(m.matrix.x_side)}", m.matrix.x_cut),
                                         (f"{m.y.name(lang)} {side_mark(m.matrix.y_side)}", m.matrix.y_cut)])
    row, values = 5, {}
    for axis in AXES:
        spec = getattr(m, axis)
        book.table(ws, row, [spec.name(lang), t(lang, "criteria.weight"), t(lang, "kinds.score")],
                   [[c.name(lang), c.weight, e.data["scores"][c.id]] for c in spec.criteria])
        rows = range(row + 1, row + 1 + len(spec.criteria))
        end = row + 1 + len(spec.criteria)
        book.put(ws, end, 0, spec.name(lang))
        book.formula(ws, end, 2, "=" + weighted([cell(r, 1) for r in rows], [cell(r, 2) for r in rows]),
                     getattr(e.result, axis))
        values[axis] = (end, cell(end, 2))
        row = end + 2
    book.put(ws, row, 0, t(lang, "kinds.quadrant"))
    book.formula(ws, row, 2, "=" + quadrant_formula(values["x"][1], values["y"][1], x_cut, y_cut, m.matrix, lang),
                 m.matrix.category(e.result.quadrant).label(lang))
    book.put(ws, row + 2, 0, entry_label(e))
    book.formula(ws, row + 2, 1, f"={values['x'][1]}", e.result.x)
    book.formula(ws, row + 2, 2, f"={values['y'][1]}", e.result.y)
    scatter_chart(book, ws, [(entry_label(e), row + 2)], 1, 2,
                  (m.name(lang), m.x.name(lang), m.y.name(lang)), (m.scale.min, m.scale.max),
                  (m.scale.min, m.scale.max), cell(row + 4, 0))


def slide(e: Entry, m: MatrixMethod, lang: str) -> Slide:
    """The finding: the quadrant and its strategy; the two axes' values."""
    r = e.result
    category = m.matrix.category(r.quadrant)
    ranges = ((m.scale.min, m.scale.max), (m.scale.min, m.scale.max))
    return Slide(t(lang, "takehome.finding.matrix", account=e.account or e.group, quadrant=category.label(lang),
                   action=headline(category.strategy(lang), lang)),
                 lines(f"{m.x.name(lang)} {r.x:.1f} · {m.y.name(lang)} {r.y:.1f}",
                       *(f"{c.name(lang)}: {e.data['notes'][c.id]}" for c in m.criteria()
                         if e.data["notes"].get(c.id))),
                 scatter={entry_label(e): [(r.x, r.y)]}, axes=(m.x.name(lang), m.y.name(lang)), ranges=ranges,
                 regions=quadrants(m.matrix, ranges, lang),
                 notes=notes(lang, m.exercise_prompt(lang), t(lang, "takehome.formula_of.matrix")),
                 actions=[f"{entry_label(e)}: {headline(category.strategy(lang), lang)}"],
                 caption=caption(m.name(lang), e.account))


def progress(inp: ScoresInput, result: MatrixResult | None, m: MatrixMethod, lang: str) -> Progress:
    scores = tuple(Score(axis.name(lang), c.name(lang), inp.scores.get(c.id)) for axis in (m.x, m.y)
                   for c in axis.criteria)
    quadrant = result.quadrant if result is not None else None
    return Progress(scores, m.matrix.category(quadrant).label(lang) if quadrant else None)

KIND = Kind(MatrixMethod, ScoresInput, evaluate, counted, blank, summary, figure, sheet, slide,
            scatter_comparison(slide), criterion_scores=lambda e, m, lang: scores_given(e, m.criteria(), lang),
            progress=progress)
