"""Joining and creating workshops: the forms on the home page."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import LANGS, explain, t
from kamcore.methods.common import NAME_CHARS
from kamcore.workshop import WorkshopError
from ui import session
from ui.text import plain, show_error

TRAINER_KEY = session.TRAINER_KEY
RECOVERY_KEY = "pin_fix.recovery"  # a recovery code not yet shown to (and noted by) the trainer


def join_form(lang: str) -> None:
    """Code (from the join link or typed) → an existing group or a new one → the tools."""
    st.subheader(t(lang, "join.title"))
    code = st.text_input(t(lang, "join.code"), value=st.query_params.get("w", ""), key="join.code",
                         max_chars=12).strip().upper()
    if not code:
        return
    try:
        workshop = session.workshops().find(code)
    except WorkshopError as error:
        show_error(lang, error)
        return
    st.markdown(f"**{plain(workshop.title)}**")
    names = [name for _, name in session.workshops().group_names(workshop)]
    new = t(lang, "join.new_group")
    choice = st.selectbox(t(lang, "join.group"), [new, *names], key="join.group")
    name = (st.text_input(t(lang, "join.group_name"), key="join.group_name", max_chars=NAME_CHARS) if choice == new
            else choice)
    key = None
    if choice != new:  # an existing group's work opens only with its key, which its members see
        key = st.text_input(t(lang, "access.join_key"), key="join.key", max_chars=12,
                            help=t(lang, "access.join_key_help"))
    if st.button(t(lang, "join.button"), key="join.button", type="primary", icon=":material/login:"):
        try:
            workspace = session.workshops().join(code, name or "", key)
        except ValidationError as error:
            st.error(" ".join(explain(error, lang)), icon=":material/error:")
            return
        except WorkshopError as error:
            show_error(lang, error)
            return
        session.sign_in_as(workspace)
        st.switch_page("app_pages/selection.py", query_params={"w": code, "g": workspace.group.token})


def create_form(lang: str) -> None:
    st.subheader(t(lang, "create.title"))
    with st.form("create", border=False):
        title = st.text_input(t(lang, "create.workshop_title"), max_chars=NAME_CHARS, key="create.title")
        default_lang = st.selectbox(t(lang, "create.lang"), LANGS, index=LANGS.index(lang), key="create.lang",
                                    format_func=session.LANG_LABELS.get)
        pin = st.text_input(t(lang, "create.pin"), type="password", max_chars=64, key="create.pin")
        again = st.text_input(t(lang, "create.pin_again"), type="password", max_chars=64, key="create.pin_again")
        submitted = st.form_submit_button(t(lang, "create.button"), type="primary", icon=":material/add:")
    if not submitted:
        return
    if pin != again:
        st.error(t(lang, "create.pins_differ"), icon=":material/error:")
        return
    try:
        workshop, _ = session.workshops().create(title, default_lang, pin)
    except ValidationError as error:
        st.error(" ".join(explain(error, lang)), icon=":material/error:")
        return
    st.session_state[TRAINER_KEY] = workshop.code
    st.session_state[RECOVERY_KEY] = session.workshops().issue_recovery_code(workshop)
    st.switch_page("app_pages/console.py", query_params={"w": workshop.code})


def stale_link(lang: str) -> None:
    """A link that opens nothing (the reason is shown above): join a workshop or start fresh, never
    anyone else's work."""
    st.info(t(lang, "access.stale_choices"), icon=":material/link_off:")
    join, fresh = st.columns(2, gap="large")
    with join:
        join_form(lang)
    with fresh:
        st.subheader(t(lang, "access.fresh_title"))
        if st.button(t(lang, "access.start_fresh"), key="access.start_fresh", icon=":material/note_add:"):
            session.start_fresh()
            st.rerun()
    st.stop()
