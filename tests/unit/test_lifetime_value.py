"""Customer lifetime value: the course's three worked examples, the boundaries (no retention, growth
that offsets discounting, one year), the closed forms against a year-by-year sum, the value as
selection's "future sales and profit" saved through the normal path, and the workbook's live formulas."""

import copy
import math

import pytest
from pydantic import ValidationError

from kamcore.errors import UserError
from kamcore.export.files import group_file
from kamcore.methods import lifetime_value as lv
from kamcore.methods import selection as sel
from kamcore.store import Account
from kamcore.tools import TOOLS
from tests.workbook import recalculated

M = lv.method()
SEL = sel.method()


def figures(**changes):
    data = {"margin": 1_000_000, "cost_to_serve": 0, "team_cost": 0, "retention": 85, "discount": 10, "growth": 0,
            "horizon": None, "acquisition": 0, "convention": "end"}
    return {**data, **changes}


def run(data, m=M):
    return lv.evaluate(lv.LifetimeInput.model_validate(data, context={"method": m}), m)


# ---- the course's worked examples -----------------------------------------------------------------

def test_one_million_a_year_at_85_percent_retention_and_10_percent_is_worth_3_4_million_a_multiple_of_3_4():
    r = run(figures())
    assert r.clv == pytest.approx(3_400_000) and r.multiple == pytest.approx(3.4)


def test_the_same_account_paid_at_the_start_of_each_period_is_worth_4_4_million():
    assert run(figures(convention="start")).clv == pytest.approx(4_400_000)


def test_five_years_growing_10_percent_at_90_percent_retention_are_worth_3_72_million_before_acquisition():
    r = run(figures(retention=90, growth=10, horizon=5, convention="end_current"))
    assert [round(v / 1e6, 3) for v in r.years] == [0.909, 0.818, 0.736, 0.663, 0.596]
    assert r.value == pytest.approx(3_722_818, abs=1)
    assert run(figures(retention=90, growth=10, horizon=5, convention="end_current", acquisition=500_000)).clv \
        == pytest.approx(3_222_818, abs=1)


def test_the_courses_example_takes_the_account_specific_cost_to_serve_and_the_team_cost_off_the_margin():
    data = lv.example_input(M)
    r = run(data)
    assert data["margin"] > r.net_margin == 1_000_000 and r.clv == pytest.approx(3_400_000)
    assert lv.example_input(M, "five_years")["horizon"] == 5


# ---- boundaries ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("convention, expected", [("end", 0), ("start", 1_000_000), ("end_current", 1_000_000 / 1.1)])
def test_with_no_retention_only_the_margin_the_convention_counts_as_certain_is_worth_anything(convention, expected):
    assert run(figures(retention=0, convention=convention)).clv == pytest.approx(expected)


def test_when_retained_growth_exactly_offsets_discounting_every_year_is_worth_the_same_and_the_sum_is_finite():
    # r(1+g) = 1+d: q = 1, so each year is worth m·r/(1+d) and T years T times that
    r = run(figures(retention=100, growth=10, discount=10, horizon=7))
    assert r.years == pytest.approx([1_000_000 / 1.1] * 7) and r.clv == pytest.approx(7 * 1_000_000 / 1.1)


def test_growth_offsetting_discounting_with_no_end_to_the_horizon_is_refused_in_words():
    with pytest.raises(ValidationError) as error:
        lv.LifetimeInput.model_validate(figures(retention=100, growth=10, discount=10), context={"method": M})
    assert error.value.errors()[0]["type"] == "clv_diverges"
    lv.LifetimeInput.model_validate(figures(retention=99, growth=10, discount=10, horizon=None),
                                    context={"method": M})  # q = 0.99: converges


def test_discount_equal_to_growth_below_full_retention_converges_to_m_r_over_one_plus_d_minus_r_one_plus_g():
    r = run(figures(retention=80, growth=5, discount=5))
    assert r.clv == pytest.approx(1_000_000 * 0.8 / (1.05 - 0.8 * 1.05))


@pytest.mark.parametrize("convention, expected", [("end", 850_000 / 1.1), ("start", 1_000_000),
                                                  ("end_current", 1_000_000 / 1.1)])
def test_a_horizon_of_one_year_is_that_years_margin_as_the_convention_times_and_retains_it(convention, expected):
    assert run(figures(horizon=1, convention=convention)).clv == pytest.approx(expected)


@pytest.mark.parametrize("convention", ["end", "start", "end_current"])
@pytest.mark.parametrize("retention, discount, growth", [(85, 10, 0), (90, 8, 5), (60, 12, -10), (95, 3, 2)])
def test_the_closed_forms_equal_the_year_by_year_sum_over_a_long_horizon(convention, retention, discount, growth):
    c = M.convention(convention)
    infinite = lv.multiple(retention, discount, growth, None, c)
    summed = math.fsum(lv.year_values(1, retention, discount, growth, 2000, c))
    assert infinite == pytest.approx(summed, rel=1e-9)
    for years in (1, 5, 30):
        assert lv.multiple(retention, discount, growth, years, c) == pytest.approx(
            math.fsum(lv.year_values(1, retention, discount, growth, years, c)), rel=1e-12)


def test_five_more_points_of_retention_are_worth_the_difference_of_the_two_values():
    r = run(figures())
    assert r.uplift_retention == 90
    assert r.uplift == pytest.approx(1_000_000 * 0.9 / 0.2 - 3_400_000)  # 4.5m − 3.4m
    assert run(figures(retention=98)).uplift_retention == 100


