import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kamcore.methods import competition as comp

M = comp.method()


def run(data):
    return comp.evaluate(comp.CompetitionInput.model_validate(data), M)


def example():
    return copy.deepcopy(comp.example_input(M))


def test_weighted_scores_are_us_4_05_a_3_90_b_3_45_and_we_rank_first():
    result = run(example())
    assert {s.name: round(s.score, 2) for s in result.suppliers} == {
        "Us": 4.05, "Competitor A": 3.90, "Competitor B": 3.45}
    assert result.our_rank == 1 and result.mean_weight == 25


def test_the_benefits_fall_into_the_reference_classes():
    classes = {b.id: b.classification for b in run(example()).benefits}
    assert classes == {"quality": "vulnerability", "delivery": "differential_advantage",
                       "price": "minor_weakness", "tech_support": "over_investment"}


def test_gap_and_place_are_measured_against_the_best_competitor_on_each_benefit():
    price = next(b for b in run(example()).benefits if b.id == "price")
    assert price.gap == -2 and price.best_competitor == "comp-b" and price.our_rank == 3


def test_equal_to_the_best_competitor_is_parity():
    data = example()
    data["ratings"]["us"]["quality"] = 5
    assert next(b for b in run(data).benefits if b.id == "quality").classification == "parity"


def test_threat_is_likelihood_times_impact_and_15_or_more_is_a_priority():
    threats = run(example()).threats
    assert [(t.player, t.score, t.priority) for t in threats][:2] == [("Competitor A", 16, True),
                                                                      ("Competitor B", 9, False)]


def test_without_competitors_everything_is_parity_and_we_rank_first():
    data = example() | {"competitors": [], "ratings": {"us": example()["ratings"]["us"]}}
    result = run(data)
    assert result.our_rank == 1 and {b.classification for b in result.benefits} == {"parity"}


def test_the_positioning_statement_is_assembled_from_the_results():
    inp = comp.CompetitionInput.model_validate(example())
    result = comp.evaluate(inp, M)
    slots = comp.suggested_positioning(result, inp, M, "ACME", "en")
    assert slots["competitor"] == "Competitor A" and slots["value"] == "Delivery"
    statement = comp.positioning_statement(slots, inp, M, "en")
    assert statement.startswith("For the plant and purchasing managers") and "better than Competitor A" in statement


def test_a_written_statement_is_kept_as_written():
    data = example()
    data["positioning"]["statement"] = "Our own words."
    inp = comp.CompetitionInput.model_validate(data)
    slots = comp.suggested_positioning(comp.evaluate(inp, M), inp, M, "ACME", "zh")
    assert comp.positioning_statement(slots, inp, M, "zh") == "Our own words."


def test_table_edits_keep_ratings_in_step_with_suppliers_and_benefits():
    data = comp.with_competitors(example(), [{"key": "comp-a", "name": "A"}, {"key": None, "name": "C"}], M)
    assert len(data["ratings"]) == 3 and "comp-b" not in data["ratings"]
    data = comp.with_benefits(data, [{"id": "quality", "name": "", "weight": 60}, {"id": "new", "name": "Speed",
                                                                                    "weight": 40}], M)
    result = run(data)  # nobody is rated on the new benefit yet: no ranking before the ratings
    assert result.suppliers == [] and result.our_rank is None and len(result.unscored) == 3
    for ratings in data["ratings"].values():  # the new competitor C is not rated on anything yet
        ratings.setdefault("quality", 3)
        ratings["new"] = 3
    assert len(run(data).suppliers) == 3


@pytest.mark.parametrize("mutate", [
    pytest.param(lambda d: d["benefits"][0].update(weight=10), id="weights-not-100"),
    pytest.param(lambda d: d["ratings"]["us"].update(quality=6), id="rating-off-scale"),
    pytest.param(lambda d: d["threats"][0].update(likelihood=0), id="threat-off-scale"),
    pytest.param(lambda d: d["threats"][0].update(type="alien"), id="unknown-kind"),
    pytest.param(lambda d: d.update(competitors=[{"key": f"c{i}", "name": "x"} for i in range(7)]), id="seven-rivals"),
    pytest.param(lambda d: d["competitors"].append({"key": "us", "name": "fake us"}), id="competitor-named-us"),
    pytest.param(lambda d: d.update(benefits=[]), id="no-benefits"),
    pytest.param(lambda d: d["ratings"]["us"].update(quality=float("nan")), id="nan"),
    pytest.param(lambda d: d["competitors"][0].update(name="x" * 10_000), id="long-name"),
])
def test_invalid_input_is_a_validation_error(mutate):
    data = example()
    mutate(data)
    with pytest.raises(ValidationError):
        comp.CompetitionInput.model_validate(data)


@settings(max_examples=60)
@given(st.integers(0, 6), st.lists(st.integers(1, 50), min_size=1, max_size=6), st.data())
def test_every_valid_input_gives_ranks_and_classes_in_range(rivals, raw_weights, data):
    from kamcore.engines import scaled_to_total

    benefits = [{"id": f"b{i}", "weight": w} for i, w in enumerate(scaled_to_total(raw_weights))]
    keys = ["us", *(f"c{i}" for i in range(rivals))]
    ratings = {k: {b["id"]: data.draw(st.integers(1, 5) | st.floats(1, 5)) for b in benefits} for k in keys}
    result = run({"benefits": benefits, "competitors": [{"key": k, "name": k} for k in keys[1:]], "ratings": ratings})
    assert 1 <= result.our_rank <= len(keys)
    assert all(1 <= s.score <= 5 for s in result.suppliers)
    assert {b.classification for b in result.benefits} <= set(comp.CLASSES)
