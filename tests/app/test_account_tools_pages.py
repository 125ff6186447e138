"""The account-scoped tool pages: value proposition and competition."""

import pytest

from kamcore.store import Account, Store
from tests.app.conftest import open_page

PAGES = {"value_proposition": "pages/value_proposition.py", "competition": "pages/competition.py"}
TITLES = {("value_proposition", "zh"): "选品：四象限价值主张", ("value_proposition", "en"): "Four-quadrant value proposition",
          ("competition", "zh"): "竞争：竞争结构与竞争排名", ("competition", "en"): "Competitive structure and ranking"}


def with_account(database_url):
    store = Store(database_url)
    group = store.personal_group()
    store.upsert_accounts(group.id, [Account("acct-a", "ACME")])
    return store, group


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tool", sorted(PAGES))
def test_the_page_runs_in_each_language(tool, lang, database_url):
    with_account(database_url)
    at = open_page(PAGES[tool], lang)
    assert at.title[0].value == TITLES[tool, lang]
    assert at.selectbox(key="account").value == "acct-a"


@pytest.mark.parametrize("tool", sorted(PAGES))
def test_without_an_account_the_page_asks_for_one_and_creates_it(tool, database_url):
    at = open_page(PAGES[tool], "en")
    assert any("Add an account first" in i.value for i in at.info)
    at.text_input(key="accounts.new_name").input("Globex")
    at.button(key="accounts.create").click().run()
    assert at.selectbox(key="account").value is not None
    assert [a.name for a in Store(database_url).accounts(Store(database_url).personal_group().id)] == ["Globex"]


def test_a_blank_account_name_is_refused_in_the_users_language(database_url):
    at = open_page(PAGES["competition"], "zh")
    at.text_input(key="accounts.new_name").input("   ")
    at.button(key="accounts.create").click().run()
    assert any("不能为空" in e.value for e in at.error)


def test_value_proposition_example_scores_100_and_survives_a_fresh_session(database_url):
    store, group = with_account(database_url)
    at = open_page(PAGES["value_proposition"], "en")
    at.button(key="vp.load_example").click().run()
    assert at.metric[0].value == "100 / 100"
    again = open_page(PAGES["value_proposition"], "zh")
    assert again.metric[0].value == "100 / 100"
    assert store.worksheet(group.id, "value_proposition", "acct-a").version == 1


def test_value_proposition_hints_appear_under_their_quadrant(database_url):
    with_account(database_url)
    at = open_page(PAGES["value_proposition"], "en")
    assert any("Q3 is empty" in w.value for w in at.warning)
    assert at.metric[0].value == "0 / 100"


def test_competition_example_ranks_us_first_and_survives_a_fresh_session(database_url):
    store, group = with_account(database_url)
    at = open_page(PAGES["competition"], "en")
    at.button(key="comp.load_example").click().run()
    assert at.metric[0].value == "rank 1"
    assert any("For the plant and purchasing managers" in a.value for a in at.text_area)
    again = open_page(PAGES["competition"], "zh")
    assert again.metric[0].value == "第 1 名"


def test_editing_the_positioning_statement_stores_it(database_url):
    store, group = with_account(database_url)
    at = open_page(PAGES["competition"], "en")
    at.button(key="comp.load_example").click().run()
    at.text_area[0].input("We win on delivery.").run()
    assert store.worksheet(group.id, "competition", "acct-a").data["positioning"]["statement"] == "We win on delivery."
    assert at.text_area[0].value == "We win on delivery."
