"""The presenter styling step: any tool's comparison figure made legible from the back of a room.

One place turns a figure into its projector form (`for_projector`): type of at least 24 px at
1920×1080 (ticks, legends, titles, annotations, point labels), each group in its colour-blind-safe colour
and shape, bars laid sideways so long group names never collide, and point labels placed apart with
leader lines instead of printed on top of each other. Pure functions on plotly figures: testable
without a browser."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import plotly.graph_objects as go

from kamcore.charts import FONT, chart_text, group_colors

TEXT = 26  # px: body text, ticks, legends and labels on the projector
TITLE = 30
LABEL = 24  # point labels: the smallest type on the projector
INK = "#1f2328"
WIDTH = 1800  # px the projector gives a figure at 1920×1080 (the page's side padding taken off)
SCATTER_HEIGHT = 760
MARGIN = dict(l=120, r=40, t=70, b=120)
POINT_LABEL = "point-label"  # the `name` of a point label's annotation (tests find labels by it)
KEY = "label-key"  # the numbered labels' key
RADII = tuple(range(34, 640, 20))  # px from its point where a label may sit, nearest first
ANGLES = (90, 270, 45, 135, 315, 225, 0, 180, *range(15, 360, 30), *range(60, 360, 90))  # degrees, above first


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = 6) -> bool:
        return not (self.right + gap <= other.left or other.right + gap <= self.left
                    or self.bottom + gap <= other.top or other.bottom + gap <= self.top)

    def inside(self, area: Box) -> bool:
        return self.left >= area.left and self.right <= area.right and self.top >= area.top \
            and self.bottom <= area.bottom


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of a line's width in px: wide (CJK) characters one em, others ~0.62 em."""
    em = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in text)
    return em * size * (1.08 if bold else 1.0)


def for_projector(figure: go.Figure, groups: list[str] | None = None, width: int = WIDTH) -> go.Figure:
    """A copy of `figure` styled for the projector. `groups` (every group of the workshop, in order) fixes
    each group's colour across all tools' figures; by default the figure's own order."""
    fig = go.Figure(figure)
    colors = {chart_text(g): style for g, style in group_colors(groups or []).items()}  # as traces name them
    if any(t.type == "bar" for t in fig.data):
        _bars_sideways(fig, colors)
    else:
        # a figure with long row labels (a heat map's) asks for a wider left margin than the projector's
        fig.update_layout(width=width, height=SCATTER_HEIGHT,
                          margin={**MARGIN, "l": max(MARGIN["l"], fig.layout.margin.l or 0)})
        _recolour_scatter(fig, colors)
        _place_labels(fig)
    _big_type(fig)
    return fig


def _big_type(fig: go.Figure) -> None:
    fig.update_layout(font=dict(family=FONT, size=TEXT, color=INK), title_font_size=TITLE,
                      legend=dict(font=dict(size=TEXT)), hoverlabel=dict(font_size=TEXT))
    fig.update_xaxes(tickfont_size=LABEL, title_font_size=TEXT, automargin=False)
    fig.update_yaxes(tickfont_size=LABEL, title_font_size=TEXT, automargin=False)
    for annotation in fig.layout.annotations:
        if annotation.name != POINT_LABEL:
            annotation.font.size = max(annotation.font.size or 0, TEXT)
    fig.update_traces(textfont_size=LABEL)


def _recolour_scatter(fig: go.Figure, colors: dict[str, tuple[str, str]]) -> None:
    for trace in fig.data:
        if trace.type == "scatter" and trace.name in colors:
            trace.marker.color, trace.marker.symbol = colors[trace.name]
    fig.update_layout(legend=dict(orientation="h", x=0, xanchor="left", y=-0.13, yanchor="top"))


