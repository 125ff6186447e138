"""Lecture 2's closing tools with worked numbers: the bid's price options from cost, reference and rank;
the negotiation plan's checks and concession order; the closing strategy chosen from the competitive
position; the objection log's counts by type and its open objections; and their workbooks' formulas."""

import copy
import datetime as dt

import pytest
from pydantic import ValidationError

from kamcore.export.files import group_file
from kamcore.methods import bid_control as bc
from kamcore.methods import closing_strategy as cs
from kamcore.methods import competition as cp
from kamcore.methods import negotiation_plan as npl
from kamcore.methods.position import Position, position_of
from kamcore.store import Account
from kamcore.tools import TOOLS
from tests.workbook import recalculated

BID, NEG, CLOSE = bc.method(), npl.method(), cs.method()


def example(tool_id, lang="en"):
    tool = TOOLS[tool_id]
    return copy.deepcopy(tool.example(tool.method(), lang=lang))


def position(ours, *rivals, advantages=()):
    """A position with our score and the rivals' scores, ranked as the competition tool ranks."""
    scores = {"us": ours, **{f"c{n}": s for n, s in enumerate(rivals, start=1)}}
    return {"suppliers": [{"key": k, "name": k, "score": s, "rank": 1 + sum(o > s for o in scores.values())}
                          for k, s in scores.items()], "advantages": list(advantages), "advantage_ids": []}


# ---- the competitive position, read from the ranking --------------------------------------------

def test_the_position_is_read_from_the_competition_tools_own_computation_of_the_course_example():
    cm = cp.method()
    found = position_of(cp.example_input(cm, lang="en"), cm, "en")
    assert [(s.key, s.score, s.rank) for s in found.suppliers] == [("us", 4.05, 1), ("comp-a", 3.9, 2),
                                                                  ("comp-b", 3.45, 3)]
    assert found.advantages == ["Delivery"] and found.advantage_ids == ["delivery"]
    assert found.gap == pytest.approx(-0.15)
    assert [s.name for s in found.weak_first()] == ["Competitor B", "Competitor A"]


def test_a_ranking_that_does_not_rate_us_on_every_benefit_gives_no_position():
    cm = cp.method()
    data = cp.example_input(cm)
    del data["ratings"]["us"]["price"]
    assert position_of(data, cm, "en") is None and position_of(None, cm, "en") is None


def test_the_same_position_named_in_the_other_language_is_not_a_change():
    cm = cp.method()
    zh, en = (position_of(cp.example_input(cm, lang=lang), cm, lang) for lang in ("zh", "en"))
    assert zh.advantages != en.advantages and zh.same_as(en) is False  # the names of us and rivals differ too
    assert en.same_as(Position.model_validate({**en.model_dump(), "advantages": ["Livraison"]}))


# ---- bid control: price options -----------------------------------------------------------------

def test_the_course_bid_prices_each_option_from_the_reference_with_its_margin_and_flags():
    result = TOOLS["bid_control"].run(example("bid_control"), BID)
    options = {o.id: (o.price, o.margin, o.margin_pct, o.above_budget, o.below_floor) for o in result.options}
    # cost 80, reference 100, budget 105: premium 100 × 1.08 = 108, margin 28 = 25.9 % of the price
    assert options == {"premium": (108.0, 28.0, 25.9, True, False), "parity": (100.0, 20.0, 20.0, False, False),
                       "penetration": (92.0, 12.0, 13.0, False, False)}
    assert (result.our_rank, result.suggested, result.chosen) == (1, "premium", "parity")
    assert (result.done, result.total) == (2, 6)


@pytest.mark.parametrize("rank, suggested", [(1, "premium"), (2, "parity"), (3, "penetration"), (5, "penetration")])
def test_our_rank_in_the_ranking_suggests_the_price_option(rank, suggested):
    data = example("bid_control")
    data["position"] = position(3.0, *([4.0] * (rank - 1)), *([2.0] * (4 - rank)))
    assert TOOLS["bid_control"].run(data, BID).suggested == suggested


def test_without_a_reference_the_budget_prices_the_options_and_a_thin_margin_is_flagged():
    data = example("bid_control") | {"reference": None, "budget": 90, "cost": 85}
    options = {o.id: o for o in TOOLS["bid_control"].run(data, BID).options}
    # 90 × 0.92 = 82.8 is below the cost of 85: a loss, far under the 10 % minimum
    assert options["penetration"].price == 82.8 and options["penetration"].margin == -2.2
    assert options["penetration"].below_floor and options["parity"].margin_pct == 5.6
    assert options["premium"].above_budget and not options["parity"].above_budget


