"""Pieces the tools of the course's opening and first lecture share (diagnosis, account types,
congruence): a radar of profiles, a heat map of the room, a bars comparison with one series per
group, and the course's tools an item points to, as far as this installation has them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, chart_text, group_colors
from kamcore.export.slide import Slide
from kamcore.methods.common import Scale

REFERENCE_COLOR = "#57606a"


def registered(tool_ids: list[str]) -> list[str]:
    """The tools of `tool_ids` this installation has (a method may name tools yet to be added)."""
    from kamcore.tools import TOOLS  # the registry imports this module's tools

    return [i for i in tool_ids if i in TOOLS]


def tool_names(tool_ids: list[str], lang: str, separator: str) -> str:
    from kamcore.tools import TOOLS

    return separator.join(TOOLS[i].name(lang) for i in registered(tool_ids))


def radar_figure(axes: list[str], series: list[tuple[str, list[float]]], scale: Scale,
                 reference: tuple[str, list[float]] | None = None, height: int = 420) -> go.Figure:
    """Profiles on a radar, one closed line per series (a group's colour by its name), the reference dashed."""
    colors = group_colors([name for name, _ in series])
    theta = [_two_lines(a) for a in axes] + [_two_lines(axes[0])]
    traces = [dict(type="scatterpolar", r=[*values, values[0]], theta=theta, name=chart_text(name),
                   mode="lines+markers", line=dict(width=3, color=colors[name][0]),
                   marker=dict(size=9, color=colors[name][0], symbol=colors[name][1]))
              for name, values in series]
    if reference is not None:
        label, values = reference
        traces.insert(0, dict(type="scatterpolar", r=[*values, values[0]], theta=theta, name=chart_text(label),
                              mode="lines", line=dict(width=2, dash="dash", color=REFERENCE_COLOR)))
    return go.Figure(data=traces, layout=dict(
        height=height, font=dict(family=FONT), margin=dict(l=80, r=80, t=40, b=30), showlegend=True,
        polar=dict(radialaxis=dict(range=[scale.min, scale.max], dtick=1, gridcolor="#ddd", angle=45, tickangle=45),
                   angularaxis=dict(gridcolor="#ddd")),
        legend=dict(orientation="h", y=-0.12)))


def _two_lines(label: str, longest: int = 10) -> str:
    """A long column label broken at the space nearest its middle (escaped for the chart)."""
    spaces = [n for n, c in enumerate(label) if c == " "]
    if len(label) <= longest or not spaces:
        return chart_text(label)
    cut = min(spaces, key=lambda n: abs(n - len(label) / 2))
    return f"{chart_text(label[:cut])}<br>{chart_text(label[cut + 1:])}"


def heatmap_figure(rows: list[str], columns: list[str], values: list[list[float | None]], texts: list[list[str]],
                   low: float, high: float, height: int | None = None, colors: list | None = None,
                   label_px: float = 0) -> go.Figure:
    """A grid of rows × columns coloured from red (low) to green (high) unless `colors` says otherwise,
    each cell with its text (lines apart by "\n"). `label_px`: the row labels' width on the projector,
    which keeps its own margins."""
    scale = colors or [[0, "#d73a49"], [0.5, "#f2cc60"], [1, "#2da44e"]]
    cells = [["<br>".join(chart_text(line) for line in text.split("\n")) for text in row] for row in texts]
    return go.Figure(data=[dict(type="heatmap", z=values, x=[_two_lines(c) for c in columns],
                                y=[chart_text(r) for r in rows], text=cells, texttemplate="%{text}",
                                textfont=dict(size=16), zmin=low, zmax=high, colorscale=scale, showscale=False,
                                xgap=3, ygap=3, hoverinfo="skip")],
                     layout=dict(height=height or 140 + 48 * len(rows), font=dict(family=FONT),
                                 margin=dict(l=int(label_px) + 30 if label_px else 10, r=10, t=10, b=10),
                                 plot_bgcolor="white", xaxis=dict(tickangle=0), yaxis=dict(autorange="reversed")))


def series_comparison(categories: Callable[[Any, str], list[str]], values: Callable[[Any, Any], list[float]],
                      scale: Callable[[Any], tuple[float, float | None]],
                      reference: Callable[[Any, str], tuple[str, list[float]] | None] = lambda m, lang: None,
                      decimals: int = 1) -> Callable[[list[Any], Any, str, str], Slide]:
    """All groups on one bar chart: the method's categories, one series per group (and the reference)."""

    def comparison(found: list[Any], m: Any, lang: str, title: str) -> Slide:
        series = {e.group: values(e, m) for e in found}
        if (ref := reference(m, lang)) is not None:
            series = {ref[0]: ref[1], **series}
        return Slide(title, [], bars=(categories(m, lang), series), value_range=scale(m), decimals=decimals)

    return comparison
