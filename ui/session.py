"""Who is this, in which language, on which store: resolved once per run by app.py."""

from __future__ import annotations

import streamlit as st

from kamcore.i18n import LANGS, language_of, t
from kamcore.paths import default_database_url
from kamcore.store import Group, Store

LANG_KEY = "lang"
GROUP_KEY = "group"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The process-wide store for the configured database URL (one engine, one pool)."""
    return _store(default_database_url())


def page() -> tuple[str, Group]:
    """What every page starts with: the reader's language and group, inside the app's frame."""
    _leave_legacy_pages_mode()
    return lang(), group()


def _leave_legacy_pages_mode() -> None:
    """Streamlit runs a pages/ file on its own, without app.py, when the first request after a
    server start is a deep link (it assumes the legacy pages/ directory API until st.navigation
    has run once). Switch the process to st.navigation and rerun through app.py."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


LANG_LABELS = {"zh": "中文", "en": "English"}


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


def group() -> Group:
    """The current group: until workshops land, the personal workspace's group."""
    if GROUP_KEY not in st.session_state:
        st.session_state[GROUP_KEY] = store().personal_group()
    return st.session_state[GROUP_KEY]
