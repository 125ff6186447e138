"""What the opening diagnosis, account types and congruence pages share: links to the course's tools
an item points to."""

from __future__ import annotations

import streamlit as st

from kamcore.tools import TOOLS
from kamcore.tools.lecture1 import registered
from ui.session import Context


def tool_links(ctx: Context, tool_ids: list[str], key: str) -> None:
    """A link to each of the tools this installation has (and the app lists), on one row."""
    shown = [i for i in registered(tool_ids) if i in ctx.pages]
    if not shown:
        return
    with st.container(horizontal=True, key=key):
        for tool_id in shown:
            st.page_link(ctx.pages[tool_id], label=TOOLS[tool_id].name(ctx.lang),
                         icon=f":material/{TOOLS[tool_id].nav.icon}:", query_params=ctx.link)
