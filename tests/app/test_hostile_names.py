"""A workshop title, group name and account name full of markdown, HTML and links, shown on every page and
chart: nothing but their text appears (no image, link, span or formatting)."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.store import Store
from kamcore.workshop import Workshops
from tests.app.conftest import APP
from tests.unit.test_exports import fill
from ui import session
from ui.workshop import TRAINER_KEY

HOSTILE = "![i](https://evil.example/i.png) <span style='font-size:99px'>BIG</span> www.evil.example **B**"
ACTIVE = ["](https://", "<span", "https://evil", "www.evil", "**B**"]  # what markdown would make active
TAGS = re.compile(r"<(a|span|img)\b", re.I)
PAGES = ["app_pages/home.py", "app_pages/selection.py", "app_pages/value_proposition.py", "app_pages/competition.py",
         "app_pages/partnership.py", "app_pages/purchasing_portfolio.py"]
MARKDOWN_ELEMENTS = ["markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error",
                     "exception", "toast"]


@pytest.fixture
def room(database_url):
    workshops = Workshops(Store(database_url))
    workshop, _ = workshops.create(HOSTILE, "en", "2468")
    group = workshops.join(workshop.code, HOSTILE)
    fill(group)
    group.rename_account("acct-a", HOSTILE + " A")
    workshops.update_settings(workshop, reveals=dict.fromkeys(("selection", "value_proposition", "competition"), True))
    session._resolve.clear()
    return workshop, group


def shown_as_markdown(at: AppTest) -> list[str]:
    texts = [e.value for kind in MARKDOWN_ELEMENTS for e in at.get(kind) if isinstance(e.value, str)]
    labels = [getattr(e, "label", None) for kind in ("selectbox", "text_input", "button", "checkbox", "toggle",
                                                     "radio", "multiselect", "expander") for e in at.get(kind)]
    return texts + [label for label in labels if isinstance(label, str)]


def chart_strings(at: AppTest) -> list[str]:
    found = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            [walk(v) for v in value.values()]
        elif isinstance(value, list):
            [walk(v) for v in value]
    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return found


def assert_only_text(at: AppTest) -> None:
    assert not at.exception, at.exception
    shown = [s for s in shown_as_markdown(at) if "evil" in s or "BIG" in s]  # where the hostile name shows
    live = [s for s in shown if any(a in re.sub(r"\\.", "", s) for a in ACTIVE)]  # escaped characters are inert
    assert not live, live
    assert not [s for s in chart_strings(at) if TAGS.search(s)]


def test_the_join_form_shows_a_hostile_workshop_title_as_text(room):
    workshop, _ = room
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "lang": "en"})
    at.run()
    assert any("evil" in m.value for m in at.markdown)  # the title is there, as text
    assert_only_text(at)


@pytest.mark.parametrize("page", PAGES)
def test_every_participant_page_shows_hostile_names_as_text(room, page):
    workshop, group = room
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "g": group.group.token, "lang": "en"})
    at.run()
    at.switch_page(page).run()
    assert_only_text(at)


@pytest.mark.parametrize("tool", ["selection", "value_proposition", "competition", "partnership",
                                  "purchasing_portfolio"])
def test_the_projector_shows_hostile_names_as_text_in_every_chart_and_table(room, tool):
    workshop, _ = room
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.session_state[TRAINER_KEY] = workshop.code
    at.switch_page("app_pages/projector.py").run()
    at.session_state["projector.tool"] = tool
    at.run()
    assert_only_text(at)
    if tool in ("selection", "value_proposition", "competition"):
        assert any("evil" in s for s in chart_strings(at))  # the names are there, escaped


def test_the_console_shows_a_hostile_title_and_group_name_as_text(room):
    workshop, _ = room
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.session_state[TRAINER_KEY] = workshop.code
    at.switch_page("app_pages/console.py").run()
    assert_only_text(at)
