"""Lecture 4's pages in both languages: the global drivers (a declared matrix), global account
selection (selection's page over the global method) and the global contract checklist (a declared
checklist)."""

import pytest

from kamcore.store import PORTFOLIO, Account, Store
from kamcore.tools import TOOLS
from tests.app.conftest import browser_group, by_key_suffix, menu, open_page, open_tab

KIND_PAGE = "app_pages/kind.py"
SELECTION_PAGE = "app_pages/global_selection.py"
UNSCORED = {"zh": "尚未评分", "en": "Not scored yet"}


def shown(at) -> str:
    return " ".join(e.value for kind in ("markdown", "caption", "success", "warning", "error", "info")
                    for e in at.get(kind)) + " ".join(str(m.value) for m in at.metric)


@pytest.fixture
def group(database_url):
    store = Store(database_url)
    group = browser_group(store)
    store.upsert_accounts(group.id, [Account("acct-a", "ACME")])
    return store, group


# ---- global drivers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, axis, driver", [
    ("zh", "外部驱动因素（客户拉动）", "全球采购系统"),
    ("en", "External drivers (customer pull)", "Global purchasing systems")])
def test_the_drivers_page_shows_both_axes_and_the_eight_drivers_unscored_in_each_language(lang, axis, driver, group):
    at = open_page(KIND_PAGE, lang, url="global_drivers")
    assert at.title[0].value == TOOLS["global_drivers"].method().title(lang)
    assert axis in [h.value for h in at.subheader] and UNSCORED[lang] in shown(at)
    assert len([p for p in at.pills if ".scores." in (p.key or "")]) == 8
    assert any(p.label.startswith(driver) for p in at.pills)
    assert TOOLS["global_drivers"].name(lang) in menu(at)


@pytest.mark.parametrize("lang, verdict", [("zh", "建议启动全球大客户计划"), ("en", "Global programme recommended")])
def test_scoring_the_drivers_on_both_cut_offs_recommends_the_programme_and_saves_the_evidence(lang, verdict, group):
    store, g = group
    at = open_page(KIND_PAGE, lang, url="global_drivers")
    scores = {"local_support_short": 4, "information_systems": 4, "global_purchasing": 3, "global_operations": 3,
              "opportunity": 3, "weak_subsidiaries": 3, "gam_system": 3, "infrastructure": 3}
    for driver, score in scores.items():
        by_key_suffix(at.pills, f"scores.{driver}").set_value(score).run()
    evidence = by_key_suffix(at.text_input, "note.notes.global_purchasing")
    assert evidence.placeholder == TOOLS["global_drivers"].method().note_label(lang)
    evidence.set_value("Shanghai hub").run()
    assert verdict in shown(at) and [m.value for m in at.metric] == ["3.50", "3.00"]
    assert at.get("plotly_chart")
    saved = store.worksheet(g.id, "global_drivers", "acct-a").data
    assert saved["scores"] == scores and saved["notes"] == {"global_purchasing": "Shanghai hub"}


def test_an_internal_mean_just_below_3_shows_customer_pulled_but_supplier_not_ready(group):
    at = open_page(KIND_PAGE, "en", url="global_drivers")
    for driver in ("local_support_short", "information_systems", "global_purchasing", "global_operations"):
        by_key_suffix(at.pills, f"scores.{driver}").set_value(5).run()
    for driver, score in (("opportunity", 3), ("weak_subsidiaries", 3), ("gam_system", 3), ("infrastructure", 2)):
        by_key_suffix(at.pills, f"scores.{driver}").set_value(score).run()
    assert "Customer-pulled but supplier not ready" in shown(at) and "2.75" in shown(at)


# ---- global account selection -------------------------------------------------------------------------

@pytest.mark.parametrize("lang, title, criterion", [
    ("zh", "选择目标全球大客户", "全球集中采购比例"),
    ("en", "Global account selection", "Share of purchasing centralised")])
def test_the_global_selection_page_names_the_global_criteria_and_scores_them_in_each_language(lang, title, criterion,
                                                                                             group):
    at = open_page(SELECTION_PAGE, lang)
    assert at.title[0].value == title and UNSCORED[lang] in shown(at)
    assert criterion in " ".join(c.value for c in at.caption)
    assert any(p.label.startswith(criterion) for p in at.pills)
    assert not at.exception


@pytest.mark.parametrize("lang, names, category", [("zh", ("汽车集团", "家电公司", "能源企业"), "战略型客户"),
                                                   ("en", ("Auto group", "Appliance maker", "Energy company"),
                                                    "Strategic")])
def test_the_global_example_becomes_the_groups_accounts_and_is_saved_apart_from_selection(lang, names, category,
                                                                                          group):
    store, g = group
    at = open_page(SELECTION_PAGE, lang)
    at.button(key="gsel.load_example").click().run()
    assert not at.exception
    assert set(names) <= {a.name for a in store.accounts(g.id)}
    saved = store.worksheet(g.id, "global_selection", PORTFOLIO).data
    assert [c["id"] for c in saved["attractiveness_criteria"]][-3:] == ["countries", "centralised_purchasing",
                                                                         "coverage"]
    assert store.worksheet(g.id, "selection", PORTFOLIO) is None
    results = open_tab(at, "gsel.tab", at.tabs[1].label)
    assert category in " ".join(str(df.value.to_dict()) for df in results.dataframe)
    assert results.get("plotly_chart")


# ---- global contract checklist ------------------------------------------------------------------------

@pytest.mark.parametrize("lang, term", [("zh", "退出条款：期限、终止与过渡"),
                                       ("en", "Exit: term, termination, transition")])
def test_the_contract_page_lists_the_seven_terms_and_has_no_count_before_a_status(lang, term, group):
    at = open_page(KIND_PAGE, lang, url="global_terms")
    assert at.title[0].value == TOOLS["global_terms"].method().title(lang)
    table = at.get("data_editor")[0].value
    assert len(table) == 7 and term in table["text"].tolist() and table["status"].isna().all()
    assert UNSCORED[lang] in shown(at)


@pytest.mark.parametrize("lang, done", [("zh", "2 / 7"), ("en", "2 / 7")])
def test_the_contract_example_shows_two_of_seven_terms_settled(lang, done, group):
    store, g = group
    at = open_page(KIND_PAGE, lang, url="global_terms")
    at.button(key="global_terms.load_example").click().run()
    assert not at.exception and done in shown(at)
    assert len(store.worksheet(g.id, "global_terms", "acct-a").data["rows"]) == 7
