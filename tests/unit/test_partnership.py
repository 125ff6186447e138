import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kamcore.methods import partnership as ps

M = ps.method()


def run(data, m=M):
    return ps.evaluate(ps.PartnershipInput.model_validate(data, context={"method": m}), m)


def example():
    return copy.deepcopy(ps.example_input(M))


def test_drivers_16_and_14_decide_on_14_and_facilitators_16_give_type_ii():
    result = run(example())
    assert (result.drivers_us, result.drivers_customer, result.drivers) == (16, 14, 14)
    assert (result.driver_band, result.facilitators, result.facilitator_band) == ("medium", 16, "high")
    assert result.verdict == "type_2" and not result.asymmetry


def test_a_gap_of_4_or_more_raises_a_motivation_asymmetry_warning():
    data = example()
    data["drivers_customer"] = dict.fromkeys(data["drivers_customer"], 3)  # 12 against 16
    result = run(data)
    assert result.asymmetry and result.drivers == 12


def test_drivers_below_8_on_either_side_mean_arms_length():
    data = example()
    data["drivers_customer"] = dict.fromkeys(data["drivers_customer"], 1)
    assert run(data).verdict == "arms_length"


def test_a_trainers_band_override_changes_the_verdict():
    stricter = ps.method({"bands": [{"id": "medium", "min": 15}]})  # 14 is now 'low'
    assert run(example(), stricter).verdict == "type_1"


def test_a_trainers_matrix_cell_override_changes_the_verdict():
    generous = ps.method({"matrix": {"medium": {"high": "type_3"}}})
    assert run(example(), generous).verdict == "type_3"


def test_the_low_low_cell_can_be_made_arms_length():
    data = example()
    data["drivers_us"] = data["drivers_customer"] = dict.fromkeys(data["drivers_us"], 2.5)  # 10: low
    data["facilitators"], data["bonus"] = dict.fromkeys(data["facilitators"], 2.5), []  # 10: low
    assert run(data).verdict == "type_1"
    assert run(data, ps.method({"matrix": {"low": {"low": "arms_length"}}})).verdict == "arms_length"


def test_the_mean_rule_is_a_trainers_alternative_to_the_lower_score():
    result = run(example(), ps.method({"decision_rule": "mean"}))
    assert result.drivers == 15


def test_components_are_compared_with_the_settings_of_the_verdict():
    checks = {c.id: c.status for c in run(example()).components}
    assert checks["communication"] == "match" and checks["joint_planning"] == "below"
    data = example()
    data["components"]["investment"] = "type_3"
    assert {c.id: c.status for c in run(data).components}["investment"] == "above"
    del data["components"]["scope"]
    assert {c.id: c.status for c in run(data).components}["scope"] == "unset"


def test_ticked_cautions_and_unsuited_characteristics_become_warnings():
    data = example() | {"cautions": ["breakdown"], "unsuited": ["price_only"]}
    assert run(data).warnings == ["breakdown", "price_only"]


def test_expected_outcomes_are_kept_with_the_worksheet():
    inp = ps.PartnershipInput.model_validate(example())
    assert inp.expected["sales_growth"].startswith("+15%")


@pytest.mark.parametrize("mutate", [
    pytest.param(lambda d: d["drivers_us"].update(asset_cost=6), id="driver-off-scale"),
    pytest.param(lambda d: d["facilitators"].update(mutuality=0), id="facilitator-off-scale"),
    pytest.param(lambda d: d["bonus"].append("bribery"), id="unknown-bonus"),
    pytest.param(lambda d: d["components"].update(scope="type_9"), id="unknown-setting"),
    pytest.param(lambda d: d["cautions"].append("nope"), id="unknown-caution"),
    pytest.param(lambda d: d["expected"].update(sales_growth="x" * 501), id="long-note"),
    pytest.param(lambda d: d["drivers_us"].update(asset_cost=float("nan")), id="nan"),
])
def test_invalid_input_is_a_validation_error(mutate):
    data = example()
    mutate(data)
    with pytest.raises(ValidationError):
        ps.PartnershipInput.model_validate(data)


@pytest.mark.parametrize("override", [
    {"matrix": {"high": {"high": "type_9"}}},
    {"matrix": {"extra": {"high": "type_1"}}},
    {"bands": [{"id": "none", "min": 2}]},
])
def test_a_bad_override_is_refused(override):
    with pytest.raises(ValidationError):
        ps.method(override)


score = st.integers(1, 5) | st.floats(1, 5)


@settings(max_examples=80)
@given(st.lists(score, min_size=4, max_size=4), st.lists(score, min_size=4, max_size=4),
       st.lists(score, min_size=4, max_size=4), st.sets(st.sampled_from([f.id for f in M.bonus_facilitators])))
def test_every_valid_input_gives_a_known_verdict_and_totals_in_range(us, customer, facilitators, bonus):
    ids = [d.id for d in M.drivers]
    result = run({"drivers_us": dict(zip(ids, us, strict=True)),
                  "drivers_customer": dict(zip(ids, customer, strict=True)),
                  "facilitators": dict(zip([f.id for f in M.facilitators], facilitators, strict=True)),
                  "bonus": sorted(bonus)})
    assert 4 <= result.drivers <= 20 and 4 <= result.facilitators <= 24
    assert result.verdict in {o.id for o in M.outcomes}
