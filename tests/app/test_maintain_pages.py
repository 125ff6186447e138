"""Lecture 3's lifetime value and performance monitoring pages, in both languages: from a blank
worksheet to the course's worked examples, the value used in account selection, the accounts ranked,
and the account plan's objectives and actions read into monitoring."""

import copy

import pytest

from kamcore.methods import account_strategy as strategy
from kamcore.methods import lifetime_value as lv
from kamcore.methods import performance_monitoring as pm
from kamcore.store import Account, Store
from kamcore.tools import TOOLS
from tests.app.conftest import browser_group, menu, open_page, open_tab

CLV, PM = "app_pages/lifetime_value.py", "app_pages/performance_monitoring.py"
TITLES = {"lifetime_value": {"zh": "客户终生价值", "en": "Customer lifetime value"},
          "performance_monitoring": {"zh": "绩效监控战略控制模型",
                                     "en": "Performance monitoring and strategic control"}}
VALUE_TAB = {"zh": "价值与留存率", "en": "Value and retention"}
RANKING_TAB = {"zh": "客户排名", "en": "Accounts ranked"}
PERFORMANCE_TAB = {"zh": "绩效", "en": "Performance"}
IMPLEMENTATION_TAB = {"zh": "执行", "en": "Implementation"}
UNSCORED = {"zh": "尚未评分", "en": "Not scored yet"}


def with_accounts(database_url, *names):
    store = Store(database_url)
    group = browser_group(store)
    store.upsert_accounts(group.id, [Account(f"acct-{n}", name) for n, name in enumerate(names or ("Acme",))])
    return store, group


def shown(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "success", "warning", "error", "info", "text")
                    for e in at.get(kind)) + " " + " ".join(f"{m.label} {m.value}" for m in at.metric)


def save(store, group, tool_id, data, account="acct-0"):
    tool = TOOLS[tool_id]
    store.save_worksheet(group.id, tool_id, tool.validate(copy.deepcopy(data), tool.method()), 0, account)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page, tool", [(CLV, "lifetime_value"), (PM, "performance_monitoring")])
def test_each_page_runs_in_each_language_under_lecture_3_and_says_not_scored_yet_when_blank(page, tool, lang,
                                                                                          database_url):
    with_accounts(database_url)
    at = open_page(page, lang)
    assert at.title[0].value == TITLES[tool][lang]
    assert TOOLS[tool].name(lang) in menu(at)
    tab = VALUE_TAB[lang] if tool == "lifetime_value" else None
    at = open_tab(at, "l3a.clv.tab", tab) if tab else at
    assert UNSCORED[lang] in shown(at) and not at.metric


@pytest.mark.parametrize("lang, words", [
    ("en", ("Lifetime value (CLV) 3,400,000 CNY", "Margin multiple × 3.40", "Net margin a year (m) 1,000,000 CNY",
            "Worth of +5 points of retention 1,100,000 CNY")),
    ("zh", ("终生价值 3,400,000 元", "利润倍数 × 3.40", "留存率提高 5 个百分点的价值 1,100,000 元")),
])
def test_the_course_example_is_worth_3_4_million_and_five_points_of_retention_1_1_million(lang, words, database_url):
    store, group = with_accounts(database_url)
    at = open_page(CLV, lang)
    at.button(key="lifetime_value.load_example").click().run()
    at = open_tab(at, "l3a.clv.tab", VALUE_TAB[lang])
    text = shown(at)
    assert all(w in text for w in words), text
    assert at.get("plotly_chart")
    assert store.worksheet(group.id, "lifetime_value", "acct-0").version == 1


