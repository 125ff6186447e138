"""Lecture 2's analysis pages (target-account analysis, relationship map, self-analysis, SPIN planner), in
both languages: each runs, shows its results from the worked example, reads the other tools' work for the
same account instead of asking for it again, and the observer's taps are kept in the store."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.methods import buying_centre as bc
from kamcore.methods import value_proposition as vp
from kamcore.tools import TOOLS
from tests.app.conftest import menu, open_page, open_tab, shown, with_account

PAGES = {"account_analysis": "app_pages/account_analysis.py", "buying_centre": "app_pages/buying_centre.py",
         "self_analysis": "app_pages/self_analysis.py", "value_strategy": "app_pages/value_strategy.py"}
TITLES = {"account_analysis": {"zh": "目标大客户的基础分析", "en": "Target-account analysis"},
          "buying_centre": {"zh": "关系策略：采购决策参与者与关系图", "en": "Buying centre and relationship map"},
          "self_analysis": {"zh": "企业自身分析", "en": "Self-analysis"},
          "value_strategy": {"zh": "价值策略：SPIN 提问计划", "en": "Value strategy and SPIN planner"}}


def save_example(store, group, tool_id, lang="en"):
    tool = TOOLS[tool_id]
    m = tool.method()
    store.save_worksheet(group.id, tool_id, tool.validate(tool.example(m, lang=lang), m), 0, "acct-a")


def example(at: AppTest, tool_id: str) -> AppTest:
    return at.button(key=f"{tool_id}.load_example").click().run()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tool", list(PAGES))
def test_each_page_runs_in_each_language_with_its_name_in_the_navigation(tool, lang, database_url):
    with_account(database_url, "East China Precision")
    at = open_page(PAGES[tool], lang)
    assert at.title[0].value == TITLES[tool][lang]
    assert TOOLS[tool].name(lang) in menu(at)
    assert at.selectbox(key="account").value == "acct-a"


@pytest.mark.parametrize("lang, words", [
    ("en", ("Basic information · 5 / 5", "Purchasing analysis · 2 / 3", "Information sources · 3 / 5",
            "Share of wallet 30%")),
    ("zh", ("基本信息 · 5 / 5", "采购分析 · 2 / 3", "信息源 · 3 / 5", "钱包份额 30%")),
])
def test_the_analysis_example_shows_each_parts_completeness_and_the_share_of_wallet(lang, words, database_url):
    store, group = with_account(database_url, "East China Precision")
    at = example(open_page(PAGES["account_analysis"], lang), "account_analysis")
    at = open_tab(at, "l2a.analysis.tab", {"zh": "完成度", "en": "Completeness"}[lang])
    text = shown(at) + " ".join(str(p.proto.text) for p in at.get("progress"))
    assert all(w in text for w in words), text
    assert store.worksheet(group.id, "account_analysis", "acct-a").version == 1


def test_a_stale_source_is_flagged_on_the_sources_tab(database_url):
    store, group = with_account(database_url, "East China Precision")
    save_example(store, group, "account_analysis")
    at = open_tab(open_page(PAGES["account_analysis"], "en"), "l2a.analysis.tab", "Sources")
    assert any("Inside the account" in w.value and "180 days" in w.value for w in at.warning)


def test_the_analysis_counts_the_relationship_maps_people_without_typing_them_again(database_url):
    store, group = with_account(database_url, "East China Precision")
    save_example(store, group, "account_analysis")
    save_example(store, group, "buying_centre")
    at = open_tab(open_page(PAGES["account_analysis"], "en"), "l2a.analysis.tab", "Completeness")
    assert "The relationship map has 6 people for this account, 4 of them reached." in shown(at)


@pytest.mark.parametrize("lang, words", [
    ("en", ("Point → **Surface** → Body", "Key people (influence 4 or more) we do not reach: Mr Wang, Ms Sun",
            "1. **Mr Wang**")),
    ("zh", ("点 → **面** → 体", "我们还没接触到的关键人物：王总、孙总", "1. **王总**")),
])
def test_the_relationship_maps_gaps_level_and_next_contacts_top_down(lang, words, database_url):
    store, group = with_account(database_url, "East China Precision")
    at = example(open_page(PAGES["buying_centre"], lang), "buying_centre")
    at = open_tab(at, "l2a.centre.tab", {"zh": "缺口与下一步", "en": "Gaps and next contacts"}[lang])
    text = shown(at) + " ".join(m.value for m in at.markdown)
    assert all(w in text for w in words), text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_relationship_map_draws_the_organisation_with_our_owners(lang, database_url):
    store, group = with_account(database_url, "East China Precision")
    save_example(store, group, "buying_centre", lang)
    at = open_tab(open_page(PAGES["buying_centre"], lang), "l2a.centre.tab", {"zh": "关系图", "en": "Map"}[lang])
    (figure,) = at.get("plotly_chart")
    spec = json.dumps(json.loads(figure.proto.spec), ensure_ascii=False)
    assert {"zh": "我方", "en": "Our side"}[lang] in spec and {"zh": "张经理", "en": "Zhang (KAM)"}[lang] in spec


@pytest.mark.parametrize("lang, words", [("en", ("History 1 won, 1 lost", "Mean relationship 3.3",
                                                 "Resources committed 1 / 3")),
                                        ("zh", ("历史 赢 1 单，丢 1 单", "关系平均分 3.3", "已承诺的资源 1 / 3"))])
def test_the_self_analysis_example_shows_its_record_relationship_and_commitments(lang, words, database_url):
    with_account(database_url, "East China Precision")
    at = example(open_page(PAGES["self_analysis"], lang), "self_analysis")
    at = open_tab(at, "l2a.self.tab", {"zh": "关系评估", "en": "Relationship"}[lang])
    text = shown(at)
    assert all(w in text for w in words), text
    assert any({"zh": "高层", "en": "Top management"}[lang] in w.value for w in at.warning)


@pytest.mark.parametrize("lang, words", [
    ("en", ("Mr Zhao: S 1 · P 1 · I 1 · N 1 · Balanced", "Mr Wang: S 2 · P 0 · I 0 · N 0 · More than 50%")),
    ("zh", ("赵经理：S 1 · P 1 · I 1 · N 1 · 平衡", "王总：S 2 · P 0 · I 0 · N 0 · 背景问题超过 50%")),
])
def test_the_spin_plan_is_checked_for_balance_per_contact(lang, words, database_url):
    with_account(database_url, "East China Precision")
    at = example(open_page(PAGES["value_strategy"], lang), "value_strategy")
    text = shown(at)
    assert all(w in text for w in words), text


def test_the_pain_points_and_contacts_come_from_the_value_proposition_and_the_relationship_map(database_url):
    store, group = with_account(database_url, "East China Precision")
    save_example(store, group, "value_proposition")
    save_example(store, group, "buying_centre")
    at = open_page(PAGES["value_strategy"], "en")
    assert "Contacts come from the relationship map" in shown(at)
    at = open_tab(at, "l2a.spin.tab", "Pain points")
    m = vp.method()
    first = vp.ValuePropositionInput.model_validate(vp.example_input(m), context={"method": m}).q1[0].statement
    assert "From the group's value proposition" in shown(at) and any(first in md.value for md in at.markdown)
    assert not at.get("arrow_data_frame")  # nothing to type again


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tap_of_the_observer_is_saved_and_survives_a_reload(lang, database_url):
    store, group = with_account(database_url, "East China Precision")
    tab = {"zh": "观察员", "en": "Observer"}[lang]
    at = open_tab(open_page(PAGES["value_strategy"], lang), "l2a.spin.tab", tab)
    implication = next(b for b in at.button if b.key and b.key.endswith(".tap.implication"))
    implication.click().run()
    next(b for b in at.button if b.key and b.key.endswith(".tap.implication")).click().run()
    next(b for b in at.button if b.key and b.key.endswith(".tap.benefit")).click().run()
    saved = store.worksheet(group.id, "value_strategy", "acct-a").data["observed"]
    assert saved["counts"] == {"implication": 2} and saved["moves"] == {"benefit": 1}
    again = open_tab(open_page(PAGES["value_strategy"], lang), "l2a.spin.tab", tab)
    label = next(b for b in again.button if b.key and b.key.endswith(".tap.implication")).label
    assert label.endswith("· 2"), label
    next(b for b in again.button if b.key and b.key.endswith(".untap")).click().run()
    assert store.worksheet(group.id, "value_strategy", "acct-a").data["observed"]["moves"] == {"benefit": 0}


def test_the_stopwatch_runs_from_the_store_and_stops_with_the_time_kept(database_url):
    store, group = with_account(database_url, "East China Precision")
    at = open_tab(open_page(PAGES["value_strategy"], "en"), "l2a.spin.tab", "Observer")
    next(b for b in at.button if b.key and b.key.endswith(".watch")).click().run()
    assert store.worksheet(group.id, "value_strategy", "acct-a").data["observed"]["started"]
    next(b for b in at.button if b.key and b.key.endswith(".watch")).click().run()
    observed = store.worksheet(group.id, "value_strategy", "acct-a").data["observed"]
    assert observed["started"] is None and observed["elapsed"] >= 0


def test_the_plan_and_the_role_play_are_compared_by_type_with_the_coachs_flags(database_url):
    store, group = with_account(database_url, "East China Precision")
    save_example(store, group, "value_strategy")
    at = open_tab(open_page(PAGES["value_strategy"], "en"), "l2a.spin.tab", "Plan and role-play")
    assert "(I+N)/(S+P) 0.08" in shown(at)
    assert any("No advance agreed" in w.value for w in at.warning) and at.get("plotly_chart")


def test_a_buying_centre_person_of_the_example_reaches_the_target_contacts_another_tool_reads(database_url):
    store, group = with_account(database_url, "East China Precision")
    save_example(store, group, "buying_centre")
    m = bc.method()
    record = bc.BuyingCentreInput.model_validate(store.worksheet(group.id, "buying_centre", "acct-a").data,
                                                 context={"method": m})
    assert [c.name for c in bc.target_contacts(record, m.high_influence)] == ["Mr Wang", "Ms Li", "Ms Sun"]


def test_resetting_the_observer_clears_the_tally_and_the_stopwatch_and_keeps_the_plan(database_url):
    store, group = with_account(database_url, "East China Precision")
    save_example(store, group, "value_strategy")
    at = open_tab(open_page(PAGES["value_strategy"], "en"), "l2a.spin.tab", "Observer")
    assert store.worksheet(group.id, "value_strategy", "acct-a").data["observed"]["counts"]["situation"] == 8
    next(b for b in at.button if b.key and b.key.endswith(".watch_reset")).click().run()
    saved = store.worksheet(group.id, "value_strategy", "acct-a").data
    observed = saved["observed"]
    assert (observed["counts"], observed["moves"], observed["elapsed"], observed["outcome"]) == ({}, {}, 0, None)
    assert len(saved["questions"]) == 6
