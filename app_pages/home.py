"""Home: what the companion is for, joining a workshop by code, and creating one as a trainer."""

import streamlit as st

from kamcore.i18n import t
from ui import data, exports, session
from ui import workshop as panels
from ui.text import plain

ctx = session.page()
lang = ctx.lang
st.title(t(lang, "home.title"))
data.flash(lang)
st.markdown(t(lang, "home.intro"))

if ctx.workshop.personal:
    join, create = st.columns(2, gap="large")
    with join:
        panels.join_form(lang)
    with create:
        panels.create_form(lang)
    st.caption(t(lang, "home.solo"))
else:
    st.success(t(lang, "home.in_workshop", workshop=plain(ctx.workshop.title),
                 group=plain(ctx.workspace.display_name(lang))), icon=":material/groups:")
st.page_link("app_pages/selection.py", label=t(lang, "home.start_selection"), icon=":material/target:",
             query_params=ctx.link)
st.subheader(t(lang, "exports.take_home"))
exports.group_downloads(ctx.workspace, lang)
with st.expander(t(lang, "exports.import_title"), icon=":material/upload_file:"):
    exports.upload(lang, "exports.upload", t(lang, "exports.import_label"), into=ctx.workspace)
st.subheader(t(lang, "home.chain_title"))
st.markdown(t(lang, "home.chain"))
st.caption(t(lang, "home.privacy"))
data.statement(lang)
data.own_data(ctx.workspace, lang)