def test_a_bid_without_a_cost_has_no_options_and_no_rank_means_no_suggestion():
    data = example("bid_control") | {"cost": None, "position": {}}
    result = TOOLS["bid_control"].run(data, BID)
    assert result.options == [] and result.suggested is None


def test_a_price_option_or_status_the_method_does_not_have_is_refused():
    for change in ({"chosen": "dumping"}, {"rows": [{"key": "x", "text": "a", "status": "maybe"}]}):
        with pytest.raises(ValidationError, match="must be one of"):
            TOOLS["bid_control"].validate(example("bid_control") | change, BID)


def test_a_bid_point_past_its_due_date_and_not_done_is_overdue():
    inp = TOOLS["bid_control"].validate(example("bid_control"), BID)
    result = bc.evaluate(inp, BID, today=dt.date(2027, 3, 11))
    assert result.overdue == ["competitors", "pricing"]


# ---- negotiation plan ---------------------------------------------------------------------------

def test_the_course_negotiation_passes_every_check_with_its_room_and_the_rounds_so_far():
    r = TOOLS["negotiation_plan"].run(example("negotiation_plan"), NEG)
    assert r.passed == 4 and r.room == 16 and r.concession_cost == 5.5 and r.concession_value == 9.9
    assert r.order == ["c1", "c2", "c3", "c4"] and r.out_of_order == []
    assert (r.rounds, r.last_offer, r.last_counter, r.apart, r.conceded, r.given_cost) == (3, 112, 106, 6, 6, 1.3)


def failed(data):
    return [c.id for c in TOOLS["negotiation_plan"].run(data, NEG).checks if not c.passed]


def test_an_opening_below_the_target_fails_the_sellers_order_of_prices():
    assert failed(example("negotiation_plan") | {"opening": 108}) == ["order"]  # room 108 − 102 = 6 ≥ 5.5
    # a walk-away of 113 is above the target, leaves a room of 5 < 5.5, and round 3 offered 112 below it
    assert failed(example("negotiation_plan") | {"walk_away": 113}) == ["order", "room", "above_walk_away"]
    assert failed(example("negotiation_plan") | {"target": None}) == ["order", "room"]  # a price missing: no plan yet


def test_a_costly_concession_planned_before_a_cheap_valuable_one_is_out_of_order_and_reordered():
    data = example("negotiation_plan")
    data["concessions"].reverse()  # the price cut (value ÷ cost 1) first, the payment terms (3.75) last
    r = TOOLS["negotiation_plan"].run(data, NEG)
    assert r.out_of_order == ["c3", "c2", "c1"] and r.order == ["c1", "c2", "c3", "c4"]
    assert "concessions" in failed(data)


def test_concessions_costing_more_than_the_room_fail_the_room_check():
    data = example("negotiation_plan") | {"opening": 106, "target": 104}  # room 4 < 5.5
    assert failed(data) == ["room"]


def test_an_offer_below_the_walk_away_price_is_flagged_by_its_round():
    data = example("negotiation_plan")
    data["rounds"].append({"key": "r4", "offer": 100, "counter": 100, "note": ""})
    r = TOOLS["negotiation_plan"].run(data, NEG)
    assert r.below_walk_away == [4] and failed(data) == ["above_walk_away"] and r.apart == 0


def test_a_plan_without_its_three_prices_is_not_counted_and_its_drafts_stay_out():
    blank = npl.blank_input(NEG)
    assert TOOLS["negotiation_plan"].counted_data(blank, NEG) is None
    data = example("negotiation_plan")
    data["concessions"].append({"key": "c5", "what": "Free delivery", "cost": None, "value": 2, "condition": ""})
    counted = TOOLS["negotiation_plan"].counted_data(data, NEG)
    assert [c["key"] for c in counted["concessions"]] == ["c1", "c2", "c3", "c4"]


def test_a_round_naming_a_concession_no_longer_in_the_plan_keeps_its_offer():
    data = example("negotiation_plan")
    data["concessions"] = data["concessions"][2:]
    inp = TOOLS["negotiation_plan"].validate(data, NEG)
    assert [(r.offer, r.concession) for r in inp.rounds] == [(118, None), (115, None), (112, None)]


