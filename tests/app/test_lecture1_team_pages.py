"""Lecture 1's organisation and team pages: organisation choice, team profiles and the 2+1+1 training plan."""

import pytest

from kamcore.store import PORTFOLIO, Store
from kamcore.tools import TOOLS
from tests.app.conftest import browser_group, by_key_suffix, menu, open_page, open_tab

TOOLS_HERE = ("organisation_choice", "team_profiles", "training_plan")
UNSCORED = {"zh": "尚未评分", "en": "Not scored yet"}


def page(tool_id):
    return f"app_pages/{tool_id}.py"


def shown(at) -> str:
    return " ".join(e.value for kind in ("markdown", "caption", "success", "warning", "error", "info")
                    for e in at.get(kind)) + " ".join(str(m.value) for m in at.metric)


def save(database_url, tool_id, data):
    store = Store(database_url)
    group = browser_group(store)
    tool = TOOLS[tool_id]
    store.save_worksheet(group.id, tool_id, tool.validate(data), 0, PORTFOLIO)
    return store, group


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tool_id", TOOLS_HERE)
def test_each_page_runs_in_each_language_and_says_not_scored_yet(tool_id, lang, database_url):
    at = open_page(page(tool_id), lang)
    assert at.title[0].value == TOOLS[tool_id].method().title(lang)
    if tool_id == "team_profiles":
        at = open_tab(at, "team.tab", {"zh": "差距", "en": "Gaps"}[lang])
    assert UNSCORED[lang] in shown(at)
    assert TOOLS[tool_id].name(lang) in menu(at)


@pytest.mark.parametrize(("lang", "words"), [
    ("zh", ("独立大客户团队", "4 + 5 + 4 + 3 + 4 + 4 = 24 (≥ 23)", "大客户矩阵")),
    ("en", ("Independent key-account team", "= 24 (≥ 23)", "within a point"))])
def test_the_worked_example_shows_24_points_an_independent_team_and_why(lang, words, database_url):
    at = open_page(page("organisation_choice"), lang)
    at.button(key="organisation_choice.load_example").click().run()
    assert all(word in shown(at) for word in words), shown(at)


def test_scoring_the_six_factors_of_an_account_group_saves_them_and_gives_its_structure(database_url):
    store, group = save(database_url, "organisation_choice",
                        {"segments": [{"key": "g1", "name": "Retail chains", "scores": {}}]})
    at = open_page(page("organisation_choice"), "en")
    assert "Not scored yet" in shown(at)
    for factor, score in zip(("centralised_buying", "dispersion", "business_units", "coordination", "importance",
                              "account_count"), (3, 3, 2, 2, 2, 2), strict=True):
        by_key_suffix(at.pills, f"scores.{factor}").set_value(score).run()
    assert ">Regional responsibility<" in shown(at) and "3 + 3 + 2 + 2 + 2 + 2 = 14 (≤ 14)" in shown(at)
    assert store.worksheet(group.id, "organisation_choice").data["segments"][0]["scores"]["importance"] == 2


def test_the_courses_duties_for_the_adopted_structure_fill_the_roles_checklist(database_url):
    store, group = save(database_url, "organisation_choice", TOOLS["organisation_choice"].example(
        TOOLS["organisation_choice"].method()) | {"duties": [], "adopted": "matrix"})
    at = open_tab(open_page(page("organisation_choice"), "zh"), "org.tab", "角色和职责")
    by_key_suffix(at.button, "fill_duties").click().run()
    items = {d["item"] for d in store.worksheet(group.id, "organisation_choice").data["duties"]}
    assert "kam_dotted" in items and "mgmt_team" not in items
    assert "大客户经理" in shown(at) and "保留 " in shown(at)


def test_the_new_chart_starts_from_the_adopted_structures_template_and_both_charts_are_drawn(database_url):
    store, group = save(database_url, "organisation_choice", TOOLS["organisation_choice"].example(
        TOOLS["organisation_choice"].method()) | {"after": []})
    at = open_tab(open_page(page("organisation_choice"), "en"), "org.tab", "Organisation chart")
    by_key_suffix(at.button, "template").click().run()
    after = store.worksheet(group.id, "organisation_choice").data["after"]
    assert {u["key"] for u in after} >= {"kad", "kam_a", "ss"}
    assert len(at.get("plotly_chart")) == 2 and not at.exception


def test_the_team_example_shows_the_gaps_per_person_and_per_role(database_url):
    at = open_page(page("team_profiles"), "zh")
    at.button(key="team_profiles.load_example").click().run()
    at = open_tab(at, "team.tab", "差距")
    assert "王磊：跨越界限建立关系的技能低于目标 2 分" in shown(at)
    assert len(at.get("plotly_chart")) == 3  # one per role


def test_rating_a_person_on_their_roles_dimensions_saves_the_ratings(database_url):
    store, group = save(database_url, "team_profiles",
                        {"people": [{"key": "p1", "name": "Li", "role": "sales_support", "scores": {}}]})
    at = open_page(page("team_profiles"), "en")
    for dimension, score in (("height", 2), ("professionalism", 4), ("efficiency", 5)):
        by_key_suffix(at.pills, f"scores.{dimension}").set_value(score).run()
    assert store.worksheet(group.id, "team_profiles").data["people"][0]["scores"] == {
        "height": 2, "professionalism": 4, "efficiency": 5}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plan_lists_the_profile_gaps_not_planned_and_adds_their_three_steps(lang, database_url):
    profiles = TOOLS["team_profiles"]
    store, group = save(database_url, "team_profiles", profiles.example(profiles.method(), lang=lang))
    at = open_page(page("training_plan"), lang)
    assert {"zh": "没有找到课程“2+1+1”的公开定义", "en": "No published definition"}[lang] in shown(at)
    assert {"zh": "6 个差距", "en": "6 gap(s)"}[lang] in shown(at)
    by_key_suffix(at.button, "add_steps").click().run()
    rows = store.worksheet(group.id, "training_plan").data["rows"]
    assert len(rows) == 18 and {r["phase"] for r in rows} == {"learn", "apply", "review"}
    assert {"zh": "0 / 18", "en": "0 / 18"}[lang] in shown(at)