def _bars_sideways(fig: go.Figure, colors: dict[str, tuple[str, str]]) -> None:
    """Vertical bars become horizontal ones, one row per group's worksheet, the first on top; the value
    axis keeps the range a tool set."""
    count = max(len(t.x or ()) for t in fig.data if t.type == "bar")
    names = [str(label) for t in fig.data if t.type == "bar" for label in (t.x or ())]
    widest = max((text_width(n, LABEL) for n in names), default=100)
    left = min(int(widest) + 40, WIDTH // 2)
    value_axis = fig.layout.yaxis.to_plotly_json()
    for trace in fig.data:
        if trace.type != "bar" or trace.orientation == "h":
            continue
        labels, values = trace.x, trace.y
        trace.update(x=values, y=labels, orientation="h", textposition="outside", cliponaxis=False)
        if trace.customdata is not None and all(g in colors for g in trace.customdata):
            trace.marker.color = [colors[g][0] for g in trace.customdata]
    fig.update_layout(width=WIDTH, height=max(360, 110 + 78 * count), margin=dict(l=left, r=90, t=70, b=70),
                      bargap=0.3, xaxis={k: v for k, v in value_axis.items() if k in ("range", "rangemode")}
                      | {"gridcolor": "#ddd"}, yaxis=dict(autorange="reversed", type="category"))


# ---- point labels that never overlap --------------------------------------------------------------

@dataclass
class _Point:
    x: float  # data
    y: float
    px: float  # pixels from the figure's top left
    py: float
    size: float
    label: str
    color: str
    trace: int  # where the point is in the figure: trace, then index
    index: int


def _place_labels(fig: go.Figure) -> None:
    """Every scatter point's text becomes a label of its own, in its group's colour, put where it
    overlaps no other label, marker or region name, tied to its point by a leader line. Groups that
    share a point get their markers spread round it so each stays visible. Where the full texts cannot
    all be placed apart, each distinct text gets a number, shown by its points and keyed at the side."""
    if _Frame(fig).area is None:
        return
    texts = [(t, list(trace.text or ())) for t, trace in enumerate(fig.data)
             if trace.type == "scatter" and "text" in (trace.mode or "")]
    labels = _labels(fig, strict=True)
    if labels is None:
        key = {text: str(n) for n, text in enumerate(dict.fromkeys(x for _, ts in texts for x in ts), start=1)}
        for t, ts in texts:
            fig.data[t].text = [key[x] for x in ts]
        lines = [f"{n}  {text}" for text, n in key.items()]
        fig.update_layout(margin=dict(r=int(max(text_width(line, LABEL) for line in lines)) + 60))
        fig.add_annotation(name=KEY, xref="paper", yref="paper", x=1.02, y=1, xanchor="left", yanchor="top",
                           align="left", showarrow=False, text="<br>".join(lines), font=dict(size=LABEL, color=INK))
        labels = _labels(fig, strict=False)
    for t, trace in enumerate(fig.data):
        if t in dict(texts):
            trace.mode = "markers"
    fig.update_layout(annotations=[*fig.layout.annotations, *labels])


def _labels(fig: go.Figure, strict: bool) -> list[dict] | None:
    """The point labels' annotations; None when `strict` and one of them finds no free place."""
    frame = _Frame(fig)
    points = _points(fig, frame)
    _spread_shared(fig, points, frame)
    taken = Taken([frame.marker_box(p) for p in points] + _annotation_boxes(fig, frame))
    anchors = _merged(points, frame)
    labels = []
    for p in sorted(anchors, key=lambda p: -_crowd(p, anchors)):
        spot = _spot(p, taken, frame, strict)
        if spot is None:
            return None
        box, dx, dy = spot
        taken.add(box, (p.px, p.py, p.px + dx, p.py + dy))
        labels.append(dict(name=POINT_LABEL, x=p.x, y=p.y, xref="x", yref="y", ax=dx, ay=dy, text=p.label,
                           showarrow=True, arrowhead=0, arrowwidth=2, arrowcolor=p.color, standoff=p.size / 2,
                           xanchor="center", yanchor="middle", bgcolor="rgba(255,255,255,0.92)",
                           bordercolor=p.color, borderwidth=2, borderpad=4, font=dict(size=LABEL, color=INK)))
    return labels


class Taken:
    """What a new label must keep clear of: markers, region names, labels placed so far and their leader
    lines; and its own leader line must not cross a placed label."""

    def __init__(self, boxes: list[Box]):
        self.fixed, self.labels, self.leaders = boxes, [], []

    def add(self, box: Box, leader: tuple[float, float, float, float]) -> None:
        self.labels.append(box)
        self.leaders.append(leader)

    def clashes(self, box: Box, leader: tuple[float, float, float, float]) -> int:
        return (sum(box.overlaps(o) for o in self.fixed) + sum(box.overlaps(o) for o in self.labels)
                + sum(_crosses(segment, box) for segment in self.leaders)
                + sum(_crosses(leader, o) for o in self.labels))


def _crosses(segment: tuple[float, float, float, float], box: Box) -> bool:
    """Whether a leader line runs through a box's inside (touching an edge or a corner is not crossing).
    Liang–Barsky: clip the segment to the box and see whether a stretch of it is left."""
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    enter, leave = 0.0, 1.0
    for step, room in ((-dx, x0 - box.left), (dx, box.right - x0), (-dy, y0 - box.top), (dy, box.bottom - y0)):
        if step == 0:
            if room <= 0:
                return False  # parallel to this edge and outside it
            continue
        at = room / step
        if step < 0:
            enter = max(enter, at)
        else:
            leave = min(leave, at)
        if enter >= leave:
            return False
    return True


def _merged(points: list[_Point], frame: _Frame, near: float = 60) -> list[_Point]:
    """Points that say the same thing and sit close together (groups that scored one account alike) share
    one label, pointed at their middle, so the room reads it once."""
    anchors: list[list[_Point]] = []
    for p in points:
        home = next((a for a in anchors if a[0].label == p.label
                     and math.hypot(a[0].px - p.px, a[0].py - p.py) <= near), None)
        if home is None:
            anchors.append([p])
        else:
            home.append(p)
    merged = []
    for members in anchors:
        if len(members) == 1:
            merged.append(members[0])
            continue
        px, py = (sum(m.px for m in members) / len(members), sum(m.py for m in members) / len(members))
        reach = max(math.hypot(m.px - px, m.py - py) + m.size / 2 for m in members)
        colors = {m.color for m in members}
        merged.append(_Point(*frame.data(px, py), px, py, 2 * reach, members[0].label,
                             colors.pop() if len(colors) == 1 else INK, -1, -1))
    return merged


class _Frame:
    """The figure's plot area in pixels and its axes' ranges."""

    def __init__(self, fig: go.Figure):
        layout = fig.layout
        xr, yr = layout.xaxis.range, layout.yaxis.range
        self.area = None
        if not xr or not yr:
            return
        m = layout.margin
        self.x0, self.x1, self.y0, self.y1 = float(xr[0]), float(xr[1]), float(yr[0]), float(yr[1])
        self.area = Box(m.l, m.t, layout.width - m.r, layout.height - m.b)

    def px(self, x: float, y: float) -> tuple[float, float]:
        a = self.area
        return (a.left + (x - self.x0) / (self.x1 - self.x0) * (a.right - a.left),
                a.bottom - (y - self.y0) / (self.y1 - self.y0) * (a.bottom - a.top))

    def data(self, px: float, py: float) -> tuple[float, float]:
        a = self.area
        return (self.x0 + (px - a.left) / (a.right - a.left) * (self.x1 - self.x0),
                self.y0 + (a.bottom - py) / (a.bottom - a.top) * (self.y1 - self.y0))

    @staticmethod
    def marker_box(p: _Point) -> Box:
        half = p.size / 2 + 2
        return Box(p.px - half, p.py - half, p.px + half, p.py + half)


def _points(fig: go.Figure, frame: _Frame) -> list[_Point]:
    points = []
    for t, trace in enumerate(fig.data):
        if trace.type != "scatter" or "text" not in (trace.mode or ""):
            continue
        sizes = trace.marker.size if isinstance(trace.marker.size, (list, tuple)) else \
            [trace.marker.size or 16] * len(trace.x)
        color = trace.marker.color if isinstance(trace.marker.color, str) else INK
        for n, (x, y, label, size) in enumerate(zip(trace.x, trace.y, trace.text or [""] * len(trace.x), sizes,
                                                    strict=True)):
            points.append(_Point(x, y, *frame.px(x, y), float(size), str(label), color, t, n))
    return points


def _spread_shared(fig: go.Figure, points: list[_Point], frame: _Frame) -> None:
    """Markers drawn on one another (groups that scored alike) are spread on a small circle round their
    common place, so every group's colour shows; each label still points at its own marker."""
    clusters: dict[tuple[int, int], list[_Point]] = {}
    for p in points:
        clusters.setdefault((round(p.px / 8), round(p.py / 8)), []).append(p)
    xs = {i: list(t.x) for i, t in enumerate(fig.data) if t.type == "scatter"}
    ys = {i: list(t.y) for i, t in enumerate(fig.data) if t.type == "scatter"}
    rings = []
    for members in clusters.values():
        if len(members) < 2:
            continue
        radius = max(p.size for p in members) * 0.45 + 4 * len(members)
        ring = radius + max(p.size for p in members) / 2 + 4  # a dotted ring says: one place, several groups
        if ring <= 48:  # big bubbles (sized by revenue) overlap anyway: a ring would only add clutter
            (x0, y0), (x1, y1) = (frame.data(members[0].px - ring, members[0].py + ring),
                                  frame.data(members[0].px + ring, members[0].py - ring))
            rings.append(dict(type="circle", xref="x", yref="y", x0=x0, y0=y0, x1=x1, y1=y1,
                              line=dict(color="#57606a", width=2, dash="dot"), layer="below"))
        for n, p in enumerate(members):
            angle = 2 * math.pi * n / len(members) + math.pi / 2
            p.px, p.py = p.px + radius * math.cos(angle), p.py - radius * math.sin(angle)
            p.x, p.y = frame.data(p.px, p.py)
            xs[p.trace][p.index], ys[p.trace][p.index] = p.x, p.y
    for i in xs:
        fig.data[i].x, fig.data[i].y = xs[i], ys[i]
    if rings:
        fig.update_layout(shapes=[*fig.layout.shapes, *rings])


def _crowd(p: _Point, points: list[_Point]) -> int:
    return sum(math.hypot(p.px - q.px, p.py - q.py) < 160 for q in points)


def _annotation_boxes(fig: go.Figure, frame: _Frame) -> list[Box]:
    """Where the figure's own annotations (quadrant and region names) sit, so labels keep off them."""
    boxes = []
    for a in fig.layout.annotations:
        if a.xref not in (None, "x") or a.yref not in (None, "y") or a.x is None or a.y is None:
            continue
        lines = str(a.text or "").replace("<b>", "").replace("</b>", "").split("<br>")
        width = max(text_width(line, TEXT, bold=True) for line in lines) + 8
        height = TEXT * 1.3 * len(lines) + 8
        cx, cy = frame.px(float(a.x), float(a.y))
        top = {"top": cy, "bottom": cy - height}.get(a.yanchor, cy - height / 2)
        boxes.append(Box(cx - width / 2, top, cx + width / 2, top + height))
    return boxes


def label_box(p: _Point, dx: float, dy: float) -> Box:
    width, height = text_width(p.label, LABEL) + 16, LABEL * 1.3 + 12
    cx, cy = p.px + dx, p.py + dy
    return Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def _spot(p: _Point, taken: Taken, frame: _Frame, strict: bool) -> tuple[Box, float, float] | None:
    """The nearest free place round the point for its label; else (unless `strict`) the place that
    clashes least."""
    best = None
    for radius in RADII:
        for angle in ANGLES:
            dx, dy = radius * math.cos(math.radians(angle)), -radius * math.sin(math.radians(angle))
            if radius < p.size / 2 + 24:
                continue
            box = label_box(p, dx, dy)
            if not box.inside(frame.area):
                continue
            clashes = taken.clashes(box, (p.px, p.py, p.px + dx, p.py + dy))
            if clashes == 0:
                return box, dx, dy
            if best is None or clashes < best[0]:
                best = (clashes, box, dx, dy)
    if strict:
        return None
    if best is None:
        return label_box(p, 0, -RADII[0]), 0, -RADII[0]
    return best[1], best[2], best[3]


def placed_labels(fig: go.Figure) -> list[Box]:
    """Where a projector figure's point labels sit, in px (as estimated here; the browser test measures)."""
    frame = _Frame(fig)
    return [label_box(_Point(a.x, a.y, *frame.px(a.x, a.y), 0, str(a.text), INK, 0, 0), a.ax, a.ay)
            for a in fig.layout.annotations if a.name == POINT_LABEL]
