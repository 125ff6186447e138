"""The projector's live comparison: every group side by side, refreshed by a fragment timer,
read through short-lived caches so a room of projectors costs one query per tool per interval."""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from kamcore.compare import entries, for_the_room, summary
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
    tool = TOOLS[tool_id]
    figure = tool.figure(found, method, lang)
    if figure is not None:
        st.plotly_chart(figure, key="projector.chart", config={"displayModeBar": False})
    for table in tool.tables(found, method, lang):
        st.subheader(table.title)
        big_table(table.rows, flag_column=table.flag)
    big_table(summary(tool_id, found, method, lang))
    if broken:
        st.caption(t(lang, "projector.broken", count=broken))


def tool_choice(lang: str) -> str:
    return st.segmented_control(t(lang, "console.tool"), list(TOOLS), default=next(iter(TOOLS)), required=True,
                                key="projector.tool", format_func=lambda i: TOOLS[i].name(lang))

