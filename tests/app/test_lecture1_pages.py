"""The opening diagnosis, the account types and natures, and the congruence model pages, in both
languages: what a group sees, what it saves, and where the pages lead."""

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.store import PORTFOLIO, Account, Store
from kamcore.tools import TOOLS
from tests.app.conftest import APP, browser_group, by_key_suffix, open_page, open_tab

PAGES = {"diagnosis": "app_pages/diagnosis.py", "account_types": "app_pages/account_types.py",
         "congruence": "app_pages/congruence.py"}
TITLES = {
    "diagnosis": {"zh": "前言：大客户开发管理现状诊断",
                  "en": "Opening diagnosis: where our key account management stands"},
    "account_types": {"zh": "大客户的5种基本类型与关系的3种性质", "en": "Key-account types and relationship natures"},
    "congruence": {"zh": "大客户管理相合性模型", "en": "KAM congruence model"},
}
UNSCORED = {"zh": "尚未评分", "en": "Not scored yet"}


def shown(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "success", "warning", "error", "info")
                    for e in at.get(kind)) + " " + " ".join(str(m.value) for m in at.metric)


def links(at) -> list[str]:
    return [link.label for link in at.get("page_link")]


def with_account(database_url, *names):
    store = Store(database_url)
    group = browser_group(store)
    store.upsert_accounts(group.id, [Account(f"k{n}", name) for n, name in enumerate(names or ("ACME",))])
    return store, group


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tool", sorted(PAGES))
def test_the_page_runs_in_each_language_and_judges_nothing_before_the_group_has(tool, lang, database_url):
    with_account(database_url)
    at = open_page(PAGES[tool], lang)
    assert at.title[0].value == TITLES[tool][lang]
    if tool == "account_types":
        assert at.radio[0].value is None and at.radio[1].value is None
        assert {"zh": "尚未分类", "en": "not tagged yet"}[lang] in shown(at)
    else:
        assert UNSCORED[lang] in shown(at)


# ---- congruence -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, words", [("en", ("Organisation structure and Strategy", "holds the strategy back")),
                                         ("zh", ("相差 2", "拖了战略的后腿"))])
def test_scoring_the_course_example_shows_two_gaps_on_the_radar_and_saves_each_score(lang, words, database_url):
    store, group = with_account(database_url)
    at = open_page(PAGES["congruence"], lang)
    for element, score in (("strategy", 4), ("structure", 2), ("people", 3), ("systems", 2)):
        by_key_suffix(at.pills, f"scores.{element}").set_value(score).run()
    assert at.metric[1].value == "2"
    assert words[1] in shown(at) and len(at.get("plotly_chart")) == 1
    assert store.worksheet(group.id, "congruence", PORTFOLIO).data["scores"] == {
        "strategy": 4, "structure": 2, "people": 3, "systems": 2}


def test_a_score_without_its_justification_is_named_and_the_justification_saves(database_url):
    store, group = with_account(database_url)
    at = open_page(PAGES["congruence"], "en")
    by_key_suffix(at.pills, "scores.strategy").set_value(4).run()
    assert "Scored without a justification: Strategy" in shown(at)
    by_key_suffix(at.text_input, "note.notes.strategy").input("A written plan").run()
    assert "without a justification" not in shown(at)
    assert store.worksheet(group.id, "congruence", PORTFOLIO).data["notes"] == {"strategy": "A written plan"}


def test_the_priorities_start_with_structure_and_keep_the_groups_own_action(database_url):
    store, group = with_account(database_url)
    at = open_page(PAGES["congruence"], "en")
    at.button(key="congruence.load_example").click().run()
    at = open_tab(at, "congruence.tab", "Priorities")
    texts = shown(at)
    assert texts.index("1. Organisation structure") < texts.index("2. Systems and processes")
    by_key_suffix(at.text_input, "action.actions.structure").input("Pilot a key account matrix in Q1").run()
    assert store.worksheet(group.id, "congruence", PORTFOLIO).data["actions"] == {
        "structure": "Pilot a key account matrix in Q1"}
    # structure's own tool (organisation_choice) is linked once registered; systems' tools are linked now
    assert links(at).count("Value proposition") == 1 and links(at).count("Competitive ranking") == 1
    if "organisation_choice" in TOOLS:
        assert links(at).count(TOOLS["organisation_choice"].name("en")) == 1


# ---- opening diagnosis ---------------------------------------------------------------------------------

def test_rating_a_whole_round_shows_where_the_company_is_stuck_and_the_tools_for_it(database_url):
    store, group = with_account(database_url)
    at = open_page(PAGES["diagnosis"], "zh")
    for item in ("preparation", "development", "maintenance", "global", "get_in", "grow"):
        by_key_suffix(at.pills, f"scores.{item}").set_value(4).run()
    assert "已评 6 / 7" in shown(at)
    by_key_suffix(at.pills, "scores.keep").set_value(2).run()
    assert "留不住" in shown(at) and "以下评分还没有依据" in shown(at)
    assert links(at).count("合作伙伴关系模型") == 1 and links(at).count("采购产品分类模型") == 1
    by_key_suffix(at.text_input, "evidence.rounds.start.evidence.keep").input("每年流失一个大客户").run()
    saved = store.worksheet(group.id, "diagnosis", PORTFOLIO).data["rounds"]["start"]
    assert saved["scores"]["keep"] == 2 and saved["evidence"] == {"keep": "每年流失一个大客户"}


