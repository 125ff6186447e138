"""Joining and creating workshops: the forms on the home page."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import LANGS, explain, t
from kamcore.workshop import WorkshopError
from ui import session
from ui.text import message, plain

TRAINER_KEY = "trainer"  # the workshop code this tab has signed in to with its PIN


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
        st.error(message(lang, error), icon=":material/error:")
        return
    st.markdown(f"**{plain(workshop.title)}**")
    names = [name for _, name in session.workshops().group_names(workshop)]
    new = t(lang, "join.new_group")
    choice = st.selectbox(t(lang, "join.group"), [new, *names], key="join.group")
    name = st.text_input(t(lang, "join.group_name"), key="join.group_name", max_chars=120) if choice == new else choice
    if st.button(t(lang, "join.button"), key="join.button", type="primary", icon=":material/login:"):
        try:
            workspace = session.workshops().join(code, name or "")
        except ValidationError as error:
            st.error(" ".join(explain(error, lang)), icon=":material/error:")
            return
        except WorkshopError as error:
            st.error(message(lang, error), icon=":material/error:")
            return
        session.sign_in_as(workspace)
        st.switch_page("pages/selection.py", query_params={"w": code, "g": workspace.group.token})


def create_form(lang: str) -> None:
    st.subheader(t(lang, "create.title"))
    with st.form("create", border=False):
        title = st.text_input(t(lang, "create.workshop_title"), max_chars=120, key="create.title")
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
    st.switch_page("pages/console.py", query_params={"w": workshop.code})
