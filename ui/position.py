"""Where we stand against the competitors, as the bid and the closing strategy pages show it: taken from
the group's competitive ranking of the same account whenever the page opens (never typed twice), and
shown as a small table with a link to the ranking."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kamcore.i18n import t
from kamcore.methods import competition as cp
from kamcore.methods.position import Position, position_of
from ui.lecture1 import tool_links
from ui.session import Context
from ui.worksheet import WorksheetEditor


def sync_position(ctx: Context, ws: WorksheetEditor, account_key: str) -> Position:
    """The position the ranking gives now, saved into the worksheet when it changed; the saved one while
    the ranking is not done (or cannot be read)."""
    saved = Position.model_validate(ws.data.get("position") or {})
    ranking = ctx.workspace.worksheet(cp.TOOL_ID, account_key)
    now = position_of(ranking.data if ranking else None, ctx.method(cp.TOOL_ID), ctx.lang)
    if now is None or now.same_as(saved) or ws.disabled:
        return saved
    if ws.commit({**ws.data, "position": now.model_dump(mode="json")}):
        return now
    return saved


def position_panel(ctx: Context, position: Position, key: str) -> None:
    """The suppliers by score with our rank; what to do while the ranking is not done."""
    lang = ctx.lang
    if not position.known:
        st.warning(t(lang, "l2d.no_position"), icon=":material/leaderboard:")
        tool_links(ctx, [cp.TOOL_ID], key)
        return
    rows = [{t(lang, "l2d.supplier"): s.name or t(lang, "l2d.us"), t(lang, "l2d.score"): round(s.score, 2),
             t(lang, "l2d.place"): s.rank} for s in position.suppliers]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"{key}.table")
    advantages = t(lang, "common.list_separator").join(position.advantages) or t(lang, "l2d.none")
    st.caption(t(lang, "l2d.position_line", rank=position.our_rank, advantages=advantages))
    tool_links(ctx, [cp.TOOL_ID], key)
