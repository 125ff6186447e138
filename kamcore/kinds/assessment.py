"""The assessment kind: weighted criteria scored on a scale give a score; the score's band gives the
verdict and its advice; a gate criterion scored below its minimum caps the verdict at the gate band,
whatever the total. Nothing is judged until every criterion is scored."""

from __future__ import annotations

import math
from typing import Any, Literal

import plotly.graph_objects as go
from pydantic import BaseModel, Field, field_validator, model_validator

from kamcore.charts import bar_figure
from kamcore.engines import WEIGHT_TOTAL
from kamcore.export.book import Book, Worksheet, bands_formula, bar_chart, cell, quoted, side_mark
from kamcore.export.design import headline
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import (
    Kind,
    KindSpec,
    ScoredCriterion,
    ScoresInput,
    check_weighted,
    entry_label,
    scores_given,
)
from kamcore.methods.common import BandSpec, Id, Scale, band_id, check_band_list
from kamcore.tool import Entry, Progress, Score


class AssessmentMethod(KindSpec):
    kind: Literal["assessment"]
    scale: Scale
    criteria: list[ScoredCriterion] = Field(min_length=1)
    bands: list[BandSpec]
    gate_band: Id | None = None  # the verdict when a gate criterion scores below its minimum

    _bands = field_validator("bands")(check_band_list)

    @model_validator(mode="after")
    def _consistent(self) -> AssessmentMethod:
        check_weighted(self.criteria, "criteria")
        gates = [c for c in self.criteria if c.gate is not None]
        if gates and self.gate_band not in {b.id for b in self.bands}:
            raise ValueError("gate criteria need a gate_band that is one of the bands")
        if any(not self.scale.contains(c.gate) for c in gates):
            raise ValueError("a gate's minimum lies on the scale")
        return self

    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    def band(self, band_id_: str) -> BandSpec:
        return next(b for b in self.bands if b.id == band_id_)


class AssessmentResult(BaseModel):
    scored: int
    missing: list[str]  # criteria not scored yet
    score: float | None = None  # Σ weight × score / 100, once every criterion is scored
    band: str | None = None
    failed_gates: list[str] = []


def evaluate(inp: ScoresInput, m: AssessmentMethod) -> AssessmentResult:
    missing = [c.id for c in m.criteria if c.id not in inp.scores]
    if missing:
        return AssessmentResult(scored=len(inp.scores), missing=missing)
    score = math.fsum(c.weight * inp.scores[c.id] for c in m.criteria) / WEIGHT_TOTAL
    failed = [c.id for c in m.criteria if c.gate is not None and inp.scores[c.id] < c.gate]
    band = m.gate_band if failed else band_id(score, m.bands)
    return AssessmentResult(scored=len(inp.scores), missing=[], score=score, band=band, failed_gates=failed)


def counted(inp: ScoresInput, m: AssessmentMethod) -> ScoresInput | None:
    """Only a fully scored assessment has a verdict to compare."""
    return inp if all(c.id in inp.scores for c in m.criteria) else None


def blank(m: AssessmentMethod) -> dict[str, Any]:
    return {"scores": {}, "notes": {}}


def _name(m: AssessmentMethod, criterion_id: str, lang: str) -> str:
    return next(c.name(lang) for c in m.criteria if c.id == criterion_id)


def summary(e: Entry, m: AssessmentMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "kinds.score"): round(r.score, 2), t(lang, "kinds.band"): m.band(r.band).label(lang),
            t(lang, "kinds.failed_gates"): t(lang, "common.list_separator").join(
                _name(m, g, lang) for g in r.failed_gates)}


def figure(found: list[Entry], m: AssessmentMethod, lang: str) -> go.Figure:
    values = [round(e.result.score, 2) for e in found]
    figure = bar_figure([entry_label(e) for e in found], values, title=t(lang, "kinds.score"), height=380,
                        groups=[e.group for e in found])
    return figure.update_yaxes(range=[min(0, m.scale.min), m.scale.max])


