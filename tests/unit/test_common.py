"""The pieces every method module shares: the spec base, the method in validation context, scores
by id, competition ranking, text limits and the value-proposition quadrant fields."""

import datetime

import pandas as pd
import pytest
from pydantic import ValidationError

from kamcore.engines import competition_rank
from kamcore.kinds.base import KindSpec
from kamcore.methods import purchasing_portfolio as pp
from kamcore.methods import value_proposition as vp
from kamcore.methods.common import (
    LONG_NOTE_CHARS,
    SHORT_TEXT_CHARS,
    MethodSpec,
    Scale,
    as_date,
    check_scores,
    iso_day,
)
from kamcore.tools import TOOLS


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    values = [7.0, 9.0, 7.0, 5.0]
    assert [competition_rank(v, values) for v in values] == [2, 1, 2, 4]


def test_scores_are_kept_for_the_ids_in_use_only_and_an_unscored_id_stays_absent():
    assert check_scores({"a": 3, "b": 4, "gone": 5}, ["a", "b", "c"], Scale(min=1, max=5), "x") == {"a": 3, "b": 4}


def test_a_score_off_the_scale_is_refused_naming_where_and_which():
    with pytest.raises(Exception) as caught:
        check_scores({"a": 6}, ["a"], Scale(min=1, max=5), "Acme")
    assert caught.value.type == "score_off_scale" and caught.value.context["criterion"] == "a"
    assert caught.value.context["where"] == "Acme"


@pytest.mark.parametrize("tool_id", list(TOOLS))
def test_every_tools_method_is_a_method_spec_for_that_tool(tool_id):
    m = TOOLS[tool_id].method()
    assert isinstance(m, KindSpec if TOOLS[tool_id].kind else MethodSpec) and m.tool == tool_id
    assert m.title("zh") and m.exercise_prompt("en") and m.examples


def test_the_method_in_the_validation_context_is_the_one_an_input_is_checked_against():
    data = pp.example_input(pp.method()) | {"our_view": {"attractiveness": 4, "business_value": 4}}
    pp.PurchasingInput.model_validate(data)  # on the default 1–5 scale
    narrow = pp.method({"preferencing_scale": {"min": 1, "max": 3}})
    with pytest.raises(ValidationError, match="outside 1–3"):
        pp.PurchasingInput.model_validate(data, context={"method": narrow})


@pytest.mark.parametrize("quadrant", vp.QUADRANTS)
def test_each_quadrants_fields_are_the_same_in_its_model_and_its_declaration(quadrant):
    fields = vp.QUADRANT_FIELDS[quadrant]
    assert tuple(vp.ITEM_MODELS[quadrant].model_fields) == fields
    assert quadrant == "q1" or fields == vp.TEXT_FIELDS[quadrant]


def test_a_q4_item_is_trackable_only_with_every_declared_field_filled():
    full = dict.fromkeys(vp.TEXT_FIELDS["q4"], "x")
    m = vp.method()
    for missing in vp.TEXT_FIELDS["q4"]:
        inp = vp.ValuePropositionInput.model_validate({"q4": [full, {**full, missing: ""}]})
        rule = next(r for r in vp.evaluate(inp, m).rules if r.rule == "q4_trackable")
        assert rule.satisfied == 0.5, missing


def test_text_limits_follow_what_the_text_is():
    vp.ValuePropositionInput.model_validate({"q2": [{"measure": "x" * SHORT_TEXT_CHARS}]})
    with pytest.raises(ValidationError):
        vp.ValuePropositionInput.model_validate({"q2": [{"measure": "x" * (SHORT_TEXT_CHARS + 1)}]})
    assert LONG_NOTE_CHARS > SHORT_TEXT_CHARS


@pytest.mark.parametrize("cell, day", [
    ("2026-11-29", "2026-11-29"), ("2026-11-29T08:30:00", "2026-11-29"),
    (datetime.date(2026, 11, 29), "2026-11-29"), (datetime.datetime(2026, 11, 29, 8, 30), "2026-11-29"),
    (pd.Timestamp("2026-11-29 08:30"), "2026-11-29"),
    (None, None), ("", None), (float("nan"), None), (pd.NaT, None), ("next week", None)])
def test_a_tables_date_cell_reads_as_a_day_whatever_the_editor_hands_back(cell, day):
    assert iso_day(cell) == day
    assert as_date(cell) == (datetime.date.fromisoformat(day) if day else None)
