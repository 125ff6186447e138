"""What the trainer asks of the room, at the top of every participant page: the timer, a locked tool,
an announcement, and "everyone go to tool X" (a link to tap, never a forced move)."""

from __future__ import annotations

import streamlit as st

from kamcore.i18n import t
from kamcore.tools import TOOLS
from ui import session
from ui.session import Context
from ui.text import plain
from ui.timer import countdown


def room_bar(ctx: Context, pages: dict[str, st.Page]) -> None:
    """Drawn by app.py above the page, so it is the first thing on a phone's screen too."""
    workspace = ctx.workspace
    if workspace is None or workspace.workshop.personal:
        return
    workshop, lang = workspace.workshop, ctx.lang
    if workspace.trainer:
        _back_to_console(ctx)
    with st.container(key="room-bar"):
        countdown(workshop.countdown, lang)
        if workshop.announcement:
            st.info(plain(workshop.announcement), icon=":material/campaign:")
        target = workshop.go_to
        if target and target != ctx.page and target in pages and not workspace.trainer:
            with st.container(border=True, key="room-go-to"):
                st.page_link(pages[target], label=t(lang, "room.go_to", tool=TOOLS[target].name(lang)),
                             icon=":material/arrow_forward:", query_params=ctx.link, width="stretch")
        if ctx.page in TOOLS and not workspace.writable(ctx.page):
            reason = "workshop.archived" if workshop.archived else "room.locked"
            st.warning(t(lang, reason), icon=":material/lock:")


def _back_to_console(ctx: Context) -> None:
    """The trainer filling in the model answers always sees where they are and the way back."""
    with st.container(border=True, key="room-model-answers"):
        st.markdown(f"**{t(ctx.lang, 'room.filling_in')}**")
        if st.button(t(ctx.lang, "access.back_to_console"), key="room.back_to_console", type="primary",
                     icon=":material/admin_panel_settings:"):
            session.back_to_console()
            st.switch_page("app_pages/console.py", query_params={"w": ctx.workshop.code})
