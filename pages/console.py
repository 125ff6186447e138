"""讲师控制台 · Trainer console: join details, timer, tools, groups, cases, methods, archive (behind the PIN)."""

import streamlit as st

from kamcore.i18n import t
from ui import console as panels
from ui import exports, presenter_console, session
from ui.text import plain
from ui.timer import countdown

ctx = session.page()
lang = ctx.lang
st.title(t(lang, "console.title"))
workshop = panels.signed_in_workshop(lang)
if workshop is None:
    st.stop()

st.caption(plain(workshop.title))
join_tab, run_tab, groups_tab, setup_tab, projector_tab = st.tabs(
    [t(lang, "console.tab_join"), t(lang, "console.tab_run"), t(lang, "console.tab_groups"),
     t(lang, "console.tab_setup"), t(lang, "presenter.projector_tab")])
with join_tab:
    presenter_console.join_tab(workshop, lang)
with run_tab:
    countdown(workshop.timer_end, lang)
    panels.timer(workshop, lang)
    st.subheader(t(lang, "console.tools"))
    panels.tools(workshop, lang)
with groups_tab:
    panels.groups(workshop, lang)
with setup_tab:
    st.subheader(t(lang, "console.cases"))
    panels.load_case(workshop, lang)
    presenter_console.same_accounts(workshop, lang)
    st.subheader(t(lang, "console.methods"))
    panels.methods(workshop, lang)
    st.subheader(t(lang, "exports.workshop_title"))
    exports.workshop_downloads(workshop, lang)
    exports.upload(lang, "exports.restore", t(lang, "exports.restore_label"))
    st.subheader(t(lang, "console.archive"))
    panels.archive(workshop, lang)
with projector_tab:
    presenter_console.projector_tab(workshop, lang)
