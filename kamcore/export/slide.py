"""What a slide says, before it is drawn: its title, lines, and one chart (a scatter of named
points on a matrix, or bars). Tools build these; kamcore.export.pptx draws them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kamcore.i18n import t


@dataclass
class Slide:
    title: str
    lines: list[str] = field(default_factory=list)
    scatter: dict[str, list[tuple[float, float]]] | None = None  # series name → points
    axes: tuple[str, str] = ("", "")
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None  # x and y scale of a matrix
    bars: tuple[list[str], dict[str, list[float]]] | None = None  # categories, series name → values


def comparison_title(tool_name: str, lang: str) -> str:
    return f"{t(lang, 'xlsx.compare')} · {tool_name}"


def scatter_comparison(slide: Callable[[Any, Any, str], Slide]) -> Callable[[list[Any], Any, str, str], Slide]:
    """All groups on one matrix, one colour per group: each group's points from its own slide."""

    def comparison(found: list[Any], m: Any, lang: str, title: str) -> Slide:
        series: dict[str, list[tuple[float, float]]] = {}
        shown = None
        for e in found:
            shown = slide(e, m, lang)
            for points in (shown.scatter or {}).values():
                series.setdefault(e.group, []).extend(points)
        return Slide(title, [], scatter=series, axes=shown.axes if shown else ("", ""),
                     ranges=shown.ranges if shown else None)

    return comparison


def bar_comparison(label: Callable[[str], str], value: Callable[[Any], float]
                   ) -> Callable[[list[Any], Any, str, str], Slide]:
    """All groups as bars of one key figure: `label(lang)` names it, `value(entry)` reads it."""

    def comparison(found: list[Any], m: Any, lang: str, title: str) -> Slide:
        labels = [f"{e.group} · {e.account}" if e.account else e.group for e in found]
        return Slide(title, [], bars=(labels, {label(lang): [value(e) for e in found]}))

    return comparison
