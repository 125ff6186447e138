import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kamcore.engines import (
    Band,
    FitError,
    WeightError,
    band_of,
    check_weights,
    quadrant_of,
    reweighted,
    scaled_to_fit,
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


def test_scaling_to_100_gives_whole_numbers_that_land_exactly_on_100():
    assert scaled_to_total([1, 1, 1]) == [34, 33, 33]
    assert scaled_to_total([50, 50, 50]) == [34, 33, 33]


def test_the_points_left_after_rounding_down_go_to_the_largest_remainders():
    assert scaled_to_total([1, 2, 3]) == [17, 33, 50]  # 16.67 → 17, 33.33 → 33


def test_scaling_to_100_keeps_two_decimals_when_the_method_allows_decimals():
    assert scaled_to_total([50, 50, 50], digits=2) == [33.34, 33.33, 33.33]


def test_a_typed_weight_is_kept_and_the_others_share_the_rest_in_whole_numbers():
    assert scaled_to_fit([50, 20, 20, 20], kept={0}) == [50, 17, 17, 16]
    assert scaled_to_fit([50, 20, 20, 20], kept={0}, digits=2) == [50, 16.67, 16.67, 16.66]


def test_two_typed_weights_are_kept_and_only_the_rest_is_scaled():
    assert scaled_to_fit([40, 30, 20, 20], kept={0, 1}) == [40, 30, 15, 15]


def test_a_share_too_small_for_a_whole_point_still_gets_one_point():
    assert scaled_to_fit([97, 10, 10, 80], kept={0}) == [97, 1, 1, 1]


@pytest.mark.parametrize("weights, kept, reason", [
    ([60, 50, 20], {0, 1}, "kept_too_large"),
    ([100, 20], {0}, "kept_too_large"),
    ([50, 50], {0, 1}, "nothing_to_scale"),
    ([99, 10, 10], {0}, "too_little_left"),
    ([33.5, 10, 10], {0}, "kept_not_whole"),
    ([50, 0, 20], {0}, "not_positive"),
    ([50, math.nan, 20], {0}, "not_positive"),
])
def test_an_impossible_fit_is_refused_with_its_reason(weights, kept, reason):
    with pytest.raises(FitError) as refused:
        scaled_to_fit(weights, kept)
    assert refused.value.reason == reason
    assert isinstance(refused.value, WeightError)


positive_weights = st.lists(st.floats(0.01, 100, allow_nan=False), min_size=1, max_size=20)


@st.composite
def fits(draw):
    """Weights, the indices typed by the reader (kept) summing to under 100, and 0 or 2 decimals."""
    weights = draw(positive_weights)
    kept_count = draw(st.integers(0, len(weights) - 1))
    kept = set(draw(st.permutations(range(len(weights))))[:kept_count])
    room = 100 - len(weights) + kept_count  # leave a point for each weight to be scaled
    typed = draw(st.lists(st.integers(1, 99), min_size=kept_count, max_size=kept_count).filter(
        lambda ws: sum(ws) <= room))
    for index, value in zip(sorted(kept), typed, strict=True):
        weights[index] = value
    return weights, kept, draw(st.sampled_from([0, 2]))


@given(fits())
def test_a_fit_sums_to_exactly_100_and_keeps_what_was_typed(fit):
    weights, kept, digits = fit
    scaled = scaled_to_fit(weights, kept, digits=digits)
    assert math.fsum(scaled) == pytest.approx(100, abs=1e-9)
    assert all(scaled[i] == weights[i] for i in kept)
    assert all(w > 0 for w in scaled)


@given(fits())
def test_whole_number_fits_are_integers(fit):
    weights, kept, _ = fit
    scaled = scaled_to_fit(weights, kept)
    assert all(isinstance(w, int) for i, w in enumerate(scaled) if i not in kept)
    assert sum(scaled) == 100


@given(fits())
def test_each_scaled_weight_is_within_one_unit_of_its_exact_share_when_every_share_reaches_one(fit):
    weights, kept, digits = fit
    unit = 10 ** -digits
    others = [i for i in range(len(weights)) if i not in kept]
    rest = 100 - math.fsum(weights[i] for i in kept)
    share = {i: weights[i] * rest / math.fsum(weights[j] for j in others) for i in others}
    assume(min(share.values()) >= unit)
    scaled = scaled_to_fit(weights, kept, digits=digits)
    assert all(abs(scaled[i] - share[i]) < unit + 1e-9 for i in others)


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


@given(fits())
def test_a_weight_rounded_up_had_at_least_the_remainder_of_any_weight_rounded_down(fit):
    weights, kept, _ = fit
    others = [i for i in range(len(weights)) if i not in kept]
    rest = 100 - math.fsum(weights[i] for i in kept)
    share = {i: weights[i] * rest / math.fsum(weights[j] for j in others) for i in others}
    assume(min(share.values()) >= 1)
    scaled = scaled_to_fit(weights, kept)
    up = [share[i] % 1 for i in others if scaled[i] > share[i] + 1e-9]
    down = [share[i] % 1 for i in others if scaled[i] < share[i] - 1e-9]
    assert not up or not down or min(up) >= max(down) - 1e-9


@pytest.mark.parametrize("tool_id", ["selection", "competition", "purchasing_portfolio"])
def test_methods_scale_weights_to_whole_numbers_unless_they_allow_decimals(tool_id):
    from kamcore.tools import TOOLS

    assert TOOLS[tool_id].method().decimal_weights is False
    assert TOOLS[tool_id].method({"decimal_weights": True}).decimal_weights is True
