"""The frame: page config, language, who is this (URL + store), and the pages of the course's tools."""

import streamlit as st

from kamcore.i18n import t
from kamcore.tool import SECTIONS
from kamcore.tools import TOOLS, Tool
from kamcore.workshop import Workspace
from ui import session
from ui.layout import styles
from ui.live import before_page_rerun, follow_group, in_fragment_run
from ui.memory import freeze_after_first_run
from ui.navigation import sidebar
from ui.room import room_bar
from ui.workshop import stale_link

# an emoji, not a :material/…: icon: Streamlit fetches those favicons from fonts.gstatic.com (nothing leaves the room)
st.set_page_config(page_title="KAM Workshop Companion", page_icon="🤝", layout="wide")
styles()
ctx = session.frame()
lang = ctx.lang


TRAINER_PAGES = ("console", "projector")  # they follow the room on their own


def page(lang: str, key: str, icon: str) -> st.Page:
    """The page of app_pages/<key>.py at /<key> (the home page at /)."""
    home = key == "home"
    return st.Page(f"app_pages/{key}.py", title=t(lang, f"nav.{key}"), icon=f":material/{icon}:", default=home,
                   url_path=None if home else key)


def tool_page(lang: str, tool: Tool) -> st.Page:
    return st.Page(tool.nav.page, title=tool.name(lang), icon=f":material/{tool.nav.icon}:", url_path=tool.id)


def sections_in(lang: str) -> dict[str, list[st.Page]]:
    in_section = {section: [tool_page(lang, tool) for tool in TOOLS.values() if tool.nav.section == section]
                  for section in SECTIONS}
    return {
        t(lang, "nav.start"): [page(lang, "home", "home")],
        **{t(lang, f"nav.{section}"): pages for section, pages in in_section.items() if pages},
        t(lang, "nav.trainer"): [page(lang, "console", "admin_panel_settings"), page(lang, "projector", "co_present")],
    }


# st.Page resolves its file on disk: build the pages once a session (again for another language or tool list)
PAGES_KEY = "app.pages"
built_for = (lang, tuple(TOOLS))
if st.session_state.get(PAGES_KEY, (None,))[0] != built_for:
    st.session_state[PAGES_KEY] = (built_for, sections_in(lang))
sections = st.session_state[PAGES_KEY][1]
# the menu is st.navigation's own: sent with every run anyway, where 37 page links were 37 more messages
current = st.navigation(sections, position="sidebar", expanded=True)
ctx.page = current.url_path  # a page script shared by several tools (a declared kind's) reads which one it is
ctx.pages = {p.url_path: p for pages in sections.values() for p in pages}
if ctx.workspace is None:
    stale_link(lang)  # a link that opens nothing: join or start fresh, never someone else's work
if current.url_path != "projector":  # a presenter view: nothing but the room's content
    sidebar(ctx)
if current.url_path not in TRAINER_PAGES:
    room_bar(ctx, ctx.pages)
    follow_group(ctx.workspace)


def run_page(page: st.Page, workspace: Workspace) -> None:
    if in_fragment_run():
        before_page_rerun(workspace)
    page._can_be_called = True  # its fragment's rerun runs the page again, without st.navigation
    page.run()


if current.url_path in TOOLS:
    # what a participant does on a tool's page reruns that page alone, not the sidebar and the room around it
    st.fragment(run_page)(current, ctx.workspace)
else:
    current.run()
freeze_after_first_run(current.url_path)
