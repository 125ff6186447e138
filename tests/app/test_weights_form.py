"""The criteria-and-weights form: the total follows each edit, a total other than 100 is not saved
but keeps what was typed, and the other weights can be scaled around it."""

import re

import pytest

from kamcore.i18n import t
from kamcore.store import Account, Store
from tests.app.conftest import browser_group, by_key_suffix, open_page, open_tab

SELECTION = "app_pages/selection.py"
CRITERIA_TAB = {"zh": "标准与权重", "en": "Criteria and weights"}
SCORE_TAB = {"zh": "评分", "en": "Score"}


UNCHANGED = [40, 20, 20, 20]  # the method's attractiveness weights


@pytest.fixture(autouse=True)
def an_account(database_url):
    """The group has an account, so the selection page shows its tabs."""
    store = Store(database_url)
    store.add_account(browser_group(store).id, Account("acct-1", "ACME"))


def criteria_page(lang: str):
    return open_tab(open_page(SELECTION, lang), "sel.tab", CRITERIA_TAB[lang])


def editor_key(at, name: str) -> str:
    keys = [k for k in at.session_state if re.search(rf"\.weights\.{name}\.editor\.\d+$", k)]
    assert len(keys) == 1, keys
    return keys[0]


def type_weights(at, name: str, weights: dict[int, float]):
    """What typing into the weight cells does: the editor's edit state, then a rerun."""
    at.session_state[editor_key(at, name)] = {
        "edited_rows": {row: {"weight": weight} for row, weight in weights.items()},
        "added_rows": [], "deleted_rows": []}
    return at.run()


def press(at, name: str, action: str):
    return by_key_suffix(at.button, f"weights.{name}.{action}").click().run()


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def saved_weights(database_url, tool="selection", field="attractiveness_criteria", account=None):
    store = Store(database_url)
    args = (browser_group(store).id, tool) + ((account,) if account else ())
    sheet = store.worksheet(*args)
    return sheet and [c["weight"] for c in sheet.data[field]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_total_follows_a_typed_weight_before_anything_is_saved(lang, database_url):
    at = criteria_page(lang)
    assert t(lang, "criteria.total", total="100") in captions(at)
    type_weights(at, "attractiveness_criteria", {0: 50})
    assert t(lang, "criteria.total", total="110") in captions(at)
    assert t(lang, "weights.unsaved") in captions(at)
    assert saved_weights(database_url) in (None, UNCHANGED)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_saving_a_total_other_than_100_keeps_the_typed_weight_and_names_the_list_by_its_title(lang, database_url):
    at = type_weights(criteria_page(lang), "attractiveness_criteria", {0: 50})
    key = editor_key(at, "attractiveness_criteria")
    press(at, "attractiveness_criteria", "save")
    messages = " ".join(m.value for m in [*at.warning, *at.error])
    assert t(lang, "weights.not_100", what=t(lang, "weights.lists.attractiveness_criteria"), total="110") in messages
    assert "attractiveness_criteria" not in messages
    assert editor_key(at, "attractiveness_criteria") == key  # the same editor, with its edit
    assert at.session_state[key]["edited_rows"] == {0: {"weight": 50}}
    assert t(lang, "criteria.total", total="110") in captions(at)
    assert saved_weights(database_url) in (None, UNCHANGED)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_keeping_the_typed_weight_scales_the_others_to_whole_numbers_summing_to_100(lang, database_url):
    at = type_weights(criteria_page(lang), "attractiveness_criteria", {0: 50})
    press(at, "attractiveness_criteria", "save")
    press(at, "attractiveness_criteria", "scale")
    assert saved_weights(database_url) == [50, 17, 17, 16]
    assert not at.warning and not at.error
    assert t(lang, "criteria.total", total="100") in captions(at)
    assert t(lang, "weights.unsaved") not in captions(at)


def test_two_changed_weights_are_both_kept_and_only_the_others_are_scaled(database_url):
    at = type_weights(criteria_page("en"), "attractiveness_criteria", {0: 30, 1: 40})
    press(at, "attractiveness_criteria", "scale")
    assert saved_weights(database_url) == [30, 40, 15, 15]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_typed_weights_reaching_100_alone_are_refused_in_words_and_stay(lang, database_url):
    at = type_weights(criteria_page(lang), "attractiveness_criteria", {0: 100})
    press(at, "attractiveness_criteria", "scale")
    refusal = t(lang, "weights.refused.kept_too_large", what=t(lang, "weights.lists.attractiveness_criteria"),
                kept="100")
    assert any(refusal in e.value for e in at.error)
    assert t(lang, "criteria.total", total="160") in captions(at)
    assert saved_weights(database_url) in (None, UNCHANGED)


def test_a_total_of_100_saves_and_the_table_is_redrawn_from_the_store(database_url):
    at = type_weights(criteria_page("en"), "attractiveness_criteria", {0: 30, 1: 30})
    press(at, "attractiveness_criteria", "save")
    assert saved_weights(database_url) == [30, 30, 20, 20]
    assert at.session_state[editor_key(at, "attractiveness_criteria")]["edited_rows"] == {}
    assert "Total weight: 100" in captions(at)


def test_a_typed_weight_is_still_there_after_visiting_another_tab(database_url):
    at = type_weights(criteria_page("en"), "attractiveness_criteria", {0: 50})
    open_tab(at, "sel.tab", SCORE_TAB["en"])
    open_tab(at, "sel.tab", CRITERIA_TAB["en"])
    assert "Total weight: 110" in captions(at)
    press(at, "attractiveness_criteria", "scale")
    assert saved_weights(database_url) == [50, 17, 17, 16]


def test_saving_one_list_keeps_the_unsaved_edit_of_another(database_url):
    at = type_weights(criteria_page("en"), "attractiveness_criteria", {0: 50})
    type_weights(at, "strength_factors", {0: 40, 1: 20})
    press(at, "strength_factors", "save")
    assert saved_weights(database_url, field="strength_factors") == [40, 20, 20, 20]
    assert "Total weight: 110" in captions(at)
    press(at, "attractiveness_criteria", "scale")
    assert saved_weights(database_url) == [50, 17, 17, 16]


def test_a_weight_left_empty_is_asked_for_by_the_lists_title(database_url):
    at = type_weights(criteria_page("en"), "attractiveness_criteria", {0: None})
    press(at, "attractiveness_criteria", "save")
    assert any("every criterion in Attractiveness criteria needs a weight" in w.value for w in at.warning)
    assert saved_weights(database_url) in (None, UNCHANGED)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_competitions_benefit_weights_are_explained_by_title_and_scaled_around_the_typed_one(lang, database_url):
    at = open_page("app_pages/competition.py", lang)
    open_tab(at, "comp.tab", t(lang, "comp.tab_ranking"))
    type_weights(at, "benefits", {0: 40})  # 35 25 20 20 → 40 …: 105
    press(at, "benefits", "save")
    assert any(t(lang, "weights.lists.benefits") in w.value and "105" in w.value for w in at.warning)
    press(at, "benefits", "scale")
    assert saved_weights(database_url, "competition", "benefits", "acct-1") == [40, 23, 19, 18]
