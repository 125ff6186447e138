"""Who is this, in which language, on which store: resolved once per run by app.py.

Identity travels in the URL (?w=<workshop code>&g=<group token>, or ?me=<token> for a personal
workspace) so a reload, a dropped Wi-Fi or a second laptop of the same group lands on the same work.
A browser without any identity gets a personal workspace of its own; a link that opens nothing says
so and never falls back to anyone else's work. The trainer's model answers open only from a console
signed in with the PIN (session state), never from a URL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from kamcore.i18n import LANGS, language_of, t
from kamcore.paths import default_database_url
from kamcore.retention import purge
from kamcore.store import PERSONAL_CODE, Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop, WorkshopError, Workshops, Workspace
from ui.text import show_error
from ui.widget_state import forget_stale_widgets

LANG_KEY = "lang"
IDENTITY_KEY = "identity"  # (workshop code, group token) of this browser tab
MINE_KEY = "identity.personal"  # this tab's own personal workspace token, to come back to after leaving a group
TRAINER_KEY = "trainer"  # the workshop code this tab has signed in to with its PIN
ANSWERS_KEY = "identity.answers"  # the workshop code whose model answers this signed-in tab is filling in
PERSONAL_PARAM = "me"
CONTEXT_KEY = "_context"
LANG_LABELS = {"zh": "中文", "en": "English"}


@dataclass
class Context:
    """What every page needs: the reader's language and the workspace it works in."""

    lang: str
    workspace: Workspace | None  # None: the link opens nothing (see stale_link)
    page: str = ""  # the url path of the page this run shows (app.py sets it)
    pages: dict[str, Any] = field(default_factory=dict)  # url path -> st.Page, for links (app.py sets it)

    @property
    def workshop(self) -> Workshop:
        return self.workspace.workshop

    def overrides(self, tool_id: str) -> dict[str, Any]:
        return self.workshop.overrides(tool_id)

    def method(self, tool_id: str) -> Any:
        return TOOLS[tool_id].method(self.overrides(tool_id) or None)

    @property
    def link(self) -> dict[str, str]:
        """The query parameters that keep this identity on every link (none for the model answers)."""
        return {} if self.workspace is None else identity_params(self.workspace)


def identity_params(workspace: Workspace) -> dict[str, str]:
    """The query parameters that open this workspace again: none for the trainer's model answers."""
    if workspace.trainer:
        return {}
    if workspace.workshop.personal:
        return {PERSONAL_PARAM: workspace.group.token}
    return {"w": workspace.workshop.code, "g": workspace.group.token}


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = Store(url)
    purge(store)  # once per process and database: archived workshops past their retention period go
    return store


def store() -> Store:
    """The process-wide store for the configured database URL (one engine, one pool)."""
    return _store(default_database_url())


def workshops() -> Workshops:
    return Workshops(store())


def page() -> Context:
    """What every page starts with, inside the app's frame."""
    return st.session_state[CONTEXT_KEY]


def frame() -> Context:
    """Language and identity for this run; kept for the page in session state."""
    forget_stale_widgets()
    lang = language_picker()
    context = Context(lang, _workspace(lang))
    st.session_state[CONTEXT_KEY] = context
    return context


def _workspace(lang: str) -> Workspace | None:
    """This tab's workspace: the model answers of a signed-in console, else the URL's group or personal
    workspace, else this tab's own; a browser with none gets a new personal workspace. None (with the
    reason shown) when a link opens nothing."""
    answers = st.session_state.get(ANSWERS_KEY)
    if answers and answers == st.session_state.get(TRAINER_KEY):
        return _current(_answers(default_database_url(), answers))
    st.session_state.pop(ANSWERS_KEY, None)
    identity = _identity_in_url() or st.session_state.get(IDENTITY_KEY)
    if identity is None and st.session_state.get(MINE_KEY):
        identity = (PERSONAL_CODE, st.session_state[MINE_KEY])
    if identity is None:
        return _take(workshops().new_personal())
    try:
        return _take(_current(_resolve(default_database_url(), *identity)))
    except WorkshopError as error:
        st.session_state.pop(IDENTITY_KEY, None)
        show_error(lang, error, icon=":material/link_off:")
        return None


