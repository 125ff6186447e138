"""The selection tool against the course's worked examples (docs/methodology.md), and its input model under stress."""

import contextlib
import copy
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kamcore.methods import selection as sel

M = sel.method()


def run(data):
    return sel.evaluate(sel.SelectionInput.model_validate(data), M)


def course_example():
    return copy.deepcopy(sel.example_input(M, "course"))


def account(result, name):
    return next(a for a in result.accounts if a.name == name)


def test_course_criteria_give_the_reference_attractiveness_of_7_4_and_a_key_account():
    a = run(course_example()).accounts[0]
    assert a.attractiveness == pytest.approx(7.4)
    assert a.band == "key_account"


def test_csf_scores_give_us_7_25_against_7_00_a_ratio_of_1_04_and_strategic():
    a = run(course_example()).accounts[0]
    assert a.strength == pytest.approx(7.25)
    assert a.competitor_strength == pytest.approx(7.0)
    assert round(a.strength_ratio, 2) == 1.04
    assert a.portfolio == "strategic"


def test_vulnerability_of_3_55_with_attractiveness_7_4_means_defend_first():
    a = run(course_example()).accounts[0]
    assert a.vulnerability == pytest.approx(3.55)
    assert a.vulnerability_quadrant == "defend_first"


def test_portfolio_example_reproduces_6_9_and_puts_one_account_in_each_box():
    result = run(sel.example_input(M, "portfolio"))
    assert account(result, "Account A").attractiveness == pytest.approx(6.9)
    assert {a.name: a.portfolio for a in result.accounts} == {
        "Account A": "strategic", "Account B": "star", "Account C": "status", "Account D": "streamline"}


def test_accounts_are_ranked_by_attractiveness():
    result = run(sel.example_input(M, "portfolio"))
    assert [a.name for a in sorted(result.accounts, key=lambda a: a.rank)] == [
        "Account B", "Account A", "Account C", "Account D"]


def test_financial_security_below_4_flags_the_account_and_caps_it_at_the_watch_list():
    data = course_example()
    data["accounts"][0]["attractiveness"] = {"future_sales_profit": 10, "financial_security": 3,
                                             "mutual_relationship": 10, "influence": 10}
    a = run(data).accounts[0]
    assert a.attractiveness == pytest.approx(8.6)
    assert a.gate_failed and a.band == "watch_list"


def test_the_relationship_stage_is_a_quick_route_onto_the_strength_axis():
    data = course_example()
    data["accounts"][0].update(strength_route="stage", stage=4)
    a = run(data).accounts[0]
    assert a.strength == M.stage(4).score and a.strength_ratio is None


def test_sensitivity_reports_which_weight_shift_flips_a_quadrant():
    data = course_example()
    # 5.2 attractiveness sits just above the cut-off: shifting weight onto a low criterion flips it.
    data["accounts"][0]["attractiveness"] = {"future_sales_profit": 7, "financial_security": 4,
                                             "mutual_relationship": 4, "influence": 4}
    result = run(data)
    flips = [(s.criterion, s.shift) for s in result.sensitivity
             for c in s.changes if c.what == "portfolio" and c.before == "strategic"]
    assert ("future_sales_profit", -10) in flips
    assert ("future_sales_profit", 10) not in flips


def test_a_group_can_add_rename_and_reweight_criteria():
    data = course_example()
    data = sel.with_criteria(data, "attractiveness_criteria", [
        {"id": "future_sales_profit", "name": "Wallet", "weight": 50},
        {"id": "influence", "name": "", "weight": 30},
        {"id": "innovation", "name": "Innovation", "weight": 20},
    ], M)
    [waiting] = run(data).unscored  # a new criterion has no score yet, so no verdict either
    assert waiting.missing == ["attractiveness"] and run(data).accounts == []
    data["accounts"][0]["attractiveness"]["innovation"] = 6
    a = run(data).accounts[0]
    assert [t.id for t in a.attractiveness_terms] == ["future_sales_profit", "influence", "innovation"]
    assert a.attractiveness == pytest.approx((50 * 8 + 30 * 9 + 20 * 6) / 100)


