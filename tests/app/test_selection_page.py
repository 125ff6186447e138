import gc

import pytest

from kamcore.store import Account, Store
from tests.app.conftest import browser_group, by_key_suffix, open_page, open_tab, widget_metadata
from ui.memory import freeze_after_first_run

PAGE = "app_pages/selection.py"


@pytest.fixture
def account(database_url):
    """The group has one account: the selection page scores it."""
    store = Store(database_url)
    store.add_account(browser_group(store).id, Account("acct-1", "Account 1"))


def score_everything(at, value: int = 6):
    """Pick a score for every criterion of the chosen account (vulnerability is on a 1–5 scale)."""
    for pills in at.pills:
        if ".score.accounts." in (pills.key or ""):
            pills.set_value(3 if ".vulnerability." in pills.key else value)
    return at.run()


@pytest.mark.parametrize("lang, title, unscored, verdicts", [
    ("zh", "选客：大客户选择", "尚未评分", ("战略型客户", "优先防守")),  # 观察名单 is in the method text
    ("en", "Account selection", "Not scored yet", ("Watch list", "Strategic", "Defend first"))])
def test_a_fresh_group_sees_not_scored_yet_and_no_verdict(lang, title, unscored, verdicts, account):
    at = open_page(PAGE, lang)
    assert at.title[0].value == title
    texts = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert unscored in texts
    assert not any(v in texts for v in verdicts) and not at.metric
    assert all(p.value is None for p in at.pills if ".score." in (p.key or ""))  # no score picked for them


def test_the_results_tab_of_a_fresh_group_names_the_unscored_account_and_draws_no_matrix(account):
    at = open_tab(open_page(PAGE, "en"), "sel.tab", "Results and matrices")
    assert any("Not scored yet" in i.value and "Account 1" in i.value for i in at.info)
    assert not at.get("plotly_chart") and not at.exception


def test_picking_the_mid_scale_on_purpose_gives_the_verdict(account):
    at = score_everything(open_page(PAGE, "en"))
    assert at.metric[0].value == "6.00"
    assert not any("Not scored yet" in m.value for m in at.markdown)


def test_changing_a_score_changes_the_verdict(account):
    at = score_everything(open_page(PAGE, "en"))
    assert at.metric[0].value == "6.00"
    by_key_suffix(at.pills, "attractiveness.future_sales_profit").set_value(10).run()
    assert at.metric[0].value == "7.60"
    assert any("Key account" in m.value for m in at.markdown)


def test_the_work_is_there_again_in_a_fresh_session_on_the_same_store(database_url, account):
    first = open_page(PAGE, "en")
    by_key_suffix(first.pills, "attractiveness.influence").set_value(2).run()
    second = open_page(PAGE, "zh")
    assert by_key_suffix(second.pills, "attractiveness.influence").value == 2
    group = browser_group(Store(database_url))
    assert Store(database_url).worksheet(group.id, "selection").data["accounts"][0]["attractiveness"]["influence"] == 2


def test_a_change_that_changes_nothing_saves_no_new_version(database_url):
    at = open_page(PAGE, "en")
    assert any("Nothing saved yet" in c.value for c in at.caption)
    at.button(key="sel.load_example").click().run()
    at.button(key="sel.load_example").click().run()
    assert any("Saved (version 1" in c.value for c in at.caption)
    group = browser_group(Store(database_url))
    assert Store(database_url).worksheet(group.id, "selection").version == 1


def test_reloading_a_worksheet_leaves_no_widget_metadata_behind(account):
    at = open_page(PAGE, "en")
    at.button(key="sel.load_example").click().run()
    widgets = len(widget_metadata(at))
    for _ in range(3):  # each reload redraws every widget under a new key
        at.button(key="sel.load_example").click().run()
    assert len(widget_metadata(at)) <= widgets


def test_a_pages_first_run_moves_the_loaded_objects_out_of_the_collectors_way():
    freeze_after_first_run.clear()
    gc.unfreeze()
    open_page(PAGE, "en")
    assert gc.get_freeze_count() > 10_000


def test_loading_the_course_example_shows_strategic_and_defend_first():
    at = open_page(PAGE, "en")
    at.button(key="sel.load_example").click().run()
    assert at.metric[0].value == "7.40"
    texts = " ".join(m.value for m in at.markdown)
    assert "Strategic" in texts and "Defend first" in texts


def test_two_laptops_changing_different_scores_both_keep_their_change(database_url, account):
    laptop_a, laptop_b = open_page(PAGE, "en"), open_page(PAGE, "en")
    by_key_suffix(laptop_a.pills, "attractiveness.influence").set_value(9).run()
    by_key_suffix(laptop_b.pills, "attractiveness.financial_security").set_value(2).run()
    assert not any("same field" in w.value for w in laptop_b.warning)
    saved = Store(database_url).worksheet(browser_group(Store(database_url)).id, "selection").data
    assert saved["accounts"][0]["attractiveness"]["influence"] == 9
    assert saved["accounts"][0]["attractiveness"]["financial_security"] == 2
    assert by_key_suffix(laptop_b.pills, "attractiveness.influence").value == 9


def test_the_same_score_changed_on_two_laptops_shows_both_values_and_keeps_mine_in_one_click(database_url, account):
    laptop_a, laptop_b = open_page(PAGE, "en"), open_page(PAGE, "en")
    by_key_suffix(laptop_a.pills, "attractiveness.influence").set_value(9).run()
    by_key_suffix(laptop_b.pills, "attractiveness.influence").set_value(1).run()
    assert any("changed the same field" in w.value for w in laptop_b.warning)
    shown = [m.value for m in laptop_b.markdown]
    assert any("Account 1 · Attractiveness scores · Influence" in m and "yours 1" in m and "theirs 9" in m
               for m in shown)
    assert by_key_suffix(laptop_b.pills, "attractiveness.influence").value == 1  # still on screen
    by_key_suffix(laptop_b.button, "top.keep_mine").click().run()
    saved = Store(database_url).worksheet(browser_group(Store(database_url)).id, "selection").data
    assert saved["accounts"][0]["attractiveness"]["influence"] == 1
    assert not any("same field" in w.value for w in laptop_b.warning)


def test_taking_theirs_shows_the_other_laptops_value(account):
    laptop_a, laptop_b = open_page(PAGE, "en"), open_page(PAGE, "en")
    by_key_suffix(laptop_a.pills, "attractiveness.influence").set_value(9).run()
    by_key_suffix(laptop_b.pills, "attractiveness.influence").set_value(1).run()
    [beside] = [b for b in laptop_b.button if ".beside." in (b.key or "") and b.key.endswith("take_theirs")]
    beside.click().run()  # the panel under the score itself, where a phone's screen is
    assert by_key_suffix(laptop_b.pills, "attractiveness.influence").value == 9
    assert not any("same field" in w.value for w in laptop_b.warning)


def test_a_group_without_accounts_is_asked_to_name_one_and_then_scores_it(database_url):
    at = open_page(PAGE, "en")
    assert any("Which key account" in m.value for m in at.markdown) and not at.metric
    at.text_input(key="accounts.new_name").input("Globex")
    at.button(key="accounts.create").click().run()
    assert by_key_suffix(at.pills, "attractiveness.influence") is not None


def test_only_the_open_tab_runs_and_the_results_tab_shows_both_matrices(account):
    at = open_page(PAGE, "en")
    at.button(key="sel.load_example").click().run()
    assert not at.get("plotly_chart")  # the score tab is open: no matrices computed or sent
    open_tab(at, "sel.tab", "Results and matrices")
    assert len(at.get("plotly_chart")) == 2 and not at.exception