def _identity_in_url() -> tuple[str, str] | None:
    code, token, mine = st.query_params.get("w"), st.query_params.get("g"), st.query_params.get(PERSONAL_PARAM)
    if code and token:
        return code, token
    return (PERSONAL_CODE, mine) if mine else None


def _take(workspace: Workspace) -> Workspace:
    """Keep the identity for this tab, and in its URL for a reload or a bookmark: the menu (st.navigation's)
    opens a page without the query string, so this run puts it back before it draws anything."""
    st.session_state[IDENTITY_KEY] = (workspace.workshop.code, workspace.group.token)
    if workspace.workshop.personal:
        st.session_state[MINE_KEY] = workspace.group.token
    for key, value in identity_params(workspace).items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    return workspace


@st.cache_resource(ttl=2, max_entries=2000, show_spinner=False)
def _resolve(url: str, code: str, token: str) -> Workspace:
    """A group's workspace and its workshop's settings, read at most every 2 s per group rather than on
    every rerun of every tab (saves check locks and the archive again, live)."""
    return Workshops(_store(url)).workspace(code, token)


def _current(workspace: Workspace) -> Workspace:
    """The workspace with its workshop's settings as the trainer left them: a page redrawn because the
    trainer acted (ui/live.py) must not draw the cached settings from before. One shared small read."""
    if workspace.workshop.personal:
        return workspace
    moved_to = workspace.room_revisions().workshop
    if moved_to <= workspace.workshop.revision:
        return workspace
    workshop = _workshop_at(default_database_url(), workspace.workshop.code, moved_to)
    return Workspace(workspace.store, workshop, workspace.group, workspace.trainer)


@st.cache_resource(ttl=60, max_entries=200, show_spinner=False)
def _workshop_at(url: str, code: str, revision: int) -> Workshop:
    """The workshop as read once its settings reached `revision`: one read per trainer action, shared."""
    return Workshops(_store(url)).live(code)


@st.cache_resource(ttl=2, max_entries=200, show_spinner=False)
def _answers(url: str, code: str) -> Workspace:
    workshops = Workshops(_store(url))
    return workshops.trainer_workspace(workshops.live(code))


def personal_link(workspace: Workspace) -> str:
    """The address that brings this browser (or another of the same person) back to this personal workspace."""
    seen = urlsplit(st.context.url or "")
    base = f"{seen.scheme}://{seen.netloc}" if seen.netloc else f"http://localhost:{st.get_option('server.port')}"
    return f"{base}/?{urlencode({PERSONAL_PARAM: workspace.group.token})}"


def sign_in_as(workspace: Workspace) -> None:
    st.session_state[IDENTITY_KEY] = (workspace.workshop.code, workspace.group.token)


def fill_in_model_answers(code: str) -> None:
    """This tab, signed in to the console of `code`, works on the trainer's model answers."""
    st.session_state[ANSWERS_KEY] = code


def back_to_console() -> None:
    st.session_state.pop(ANSWERS_KEY, None)


def start_fresh() -> None:
    """A new personal workspace for this tab, whatever link it came with."""
    for key in (IDENTITY_KEY, MINE_KEY):
        st.session_state.pop(key, None)
    for key in ("w", "g", PERSONAL_PARAM):
        st.query_params.pop(key, None)


def leave() -> None:
    st.session_state.pop(IDENTITY_KEY, None)
    for key in ("w", "g"):
        st.query_params.pop(key, None)


def lang() -> str:
    """The reader's choice, else the URL's ?lang= (a code or its label), else the browser's language."""
    chosen = st.session_state.get(LANG_KEY)
    if chosen in LANGS:
        return chosen
    in_url = st.query_params.get(LANG_KEY)
    by_label = {label: code for code, label in LANG_LABELS.items()}
    return in_url if in_url in LANGS else by_label.get(in_url) or language_of(st.context.locale)


def language_picker() -> str:
    """The language switch in the sidebar, bound to the URL so a reload keeps it.

    Streamlit writes bound widgets' labels into the URL (?lang=中文); links may use codes (?lang=zh).
    Writing st.query_params from the script instead lags one rerun behind in the browser."""
    st.sidebar.segmented_control(t(lang(), "app.language"), LANGS, default=lang(), key=LANG_KEY,
                                 bind="query-params", required=True, format_func=LANG_LABELS.get)
    return lang()
