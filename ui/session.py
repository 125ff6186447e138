"""Who is this, in which language, on which store: resolved once per run by app.py.

Identity travels in the URL (?w=<workshop code>&g=<group token>) so a reload, a dropped Wi-Fi or a
second laptop of the same group lands on the same work; without it, the personal workspace."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import streamlit as st

from kamcore.i18n import LANGS, language_of, t
from kamcore.paths import default_database_url
from kamcore.store import Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop, WorkshopError, Workshops, Workspace
from ui.widget_state import forget_stale_widgets

LANG_KEY = "lang"
IDENTITY_KEY = "identity"  # (workshop code, group token) of this browser tab
CONTEXT_KEY = "_context"
LANG_LABELS = {"zh": "中文", "en": "English"}


@dataclass
class Context:
    """What every page needs: the reader's language and the workspace it works in."""

    lang: str
    workspace: Workspace

    @property
    def workshop(self) -> Workshop:
        return self.workspace.workshop

    def overrides(self, tool_id: str) -> dict[str, Any]:
        return self.workshop.overrides(tool_id)

    def method(self, tool_id: str) -> Any:
        return TOOLS[tool_id].method(self.overrides(tool_id) or None)

    def overrides_json(self, tool_id: str) -> str:
        return json.dumps(self.overrides(tool_id), sort_keys=True)

    @property
    def link(self) -> dict[str, str]:
        """The query parameters that keep this identity on every link."""
        if self.workshop.personal:
            return {}
        return {"w": self.workshop.code, "g": self.workspace.group.token}


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The process-wide store for the configured database URL (one engine, one pool)."""
    return _store(default_database_url())


def workshops() -> Workshops:
    return Workshops(store())


def page() -> Context:
    """What every page starts with, inside the app's frame."""
    _leave_legacy_pages_mode()
    return st.session_state[CONTEXT_KEY]


def _leave_legacy_pages_mode() -> None:
    """Streamlit runs a pages/ file on its own, without app.py, when a session's first request
    comes before st.navigation has ever run in the process (it assumes the legacy pages/ directory
    API until then). Switch the process to st.navigation and rerun through app.py.

    Each such run must rerun, not only the first: the switch is process-global, and sessions that
    started together all began in the legacy mode. Such a run is recognised by the missing context
    (app.py sets it before any page runs)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory or CONTEXT_KEY not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()


def frame() -> Context:
    """Language and identity for this run; kept for the page in session state."""
    forget_stale_widgets()
    lang = language_picker()
    context = Context(lang, _workspace(lang))
    st.session_state[CONTEXT_KEY] = context
    return context


def _workspace(lang: str) -> Workspace:
    code, token = st.query_params.get("w"), st.query_params.get("g")
    if code and token:
        st.session_state[IDENTITY_KEY] = (code, token)
    identity = st.session_state.get(IDENTITY_KEY)
    if identity:
        try:
            return _resolve(default_database_url(), *identity)
        except WorkshopError as error:
            st.session_state.pop(IDENTITY_KEY, None)
            st.error(t(lang, error.key, **error.values), icon=":material/link_off:")
    return _personal(default_database_url())


@st.cache_resource(ttl=2, max_entries=2000, show_spinner=False)
def _resolve(url: str, code: str, token: str) -> Workspace:
    """A group's workspace and its workshop's settings, read at most every 2 s per group rather than on
    every rerun of every tab (saves check locks and the archive again, live)."""
    return Workshops(_store(url)).workspace(code, token)


@st.cache_resource(ttl=2, show_spinner=False)
def _personal(url: str) -> Workspace:
    return Workshops(_store(url)).personal()


def sign_in_as(workspace: Workspace) -> None:
    st.session_state[IDENTITY_KEY] = (workspace.workshop.code, workspace.group.token)


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
