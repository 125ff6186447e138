"""The six-element account strategy: each element's presence, the SMART letters, the positioning statement
assembled from the other tools, the points, and what performance monitoring reads of it."""

import datetime as dt

import pytest
from pydantic import ValidationError

from kamcore.methods import account_strategy as st
from kamcore.methods import competition as comp
from kamcore.methods import value_proposition as vp
from kamcore.methods.sources import read

M = st.method()
TEMPLATE = M.positioning_template("en")


def example() -> dict:
    return st.example_input(M, lang="en")


def check(data: dict, sources: st.Sources | None = None) -> st.StrategyResult:
    inp = st.StrategyInput.model_validate(data, context={"method": M})
    return st.evaluate_with(inp, M, sources or st.Sources(), "en")


def element(r: st.StrategyResult, element_id: str) -> st.ElementCheck:
    return next(e for e in r.elements if e.id == element_id)


def objective(**fields) -> st.Objective:
    base = {"key": "o", "statement": "Raise share", "metric": "share_of_wallet", "focus": "expand", "baseline": 30,
            "target": 45, "unit": "%", "due": "2027-12-31"}
    return st.Objective.model_validate(base | fields)


# ---- the checker, on the course's worked example -------------------------------------------------------

def test_the_worked_example_alone_scores_six_of_ten_and_says_positioning_and_resources_are_missing():
    r = check(example())
    assert (r.points, r.possible) == (6, 10)  # 4 elements + 2 SMART objectives, no positioning point
    assert r.missing == ["positioning", "resources"]
    assert r.unagreed == ["r2"] and element(r, "resources").notes == ["unagreed"]


def test_the_worked_example_budget_totals_twelve_million_revenue_and_two_point_four_contribution():
    r = check(example())
    assert r.totals == {"revenue": 12_000_000, "costs": 9_600_000, "contribution": 2_400_000, "investment": 300_000}
    assert r.contribution["b1"] == 500_000 and r.actions_cost == 320_000


def test_with_the_course_competition_and_value_proposition_the_example_scores_eight_of_ten():
    records = {"competition": comp.example_input(comp.method(), lang="en"),
               "value_proposition": vp.example_input(vp.method(), lang="en"),
               "account": {"key": "acct-a", "name": "Account A"}}
    r = check(example(), read(records, "en"))
    assert r.positioning.complete and element(r, "positioning").present
    assert (r.points, r.possible) == (8, 10)


# ---- each element, on both sides --------------------------------------------------------------------------

def test_objectives_need_a_direction_and_a_complete_objective():
    assert element(check(example()), "objectives").present
    assert not element(check(example() | {"direction": None}), "objectives").present
    no_objective = check(example() | {"objectives": [{"key": "o1", "statement": ""}]})
    assert not element(no_objective, "objectives").present
    assert element(no_objective, "objectives").notes == ["no_objective"] and no_objective.drafts == 1


def test_focus_needs_one_cell_of_the_grid_written():
    assert element(check(example()), "focus").present
    assert not element(check(example() | {"focus": {"expand": ""}}), "focus").present


def test_an_action_ending_before_it_starts_keeps_the_action_programmes_missing():
    late = example()
    late["actions"] = [late["actions"][0] | {"start": "2027-07-01", "end": "2027-06-30"}]
    r = check(late)
    assert not element(r, "actions").present and r.out_of_order == ["a1"] and element(r, "actions").notes == ["late"]
    assert element(check(example()), "actions").present


def test_an_action_without_a_kpi_is_a_draft_and_does_not_count():
    data = example()
    data["actions"] = [data["actions"][0] | {"kpi": ""}]
    r = check(data)
    assert not element(r, "actions").present and r.drafts == 1


def test_resources_are_present_once_every_commitment_is_agreed_by_its_head():
    data = example()
    data["resources"] = [r | {"agreed": True} for r in data["resources"]]
    assert element(check(data), "resources").present
    data["resources"][1]["agreed"] = False
    assert not element(check(data), "resources").present


def test_a_quarter_without_its_cost_is_no_budget_yet():
    data = example()
    data["budget"] = [data["budget"][0] | {"costs": None}]
    r = check(data)
    assert not element(r, "budget").present and r.totals["revenue"] == 0
    assert element(check(example()), "budget").present


def test_positioning_is_present_with_one_slot_from_a_source_and_missing_with_none():
    assert not element(check(example()), "positioning").present
    assert element(check(example(), st.Sources(competitors=["Rival"])), "positioning").present


# ---- SMART, letter by letter ------------------------------------------------------------------------------

CELLS = {"expand", "penetrate"}


@pytest.mark.parametrize("letters, failing", [
    ({"specific"}, {"metric": None}),
    ({"measurable", "achievable"}, {"target": None}),  # no target: nothing to judge as achievable either
    ({"achievable"}, {"baseline": None}),
    ({"achievable"}, {"target": 61}),  # more than double 30
    ({"relevant"}, {"focus": None}),
    ({"relevant"}, {"focus": "diversify"}),  # a cell the strategy leaves empty
    ({"time_bound"}, {"due": None}),
])
def test_each_smart_letter_fails_when_its_part_is_missing_and_the_others_still_hold(letters, failing):
    assert all(st.smart(objective(), M, CELLS).values())
    passed = st.smart(objective(**failing), M, CELLS)
    assert {k for k, v in passed.items() if not v} == letters


