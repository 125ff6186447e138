import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamcore.engines import (
    Band,
    WeightError,
    band_of,
    check_weights,
    quadrant_of,
    reweighted,
    scaled_to_total,
    weighted_score,
)


def test_weighted_score_is_sum_of_weight_times_score_over_100():
    assert weighted_score({"a": 40, "b": 20, "c": 20, "d": 20}, {"a": 8, "b": 7, "c": 5, "d": 9}) == pytest.approx(7.4)


@pytest.mark.parametrize("weights, problem", [
    ({"a": 50, "b": 40}, "sum to 100"),
    ({"a": 110, "b": -10}, "positive"),
    ({"a": 100, "b": 0}, "positive"),
    ({"a": math.nan, "b": 100}, "positive"),
    ({}, "at least one"),
])
def test_unusable_weights_are_refused_with_a_clear_message(weights, problem):
    with pytest.raises(WeightError, match=problem):
        check_weights(weights)


def test_a_missing_score_is_refused():
    with pytest.raises(WeightError, match="no score"):
        weighted_score({"a": 50, "b": 50}, {"a": 3})


def test_bands_pick_the_highest_band_reached_and_the_catch_all_otherwise():
    bands = [Band("key", 7), Band("watch", 5), Band("no", None)]
    assert [band_of(v, bands) for v in (7, 6.99, 5, 4.99, 0)] == ["key", "watch", "watch", "no", "no"]


def test_reaching_a_cut_off_counts_as_high():
    assert quadrant_of(5, 5, 5, 5) == "high_high"
    assert quadrant_of(4.9, 5.1, 5, 5) == "low_high"
    assert quadrant_of(6, 1, 5, 5) == "high_low"


def test_shifting_a_weight_rescales_the_others_to_keep_100():
    shifted = reweighted({"a": 40, "b": 30, "c": 30}, "a", 10)
    assert shifted == pytest.approx({"a": 50, "b": 25, "c": 25})
    assert reweighted({"a": 5, "b": 95}, "a", -10) is None
    assert reweighted({"a": 100}, "a", -10) is None


def test_scaling_to_100_rounds_and_lands_exactly_on_100():
    assert math.fsum(scaled_to_total([1, 1, 1])) == 100
    assert scaled_to_total([50, 50, 50]) == pytest.approx([33.34, 33.33, 33.33], abs=0.011)


weights_strategy = st.lists(st.integers(1, 50), min_size=1, max_size=8).map(
    lambda ws: dict(zip([f"c{i}" for i in range(len(ws))], scaled_to_total(ws), strict=True)))


@given(weights_strategy, st.data())
def test_a_weighted_score_stays_within_the_scale(weights, data):
    scores = {k: data.draw(st.floats(1, 10)) for k in weights}
    assert 1 - 1e-9 <= weighted_score(weights, scores) <= 10 + 1e-9


@given(weights_strategy, st.floats(-30, 30))
def test_reweighting_keeps_the_total_at_100(weights, shift):
    key = next(iter(weights))
    changed = reweighted(weights, key, shift)
    if changed is not None:
        assert math.fsum(changed.values()) == pytest.approx(100)
        assert all(w > 0 for w in changed.values())
