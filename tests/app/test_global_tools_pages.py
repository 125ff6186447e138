"""Lecture 4's pages: the global account programme plan and the country roll-up, in both languages,
from a blank worksheet to a verdict, and on the projector."""

import pytest

from kamcore.methods import country_rollup as cr
from kamcore.methods import global_programme as gp
from kamcore.tools import TOOLS
from tests.app.conftest import by_key_suffix, menu, open_page, open_tab, projector_on, shown, with_account

PROGRAMME, ROLLUP = "app_pages/global_programme.py", "app_pages/country_rollup.py"
TITLES = {"global_programme": {"zh": "全球大客户方案规划", "en": "Global account programme plan"},
          "country_rollup": {"zh": "全球大客户国家汇总", "en": "Country roll-up of a global account"}}
TOTALS_TAB = {"zh": "汇总与差距", "en": "Totals and gaps"}
CHECKS_TAB = {"zh": "能否启动试点？", "en": "Ready for the pilot?"}
UNSCORED = {"zh": "尚未评分", "en": "Not scored yet"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page, tool", [(PROGRAMME, "global_programme"), (ROLLUP, "country_rollup")])
def test_each_page_runs_in_each_language_with_its_name_in_the_navigation(page, tool, lang, database_url):
    with_account(database_url, "Global Motors")
    at = open_page(page, lang)
    assert at.title[0].value == TITLES[tool][lang]
    assert TOOLS[tool].name(lang) in menu(at)
    assert at.selectbox(key="account").value == "acct-a"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_blank_roll_up_says_not_scored_yet_on_its_totals(lang, database_url):
    with_account(database_url, "Global Motors")
    at = open_tab(open_page(ROLLUP, lang), "l4b.rollup.tab", TOTALS_TAB[lang])
    assert UNSCORED[lang] in shown(at) and not at.metric


@pytest.mark.parametrize("lang, words", [
    ("en", ("Plan attainment 98.4%", "Countries below target 4 / 5", "Margin % 26.1%", "Share of wallet % 24.6%")),
    ("zh", ("计划完成率 98.4%", "低于目标的国家 4 / 5", "毛利率 % 26.1%", "服务水平 % 95.0%")),
])
def test_the_roll_up_example_shows_its_totals_gap_and_countries_below_target(lang, words, database_url):
    store, group = with_account(database_url, "Global Motors")
    at = open_page(ROLLUP, lang)
    at.button(key="country_rollup.load_example").click().run()
    at = open_tab(at, "l4b.rollup.tab", TOTALS_TAB[lang])
    text = shown(at)
    assert all(w in text for w in words), text
    assert at.get("plotly_chart") and at.dataframe
    assert store.worksheet(group.id, "country_rollup", "acct-a").version == 1


def test_a_saved_country_counts_and_one_missing_a_figure_is_listed_as_a_draft(database_url):
    store, group = with_account(database_url, "Global Motors")
    tool, m = TOOLS["country_rollup"], TOOLS["country_rollup"].method()
    data = cr.from_table(cr.blank_input(m), [
        {"country": "China", "revenue": 1200, "plan": 1000, "margin": 30, "share": 40, "service": 97},
        {"country": "Japan", "revenue": 500}])
    store.save_worksheet(group.id, tool.id, tool.validate(data, m), 0, "acct-a")
    at = open_page(ROLLUP, "en")
    assert any("Japan: still missing Global plan, Margin %" in w.value for w in at.warning)
    at = open_tab(at, "l4b.rollup.tab", TOTALS_TAB["en"])
    assert "Plan attainment 120.0%" in shown(at) and "Countries below target 0 / 1" in shown(at)


def test_raising_a_target_flags_the_countries_under_it(database_url):
    store, group = with_account(database_url, "Global Motors")
    at = open_page(ROLLUP, "zh")
    at.button(key="country_rollup.load_example").click().run()
    by_key_suffix(at.number_input, "targets.margin").set_value(31.0).run()
    assert store.worksheet(group.id, "country_rollup", "acct-a").data["targets"]["margin"] == 31
    at = open_tab(at, "l4b.rollup.tab", TOTALS_TAB["zh"])
    assert "低于目标的国家 5 / 5" in shown(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_import_tab_offers_a_csv_upload_in_the_readers_language(lang, database_url):
    with_account(database_url, "Global Motors")
    at = open_tab(open_page(ROLLUP, lang), "l4b.rollup.tab", {"zh": "导入 CSV", "en": "Import a CSV"}[lang])
    assert {"zh": "GBK", "en": "GBK"}[lang] in shown(at)
    assert ("逗号、分号或制表符" if lang == "zh" else "comma, semicolon or tab") in shown(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_blank_programme_meets_no_condition_and_lists_what_to_do(lang, database_url):
    with_account(database_url, "Global Motors")
    at = open_tab(open_page(PROGRAMME, lang), "l4b.programme.tab", CHECKS_TAB[lang])
    text = shown(at)
    assert UNSCORED[lang] in text
    assert ("任命一位对全球方案负责的全球大客户经理" if lang == "zh" else "Name a global account manager") in text


@pytest.mark.parametrize("lang, verdict", [("zh", "可以启动试点"), ("en", "Ready to start the pilot")])
def test_the_programme_example_meets_every_condition(lang, verdict, database_url):
    store, group = with_account(database_url, "Global Motors")
    at = open_page(PROGRAMME, lang)
    at.button(key="global_programme.load_example").click().run()
    at = open_tab(at, "l4b.programme.tab", CHECKS_TAB[lang])
    text = shown(at)
    assert verdict in text and "7 / 7" in text and not at.warning
    assert store.worksheet(group.id, "global_programme", "acct-a").version == 1


def test_naming_the_manager_and_choosing_the_coordination_saves_them_and_meets_two_conditions(database_url):
    store, group = with_account(database_url, "Global Motors")
    at = open_page(PROGRAMME, "en")
    by_key_suffix(at.text_input, ".gam").input("Wang Lei").run()
    by_key_suffix(at.selectbox, ".coordination").set_value("team").run()
    data = store.worksheet(group.id, "global_programme", "acct-a").data
    assert (data["gam"], data["coordination"]) == ("Wang Lei", "team")
    assert "2 of 7 conditions met" in " ".join(str(p.proto.text) for p in at.get("progress"))
    assert any("standing team" in c.value for c in at.caption)


def test_a_phase_saved_without_its_scope_is_listed_as_a_draft(database_url):
    store, group = with_account(database_url, "Global Motors")
    tool, m = TOOLS["global_programme"], TOOLS["global_programme"].method()
    data = gp.from_table(gp.blank_input(m), "phases", ("phase", "scope", "start", "end", "milestone"),
                         [{"phase": "pilot", "start": "2027-01-01"}])
    store.save_worksheet(group.id, tool.id, tool.validate(data, m), 0, "acct-a")
    at = open_tab(open_page(PROGRAMME, "zh"), "l4b.programme.tab", "实施阶段")
    assert any("范围（国家）" in w.value for w in at.warning), [w.value for w in at.warning]


@pytest.mark.parametrize("tool, words", [("country_rollup", ("Germany", "Below target on", "North Corp")),
                                         ("global_programme", ("North Corp", "Ready to start the pilot"))])
def test_the_projector_shows_every_group_on_the_global_tools(tool, words, workshops):
    at = projector_on(workshops, tool)
    assert not at.exception
    tables = " ".join(str(h.proto.body) for h in at.get("html"))
    assert all(w in tables for w in words), tables[:2000]
    assert at.get("plotly_chart")