def test_an_uplift_that_would_make_an_endless_value_diverge_is_none_and_so_are_its_curve_points():
    r = run(figures(retention=96, discount=2, growth=5))  # q = 0.96 × 1.05 ÷ 1.02 < 1; at 100 % it is > 1
    assert r.uplift is None and math.isfinite(r.clv)
    assert [p.retention for p in r.curve] == [x for x in M.sensitivity.points() if x * 1.05 < 102]


def test_the_sensitivity_curve_rises_with_retention_and_passes_through_the_accounts_own_value():
    r = run(figures())
    assert [p.retention for p in r.curve] == M.sensitivity.points()
    assert all(a.clv < b.clv for a, b in zip(r.curve, r.curve[1:], strict=False))
    assert next(p.clv for p in r.curve if p.retention == 86) > r.clv > next(p.clv for p in r.curve if p.retention == 84)


def test_a_worksheet_missing_margin_retention_or_discount_is_not_counted_and_names_what_is_missing():
    inp = lv.LifetimeInput.model_validate(lv.blank_input(M), context={"method": M})
    assert lv.counted(inp, M) is None and inp.missing() == ["margin", "retention", "discount"]


def test_an_unknown_convention_is_refused():
    with pytest.raises(ValidationError):
        lv.LifetimeInput.model_validate(figures(convention="monthly"), context={"method": M})


# ---- ranking and the selection score -------------------------------------------------------------------

def test_accounts_rank_by_lifetime_value_and_equal_values_share_a_rank():
    values = [("a", "A", run(figures())), ("b", "B", run(figures(retention=90))), ("c", "C", run(figures()))]
    assert [(r.name, r.rank) for r in lv.ranked(values)] == [("B", 1), ("A", 2), ("C", 2)]


@pytest.mark.parametrize("clv, score", [(-1, 1), (0, 1), (499_999, 1), (500_000, 2), (3_399_999, 5), (3_400_000, 5),
                                        (3_000_000, 5), (2_999_999, 4), (30_000_000, 10), (1e11, 10)])
def test_a_lifetime_value_maps_to_the_score_of_the_first_step_it_reaches(clv, score):
    assert lv.selection_score(clv, M, SEL.attractiveness_scale) == score


def test_the_mapping_criterion_is_one_of_selections_attractiveness_criteria():
    assert M.selection.criterion in [c.id for c in SEL.attractiveness_criteria]


def test_mapping_steps_must_descend():
    with pytest.raises(ValidationError):
        lv.method({"selection": {"criterion": "future_sales_profit",
                                 "steps": [{"min": 1, "score": 2}, {"min": 5, "score": 3}]}})


def test_using_the_value_in_selection_saves_that_score_and_leaves_the_others(workshops):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Acme"))
    north.add_account(Account("acct-b", "Beta"))
    data = sel.with_account_list(sel.blank_input(SEL), [("acct-a", "Acme"), ("acct-b", "Beta")], SEL)
    data["accounts"][0]["attractiveness"] = {"future_sales_profit": 2, "influence": 7}
    north.save("selection", sel.SelectionInput.model_validate(data, context={"method": SEL}), 0)
    assert lv.use_in_selection(north, "acct-a", 3_400_000, M, SEL) == 5
    saved = north.worksheet("selection")
    assert saved.version == 2
    acme, beta = saved.data["accounts"]
    assert acme["attractiveness"] == {"future_sales_profit": 5, "influence": 7} and beta["attractiveness"] == {}
    assert lv.selection_given(north, "acct-a", M) == 5 and lv.selection_given(north, "acct-b", M) is None


def test_using_the_value_before_selection_was_opened_starts_its_worksheet_with_the_groups_accounts(workshops):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Acme"))
    lv.use_in_selection(north, "acct-a", 40_000_000, M, SEL)
    (acme,) = north.worksheet("selection").data["accounts"]
    assert acme["name"] == "Acme" and acme["attractiveness"] == {"future_sales_profit": 10}


def test_a_selection_worksheet_without_the_criterion_refuses_the_value_and_keeps_what_it_has(workshops):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Acme"))
    data = sel.blank_input(SEL)
    data["attractiveness_criteria"] = [{"id": "influence", "name": "", "weight": 100}]
    north.save("selection", sel.SelectionInput.model_validate(data, context={"method": SEL}), 0)
    with pytest.raises(UserError) as error:
        lv.use_in_selection(north, "acct-a", 3_400_000, M, SEL)
    assert error.value.key == "l3a.clv.no_criterion" and north.worksheet("selection").version == 1


# ---- the workbook ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [figures(), figures(convention="start", growth=3, acquisition=250_000),
                                  figures(retention=90, growth=10, horizon=5, convention="end_current"),
                                  figures(retention=100, growth=10, discount=10, horizon=7),
                                  figures(retention=96, discount=2, growth=5)])
def test_the_sheets_value_multiple_uplift_years_and_curve_are_formulas_that_recalculate_to_kamcores(
        data, workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Acme"))
    north.save("lifetime_value", TOOLS["lifetime_value"].validate(copy.deepcopy(data), M), 0, "acct-a")
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    result = run(data)
    assert not wrong
    uplift = 1 if result.uplift is not None else 0
    assert checked == 4 + uplift + len(result.years) + 1 + len(result.curve)


def test_an_incomplete_worksheet_computes_nothing_rather_than_a_value_from_missing_figures():
    r = run({**figures(), "margin": None})
    assert not r.complete and r.curve == [] and r.uplift is None