def test_the_end_of_course_round_is_kept_beside_the_start_and_the_change_is_shown(database_url):
    store, group = with_account(database_url)
    at = open_page(PAGES["diagnosis"], "en")
    at.button(key="diagnosis.load_example").click().run()
    at.segmented_control(key="diagnosis.round").set_value("end").run()
    assert "Global account management" in shown(at) and "Stuck where rated 2 or lower" in shown(at)
    at = open_tab(at, "diagnosis.tab", "Start vs end")
    table = at.dataframe[0].value
    assert list(table["Change"]) == ["+1", "±0", "+1", "±0", "±0", "+1", "+1"]
    assert "Changed since the start: Preparation +1" in shown(at)


def test_the_actions_tab_links_the_tools_the_groups_actions_name(database_url):
    store, group = with_account(database_url)
    data = {"rounds": {}, "actions": [{"key": "a1", "text": "Redo the account list", "item": "preparation",
                                       "tool": "selection", "owner": "Li"},
                                      {"key": "a2", "text": "", "item": "keep", "tool": "partnership", "owner": ""}]}
    store.save_worksheet(group.id, "diagnosis", TOOLS["diagnosis"].validate(data), 0, PORTFOLIO)
    at = open_tab(open_page(PAGES["diagnosis"], "en"), "diagnosis.tab", "Actions")
    labels = links(at)  # the page's own links (the menu is st.navigation's, not page links)
    assert labels.count("Account selection") == 1
    assert labels.count("Partnership model") == 0  # the draft without its text links nothing yet
    assert "Cannot keep" in shown(at)  # the draft is named by what it is for


# ---- account types and natures --------------------------------------------------------------------------

@pytest.mark.parametrize("lang, caption", [("en", "Invest for the reference value"), ("zh", "为参考价值投入")])
def test_each_option_shows_its_definition_examples_and_investment_beside_the_choice(lang, caption, database_url):
    with_account(database_url)
    at = open_page(PAGES["account_types"], lang)
    assert any(caption in c for c in at.radio[0].proto.captions)
    assert {"zh": "课程没有公开的类型和性质清单", "en": "No published list"}[lang] in shown(at)


def test_tagging_an_account_saves_it_and_the_portfolio_counts_it(database_url):
    store, group = with_account(database_url, "ACME", "Globex")
    at = open_page(PAGES["account_types"], "en")
    at.radio[0].set_value("strategic").run()
    assert store.worksheet(group.id, "account_types", PORTFOLIO).data["accounts"][0]["type"] == "strategic"
    at.radio[1].set_value("partnership").run()
    at = open_tab(at, "types.tab", "Portfolio")
    assert "Most of your accounts are **Strategic account × Strategic partnership**" in shown(at)
    overview = at.dataframe[0].value
    assert list(overview["Type"]) == ["Strategic account", "—"]


def test_the_case_example_brings_its_accounts_into_the_groups_list(database_url):
    store, group = with_account(database_url, "Apple")
    at = open_page(PAGES["account_types"], "zh")
    at.button(key="account_types.load_example").click().run()
    names = sorted(a.name for a in store.accounts(group.id))
    assert names == sorted(["Apple", "苹果", "元平台", "亚马逊", "微软", "谷歌"])
    assert len(store.worksheet(group.id, "account_types", PORTFOLIO).data["accounts"]) == 5


# ---- the projector, through the registry ------------------------------------------------------------------

@pytest.mark.parametrize("tool_id, lang, words", [
    ("congruence", "en", ("Trainer's reference", "Organisation structure, Systems and processes")),
    ("diagnosis", "zh", ("全班卡在哪里", "全球大客户管理")),
    ("account_types", "en", ("Accounts tagged", "Influential (reference) account × Strategic partnership")),
])
def test_the_projector_sets_every_group_side_by_side(tool_id, lang, words, workshops):
    workshop, token = workshops.create("KAM", lang, "2468")
    tool = TOOLS[tool_id]
    for name in ("North", "South"):
        group = workshops.join(workshop.code, name)
        group.save(tool_id, tool.validate(tool.example(tool.method(), lang=lang)), 0, PORTFOLIO)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "p": token, "lang": lang})
    at.run()
    at.switch_page("app_pages/projector.py").run()
    at.session_state["projector.tool"] = tool_id
    at.run()
    assert not at.exception
    tables = " ".join([str(h.proto.body) for h in at.get("html")] + [h.value for h in at.subheader])
    assert "North" in tables and "South" in tables and words[1] in tables
    (chart,) = at.get("plotly_chart")
    assert words[0] in chart.proto.spec or words[0] in tables


def test_the_trainers_revealed_model_answer_joins_the_groups_radar(workshops):
    from ui import session

    workshop, _ = workshops.create("KAM", "en", "2468")
    tool = TOOLS["congruence"]
    answer = tool.validate({"scores": {"strategy": 5, "structure": 4, "people": 4, "systems": 3}})
    workshops.trainer_workspace(workshop).save("congruence", answer, 0)
    group = workshops.join(workshop.code, "North")
    group.save("congruence", tool.validate(tool.example(tool.method())), 0)

    def radar_names():
        session._resolve.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update({"w": workshop.code, "g": group.group.token, "lang": "en"})
        at.run()
        at.switch_page(PAGES["congruence"]).run()
        assert not at.exception
        (chart,) = at.get("plotly_chart")
        return [name for name in ("Trainer's reference", "Our company", "Trainer (model answer)")
                if f'"name":"{name}"' in chart.proto.spec]

    assert radar_names() == ["Trainer's reference", "Our company"]
    workshops.update_settings(workshop, reveals={"congruence": True})
    assert radar_names() == ["Trainer's reference", "Our company", "Trainer (model answer)"]
