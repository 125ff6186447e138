"""The frame: page config, language, who is this (URL + store), and the pages of the course's tools."""

import streamlit as st

from kamcore.i18n import t
from ui import session
from ui.layout import styles
from ui.live import follow_group
from ui.memory import freeze_after_first_run
from ui.navigation import sidebar
from ui.workshop import stale_link

st.set_page_config(page_title="KAM Workshop Companion", page_icon=":material/handshake:", layout="wide")
styles()
ctx = session.frame()
lang = ctx.lang


TRAINER_PAGES = ("console", "projector")  # they follow the room on their own


def page(path: str, key: str, icon: str, **kwargs) -> st.Page:
    return st.Page(path, title=t(lang, f"nav.{key}"), icon=f":material/{icon}:", **kwargs)


sections = {
    t(lang, "nav.start"): [page("pages/home.py", "home", "home", default=True)],
    t(lang, "nav.prepare"): [page("pages/selection.py", "selection", "target", url_path="selection"),
                             page("pages/value_proposition.py", "value_proposition", "diamond",
                                  url_path="value_proposition")],
    t(lang, "nav.develop"): [page("pages/competition.py", "competition", "leaderboard", url_path="competition")],
    t(lang, "nav.maintain"): [page("pages/partnership.py", "partnership", "handshake", url_path="partnership"),
                              page("pages/purchasing_portfolio.py", "purchasing_portfolio", "shopping_cart",
                                   url_path="purchasing_portfolio")],
    t(lang, "nav.trainer"): [page("pages/console.py", "console", "admin_panel_settings", url_path="console"),
                             page("pages/projector.py", "projector", "co_present", url_path="projector")],
}
current = st.navigation(sections, position="hidden")
if ctx.workspace is None:
    stale_link(lang)  # a link that opens nothing: join or start fresh, never someone else's work
sidebar(ctx, sections)
if current.url_path not in TRAINER_PAGES:
    follow_group(ctx.workspace)
current.run()
freeze_after_first_run(current.url_path)
