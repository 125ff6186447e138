import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kamcore.methods import purchasing_portfolio as pp

M = pp.method()


def run(data, m=M):
    return pp.evaluate(pp.PurchasingInput.model_validate(data, context={"method": m}), m)


def example():
    return copy.deepcopy(pp.example_input(M))


def test_precision_bearings_score_4_33_and_3_67_and_are_a_strategic_item():
    bearings = next(i for i in run(example()).items if i.key == "bearings")
    assert round(bearings.profit_impact, 2) == 4.33 and round(bearings.supply_risk, 2) == 3.67
    assert bearings.quadrant == "strategic"


def test_the_example_has_one_item_in_each_quadrant():
    assert {i.key: i.quadrant for i in run(example()).items} == {
        "bearings": "strategic", "packaging": "non_critical", "steel": "leverage", "sensors": "bottleneck"}


def test_our_view_of_the_account_is_a_supplier_preferencing_box():
    data = example()
    assert run(data).our_view == "exploitable"
    data["our_view"] = {"attractiveness": 4, "business_value": 4}
    assert run(data).our_view == "core"


def test_a_customer_seeing_us_as_strategic_while_we_exploit_it_is_a_clash_with_a_prompt():
    result = run(example())
    assert [(c.item, c.customer_view, c.our_view) for c in result.clashes] == [("bearings", "strategic", "exploitable")]
    assert "exploitable" in pp.clash_prompt(result.clashes[0], M).en


def test_only_our_items_can_clash():
    data = example()
    data["items"][0]["ours"] = False
    assert run(data).clashes == []


def test_a_trainers_cut_off_override_moves_an_item():
    demanding = pp.method({"kraljic": {"y_cut": 4.5}})
    assert next(i for i in run(example(), demanding).items if i.key == "bearings").quadrant == "bottleneck"


def test_table_edits_keep_scores_and_add_new_items_not_scored_yet():
    data = pp.with_items(example(), [{"key": "bearings", "name": "Bearings", "ours": True},
                                     {"key": None, "name": "", "ours": None}], M, "Item {n}")
    assert [i["name"] for i in data["items"]] == ["Bearings", "Item 2"]
    result = run(data)
    assert [i.name for i in result.items] == ["Bearings"] and result.unscored == [data["items"][1]["key"]]


@pytest.mark.parametrize("mutate", [
    pytest.param(lambda d: d["items"][0]["profit"].update(volume=6), id="off-scale"),
    pytest.param(lambda d: d.update(items=[]), id="no-items"),
    pytest.param(lambda d: d["profit_factors"][0].update(weight=50), id="weights-not-100"),
    pytest.param(lambda d: d["our_view"].update(attractiveness=9), id="view-off-scale"),
    pytest.param(lambda d: d["items"].append(copy.deepcopy(d["items"][0])), id="duplicate-item"),
    pytest.param(lambda d: d["items"][0].update(name="x" * 10_000), id="long-name"),
])
def test_invalid_input_is_a_validation_error(mutate):
    data = example()
    mutate(data)
    with pytest.raises(ValidationError):
        pp.PurchasingInput.model_validate(data)


@settings(max_examples=60)
@given(st.lists(st.tuples(st.booleans(), st.lists(st.integers(1, 5), min_size=10, max_size=10)),
                min_size=1, max_size=5),
       st.integers(1, 5), st.integers(1, 5))
def test_every_valid_input_gives_scores_on_the_scale_and_known_quadrants(items, attractiveness, value):
    data = pp.blank_input(M, "x")
    profit_ids, risk_ids = [f["id"] for f in data["profit_factors"]], [f["id"] for f in data["risk_factors"]]
    data["items"] = [{"key": f"i{n}", "name": f"item {n}", "ours": ours,
                      "profit": dict(zip(profit_ids, scores[:4], strict=True)),
                      "risk": dict(zip(risk_ids, scores[4:], strict=True))} for n, (ours, scores) in enumerate(items)]
    data["our_view"] = {"attractiveness": attractiveness, "business_value": value}
    result = run(data)
    assert all(1 <= i.profit_impact <= 5 and 1 <= i.supply_risk <= 5 for i in result.items)
    assert {i.quadrant for i in result.items} <= {"strategic", "leverage", "bottleneck", "non_critical"}