# ---- closing strategy ---------------------------------------------------------------------------

@pytest.mark.parametrize("ours, rivals, advantages, suggested", [
    (4.05, (3.9, 3.45), ["Delivery"], "frontal"),  # the course example: we lead by 0.15
    (3.8, (4.0,), [], "frontal"),  # behind by exactly 0.2: still level enough to attack head on
    (3.5, (4.2, 3.0), ["Delivery"], "surprise"),  # behind by 0.7, but with a differential advantage
    (3.5, (4.2, 3.0), [], "divide"),  # behind by 0.7 and no advantage
    (3.0, (), [], "frontal"),  # no competitor rated: we lead by definition
])
def test_the_position_suggests_the_attack_strategy_by_the_methods_rules(ours, rivals, advantages, suggested):
    data = example("closing_strategy") | {"position": position(ours, *rivals, advantages=advantages)}
    r = TOOLS["closing_strategy"].run(data, CLOSE)
    assert r.suggested == suggested and r.follows == (suggested == "frontal")


def test_the_competitors_are_taken_on_weakest_first():
    data = example("closing_strategy") | {"position": position(3.5, 4.2, 3.0, 3.9)}
    assert TOOLS["closing_strategy"].run(data, CLOSE).order == ["c2", "c3", "c1"]


def test_a_trainer_may_change_the_rules_that_suggest_a_strategy():
    m = cs.method({"rules": [{"strategy": "divide", "max_gap": 0}, {"strategy": "surprise"}]})
    r = TOOLS["closing_strategy"].run(example("closing_strategy"), m)
    assert r.suggested == "divide" and not r.follows


def test_rules_without_a_last_unconditional_rule_are_refused():
    with pytest.raises(ValidationError, match="last rule has no condition"):
        cs.method({"rules": [{"strategy": "frontal", "max_gap": 0.2}]})


def test_without_a_position_nothing_is_suggested_and_a_worksheet_without_a_choice_is_not_counted():
    blank = cs.blank_input(CLOSE)
    r = TOOLS["closing_strategy"].run(blank, CLOSE)
    assert (r.suggested, r.our_rank, r.gap, r.story) == (None, None, None, False)
    assert TOOLS["closing_strategy"].counted_data(blank, CLOSE) is None
    progress = TOOLS["closing_strategy"].progress_of(example("closing_strategy"), CLOSE, "en")
    assert (progress.scored, progress.total, progress.verdict) == (3, 3, "Head-on attack")


# ---- objection log (a log of the declared kind) -------------------------------------------------

def test_the_objection_log_counts_objections_by_type_and_lists_the_open_ones():
    tool = TOOLS["objection_log"]
    r = tool.run(example("objection_log"), tool.method())
    assert r.rows == 4 and r.open == ["o1", "o3", "o4"]  # partly resolved is still open
    assert {k: v for k, v in r.counts["type"].items() if v} == {"price": 1, "misunderstanding": 1, "competitor": 1,
                                                                 "excuse": 1}
    assert r.counts["outcome"] == {"open": 2, "partly": 1, "resolved": 1, "accepted": 0}


def test_an_objection_without_its_type_or_outcome_is_a_draft_not_counted():
    tool = TOOLS["objection_log"]
    data = example("objection_log")
    del data["rows"][0]["values"]["type"]
    r = tool.run(data, tool.method())
    assert (r.rows, r.drafts) == (3, 1) and "o1" not in r.open


# ---- workbooks: every formula recalculates to kamcore's number ----------------------------------

@pytest.mark.parametrize("tool_id, formulas", [
    ("bid_control", 4 + 1 + 3 * 5),  # count per status; the base; each option's price, margin, %, two flags
    ("negotiation_plan", 1 + 4 + 2 + 1 + 3 * 2),  # room; value ÷ cost; totals; within room; each round's two
    ("closing_strategy", 1),  # the gap to the best competitor
    ("objection_log", 1 + 8 + 7 + 4),  # the count of rows; the rows by type, by approach, by outcome
])
def test_every_formula_of_the_sheet_recalculates_to_kamcores_number(tool_id, formulas, workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "ACME"))
    tool = TOOLS[tool_id]
    north.save(tool_id, tool.validate(example(tool_id), tool.method()), 0, "acct-a")
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    assert not wrong and checked == formulas
