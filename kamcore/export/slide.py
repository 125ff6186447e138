"""What a slide says, before it is drawn: its title (the finding, as a sentence), at most three
supporting lines, one chart (a scatter of named points on a shaded matrix, or bars on a value axis
that starts at the scale's minimum), the speaker notes (the method and its formula) and the next
actions it adds to the closing slide. Tools build these with the helpers here; kamcore.export.deck
draws them, all alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kamcore.i18n import t
from kamcore.methods.common import MatrixSpec

MAX_LINES = 3


@dataclass(frozen=True)
class Region:
    """A shaded, labelled stretch of a matrix (a quadrant, or a cell of a banded grid)."""

    id: str
    label: str
    color: str  # #RRGGBB
    x0: float
    x1: float
    y0: float
    y1: float


Range = tuple[float, float]


@dataclass
class Slide:
    title: str  # the finding, as a sentence
    lines: list[str] = field(default_factory=list)  # at most MAX_LINES are drawn
    scatter: dict[str, list[tuple[float, float]]] | None = None  # series name → points
    axes: tuple[str, str] = ("", "")
    ranges: tuple[Range, Range] | None = None  # x and y scale of a matrix
    regions: list[Region] = field(default_factory=list)  # a matrix's shaded quadrants
    bars: tuple[list[str], dict[str, list[float]]] | None = None  # categories, series name → values
    value_range: tuple[float, float | None] | None = None  # the bars' scale: its minimum, its maximum (None: auto)
    decimals: int = 1  # of the bars' value labels
    gantt: bool = False  # the bars' first series is each bar's start: drawn unfilled, the next stacked on it
    notes: str = ""  # speaker notes: the method in a sentence, and its formula
    actions: list[str] = field(default_factory=list)  # next actions, for the closing slide
    caption: str = ""  # the footer: which tool, which account


def lines(*candidates: str | None) -> list[str]:
    """The first three of the lines given that say something."""
    return [line for line in candidates if line][:MAX_LINES]


def quadrants(spec: MatrixSpec, ranges: tuple[Range, Range], lang: str) -> list[Region]:
    """A 2×2 matrix's four cells on the scales `ranges`, each tinted and named by its category."""
    (x_low, x_high), (y_low, y_high) = ranges
    regions = []
    for cell, category_id in spec.cells.items():
        category = spec.category(category_id)
        x0, x1 = (spec.x_cut, x_high) if cell.startswith("high") else (x_low, spec.x_cut)
        y0, y1 = (spec.y_cut, y_high) if cell.endswith("high") else (y_low, spec.y_cut)
        regions.append(Region(cell, category.label(lang), category.color, x0, x1, y0, y1))
    return regions


def notes(lang: str, method: str, formula: str) -> str:
    """The speaker notes: how the method works, and its formula."""
    return f"{method}\n\n{t(lang, 'takehome.formula')}: {formula}"


def caption(tool_name: str, account: str = "") -> str:
    return f"{tool_name} · {account}" if account else tool_name


def comparison_title(tool_name: str, lang: str) -> str:
    return f"{t(lang, 'xlsx.compare')} · {tool_name}"


def scatter_comparison(slide: Callable[[Any, Any, str], Slide]) -> Callable[[list[Any], Any, str, str], Slide]:
    """All groups on one matrix, one colour per group: each group's points from its own slide, on the
    same shaded quadrants."""

    def comparison(found: list[Any], m: Any, lang: str, title: str) -> Slide:
        series: dict[str, list[tuple[float, float]]] = {}
        shown = None
        for e in found:
            shown = slide(e, m, lang)
            for points in (shown.scatter or {}).values():
                series.setdefault(e.group, []).extend(points)
        return Slide(title, [], scatter=series, axes=shown.axes if shown else ("", ""),
                     ranges=shown.ranges if shown else None, regions=shown.regions if shown else [],
                     notes=shown.notes if shown else "")

    return comparison


def bar_comparison(label: Callable[[str], str], value: Callable[[Any], float],
                   scale: Callable[[Any], tuple[float, float | None]] = lambda m: (0, None), decimals: int = 1
                   ) -> Callable[[list[Any], Any, str, str], Slide]:
    """All groups as bars of one key figure: `label(lang)` names it, `value(entry)` reads it, and
    `scale(method)` is its scale (the value axis starts at its minimum)."""

    def comparison(found: list[Any], m: Any, lang: str, title: str) -> Slide:
        labels = [f"{e.group} · {e.account}" if e.account else e.group for e in found]
        return Slide(title, [], bars=(labels, {label(lang): [value(e) for e in found]}), value_range=scale(m),
                     decimals=decimals)

    return comparison
