import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kamcore.canvas import canvas_html
from kamcore.methods import value_proposition as vp

M = vp.method()


def run(data):
    return vp.evaluate(vp.ValuePropositionInput.model_validate(data), M)


def example():
    return copy.deepcopy(vp.example_input(M))


def hint_rules(result):
    return {(h.rule, h.quadrant, h.item) for h in result.hints}


def test_the_course_example_passes_every_check_and_is_worth_1_2m_a_year():
    result = run(example())
    assert result.score == 100 and result.hints == [] and result.balanced
    assert result.yearly_economic_value == pytest.approx(1_200_000)
    assert result.mix == {"functional": 0, "economic_quantified": 1, "economic_unquantified": 0, "psychological": 3}


def test_a_q1_item_without_a_number_and_unit_is_not_quantified():
    data = example()
    data["q1"][0].update(number=None)
    result = run(data)
    assert ("q1_quantified", "q1", 1) in hint_rules(result)
    assert result.mix["economic_unquantified"] == 1 and not result.balanced
    assert result.yearly_economic_value == 0


def test_an_empty_q3_means_a_one_sided_proposition():
    data = example()
    data["q3"] = []
    result = run(data)
    assert ("empty", "q3", None) in hint_rules(result)
    assert "one-sided" in M.quadrant("q3").empty_hint("en")
    assert not result.balanced


def test_a_q4_item_without_an_owner_on_both_sides_cannot_be_tracked():
    data = example()
    data["q4"][0]["owner_customer"] = ""
    assert ("q4_trackable", "q4", 1) in hint_rules(run(data))


def test_the_score_is_the_sum_of_the_points_each_rule_earns():
    data = example()
    data["q3"] = []
    result = run(data)
    missing = sum(r.points for r in M.rules if r.id in ("q3_present", "q3_measurable"))
    assert result.score == pytest.approx(100 * (1 - missing / sum(r.points for r in M.rules)))
    assert {o.rule for o in result.rules} == {r.id for r in M.rules}


def test_money_units_are_added_up_per_year():
    data = example()
    data["q1"].append({"statement": "less scrap", "value_type": "economic", "number": 10000, "unit": "cny_per_month",
                       "basis": "x"})
    data["q1"].append({"statement": "faster", "value_type": "functional", "number": 5, "unit": "percent", "basis": "y"})
    assert run(data).yearly_economic_value == pytest.approx(1_200_000 + 120_000)


def test_blank_rows_are_not_items():
    assert run({"q1": [{"statement": ""}], "q2": [{}], "q3": [], "q4": []}).mix["psychological"] == 0


def test_each_empty_quadrant_gets_exactly_one_hint():
    result = run(vp.blank_input())
    assert [(h.rule, h.quadrant) for h in result.hints] == [("empty", q) for q in vp.QUADRANTS]


def test_the_printable_canvas_escapes_what_participants_typed():
    data = example()
    data["q2"][0]["measure"] = "<script>alert(1)</script>"
    inp = vp.ValuePropositionInput.model_validate(data)
    page = canvas_html(inp, vp.evaluate(inp, M), M, "zh", "<b>ACME</b>")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;ACME" in page
    assert "第一象限" in page


@pytest.mark.parametrize("data", [
    {"q1": [{"statement": "x" * 301}]},
    {"q1": [{"statement": "x", "number": float("nan")}]},
    {"q1": [{"statement": "x", "value_type": "psychological"}]},
    {"q2": [{"measure": "x", "surprise": 1}]},
    {"q1": "not a list"},
])
def test_invalid_input_is_a_validation_error(data):
    with pytest.raises(ValidationError):
        vp.ValuePropositionInput.model_validate(data)


text = st.text(max_size=40)
items = {
    "q1": st.fixed_dictionaries({"statement": text, "value_type": st.sampled_from(["functional", "economic"]),
                                 "metric": text, "number": st.none() | st.floats(-1e9, 1e9),
                                 "unit": st.sampled_from(["", *(u.id for u in M.units)]), "basis": text}),
    "q2": st.fixed_dictionaries({"measure": text, "by_whom": text, "frequency": text}),
    "q3": st.fixed_dictionaries({"commitment": text, "amount": text, "duration": text}),
    "q4": st.fixed_dictionaries({"kpi": text, "frequency": text, "owner_us": text, "owner_customer": text}),
}


@settings(max_examples=60)
@given(st.fixed_dictionaries({q: st.lists(s, max_size=4) for q, s in items.items()}))
def test_every_valid_input_scores_between_0_and_100(data):
    result = run(data)
    assert 0 <= result.score <= 100
    assert all(0 <= o.satisfied <= 1 for o in result.rules)
