"""投影 · The projector: all groups side by side for the room, refreshing itself every few seconds.
Opens with the trainer's PIN (signed in on the console) or the projector link."""

import streamlit as st

from kamcore.i18n import t
from kamcore.workshop import WorkshopError
from ui import projector as panels
from ui import session
from ui.text import plain
from ui.timer import countdown
from ui.workshop import TRAINER_KEY

REFRESH_SECONDS = 5

ctx = session.page()
lang = ctx.lang
try:
    code, token = st.query_params.get("w"), st.query_params.get("p")
    workshop = (session.workshops().projector(code, token) if token
                else session.workshops().live(st.session_state[TRAINER_KEY]))
except (KeyError, WorkshopError):
    st.title(t(lang, "projector.title"))
    st.warning(t(lang, "projector.no_access"), icon=":material/lock:")
    st.stop()

title, code_box = st.columns([3, 1])
title.title(plain(workshop.title))
code_box.metric(t(lang, "console.join_code"), workshop.code)
tool_id = panels.tool_choice(lang)


@st.fragment(run_every=REFRESH_SECONDS)
def live() -> None:
    current = session.workshops().live(workshop.code)  # locks, reveals and overrides as they are now
    countdown(current.countdown, lang, size="big")  # a timer started after the projector opened shows too
    panels.comparison(current, tool_id, lang)


live()