def sheet(book: Book, ws: Worksheet, e: Entry, m: AssessmentMethod, lang: str) -> None:
    """Band cut-offs, the criteria with weight, gate and score, each term as a formula, the score, the band."""
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    cuts = sorted((b for b in m.bands if b.min is not None), key=lambda b: -b.min)
    refs = book.labelled(ws, 2, [(f"{t(lang, 'kinds.band')}: {b.label(lang)} {side_mark(b.side)}", b.min)
                                 for b in cuts])
    header = 3 + len(cuts)
    scores = e.data["scores"]
    book.table(ws, header, [t(lang, "kinds.criterion"), t(lang, "criteria.weight"), t(lang, "kinds.gate"),
                            t(lang, "kinds.score"), t(lang, "kinds.weighted")],
               [[c.name(lang), c.weight, c.gate, scores[c.id]] for c in m.criteria])
    first, last = header + 1, header + len(m.criteria)
    for r, c in enumerate(m.criteria, start=first):
        book.formula(ws, r, 4, f"={cell(r, 1)}*{cell(r, 3)}/100", c.weight * scores[c.id] / WEIGHT_TOTAL)
    total, verdict = last + 1, last + 2
    book.put(ws, total, 0, t(lang, "kinds.score"))
    book.formula(ws, total, 4, f"=SUM({cell(first, 4)}:{cell(last, 4)})", e.result.score)
    band = bands_formula(cell(total, 4), [(ref, b.side, b.label(lang)) for ref, b in zip(refs, cuts, strict=True)],
                         next(b.label(lang) for b in m.bands if b.min is None))
    gates = [f"AND({cell(r, 2)}<>\"\",{cell(r, 3)}<{cell(r, 2)})" for r, c in enumerate(m.criteria, start=first)
             if c.gate is not None]
    if gates:
        band = f"IF(OR({','.join(gates)}),{quoted(m.band(m.gate_band).label(lang))},{band})"
    book.put(ws, verdict, 0, t(lang, "kinds.band"))
    book.formula(ws, verdict, 4, "=" + band, m.band(e.result.band).label(lang))
    bar_chart(book, ws, "bar", t(lang, "kinds.score"), (first, last), 3, cell(verdict + 2, 0))


def slide(e: Entry, m: AssessmentMethod, lang: str) -> Slide:
    """The finding: the verdict and what to do; the score on its scale and any gate that capped it."""
    r = e.result
    band = m.band(r.band)
    separator = t(lang, "common.list_separator")
    return Slide(t(lang, "takehome.finding.assessment", account=e.account or e.group, band=band.label(lang),
                   action=headline(band.advice(lang), lang)),
                 lines(f"{t(lang, 'kinds.score')}: {r.score:.1f} ({m.scale.min:g}–{m.scale.max:g})",
                       f"{t(lang, 'kinds.failed_gates')}: {separator.join(_name(m, g, lang) for g in r.failed_gates)}"
                       if r.failed_gates else None,
                       *(f"{c.name(lang)}: {e.data['notes'][c.id]}" for c in m.criteria if e.data["notes"].get(c.id))),
                 bars=([c.name(lang) for c in m.criteria],
                       {t(lang, "kinds.score"): [e.data["scores"][c.id] for c in m.criteria]}),
                 value_range=(m.scale.min, m.scale.max),
                 notes=notes(lang, m.exercise_prompt(lang), t(lang, "takehome.formula_of.assessment")),
                 actions=[f"{entry_label(e)}: {band.advice(lang)}"], caption=caption(m.name(lang), e.account))


def progress(inp: ScoresInput, result: AssessmentResult | None, m: AssessmentMethod, lang: str) -> Progress:
    scores = tuple(Score(m.name(lang), c.name(lang), inp.scores.get(c.id)) for c in m.criteria)
    return Progress(scores, m.band(result.band).label(lang) if result is not None and result.band else None)

KIND = Kind(AssessmentMethod, ScoresInput, evaluate, counted, blank, summary, figure, sheet, slide,
            bar_comparison(lambda lang: t(lang, "kinds.score"), lambda e: round(e.result.score, 2),
                           lambda m: (m.scale.min, m.scale.max)),
            criterion_scores=lambda e, m, lang: scores_given(e, m.criteria, lang), progress=progress)