def test_a_target_of_exactly_double_its_baseline_is_still_achievable_and_from_nothing_any_target_is():
    assert st.smart(objective(target=60), M, CELLS)["achievable"]
    assert st.smart(objective(target=-1), M, CELLS)["achievable"] is False  # down by more than all of it
    assert st.smart(objective(baseline=0, target=2), M, CELLS)["achievable"]


def test_a_trainer_who_allows_less_stretch_makes_the_same_objective_unachievable():
    strict = st.method({"max_stretch": 0.25})
    assert not st.smart(objective(), strict, CELLS)["achievable"]  # 30 → 45 is +50 %


# ---- the positioning statement ------------------------------------------------------------------------------

def test_the_statement_fills_each_slot_from_the_tool_that_makes_it():
    sources = st.Sources(account="Account A", contacts=["Plant manager", "Buyer"], competitors=["Rival X", "Rival Y"],
                         value=["2 points less downtime"], offer="Us", reasons=["Delivery 5 vs 4"])
    r = st.positioning(sources, st.Positioning(), TEMPLATE, "en")
    assert r.statement == ("For Plant manager, Buyer at Account A, Us delivers 2 points less downtime better than "
                           "Rival X because Delivery 5 vs 4.")
    assert r.origin == {"account": "", "contacts": "buying_centre", "offer": "competition",
                        "value": "value_proposition", "competitor": "competition", "reasons": "competition"}
    assert r.complete and not r.written


def test_what_the_group_typed_in_the_ranking_fills_a_slot_the_other_tools_leave_empty_and_names_the_competitor():
    sources = st.Sources(competitors=["Strongest"], slots={"contacts": "the plant managers", "competitor": "Named"})
    r = st.positioning(sources, st.Positioning(), TEMPLATE, "en")
    assert r.slots["contacts"] == "the plant managers" and r.origin["contacts"] == "competition"
    assert r.slots["competitor"] == "Named"


def test_the_groups_own_reasons_come_before_the_rankings_and_its_own_statement_before_the_template():
    sources = st.Sources(reasons=["Delivery 5 vs 4"])
    assert st.positioning(sources, st.Positioning(reasons="ten years on site"), TEMPLATE, "en").slots["reasons"] == \
        "ten years on site"
    written = st.positioning(sources, st.Positioning(statement="Our words."), TEMPLATE, "en")
    assert written.statement == "Our words." and written.written


def test_a_statement_missing_one_of_its_four_slots_earns_no_positioning_point():
    sources = st.Sources(contacts=["Buyer"], competitors=["Rival"], value=["Less downtime"])
    r = st.positioning(sources, st.Positioning(), TEMPLATE, "en")
    assert not r.complete and "because …" in r.statement
    assert st.positioning(sources, st.Positioning(reasons="on-site team"), TEMPLATE, "en").complete


def test_the_chinese_statement_uses_the_chinese_template_and_separator():
    sources = st.Sources(account="客户A", contacts=["厂长", "采购经理"], competitors=["对手"], value=["停机减少"],
                         offer="我们", reasons=["交付"])
    assert st.positioning(sources, st.Positioning(), M.positioning_template("zh"), "zh").statement == \
        "对于客户A的厂长、采购经理，我们比对手更能带来停机减少，因为交付。"


# ---- input checks ----------------------------------------------------------------------------------------

def test_a_choice_the_method_does_not_have_is_refused():
    with pytest.raises(ValidationError):
        st.StrategyInput.model_validate(example() | {"direction": "conquer"}, context={"method": M})
    with pytest.raises(ValidationError):
        st.StrategyInput.model_validate(example() | {"focus": {"moon": "x"}}, context={"method": M})


def test_a_table_edit_keeps_dates_as_text_drops_empty_rows_and_gives_new_rows_a_key():
    data = st.from_table(st.blank_input(), "actions", [
        {"action": "Pilot", "owner": "Li", "start": dt.date(2027, 1, 1), "end": float("nan"), "cost": None,
         "kpi": "Yield"}, {"action": None}])
    assert len(data["actions"]) == 1
    row = data["actions"][0]
    assert row["start"] == "2027-01-01" and row["end"] is None and row["key"].startswith("r")


# ---- what performance monitoring reads ------------------------------------------------------------------------

def test_objectives_lists_the_complete_objectives_with_their_targets_and_whether_each_is_smart():
    found = st.objectives(example())
    assert [(o.key, o.baseline, o.target, o.smart) for o in found] == [
        ("o1", 30, 45, True), ("o2", 18, 20, True), ("o3", 0, 2, False)]


def test_actions_and_kpis_list_the_complete_programmes_in_the_order_they_start():
    data = example()
    data["actions"].append({"key": "a3", "action": "Draft only"})
    assert [a.key for a in st.actions(data)] == ["a2", "a1"]
    assert [(k.action, k.kpi, k.due) for k in st.kpis(data)] == [
        ("a2", "Four reviews held on time", dt.date(2027, 12, 31)), ("a1", "Pilot yield ≥ 98%", dt.date(2027, 6, 30))]
