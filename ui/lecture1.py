"""What the opening diagnosis, account types and congruence pages share: the group's one worksheet
at the top of the page, and links to the course's tools an item points to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import BaseModel

from kamcore.i18n import t
from kamcore.store import PORTFOLIO
from kamcore.tools import TOOLS
from kamcore.tools.lecture1 import registered
from ui.components import evaluate
from ui.model_answer import model_answer
from ui.session import Context
from ui.worksheet import WorksheetEditor


def group_worksheet(ctx: Context, tool_id: str, blank: Callable[[Any], dict[str, Any]],
                    load_example: Callable[[WorksheetEditor, Any], None] | None = None
                    ) -> tuple[Any, WorksheetEditor, BaseModel | None]:
    """Title, exercise, the group's worksheet of the tool with its save status, example and model
    answer, and its result (None when it cannot be computed)."""
    tool, lang = TOOLS[tool_id], ctx.lang
    m = ctx.method(tool_id)
    st.title(m.title(lang))
    st.info(m.exercise_prompt(lang), icon=":material/groups:")
    ws = WorksheetEditor(ctx.workspace, tool, m, lang, blank=lambda: blank(m), account_key=PORTFOLIO)
    if st.button(t(lang, "common.load_example"), key=f"{tool_id}.load_example", icon=":material/download:",
                 disabled=ws.disabled):
        (load_example or (lambda w, mm: w.replace(tool.example(mm, lang=lang))))(ws, m)
        st.rerun()
    ws.status()
    model_answer(ctx, tool_id)
    return m, ws, evaluate(tool, ws.data, lang, ctx.overrides(tool_id))


def tool_links(ctx: Context, tool_ids: list[str], key: str) -> None:
    """A link to each of the tools this installation has (and the app lists), on one row."""
    shown = [i for i in registered(tool_ids) if i in ctx.pages]
    if not shown:
        return
    with st.container(horizontal=True, key=key):
        for tool_id in shown:
            st.page_link(ctx.pages[tool_id], label=TOOLS[tool_id].name(ctx.lang),
                         icon=f":material/{TOOLS[tool_id].nav.icon}:", query_params=ctx.link)
