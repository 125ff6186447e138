"""The projector: a presenter view for the room. No app chrome, type of at least 24 px at 1920×1080,
every group side by side per tool, where groups scoring the same account disagree, the join slide and
the room's status. Refreshed by a fragment timer, read through short-lived caches so a room of
projectors costs one query per tool per interval."""

from __future__ import annotations

import html
import json
import time
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from kamcore.compare import Disagreement, disagreement, entries, for_the_room, summary
from kamcore.i18n import t
from kamcore.presenter import for_projector
from kamcore.reads import read_along
from kamcore.store import GroupWorksheet, workshop_worksheets
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop
from ui.components import cached_result
from ui.room_status import room_status_view
from ui.session import store, workshops

JOIN, STATUS = "join", "status"  # the views besides the tools
SAME_ACCOUNTS = "same_accounts"  # workshop setting: an account name's name_key → the account it is the same as

# The projector page only: no sidebar, header or toolbar, and no text under 24 px. Plotly's SVG text is
# left alone here: kamcore.presenter sizes it.
CHROME = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"]
{display: none !important;}
[data-testid="stMainBlockContainer"] {padding: 1.2rem 3.75rem 2rem !important; max-width: none !important;}
[data-testid="stApp"] :is(p, span, div, a, td, th, li, label, button, code, small, summary):not(svg *)
{font-size: max(24px, 1em);}
[data-testid="stMain"] h1 {font-size: 48px; padding: 0;}
[data-testid="stMain"] h3 {font-size: 36px;}
.kam-head {display: flex; align-items: baseline; gap: 2.5rem; flex-wrap: wrap;}
.kam-head .title {font-size: 48px; font-weight: 700; margin: 0; padding: 0;}
.kam-head .code {font-size: 36px; color: #57606a;}
.kam-head .code b {font-family: 'Source Code Pro', monospace; color: #1f2328;}
.kam-big table {border-collapse: collapse; width: 100%; font-size: 28px;}
.kam-big th, .kam-big td {border-bottom: 1px solid #d0d7de; padding: .35rem .6rem; text-align: left;}
.kam-big th {background: #f6f8fa;}
.kam-big .flag {color: #b35000; font-weight: 700;}
</style>"""


def chrome() -> None:
    st.html(CHROME)


def header(workshop: Workshop, lang: str) -> None:
    st.html(f"""<div class="kam-head"><h1 class="title">{html.escape(workshop.title)}</h1>
<span class="code">{html.escape(t(lang, 'presenter.code'))} <b>{html.escape(workshop.code)}</b></span></div>""")


def views() -> list[str]:
    return [JOIN, *TOOLS, STATUS]


def view_choice(lang: str) -> str:
    names = {JOIN: t(lang, "presenter.view_join"), STATUS: t(lang, "presenter.view_status")}
    first_tool = next(iter(TOOLS))
    return st.segmented_control(t(lang, "presenter.view"), views(), default=first_tool, required=True,
                                key="projector.tool", label_visibility="collapsed",
                                format_func=lambda v: names.get(v) or TOOLS[v].name(lang))


def room_status(workshop: Workshop, lang: str) -> None:
    room_status_view(workshop, lang, big=True)


@st.cache_data(ttl=2, show_spinner=False, max_entries=64)
def worksheets(workshop_id: int, tool_id: str, adjusted: dict[str, dict]) -> list[GroupWorksheet]:
    """The groups' worksheets of the tool, read along with what it reads (under the workshop's `adjusted`)."""
    def of(tool: str) -> list[GroupWorksheet]:
        return for_the_room(workshop_worksheets(store(), workshop_id, tool), tool)

    return read_along(TOOLS[tool_id], of(tool_id), of, adjusted)


@st.cache_data(ttl=5, show_spinner=False, max_entries=64)
def group_order(code: str) -> list[str]:
    """Every group of the workshop in the order they joined: what fixes each group's colour."""
    return [name for _, name in workshops().group_names(workshops().live(code))]


def _state(found: list[Any], overrides: dict[str, Any], lang: str, code: str) -> str:
    """What a tool's projector figure depends on, as one string (its cache key)."""
    return json.dumps([code, lang, overrides, [(e.group_id, e.group, e.account, e.data) for e in found]],
                      sort_keys=True, default=str)


FIGURE_SECONDS = 10  # while the room keeps changing, a tool's projector figure is rebuilt at most this often
MAX_FIGURES = 64  # figures kept for the process's projectors, the least recently built dropped first


@st.cache_resource(show_spinner=False)
def _last_figures() -> dict[tuple[str, str, str], tuple[float, str, go.Figure | None]]:
    """(workshop code, tool, lang) → (when built, the room's state then, the figure): shared by the projectors."""
    return {}


def room_figure(code: str, tool_id: str, found: list[Any], method: Any, lang: str, overrides: dict[str, Any]
                ) -> go.Figure | None:
    """The tool's comparison figure in its projector form, for the room as it is or as it was up to
    FIGURE_SECONDS ago: placing every group's labels apart takes a tenth of a second or more, and one
    process serves the whole room (every projector of the workshop shares the figure)."""
    state, last = _state(found, overrides, lang, code), _last_figures()
    built = last.get((code, tool_id, lang))
    if built is not None and (built[1] == state or time.monotonic() - built[0] < FIGURE_SECONDS):
        return built[2]
    figure = TOOLS[tool_id].figure(found, method, lang)
    figure = None if figure is None else for_projector(figure, group_order(code))
    last[(code, tool_id, lang)] = (time.monotonic(), state, figure)
    for stale in sorted(last, key=lambda k: last[k][0])[:max(0, len(last) - MAX_FIGURES)]:
        last.pop(stale, None)
    return figure


def big_table(rows: list[dict[str, Any]], flag_column: str | None = None) -> None:
    """A table in projector-sized type; every cell escaped, since groups typed some of them."""
    if not rows:
        return
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(
        f"<td{' class=flag' if c == flag_column and v else ''}>{html.escape(str(v))}</td>" for c, v in row.items())
        + "</tr>" for row in rows)
    st.html(f"<div class='kam-big'><table><tr>{head}</tr>{body}</table></div>")


def comparison(workshop: Workshop, tool_id: str, lang: str) -> None:
    overrides = workshop.overrides(tool_id)
    method = TOOLS[tool_id].method(overrides or None)
    found, broken, unscored = entries(worksheets(workshop.id, tool_id, workshop.adjusted), tool_id, method,
                                      run=lambda data: cached_result(tool_id, data, overrides))
    if unscored:
        st.caption(t(lang, "draft.projector_unscored", count=unscored))
    if not found:
        st.info(t(lang, "projector.nothing_yet"), icon=":material/hourglass_empty:")
        return
    tool = TOOLS[tool_id]
    figure = room_figure(workshop.code, tool_id, found, method, lang, overrides)
    if figure is not None:
        st.plotly_chart(figure, key="projector.chart", width="content",
                        config={"displayModeBar": False, "staticPlot": True})
    disagreements(disagreement(found, tool_id, method, lang, workshop.settings.get(SAME_ACCOUNTS)),
                  getattr(method, "disagreement_spread", 3), lang)
    for table in tool.tables(found, method, lang):
        st.subheader(table.title, anchor=False)
        big_table(table.rows, flag_column=table.flag)
    big_table(summary(tool_id, found, method, lang))
    if broken:
        st.caption(t(lang, "projector.broken", count=broken))


def disagreements(found: list[Disagreement], spread: float, lang: str) -> None:
    """Where groups scoring the same account lie `spread` or more apart, with every group's score, so the
    trainer can ask the outliers to explain."""
    if not found:
        return  # nothing scored by two groups on one account: nothing to compare
    flagged = [d for d in found if d.flagged]
    st.subheader(t(lang, "presenter.disagree_title"), anchor=False)
    if not flagged:
        st.caption(t(lang, "presenter.disagree_calm", count=len(found), spread=f"{spread:g}"))
        return
    st.caption(t(lang, "presenter.disagree_count", flagged=len(flagged), count=len(found), spread=f"{spread:g}"))
    groups = list(dict.fromkeys(g for d in flagged for g in d.by_group))
    spread_column = t(lang, "projector.spread")
    big_table([{t(lang, "compare.account"): d.account, t(lang, "projector.criterion"): d.criterion,
                **{g: f"{round(d.by_group[g], 1):g}" if g in d.by_group else "—" for g in groups},
                spread_column: f"{d.spread:g}"} for d in flagged], flag_column=spread_column)
