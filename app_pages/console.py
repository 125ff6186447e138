"""讲师控制台 · Trainer console: join details, the room (timer, announcement, go-to, tools, status), groups,
cases, methods, archive (behind the PIN)."""

import streamlit as st

from kamcore.i18n import t
from ui import console as panels
from ui import console_room as room
from ui import data, exports, presenter_console, session
from ui.room_status import room_status_view
from ui.text import plain

ctx = session.page()
lang = ctx.lang
st.title(t(lang, "console.title"))
data.flash(lang)
workshop = panels.signed_in_workshop(lang)
if workshop is None:
    st.stop()

st.caption(plain(workshop.title))
join_tab, run_tab, groups_tab, room_tab, setup_tab, projector_tab = st.tabs(
    [t(lang, "console.tab_join"), t(lang, "console.tab_run"), t(lang, "console.tab_groups"), t(lang, "room.tab"),
     t(lang, "console.tab_setup"), t(lang, "presenter.projector_tab")])
with join_tab:
    presenter_console.join_tab(workshop, lang)
with run_tab:
    room.problems()
    room.timer(workshop, lang)
    st.subheader(t(lang, "room.announcement"))
    room.announcement(workshop, lang)
    st.subheader(t(lang, "room.go_to_title"))
    room.go_to(workshop, lang)
    st.subheader(t(lang, "console.tools"))
    panels.tools(workshop, lang)
    room.model_answers(workshop, lang, ctx.pages)
with groups_tab:
    panels.groups(workshop, lang)
with room_tab:
    st.fragment(room_status_view, run_every=5)(session.workshops().live(workshop.code), lang)
with setup_tab:
    st.subheader(t(lang, "console.cases"))
    panels.load_case(workshop, lang)
    presenter_console.same_accounts(workshop, lang)
    st.subheader(t(lang, "console.methods"))
    method_tool = st.selectbox(t(lang, "console.tool"), list(panels.TOOLS), key="console.method_tool",
                               format_func=lambda i: panels.TOOLS[i].name(lang))
    room.method_form(workshop, lang, method_tool)
    with st.expander(t(lang, "room.yaml_path"), icon=":material/code:"):
        panels.methods(workshop, lang, method_tool)
    st.subheader(t(lang, "exports.workshop_title"))
    exports.workshop_downloads(workshop, lang)
    exports.upload(lang, "exports.restore", t(lang, "exports.restore_label"))
    st.subheader(t(lang, "console.archive"))
    panels.archive(workshop, lang)
with projector_tab:
    presenter_console.projector_tab(workshop, lang)
