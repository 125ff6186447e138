import pytest
from pydantic import ValidationError

from kamcore.catalog import merge
from kamcore.i18n import LANGS, localized
from kamcore.methods import selection as sel
from kamcore.tools import TOOLS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tool_id", sorted(TOOLS))
def test_every_method_file_loads_and_its_examples_are_valid_input_in_each_language(tool_id, lang):
    tool = TOOLS[tool_id]
    method = tool.method()
    for example in getattr(method, "examples", []):
        tool.run(localized(example.input, lang), method)


def test_merge_changes_dicts_by_key_and_lists_of_items_by_id():
    base = {"a": 1, "items": [{"id": "x", "w": 1}, {"id": "y", "w": 2}], "nested": {"k": 1, "j": 2}}
    change = {"items": [{"id": "y", "w": 5}, {"id": "z", "w": 3}], "nested": {"k": 9}}
    assert merge(base, change) == {"a": 1, "items": [{"id": "x", "w": 1}, {"id": "y", "w": 5}, {"id": "z", "w": 3}],
                                   "nested": {"k": 9, "j": 2}}


def test_an_override_of_a_band_changes_the_verdict():
    data = sel.example_input(sel.method(), "course")  # attractiveness 7.4
    stricter = sel.method({"bands": [{"id": "key_account", "min": 8}]})
    result = sel.evaluate(sel.SelectionInput.model_validate(data, context={"method": stricter}), stricter)
    assert result.accounts[0].band == "watch_list"


def test_an_override_of_a_cut_off_moves_an_account_to_another_quadrant():
    data = sel.example_input(sel.method(), "course")  # strength 7.25
    demanding = sel.method({"portfolio": {"x_cut": 8}})
    result = sel.evaluate(sel.SelectionInput.model_validate(data, context={"method": demanding}), demanding)
    assert result.accounts[0].portfolio == "star"


def test_an_override_of_a_label_changes_only_that_label():
    m = sel.method({"portfolio": {"categories": [{"id": "star", "label": {"zh": "潜力型", "en": "Potential"}}]}})
    assert m.portfolio.category("star").label("en") == "Potential"
    assert m.portfolio.category("strategic").label("en") == "Strategic"


@pytest.mark.parametrize("override", [
    {"attractiveness_criteria": [{"id": "future_sales_profit", "weight": 70}]},  # weights no longer sum to 100
    {"portfolio": {"cells": {"high_high": "nonexistent"}}},
    {"bands": [{"id": "not_key", "min": 1}]},  # no catch-all band left
    {"attractiveness_scale": {"min": 10, "max": 1}},
    {"gate": {"criterion": "no_such_criterion"}},
])
def test_a_bad_override_is_refused_like_a_bad_default(override):
    with pytest.raises(ValidationError):
        sel.method(override)
