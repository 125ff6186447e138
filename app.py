"""The frame: page config, who is this, which language, and the pages of the course's tools."""

import streamlit as st

from kamcore.i18n import t
from ui import session

st.set_page_config(page_title="KAM Workshop Companion", page_icon=":material/handshake:", layout="wide")
lang = session.language_picker()
session.group()

pages = {
    t(lang, "nav.start"): [
        st.Page("pages/home.py", title=t(lang, "nav.home"), icon=":material/home:", default=True),
    ],
    t(lang, "nav.prepare"): [
        st.Page("pages/selection.py", title=t(lang, "nav.selection"), icon=":material/target:",
                url_path="selection"),
        st.Page("pages/value_proposition.py", title=t(lang, "nav.value_proposition"), icon=":material/diamond:",
                url_path="value_proposition"),
    ],
    t(lang, "nav.develop"): [
        st.Page("pages/competition.py", title=t(lang, "nav.competition"), icon=":material/leaderboard:",
                url_path="competition"),
    ],
    t(lang, "nav.maintain"): [
        st.Page("pages/partnership.py", title=t(lang, "nav.partnership"), icon=":material/handshake:",
                url_path="partnership"),
        st.Page("pages/purchasing_portfolio.py", title=t(lang, "nav.purchasing_portfolio"),
                icon=":material/shopping_cart:", url_path="purchasing_portfolio"),
    ],
}
st.navigation(pages).run()
