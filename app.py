"""The frame: page config, language, who is this (URL + store), and the pages of the course's tools."""

import streamlit as st

from kamcore.i18n import t
from kamcore.tools import TOOLS, Tool
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
SECTIONS = ("prepare", "develop", "maintain")  # the course's three parts, in order


def page(path: str, key: str, icon: str, **kwargs) -> st.Page:
    return st.Page(path, title=t(lang, f"nav.{key}"), icon=f":material/{icon}:", **kwargs)


def tool_page(tool: Tool) -> st.Page:
    return st.Page(tool.nav.page, title=tool.name(lang), icon=f":material/{tool.nav.icon}:", url_path=tool.id)


sections = {
    t(lang, "nav.start"): [page("pages/home.py", "home", "home", default=True)],
    **{t(lang, f"nav.{section}"): [tool_page(tool) for tool in TOOLS.values() if tool.nav.section == section]
       for section in SECTIONS if any(tool.nav.section == section for tool in TOOLS.values())},
    t(lang, "nav.trainer"): [page("pages/console.py", "console", "admin_panel_settings", url_path="console"),
                             page("pages/projector.py", "projector", "co_present", url_path="projector")],
}
current = st.navigation(sections, position="hidden")
ctx.page = current.url_path  # a page script shared by several tools (a declared kind's) reads which one it is
if ctx.workspace is None:
    stale_link(lang)  # a link that opens nothing: join or start fresh, never someone else's work
sidebar(ctx, sections)
if current.url_path not in TRAINER_PAGES:
    follow_group(ctx.workspace)
current.run()
freeze_after_first_run(current.url_path)