def test_switching_to_the_start_of_period_convention_makes_it_4_4_million(database_url):
    store, group = with_accounts(database_url)
    save(store, group, "lifetime_value", lv.example_input(lv.method()))
    at = open_page(CLV, "en")
    next(r for r in at.radio if r.key.endswith("convention")).set_value("start").run()
    assert store.worksheet(group.id, "lifetime_value", "acct-0").data["convention"] == "start"
    at = open_tab(at, "l3a.clv.tab", VALUE_TAB["en"])
    assert "Lifetime value (CLV) 4,400,000 CNY" in shown(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_value_is_used_in_selection_only_when_the_group_presses_the_button(lang, database_url):
    store, group = with_accounts(database_url)
    save(store, group, "lifetime_value", lv.example_input(lv.method()))
    at = open_tab(open_page(CLV, lang), "l3a.clv.tab", VALUE_TAB[lang])
    assert store.worksheet(group.id, "selection") is None
    at.button(key="l3a.clv.use").click().run()
    assert not at.exception
    (acme,) = store.worksheet(group.id, "selection").data["accounts"]
    assert acme["attractiveness"] == {"future_sales_profit": 5}
    assert ("5" in shown(at)) and at.success
    assert at.button(key="l3a.clv.use").disabled  # the score is there already


def test_the_ranking_lists_the_accounts_with_a_value_highest_first_and_names_the_others(database_url):
    store, group = with_accounts(database_url, "Acme", "Beta", "Gamma")
    m = lv.method()
    save(store, group, "lifetime_value", lv.example_input(m), "acct-0")
    save(store, group, "lifetime_value", {**lv.example_input(m), "retention": 90}, "acct-1")
    at = open_tab(open_page(CLV, "en"), "l3a.clv.tab", RANKING_TAB["en"])
    frame = at.dataframe[0].value
    assert list(frame["Key account"]) == ["Beta", "Acme"] and list(frame["Rank"]) == [1, 2]
    assert "Not worked out yet: Gamma" in shown(at)


def test_a_horizon_with_no_end_that_cannot_converge_is_refused_with_a_message_and_the_saved_value_kept(database_url):
    store, group = with_accounts(database_url)
    save(store, group, "lifetime_value", {**lv.example_input(lv.method()), "growth": 20})
    at = open_page(CLV, "en")
    next(n for n in at.number_input if n.key.endswith("retention")).set_value(95).run()
    assert any("finite horizon" in e.value for e in at.error)
    assert store.worksheet(group.id, "lifetime_value", "acct-0").data["retention"] == 85


@pytest.mark.parametrize("lang, words", [
    ("en", ("Act on Implementation control first, then Strategic control, Planning-process control.",)),
    ("zh", ("先处理执行控制，然后是战略控制、规划流程控制。",)),
])
def test_the_monitoring_example_says_to_act_on_implementation_first(lang, words, database_url):
    store, group = with_accounts(database_url)
    at = open_page(PM, lang)
    at.button(key="performance_monitoring.load_example").click().run()
    text = shown(at)
    assert all(w in text for w in words), text
    at = open_tab(at, "l3a.pm.tab", PERFORMANCE_TAB[lang])
    assert "84%" in at.dataframe[-1].value.to_string()


def test_the_account_plans_objectives_and_actions_are_read_into_monitoring_not_typed_again(database_url):
    store, group = with_accounts(database_url)
    save(store, group, strategy.TOOL_ID, strategy.example_input(strategy.method()))
    save(store, group, pm.TOOL_ID, {**pm.blank_input(pm.method()), "elapsed_months": 6, "period_start": "2027-01-01",
                                    "plan_actuals": {"o1": 38}, "plan_done": {"a1": 50}})
    at = open_tab(open_page(PM, "en"), "l3a.pm.tab", PERFORMANCE_TAB["en"])
    plan_kpis = at.dataframe[0].value
    assert list(plan_kpis["name"])[0] == "Raise share of wallet from 30% to 45%" and plan_kpis["actual"][0] == 38
    assert "From the account plan" in shown(at)
    at = open_tab(at, "l3a.pm.tab", IMPLEMENTATION_TAB["en"])
    actions = list(at.dataframe[0].value["action"])
    assert actions == ["Quarterly business review", "Pilot line at the new plants"]  # in the order they start
    at = open_tab(at, "l3a.pm.tab", "Dashboard")
    assert "Act on Implementation control first, then Strategic control" in shown(at)
