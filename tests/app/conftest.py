"""AppTest helpers: the real app.py frame, on a store in a temp folder."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.store import Account, Group, Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshops

APP = str(Path(__file__).resolve().parents[2] / "app.py")
_BROWSER: dict[str, str] = {}  # the personal workspace token of "this test's browser"


def open_page(page: str, lang: str, fresh: bool = False, url: str | None = None) -> AppTest:
    """A page as this test's browser opens it (its personal workspace's ?me= link), or as a browser
    seen for the first time (`fresh`); `url` picks one of the tools a shared page script serves."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    if not fresh:
        at.query_params["me"] = _BROWSER["me"]
    at.run()
    at.switch_page(page)
    if url:
        go_to(at, url)
    at.run()
    assert not at.exception, at.exception
    return at


def go_to(at: AppTest, url: str) -> AppTest:
    """The page registered under that url path (a declared kind's one script serves several tools,
    and AppTest.switch_page takes the first of them)."""
    pages = at._registered_pages  # AppTest's own map of the pages st.navigation registered
    at._page_hash = next(h for h, info in pages.items() if info.get("url_pathname") == url)
    return at


def menu(at: AppTest) -> list[str]:
    """The titles in the app's menu: the pages st.navigation registered, as the sidebar lists them."""
    return [info["page_name"] for info in at._registered_pages.values()]


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Switch to a tab by its label, as a click does (the pages' tabs run only the open one)."""
    at.session_state[key] = label
    return at.run()


def by_key_suffix(elements, suffix: str):
    matches = [e for e in elements if e.key and e.key.endswith(suffix)]
    assert len(matches) == 1, [e.key for e in elements]
    return matches[0]


def state_key(at: AppTest, suffix: str) -> str:
    """The one session-state key (e.g. of a data editor) that ends with `suffix`."""
    matches = [k for k in at.session_state if k.endswith(suffix)]
    assert len(matches) == 1, matches
    return matches[0]


def widget_metadata(at: AppTest) -> dict:
    """Streamlit's per-session registry of widget metadata (internal; see ui/widget_state.py)."""
    return object.__getattribute__(at._session_state, "_state")._new_widget_state.widget_metadata


def browser_group(store: Store) -> Group:
    """The personal workspace of this test's browser (see open_page)."""
    return Workshops(store).personal(_BROWSER["me"]).group


@pytest.fixture(autouse=True)
def _one_browser(database_url):
    _BROWSER["me"] = Store(database_url).personal_group().token
    yield
    _BROWSER.clear()


@pytest.fixture(autouse=True)
def _fresh_caches(database_url):
    """Every test gets its own store (the URL is the cache key) and cold computation caches."""
    import streamlit as st

    st.cache_data.clear()
    yield


def with_account(database_url: str, name: str = "ACME") -> tuple[Store, Group]:
    """This test's browser's workspace with one account (key "acct-a")."""
    store = Store(database_url)
    group = browser_group(store)
    store.upsert_accounts(group.id, [Account("acct-a", name)])
    return store, group


def shown(at: AppTest) -> str:
    """The page's text as a reader sees it: messages, captions, text and the metrics with their labels."""
    return " ".join(str(e.value) for kind in ("markdown", "caption", "success", "warning", "error", "info", "text")
                    for e in at.get(kind)) + " " + " ".join(f"{m.label} {m.value}" for m in at.metric)


def projector_on(workshops: Workshops, tool_id: str) -> AppTest:
    """The projector on `tool_id` with two groups, North and South, that each saved its worked example for
    their account ("North Corp", "South Corp")."""
    workshop, token = workshops.create("KAM", "en", "2468")
    record, m = TOOLS[tool_id], TOOLS[tool_id].method()
    for name in ("North", "South"):
        group = workshops.join(workshop.code, name)
        group.add_account(Account("acct-a", f"{name} Corp"))
        group.save(tool_id, record.validate(record.example(m), m), 0, "acct-a")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "p": token, "lang": "en"})
    at.run()
    at.switch_page("app_pages/projector.py").run()
    at.session_state["projector.tool"] = tool_id
    return at.run()
