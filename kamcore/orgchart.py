"""An organisation chart drawn with plotly: boxes in tiers by their reporting line (the top of each
tree first), each parent centred over its reports, solid lines to the boss, dashed ones for a
dotted-line (matrix) report. No graph library: the layout is a plain tidy-tree walk."""

from __future__ import annotations

import re
from dataclasses import dataclass

import plotly.graph_objects as go

from kamcore.charts import FONT, chart_text

BOX_W, BOX_H = 0.86, 0.5  # in layout units: one slot wide, one tier is 1.0 high
LINE = 40  # half-width characters a tier's labels share per line, split evenly between its boxes


@dataclass(frozen=True)
class Box:
    key: str
    name: str
    boss: str | None = None
    dotted: str | None = None
    color: str = "#888888"
    role: str = ""  # the role's label, for the legend and hover


def layout(boxes: list[Box]) -> dict[str, tuple[float, int]]:
    """Each box's (x, tier): leaves on consecutive slots, a parent centred over its children. A box
    whose boss is unknown or whose line runs in a circle starts a tree of its own."""
    keys = {b.key for b in boxes}
    children: dict[str | None, list[str]] = {}
    for b in boxes:
        children.setdefault(b.boss if b.boss in keys and b.boss != b.key else None, []).append(b.key)
    placed: dict[str, tuple[float, int]] = {}
    slot = [0.0]

    def place(key: str, tier: int, path: frozenset[str]) -> float:
        kids = [k for k in children.get(key, []) if k not in path and k not in placed]
        if not kids:
            x = slot[0]
            slot[0] += 1
        else:
            xs = [place(k, tier + 1, path | {k}) for k in kids]
            x = (xs[0] + xs[-1]) / 2
        placed[key] = (x, tier)
        return x

    for root in children.get(None, []):
        place(root, 0, frozenset({root}))
    for b in boxes:  # boxes caught in a circle of reporting lines
        if b.key not in placed:
            place(b.key, 0, frozenset({b.key}))
    return placed


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def wrapped(text: str, limit: int) -> list[str]:
    """A box's label in lines of at most `limit` half-width characters (a CJK character counts two):
    Latin words stay whole unless one alone is longer than a line; at most three lines."""
    lines, line = [], ""
    for token in re.findall(r"[^\s\u2e80-\uffff]+|\s+|.", text):
        if _width(line + token) > limit and line.strip():
            lines.append(line.strip())
            line = token.lstrip()
        else:
            line += token
        while _width(line) > limit:  # a word longer than a line
            cut = next(n for n in range(len(line), 0, -1) if _width(line[:n]) <= limit)
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line.strip())
    lines = [x for x in lines if x]
    return lines if len(lines) <= 3 else [*lines[:2], lines[2][: max(1, len(lines[2]) - 1)].rstrip() + "…"]


def figure(boxes: list[Box], title: str = "", empty: str = "") -> go.Figure:
    """The chart of `boxes`; `empty` is said in its place when there is none."""
    at = layout(boxes)
    fig = go.Figure()
    tiers = max((tier for _, tier in at.values()), default=0) + 1
    width = int(max((x for x, _ in at.values()), default=0)) + 1
    for b in boxes:
        for target, dash in ((b.boss, "solid"), (b.dotted, "dash")):
            if target in at and target != b.key:
                (x0, t0), (x1, t1) = at[b.key], at[target]
                mid = (-t0 - t1) / 2 if dash == "solid" else None
                xs = [x0, x0, x1, x1] if mid is not None else [x0, x1]
                ys = [-t0 + BOX_H / 2, mid, mid, -t1 - BOX_H / 2] if mid is not None else [-t0, -t1]
                fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                         line=dict(color="#666" if dash == "solid" else "#E69F00", width=1.5,
                                                   dash=dash)))
    limit = max(8, min(20, LINE // max(width, 1)))
    for b in boxes:
        x, tier = at[b.key]
        fig.add_shape(type="rect", x0=x - BOX_W / 2, x1=x + BOX_W / 2, y0=-tier - BOX_H / 2, y1=-tier + BOX_H / 2,
                      line=dict(color=b.color, width=2), fillcolor="white", layer="above")
        label = "<br>".join(chart_text(line) for line in wrapped(b.name, limit))
        fig.add_annotation(x=x, y=-tier, text=label, showarrow=False, font=dict(size=12, family=FONT, color="#222"))
    fig.add_trace(go.Scatter(  # the whole name on hover, where a label had to be cut
        x=[at[b.key][0] for b in boxes], y=[-at[b.key][1] for b in boxes], mode="markers", showlegend=False,
        marker=dict(size=30, opacity=0), hovertext=[chart_text(f"{b.name} · {b.role}" if b.role else b.name)
                                                    for b in boxes], hoverinfo="text"))
    roles = {b.role: b.color for b in boxes if b.role}
    for label, color in roles.items():  # the legend: one entry per role
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=chart_text(label),
                                 marker=dict(symbol="square-open", size=12, color=color, line=dict(width=2))))
    if not boxes and empty:
        fig.add_annotation(x=0.5, y=0.5, xref="paper", yref="paper", text=chart_text(empty), showarrow=False)
    return fig.update_layout(
        title=dict(text=chart_text(title)) if title else {}, height=140 + 95 * tiers, font=dict(family=FONT),
        margin=dict(l=10, r=10, t=40 if title else 10, b=10), plot_bgcolor="white", showlegend=bool(roles),
        legend=dict(orientation="h", y=-0.02, yanchor="top"),
        xaxis=dict(visible=False, range=[-0.6, max(width, 2) - 0.4]),
        yaxis=dict(visible=False, range=[-tiers + 0.4, 0.6]))
