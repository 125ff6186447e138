"""A tool declared by a method file alone (tests/fixtures/methods/) gets its page, projector view,
workbook sheet, slide and archive without any Python of its own. One declared tool at a time: they
share one page script, which the page opens under the tool's url path."""

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.store import PORTFOLIO, Account
from kamcore.tools import TOOLS, register_file, unregister
from tests.app.conftest import APP, by_key_suffix, menu, open_page, with_account
from tests.declared import DECLARED, FIXTURES

PAGE = "app_pages/kind.py"
UNSCORED = {"zh": "尚未评分", "en": "Not scored yet"}


@pytest.fixture
def only():
    """Registers one fixture tool (by name) for the test; gives its record."""
    registered = []

    def register(name):
        registered.append(register_file(FIXTURES / f"{name}.yaml"))
        return registered[-1]

    yield register
    for tool in registered:
        unregister(tool.id)


def shown(at) -> str:
    return " ".join(e.value for kind in ("markdown", "caption", "success", "warning", "error", "info")
                    for e in at.get(kind)) + " ".join(str(m.value) for m in at.metric)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", DECLARED)
def test_a_declared_tools_page_runs_in_each_language_and_says_not_scored_yet(name, lang, only, database_url):
    tool = only(name)
    with_account(database_url)
    at = open_page(PAGE, lang, url=tool.id)
    assert at.title[0].value == tool.method().title(lang)
    assert UNSCORED[lang] in shown(at)
    assert tool.name(lang) in menu(at)


def test_scoring_every_criterion_of_a_declared_assessment_saves_it_and_shows_its_verdict(only, database_url):
    tool = only("trial_readiness")
    store, group = with_account(database_url)
    at = open_page(PAGE, "en", url=tool.id)
    for criterion, score in (("sponsor", 5), ("data", 4)):
        by_key_suffix(at.pills, f"scores.{criterion}").set_value(score).run()
    assert "1 of 3" not in shown(at) and "2 of 3 criteria scored" in shown(at) and "Trust" in shown(at)
    by_key_suffix(at.pills, "scores.trust").set_value(5).run()  # 0.5×5 + 0.3×4 + 0.2×5
    assert ">Ready<" in shown(at) and "Go ahead" in shown(at) and at.metric[0].value == "4.70"
    assert store.worksheet(group.id, tool.id, "acct-a").data["scores"] == {"sponsor": 5, "data": 4, "trust": 5}


def test_a_gate_below_its_minimum_is_shown_as_the_reason_for_the_capped_verdict(only, database_url):
    tool = only("trial_readiness")
    with_account(database_url)
    at = open_page(PAGE, "zh", url=tool.id)
    for criterion, score in (("sponsor", 2), ("data", 5), ("trust", 5)):
        by_key_suffix(at.pills, f"scores.{criterion}").set_value(score).run()
    assert "尚未准备好" in shown(at) and "高层支持 低于最低要求" in shown(at)


@pytest.mark.parametrize("name", DECLARED)
def test_a_declared_tools_example_loads_and_gives_a_verdict(name, only, database_url):
    tool = only(name)
    store, group = with_account(database_url)
    at = open_page(PAGE, "en", url=tool.id)
    at.button(key=f"{tool.id}.load_example").click().run()
    assert not at.exception and UNSCORED["en"] not in shown(at)
    key = PORTFOLIO if tool.scope == "group" else "acct-a"
    assert store.worksheet(group.id, tool.id, key).version == 1


def test_the_projector_shows_every_group_on_a_declared_tool(only, workshops):
    tool = only("trial_readiness")
    workshop, token = workshops.create("KAM", "en", "2468")
    m = tool.method()
    for name in ("North", "South"):
        group = workshops.join(workshop.code, name)
        group.add_account(Account("acct-a", f"{name} Corp"))
        group.save(tool.id, tool.validate(tool.example(m), m), 0, "acct-a")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "p": token, "lang": "en"})
    at.run()
    at.switch_page("app_pages/projector.py").run()
    at.session_state["projector.tool"] = tool.id
    at.run()
    tables = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "North Corp" in tables and "South Corp" in tables and "Ready" in tables and "4.3" in tables
    assert at.get("plotly_chart")
    assert tool.id in TOOLS


@pytest.mark.parametrize("name, rows, draft", [
    ("trial_actions", [{"key": "visit", "item": "visit", "text": "", "status": None, "owner": "", "due": None},
                       {"key": "r1", "text": "Call the CFO", "status": None, "owner": "Li", "due": None}],
     "Call the CFO: still missing Status"),
    ("trial_minutes", [{"key": "m1", "date": None, "values": {"topic": "Budget", "hours": 2}},
                       {"key": "m2", "date": "2026-03-02", "values": {"hours": 1}}],
     "Row 1: still missing Date"),
])
def test_a_row_typed_but_incomplete_is_listed_as_a_draft_and_an_untouched_course_item_is_not(
        name, rows, draft, only, database_url):
    tool = only(name)
    store, group = with_account(database_url)
    m = tool.method()
    store.save_worksheet(group.id, tool.id, tool.validate({"rows": rows}, m), 0,
                         PORTFOLIO if tool.scope == "group" else "acct-a")
    at = open_page(PAGE, "en", url=tool.id)
    warnings = [w.value for w in at.warning]
    assert any(draft in w for w in warnings), warnings
    assert len([w for w in warnings if "still missing" in w]) == (1 if name == "trial_actions" else 2)
