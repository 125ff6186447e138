import gc

import pytest

from kamcore.store import Store
from tests.app.conftest import by_key_suffix, open_page, open_tab, widget_metadata
from ui.memory import freeze_after_first_run

PAGE = "pages/selection.py"


@pytest.mark.parametrize("lang, title, band", [("zh", "选客：大客户选择", "观察名单"),
                                               ("en", "Account selection", "Watch list")])
def test_the_page_runs_in_each_language(lang, title, band):
    at = open_page(PAGE, lang)
    assert at.title[0].value == title
    assert any(band in m.value for m in at.markdown)


def test_changing_a_score_changes_the_verdict():
    at = open_page(PAGE, "en")
    assert at.metric[0].value == "6.00"
    by_key_suffix(at.slider, "attractiveness.future_sales_profit").set_value(10).run()
    assert at.metric[0].value == "7.60"
    assert any("Key account" in m.value for m in at.markdown)


def test_the_work_is_there_again_in_a_fresh_session_on_the_same_store(database_url):
    first = open_page(PAGE, "en")
    by_key_suffix(first.slider, "attractiveness.influence").set_value(2).run()
    second = open_page(PAGE, "zh")
    assert by_key_suffix(second.slider, "attractiveness.influence").value == 2
    group = Store(database_url).personal_group()
    assert Store(database_url).worksheet(group.id, "selection").version == 1


def test_a_change_that_changes_nothing_saves_no_new_version(database_url):
    at = open_page(PAGE, "en")
    assert any("Nothing saved yet" in c.value for c in at.caption)
    at.button(key="sel.load_example").click().run()
    at.button(key="sel.load_example").click().run()
    assert any("Saved (version 1" in c.value for c in at.caption)
    group = Store(database_url).personal_group()
    assert Store(database_url).worksheet(group.id, "selection").version == 1


def test_reloading_a_worksheet_leaves_no_widget_metadata_behind():
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


def test_a_second_laptop_saving_over_a_newer_version_gets_a_conflict_and_can_load_it():
    laptop_a, laptop_b = open_page(PAGE, "en"), open_page(PAGE, "en")
    by_key_suffix(laptop_a.slider, "attractiveness.influence").set_value(9).run()
    by_key_suffix(laptop_b.slider, "attractiveness.influence").set_value(1).run()
    assert any("newer version" in w.value for w in laptop_b.warning)
    by_key_suffix(laptop_b.button, "reload").click().run()
    assert by_key_suffix(laptop_b.slider, "attractiveness.influence").value == 9


def test_only_the_open_tab_runs_and_the_results_tab_shows_both_matrices():
    at = open_page(PAGE, "en")
    assert not at.get("plotly_chart")  # the score tab is open: no matrices computed or sent
    open_tab(at, "sel.tab", "Results and matrices")
    assert len(at.get("plotly_chart")) == 2 and not at.exception
