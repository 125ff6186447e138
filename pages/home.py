"""Home: what the companion is for and the course's chain of tools."""

import streamlit as st

from kamcore.i18n import t
from ui import session

lang, _ = session.page()
st.title(t(lang, "home.title"))
st.markdown(t(lang, "home.intro"))
st.page_link("pages/selection.py", label=t(lang, "home.start_selection"), icon=":material/target:")
st.subheader(t(lang, "home.chain_title"))
st.markdown(t(lang, "home.chain"))
st.caption(t(lang, "home.privacy"))
