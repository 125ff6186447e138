"""The trainer's model answer for a tool, shown to groups once the trainer reveals it: the summary line
and every criterion's score, the trainer's beside the group's own (matched by account name, since the
case account loaded for every group carries the same name)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from kamcore.compare import entries, summary
from kamcore.i18n import t
from kamcore.store import GroupWorksheet
from kamcore.tool import Score
from kamcore.tools import TOOLS
from ui.session import Context, workshops

Row = tuple[str, str, str]  # (account, section, criterion)


def model_answer(ctx: Context, tool_id: str) -> None:
    workshop = ctx.workshop
    if ctx.workspace.trainer or not workshop.revealed(tool_id):
        return
    method = ctx.method(tool_id)
    trainer = t(ctx.lang, "workshop.trainer_answer")  # not the name the trainer's group is stored under
    answers = [replace(answer, group=trainer) for answer in workshops().model_answers(workshop, tool_id)]
    found = entries(answers, tool_id, method).entries
    with st.expander(t(ctx.lang, "workshop.model_answer"), icon=":material/verified:", expanded=True):
        if not answers:
            st.caption(t(ctx.lang, "workshop.no_model_answer"))
            return
        if found:
            st.dataframe(summary(tool_id, found, method, ctx.lang), hide_index=True, width="stretch", placeholder="")
        rows = side_by_side(ctx, tool_id, answers, method)
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder="",
                         key=f"model_answer.{tool_id}")


def side_by_side(ctx: Context, tool_id: str, answers: list[GroupWorksheet], method) -> list[dict[str, str]]:
    """One row per criterion the trainer scored: the trainer's score and the group's."""
    tool, lang = TOOLS[tool_id], ctx.lang
    names = {a.key: a.name for a in ctx.workspace.accounts()}
    ours: dict[Row, Score] = {}
    for sheet in ctx.workspace.store.worksheets(ctx.workspace.group.id):
        if sheet.tool == tool_id:
            for score in tool.progress_of(sheet.data, method, lang).scores:
                ours[_row(score, names.get(sheet.account_key, ""))] = score
    rows = []
    for answer in answers:
        for score in tool.progress_of(answer.data, method, lang).scores:
            if score.value is None:
                continue
            row = _row(score, answer.account)
            mine = ours.get(row)
            rows.append({**({t(lang, "compare.account"): row[0]} if row[0] else {}),
                         t(lang, "room.section"): row[1], t(lang, "projector.criterion"): row[2],
                         t(lang, "room.trainer_score"): _shown(score.value),
                         t(lang, "room.your_score"): _shown(mine.value if mine else None)})
    return rows


def _row(score: Score, account: str) -> Row:
    """Account-scoped tools name the account by its worksheet; group-scoped ones inside the score."""
    return (score.account or account, score.section, score.criterion)


def _shown(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"
