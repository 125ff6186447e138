"""The sidebar under the menu (st.navigation's): who you are working as, and the way to leave."""

from __future__ import annotations

import streamlit as st

from kamcore.i18n import t
from ui import session
from ui.session import Context


def sidebar(ctx: Context) -> None:
    """Under the menu. Its links carry no query string: ui/session.py puts ?w=&g= back on every page."""
    with st.sidebar:
        identity(ctx)


def identity(ctx: Context) -> None:
    lang, workshop = ctx.lang, ctx.workshop
    if workshop.personal:
        st.caption(t(lang, "workshop.personal"))
        st.caption(t(lang, "access.bookmark"))
        st.code(session.personal_link(ctx.workspace), language=None, wrap_lines=True)
        return
    who = ctx.workspace.display_name(lang)
    st.markdown(f"**{t(lang, 'workshop.working_as')}**")
    st.text(f"{workshop.title}\n{who} · {workshop.code}")
    if ctx.workspace.trainer:
        return  # the way back to the console is at the top of the page (ui/room.py)
    st.text(t(lang, "access.group_key", join_key=ctx.workspace.group.join_key))
    if workshop.archived:
        st.warning(t(lang, "workshop.archived"), icon=":material/inventory_2:")
    if st.button(t(lang, "workshop.leave"), key="workshop.leave", icon=":material/logout:"):
        session.leave()
        st.rerun()
