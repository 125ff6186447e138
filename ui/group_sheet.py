"""The top of a page whose tool keeps one worksheet per group (not per account): title, exercise, the
worksheet with its save status and example, the trainer's model answer, and the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import BaseModel

from kamcore.i18n import t
from kamcore.store import PORTFOLIO
from kamcore.tools import TOOLS
from ui.components import worksheet_result
from ui.model_answer import model_answer
from ui.session import Context
from ui.worksheet import WorksheetEditor


def group_worksheet(tool_id: str, ctx: Context, blank: Callable[[Any], dict[str, Any]],
                    load_example: Callable[[WorksheetEditor, Any], None] | None = None
                    ) -> tuple[Any, WorksheetEditor, BaseModel | None]:
    """`load_example(ws, method)`: how the course example comes in, when more than replacing the worksheet
    (the account types' example also adds its accounts to the group's list)."""
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
    return m, ws, worksheet_result(ws)
