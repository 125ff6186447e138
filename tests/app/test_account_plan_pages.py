"""Lecture 2's six-element strategy and account plan pages, in both languages: the checker from a blank
worksheet, the positioning read from the competitive ranking with a link there, and the plan showing
what the other tools hold without a field to type it in again."""

import pytest

from kamcore.store import Account, Store
from kamcore.tools import TOOLS
from tests.app.conftest import browser_group, menu, open_page, open_tab

STRATEGY, PLAN = "app_pages/account_strategy.py", "app_pages/account_plan.py"
TITLES = {"account_strategy": {"zh": "目标大客户战略6要素", "en": "Six-element account strategy"},
          "account_plan": {"zh": "大客户计划", "en": "Account plan"}}
POSITIONING = {"zh": "定位", "en": "Positioning"}
CHECKER = {"zh": "检查", "en": "Checker"}


def with_account(database_url, *tools: str, lang: str = "en"):
    """The browser's group with one account and the course example of each of `tools` saved for it."""
    store = Store(database_url)
    group = browser_group(store)
    store.upsert_accounts(group.id, [Account("acct-a", "Account A")])
    for tool_id in tools:
        tool = TOOLS[tool_id]
        m = tool.method()
        store.save_worksheet(group.id, tool_id, tool.validate(tool.example(m, lang=lang), m), 0, "acct-a")
    return store, group


def shown(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "success", "warning", "error", "info", "text")
                    for e in at.get(kind))


def plan_html(at) -> str:
    return " ".join(e.proto.body for e in at.get("html"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page, tool", [(STRATEGY, "account_strategy"), (PLAN, "account_plan")])
def test_each_page_runs_in_each_language_with_its_name_in_the_develop_section(page, tool, lang, database_url):
    with_account(database_url)
    at = open_page(page, lang)
    assert at.title[0].value == TITLES[tool][lang]
    assert TOOLS[tool].name(lang) in menu(at)
    assert TOOLS[tool].nav.section == "develop"


@pytest.mark.parametrize("lang, line", [("zh", "得分 0/7"), ("en", "0 of 7 points")])
def test_a_blank_strategy_scores_nothing_and_the_checker_says_what_each_element_needs(lang, line, database_url):
    with_account(database_url)
    at = open_tab(open_page(STRATEGY, lang), "l2b.strategy.tab", CHECKER[lang])
    m = TOOLS["account_strategy"].method()
    assert line in shown(at)
    assert len(at.warning) == 6 and all(m.element(e).gap(lang) in shown(at) for e in ("objectives", "budget"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_positioning_reads_the_competitor_from_the_ranking_and_links_there(lang, database_url):
    with_account(database_url, "competition", lang=lang)
    at = open_tab(open_page(STRATEGY, lang), "l2b.strategy.tab", POSITIONING[lang])
    assert ("竞争对手 A" if lang == "zh" else "Competitor A") in shown(at)
    made_in = [link for link in at.get("page_link") if TOOLS["competition"].name(lang) in link.label
               and link.label != TOOLS["competition"].name(lang)]
    assert made_in and made_in[0].proto.page == "competition"


@pytest.mark.parametrize("lang, rank", [("zh", "3家中第1"), ("en", "1 of 3")])
def test_the_plan_shows_the_other_tools_work_and_offers_no_field_to_type_it_again(lang, rank, database_url):
    store, group = with_account(database_url, "competition", "value_proposition", "account_strategy", lang=lang)
    at = open_page(PLAN, lang)
    html = plan_html(at)
    assert rank in html and ("钱包份额" if lang == "zh" else "share of wallet") in html
    typed = [w.key for w in (*at.text_input, *at.text_area, *at.number_input, *at.selectbox) if w.key.startswith("ws.")]
    assert [k.rsplit(".", 1)[-1] for k in typed] == ["owner", "summary"]  # nothing else is typed on the plan
    data = store.worksheet(group.id, "competition", "acct-a").data
    data["ratings"]["us"] = dict.fromkeys(data["ratings"]["us"], 1)
    store.save_worksheet(group.id, "competition", TOOLS["competition"].validate(data), 1, "acct-a")
    assert ("3家中第3" if lang == "zh" else "3 of 3") in plan_html(at.run())


def test_the_plans_owner_typed_on_its_page_is_saved_and_printed_with_the_plan(database_url):
    store, group = with_account(database_url)
    at = open_page(PLAN, "en")
    next(w for w in at.text_input if w.key.endswith("owner")).input("Wang Lei").run()
    assert store.worksheet(group.id, "account_plan", "acct-a").data["owner"] == "Wang Lei"
    assert "Wang Lei" in plan_html(at) and "@page { size: A4" in plan_html(at)


def test_an_empty_plan_says_in_each_section_where_to_complete_it(database_url):
    with_account(database_url)
    at = open_page(PLAN, "en")
    m = TOOLS["account_plan"].method()
    assert all(m.section(s).empty("en") in plan_html(at) for s in ("analysis", "budget"))
