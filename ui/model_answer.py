"""The trainer's model answer for a tool, shown to groups once the trainer reveals it."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from kamcore.compare import entries, summary
from kamcore.i18n import t
from ui.session import Context, workshops


def model_answer(ctx: Context, tool_id: str) -> None:
    workshop = ctx.workshop
    if ctx.workspace.trainer or not workshop.revealed(tool_id):
        return
    method = ctx.method(tool_id)
    trainer = t(ctx.lang, "workshop.trainer_answer")  # not the name the trainer's group is stored under
    answers = [replace(answer, group=trainer) for answer in workshops().model_answers(workshop, tool_id)]
    found = entries(answers, tool_id, method).entries
    with st.expander(t(ctx.lang, "workshop.model_answer"), icon=":material/verified:"):
        if found:
            st.dataframe(summary(tool_id, found, method, ctx.lang), hide_index=True, width="stretch", placeholder="")
        else:
            st.caption(t(ctx.lang, "workshop.no_model_answer"))
