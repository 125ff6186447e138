"""投影 · The projector: a presenter view for the room, refreshing itself every few seconds.
Opens with the trainer's PIN (signed in on the console) or the projector link."""

import streamlit as st

from kamcore.i18n import t
from kamcore.workshop import WorkshopError
from ui import join_slide, session
from ui import projector as panels
from ui.timer import countdown
from ui.workshop import TRAINER_KEY

REFRESH_SECONDS = 5

ctx = session.page()
lang = ctx.lang
st.set_page_config(initial_sidebar_state="collapsed")
panels.chrome()
try:
    code, token = st.query_params.get("w"), st.query_params.get("p")
    workshop = (session.workshops().projector(code, token) if token
                else session.workshops().live(st.session_state[TRAINER_KEY]))
except (KeyError, WorkshopError):
    st.title(t(lang, "projector.title"))
    st.warning(t(lang, "projector.no_access"), icon=":material/lock:")
    st.stop()

panels.header(workshop, lang)
view = panels.view_choice(lang)


@st.fragment(run_every=REFRESH_SECONDS)
def live() -> None:
    current = session.workshops().live(workshop.code)  # locks, reveals and overrides as they are now
    countdown(current.countdown, lang, size="big")  # a timer started after the projector opened shows too
    if view == panels.STATUS:
        panels.room_status(current, lang)
    else:
        panels.comparison(current, view, lang)


if view == panels.JOIN:
    join_slide.slide(workshop, lang)  # static but for its live count of groups joined
else:
    live()
