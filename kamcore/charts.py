"""Plotly figures built from results: pure functions, testable without a browser.

graph_objects only (plotly express costs ~20x more per figure, and this runs on reruns).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from kamcore.export.design import wrap
from kamcore.methods.common import MatrixSpec

FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, Source Sans Pro, Arial, sans-serif"
HIGHLIGHT = "#111111"
# Okabe & Ito's colour-blind-safe qualitative palette (yellow left out: unreadable on white), then the
# same hues again with other marker shapes, so twelve groups stay apart.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000")
SYMBOLS = ("circle", "square", "diamond", "triangle-up")


def group_colors(groups: list[str]) -> dict[str, tuple[str, str]]:
    """Each group's colour and marker shape, in the order given (first seen first)."""
    ordered = list(dict.fromkeys(groups))
    return {g: (PALETTE[n % len(PALETTE)], SYMBOLS[(n // len(PALETTE)) % len(SYMBOLS)]) for n, g in enumerate(ordered)}


@dataclass(frozen=True)
class Point:
    label: str
    x: float
    y: float
    size: float = 0.0  # e.g. current revenue; bubbles scale by area
    group: str = ""
    highlight: bool = False


@dataclass(frozen=True)
class Axis:
    title: str
    low: float
    high: float


def chart_text(text: object) -> str:
    """Text for a chart made inert: plotly renders labels, legends, titles and hover text as a subset
    of HTML (<a href>, <span style>, <br>), so every string a figure shows passes through here."""
    return html.escape(str(text), quote=False)


QUADRANT_NAME = 15  # px
NARROW_PLOT = 260  # px across a matrix's plot on a phone: a quadrant's name wraps to fit its share of it


def quadrant_name(label: str, share: float) -> str:
    """A quadrant's name in bold, broken into lines that fit the quadrant's share of a phone's plot:
    lines as even as that many lines allow, unless that would break inside brackets."""
    def lines(width: float) -> list[str]:
        return wrap(label, QUADRANT_NAME, width, bold=True)

    greedy = lines(share * NARROW_PLOT)
    low, high = 0.0, share * NARROW_PLOT
    while len(greedy) > 1 and high - low > 1:  # the narrowest box that still needs no more lines
        mid = (low + high) / 2
        low, high = (mid, high) if len(lines(mid)) > len(greedy) else (low, mid)
    even = lines(high)
    chosen = greedy if any(_open_bracket(line) for line in even) else even
    return "<b>" + "<br>".join(chart_text(line) for line in chosen) + "</b>"


def _open_bracket(line: str) -> bool:
    return line.count("（") > line.count("）") or line.count("(") > line.count(")")


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from this module's plain dicts, without plotly's checks property by property: they cost
    ~10 ms for a figure with shapes, on every score change. The dicts spell properties out in full (no
    `line_width` shorthands), and tests/unit/test_charts.py holds every builder here to plotly's checks."""
    return go.Figure(data=data, layout=layout, _validate=False)


def matrix_figure(points: list[Point], spec: MatrixSpec, lang: str, x: Axis, y: Axis,
                  title: str = "", height: int = 460) -> go.Figure:
    """A 2×2 matrix: tinted quadrants named by category, cut-off lines, accounts as bubbles.

    Built as one dict: plotly's incremental add_shape/add_annotation re-validate the whole layout each
    time, which made this the most expensive part of a rerun.
    """
    shapes, annotations = [], []
    for cell, category_id in spec.cells.items():
        category = spec.category(category_id)
        x0, x1 = (spec.x_cut, x.high) if cell.startswith("high") else (x.low, spec.x_cut)
        y0, y1 = (spec.y_cut, y.high) if cell.endswith("high") else (y.low, spec.y_cut)
        shapes.append(dict(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line=dict(width=0),
                           fillcolor=category.color, opacity=0.10, layer="below"))
        top = cell.endswith("high")  # names sit on the outer edge, away from the cut-offs where points crowd
        annotations.append(dict(x=(x0 + x1) / 2, y=y1 if top else y0, yanchor="top" if top else "bottom",
                                showarrow=False,
                                text=quadrant_name(category.label(lang), (x1 - x0) / (x.high - x.low)),
                                font=dict(size=QUADRANT_NAME, color=category.color)))
    cut_line = dict(type="line", line=dict(dash="dot", color="#666"))
    shapes += [{**cut_line, "x0": spec.x_cut, "x1": spec.x_cut, "y0": y.low, "y1": y.high},
               {**cut_line, "x0": x.low, "x1": x.high, "y0": spec.y_cut, "y1": spec.y_cut}]
    colors = group_colors([p.group for p in points])
    traces = [_bubbles(group, members, points, x, y, colors[group]) for group, members in _by_group(points).items()]
    pad_x, pad_y = (x.high - x.low) * 0.03, (y.high - y.low) * 0.03
    layout = dict(
        title=dict(text=chart_text(title)) if title else None, height=height,
        margin=dict(l=10, r=10, t=40 if title else 10, b=10), font=dict(family=FONT), plot_bgcolor="white",
        xaxis=dict(title=dict(text=chart_text(x.title)), range=[x.low - pad_x, x.high + pad_x],
                   zeroline=False, gridcolor="#eee"),
        yaxis=dict(title=dict(text=chart_text(y.title)), range=[y.low - pad_y, y.high + pad_y],
                   zeroline=False, gridcolor="#eee"),
        legend=dict(orientation="h", y=-0.15), shapes=shapes, annotations=annotations,
    )
    return figure(traces, {k: v for k, v in layout.items() if v is not None})


def _bubbles(group: str, members: list[Point], everyone: list[Point], x: Axis, y: Axis,
             style: tuple[str, str]) -> dict:
    return dict(
        type="scatter", x=[p.x for p in members], y=[p.y for p in members],
        text=[chart_text(p.label) for p in members], mode="markers+text", textposition="top center",
        name=chart_text(group) if group else None, showlegend=bool(group), cliponaxis=False,
        marker=dict(size=_bubble_sizes(members, everyone), opacity=0.8, color=style[0], symbol=style[1],
                    line=dict(width=[3 if p.highlight else 1 for p in members],
                              color=[HIGHLIGHT if p.highlight else "#ffffff" for p in members])),
        hovertemplate="%{text}<br>" + f"{_hover(x.title)}: %{{x:.2f}}<br>{_hover(y.title)}: %{{y:.2f}}<extra></extra>",
    )


def _hover(text: str) -> str:
    """Text inside a hover template: escaped, and its braces kept from reading as %{placeholders}."""
    return chart_text(text).replace("{", "&#123;").replace("}", "&#125;")


def _by_group(points: list[Point]) -> dict[str, list[Point]]:
    groups: dict[str, list[Point]] = {}
    for p in points:
        groups.setdefault(p.group, []).append(p)
    return groups


def _bubble_sizes(members: list[Point], everyone: list[Point]) -> list[float]:
    largest = max((p.size for p in everyone), default=0)
    if largest <= 0:
        return [22.0] * len(members)
    return [14 + 40 * math.sqrt(max(p.size, 0) / largest) for p in members]


def bar_figure(labels: list[str], values: list[float], colors: list[str] | None = None, title: str = "",
               height: int = 300, groups: list[str] | None = None) -> go.Figure:
    """Bars; given each bar's group, coloured by group (and the group kept in customdata for the projector)."""
    if colors is None:
        by_group = group_colors(groups or [])
        colors = [by_group[g][0] for g in groups] if groups else ["#0072B2"] * len(values)
    return figure(
        [dict(type="bar", x=[chart_text(label) for label in labels], y=values, marker=dict(color=colors),
              text=[str(value) for value in values], textposition="outside",  # as plotly's checks made them
              **({"customdata": [chart_text(g) for g in groups]} if groups else {}))],
        dict(**({"title": dict(text=chart_text(title))} if title else {}), height=height, font=dict(family=FONT),
             margin=dict(l=10, r=10, t=40 if title else 10, b=10), plot_bgcolor="white",
             yaxis=dict(gridcolor="#eee", rangemode="tozero"), showlegend=False),
    )


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    highlight: bool = False


def value_curve_figure(categories: list[str], series: list[Series], scale: Axis, height: int = 380) -> go.Figure:
    """Each supplier's ratings across the benefits, ours drawn bold."""
    traces = [dict(type="scatter", mode="lines+markers", name=chart_text(s.name),
                   x=[chart_text(c) for c in categories], y=list(s.values),
                   line=dict(width=5 if s.highlight else 2, dash="solid" if s.highlight else "dot"),
                   marker=dict(size=12 if s.highlight else 8)) for s in series]
    return figure(traces, dict(
        height=height, font=dict(family=FONT), plot_bgcolor="white", margin=dict(l=10, r=10, t=10, b=10),
        yaxis=dict(title=dict(text=chart_text(scale.title)), range=[scale.low - 0.3, scale.high + 0.3],
                   dtick=1, gridcolor="#eee"),
        legend=dict(orientation="h", y=-0.2)))


@dataclass(frozen=True)
class Region:
    label: str
    color: str
    x0: float
    x1: float
    y0: float
    y1: float


def regions_figure(points: list[Point], regions: list[Region], x: Axis, y: Axis, height: int = 420) -> go.Figure:
    """Points on a plane divided into named, tinted regions (e.g. importance × gap)."""
    shapes = [dict(type="rect", x0=r.x0, x1=r.x1, y0=r.y0, y1=r.y1, line=dict(width=0), fillcolor=r.color,
                   opacity=0.12, layer="below") for r in regions]
    annotations = [dict(x=(r.x0 + r.x1) / 2, y=r.y1 if r.y1 > 0 else r.y0, yanchor="top" if r.y1 > 0 else "bottom",
                        showarrow=False, text=f"<b>{chart_text(r.label)}</b>", font=dict(color=r.color, size=13))
                   for r in regions]
    colors = group_colors([p.group for p in points])
    traces = [dict(type="scatter", mode="markers+text", x=[p.x for p in members], y=[p.y for p in members],
                   text=[chart_text(p.label) for p in members], textposition="top center", cliponaxis=False,
                   name=chart_text(group) if group else None, showlegend=bool(group),
                   marker=dict(size=16, color=colors[group][0], symbol=colors[group][1], opacity=0.85),
                   hovertemplate="%{text}<br>" + f"{_hover(x.title)}: %{{x:.1f}}<br>{_hover(y.title)}: %{{y:+.1f}}"
                                 "<extra></extra>")
              for group, members in _by_group(points).items()]
    return figure(traces, dict(
        height=height, font=dict(family=FONT), plot_bgcolor="white", margin=dict(l=10, r=10, t=10, b=10),
        xaxis=dict(title=dict(text=chart_text(x.title)), range=[x.low, x.high], gridcolor="#eee", zeroline=False),
        yaxis=dict(title=dict(text=chart_text(y.title)), range=[y.low, y.high], gridcolor="#eee", zeroline=True,
                   zerolinecolor="#666"),
        shapes=shapes, annotations=annotations))


def propensity_figure(m: Any, points: list[Point], lang: str, x_title: str, y_title: str) -> go.Figure:
    """The partnership model's propensity-to-partner matrix drawn from the method's bands and cells:
    facilitators across, the decision's driver score up, each cell tinted by its outcome."""
    per_driver = len(m.drivers)
    drivers = _band_edges(m.bands, per_driver * m.driver_scale.min, per_driver * m.driver_scale.max)
    most = len(m.facilitators) * m.facilitator_scale.max + m.bonus_points * len(m.bonus_facilitators)
    facilitators = _band_edges(m.bands, len(m.facilitators) * m.facilitator_scale.min, most)
    regions = [Region(m.outcome(m.matrix[d][f]).short(lang), m.outcome(m.matrix[d][f]).color, fx0, fx1, dy0, dy1)
               for d, (dy0, dy1) in drivers.items() for f, (fx0, fx1) in facilitators.items()]
    x = Axis(x_title, min(v[0] for v in facilitators.values()), max(v[1] for v in facilitators.values()))
    y = Axis(y_title, min(v[0] for v in drivers.values()), max(v[1] for v in drivers.values()))
    return regions_figure(points, regions, x, y)


def _band_edges(bands: list[Any], low: float, high: float) -> dict[str, tuple[float, float]]:
    """Each band's stretch of an axis running from `low` to `high`."""
    ordered = sorted(bands, key=lambda b: b.min if b.min is not None else float("-inf"))
    edges = {}
    for band, upper in zip(ordered, [b.min for b in ordered[1:]] + [high], strict=True):
        start = low if band.min is None else band.min
        if start < high:
            edges[band.id] = (start, min(upper, high))
    return edges
