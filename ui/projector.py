"""The projector's live comparison: every group side by side, refreshed by a fragment timer,
read through short-lived caches so a room of projectors costs one query per tool per interval."""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from kamcore.charts import Axis, Point, bar_figure, matrix_figure, propensity_figure
from kamcore.compare import criterion_spread, entries, for_the_room, summary
from kamcore.i18n import t
from kamcore.store import GroupWorksheet, workshop_worksheets
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop
from ui.components import cached_result
from ui.session import store

BIG_TYPE = """<style>
.kam-big table {border-collapse: collapse; width: 100%; font-size: 1.35rem;}
.kam-big th, .kam-big td {border-bottom: 1px solid #d0d7de; padding: .35rem .6rem; text-align: left;}
.kam-big th {background: #f6f8fa;}
.kam-big .flag {color: #cf222e; font-weight: 700;}
</style>"""


@st.cache_data(ttl=2, show_spinner=False, max_entries=64)
def worksheets(workshop_id: int, tool_id: str) -> list[GroupWorksheet]:
    return for_the_room(workshop_worksheets(store(), workshop_id, tool_id), tool_id)


def big_table(rows: list[dict[str, Any]], flag_column: str | None = None) -> None:
    """A table in projector-sized type; every cell escaped, since groups typed some of them."""
    if not rows:
        return
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(
        f"<td{' class=flag' if c == flag_column and v else ''}>{html.escape(str(v))}</td>" for c, v in row.items())
        + "</tr>" for row in rows)
    st.html(f"{BIG_TYPE}<div class='kam-big'><table><tr>{head}</tr>{body}</table></div>")


def comparison(workshop: Workshop, tool_id: str, lang: str) -> None:
    overrides = workshop.overrides(tool_id)
    method = TOOLS[tool_id].method(overrides or None)
    found, broken, unscored = entries(worksheets(workshop.id, tool_id), tool_id, method,
                                      run=lambda data: cached_result(tool_id, data, overrides))
    if unscored:
        st.caption(t(lang, "draft.projector_unscored", count=unscored))
    if not found:
        st.info(t(lang, "projector.nothing_yet"), icon=":material/hourglass_empty:")
        return
    if tool_id == "selection":
        _selection(found, method, lang)
    elif tool_id == "partnership":
        points = [Point(f"{e.group}: {e.account}", e.result.facilitators, e.result.drivers, group=e.group)
                  for e in found]
        st.plotly_chart(propensity_figure(method, points, lang, t(lang, "ps.facilitators"),
                                          t(lang, "ps.drivers_decision")), key="projector.chart")
    elif tool_id in ("value_proposition", "competition"):
        figure = _score_bars(found, tool_id, lang)
        st.plotly_chart(figure, key="projector.chart", config={"displayModeBar": False})
    big_table(summary(tool_id, found, method, lang))
    if broken:
        st.caption(t(lang, "projector.broken", count=broken))


def _selection(found, method, lang: str) -> None:
    points = [Point(a.name, a.strength, a.attractiveness, a.revenue, group=e.group)
              for e in found for a in e.result.accounts]
    figure = matrix_figure(points, method.portfolio, lang,
                           Axis(t(lang, "selection.strength"), method.strength_scale.min, method.strength_scale.max),
                           Axis(t(lang, "selection.attractiveness"), method.attractiveness_scale.min,
                                method.attractiveness_scale.max), height=560)
    st.plotly_chart(figure, key="projector.chart", config={"displayModeBar": False})
    spreads = criterion_spread(found, method, lang)
    discuss = t(lang, "projector.discuss")
    st.subheader(t(lang, "projector.spread_title"))
    big_table([{t(lang, "projector.criterion"): s.criterion,
                **{g: f"{v:.1f}" for g, v in s.by_group.items()},
                t(lang, "projector.spread"): f"{s.spread:.1f}",
                discuss: "◀ " + discuss if s.flagged else ""} for s in spreads], flag_column=discuss)


def _score_bars(found, tool_id: str, lang: str):
    if tool_id == "value_proposition":
        values, title = [round(e.result.score) for e in found], t(lang, "vp.score")
    else:
        values = [round(next(s.score for s in e.result.suppliers if s.key == "us"), 2) for e in found]
        title = t(lang, "comp.weighted")
    labels = [f"{e.group} · {e.account}" for e in found]
    return bar_figure(labels, values, ["#1f6feb"] * len(values), title=title, height=380)


def tool_choice(lang: str) -> str:
    return st.segmented_control(t(lang, "console.tool"), list(TOOLS), default="selection", required=True,
                                key="projector.tool", format_func=lambda i: t(lang, f"nav.{i}"))