def test_editing_the_accounts_table_keeps_scores_and_adds_blank_accounts():
    data = sel.with_accounts(course_example(), [
        {"key": "acct-a", "name": "A renamed", "revenue": 5, "strength_route": "csf"},
        {"key": None, "name": None, "revenue": None, "strength_route": None},
    ], M, "Account {n}")
    names = [a["name"] for a in data["accounts"]]
    assert names == ["A renamed", "Account 2"]
    result = run(data)
    assert result.accounts[0].attractiveness == pytest.approx(7.4)


# ---- invalid input: always a ValidationError, never a crash ---------------------------------------

def invalid(mutate):
    data = course_example()
    mutate(data)
    return data


@pytest.mark.parametrize("mutate", [
    pytest.param(lambda d: d["attractiveness_criteria"][0].update(weight=50), id="weights-not-100"),
    pytest.param(lambda d: d["attractiveness_criteria"][0].update(weight=-5), id="negative-weight"),
    pytest.param(lambda d: d["accounts"][0]["attractiveness"].update(influence=11), id="score-above-scale"),
    pytest.param(lambda d: d["accounts"][0]["attractiveness"].update(influence=0), id="score-below-scale"),
    pytest.param(lambda d: d["accounts"][0]["vulnerability"].update(renewal_due=math.nan), id="nan-score"),
    pytest.param(lambda d: d["accounts"][0]["csf_us"].update(quality=math.inf), id="infinite-score"),
    pytest.param(lambda d: d.update(attractiveness_criteria=[]), id="no-criteria"),
    pytest.param(lambda d: d["accounts"][0].update(name="x" * 10_000), id="10000-char-name"),
    pytest.param(lambda d: d["accounts"][0].update(name="   "), id="blank-name"),
    pytest.param(lambda d: d["accounts"][0].update(stage=9, strength_route="stage"), id="unknown-stage"),
    pytest.param(lambda d: d["accounts"].append(copy.deepcopy(d["accounts"][0])), id="duplicate-account"),
    pytest.param(lambda d: d.update(surprise=1), id="unknown-field"),
    pytest.param(lambda d: d["accounts"][0].update(revenue="lots"), id="text-revenue"),
])
def test_invalid_input_is_a_validation_error(mutate):
    with pytest.raises(ValidationError):
        sel.SelectionInput.model_validate(invalid(mutate))


def scores(criteria, low, high):
    return st.fixed_dictionaries({c: st.integers(low, high) | st.floats(low, high) for c in criteria})


def valid_inputs():
    attractiveness = [c.id for c in M.attractiveness_criteria]
    strength = [c.id for c in M.strength_factors]
    vulnerability = [c.id for c in M.vulnerability_factors]
    account = st.builds(
        lambda name, rev, a, us, them, v, stage, route: {
            "name": name, "revenue": rev, "attractiveness": a, "csf_us": us, "csf_competitor": them,
            "vulnerability": v, "stage": stage, "strength_route": route},
        st.text(min_size=1, max_size=120).filter(str.strip), st.floats(0, 1e9),
        scores(attractiveness, 1, 10), scores(strength, 0, 10), scores(strength, 0, 10),
        scores(vulnerability, 1, 5), st.integers(1, 5), st.sampled_from(["csf", "stage"]))
    return st.lists(account, min_size=1, max_size=6).map(
        lambda accounts: {**sel.blank_input_criteria(M), "accounts": accounts})


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(valid_inputs())
def test_every_valid_input_gives_results_in_range(data):
    result = run(data)
    for a in result.accounts:
        assert 1 - 1e-9 <= a.attractiveness <= 10 + 1e-9
        assert 0 - 1e-9 <= a.strength <= 10 + 1e-9
        assert 1 - 1e-9 <= a.vulnerability <= 5 + 1e-9
        assert 1 <= a.rank <= len(result.accounts)
        assert a.portfolio in {"strategic", "star", "status", "streamline"}
        assert a.band in {b.id for b in M.bands}


@settings(max_examples=80)
@given(st.recursive(st.none() | st.booleans() | st.floats(allow_nan=True) | st.text(max_size=20),
                    lambda children: (st.lists(children, max_size=4)
                                      | st.dictionaries(st.text(max_size=10), children, max_size=4)),
                    max_leaves=20))
def test_arbitrary_json_is_refused_cleanly(data):
    with contextlib.suppress(ValidationError):  # anything but a ValidationError fails the test
        sel.SelectionInput.model_validate(data)
