"""Lecture 2's analysis tools, worked through by hand: the target-account analysis's completeness per part
and its stale sources, the buying centre's coverage gaps, level and next contacts, the self-analysis, and
the SPIN planner's balance."""

import datetime as dt

import pytest
from pydantic import ValidationError

from kamcore.methods import account_analysis as aa
from kamcore.methods import buying_centre as bc
from kamcore.methods import self_analysis as sa
from kamcore.methods import value_proposition as vp
from kamcore.methods import value_strategy as vs

TODAY = dt.date(2026, 11, 29)


def analysis(data):
    m = aa.method()
    return aa.evaluate(aa.AnalysisInput.model_validate(data, context={"method": m}), m, TODAY)


def test_each_part_of_the_analysis_counts_its_filled_fields_and_the_sources_count_with_a_note_and_a_date():
    result = analysis({"texts": {"industry": "Machinery", "mission": "Lead"}, "numbers": {"revenue": 0},
                       "scores": {"strategic_fit": 4},
                       "sources": {"internet": {"note": "Annual report", "date": "2026-10-01"},
                                   "inside": {"note": "Call notes"}}})
    done = {s.id: (s.filled, s.total) for s in result.sections}
    assert done == {"basic": (2, 5), "strategic": (2, 5), "needs": (0, 4), "purchasing": (0, 3), "sources": (1, 5)}
    assert result.section("basic").missing == ["company_size", "sites", "spend"]
    assert (result.filled, result.total) == (5, 22) and result.undated == ["inside"]


def test_a_source_older_than_the_methods_age_is_stale_and_one_just_inside_it_is_not():
    m = aa.method()
    limit = TODAY - dt.timedelta(days=m.stale_days)
    result = analysis({"sources": {"internet": {"note": "a", "date": (limit - dt.timedelta(days=1)).isoformat()},
                                   "company": {"note": "b", "date": limit.isoformat()}}})
    assert result.stale == ["internet"]


def test_share_of_wallet_is_our_revenue_over_the_accounts_spend_and_none_without_a_spend():
    assert analysis({"numbers": {"revenue": 1200, "spend": 4000}}).share_of_wallet == pytest.approx(30)
    assert analysis({"numbers": {"revenue": 1200, "spend": 0}}).share_of_wallet is None


def test_the_worked_example_is_complete_but_for_purchasing_details_and_two_sources_and_one_source_is_stale():
    m = aa.method()
    result = aa.evaluate(aa.AnalysisInput.model_validate(aa.example_input(m), context={"method": m}), m, TODAY)
    assert [s.id for s in result.sections if s.filled < s.total] == ["purchasing", "sources"]
    assert result.stale == ["inside"] and result.share_of_wallet == pytest.approx(30)


@pytest.mark.parametrize("data", [{"numbers": {"revenue": -5}}, {"scores": {"strategic_fit": 9}}])
def test_a_negative_amount_or_an_off_scale_score_is_refused(data):
    with pytest.raises(ValidationError):
        aa.AnalysisInput.model_validate(data, context={"method": aa.method()})


def test_an_empty_analysis_is_not_counted_and_one_filled_field_is():
    m = aa.method()
    assert aa.counted(aa.AnalysisInput(), m) is None
    assert aa.counted(aa.AnalysisInput(texts={"industry": "x"}), m) is not None


# ---- buying centre ---------------------------------------------------------------------------------------

def person(key, role, influence, attitude, strength=None, owner="", reports_to=None, name=None):
    return {"key": key, "name": name or key.upper(), "role": role, "influence": influence, "attitude": attitude,
            "strength": strength, "owner": owner, "reports_to": reports_to}


def centre(*people):
    m = bc.method()
    return bc.evaluate(bc.BuyingCentreInput.model_validate({"people": list(people)}, context={"method": m}), m)


def test_the_worked_example_reaches_four_people_through_two_owners_a_surface_and_misses_the_md_and_the_cfo():
    m = bc.method()
    result = bc.evaluate(bc.BuyingCentreInput.model_validate(bc.example_input(m), context={"method": m}), m)
    assert result.reached == ["p2", "p3", "p4", "p6"] and len(result.owners) == 2
    assert result.level == "surface" and result.unreached_key == ["p1", "p5"]
    assert not result.single_threaded and not result.deciders_against
    assert result.next_contacts == ["p1", "p5"]  # the managing director first: top down


def test_one_owner_reaching_everyone_is_single_threaded_and_only_a_point():
    result = centre(person("a", "decider", 5, 1, 4, "Kim"), person("b", "buyer", 3, 0, 4, "Kim"))
    assert result.single_threaded and result.level == "point" and result.gaps == 1


def test_a_decider_against_us_and_a_key_person_with_a_weak_contact_are_gaps():
    result = centre(person("a", "decider", 5, -1, 4, "Kim"), person("b", "influencer", 4, 1, 2, "Lee"),
                    person("c", "user", 2, 0, 3, "Lee"))
    assert result.deciders_against == ["a"] and result.unreached_key == ["b"] and not result.no_decider


def test_without_a_decider_in_the_list_that_is_a_gap_and_a_body_needs_the_decider_reached():
    people = [person(k, "influencer", 3, 1, 4, owner) for k, owner in
              (("a", "Kim"), ("b", "Lee"), ("c", "Ann"), ("d", "Kim"), ("e", "Lee"))]
    result = centre(*people)
    assert result.no_decider and result.level == "surface"
    people[0]["role"] = "decider"
    assert centre(*people).level == "body"


def test_no_one_reached_has_no_level_and_the_next_contacts_go_top_down_then_by_influence():
    result = centre(person("w", "user", 2, 0, reports_to="b"), person("b", "buyer", 3, 0, reports_to="t"),
                    person("t", "decider", 5, 0), person("i", "influencer", 4, 0, reports_to="t"))
    assert result.level is None and result.next_contacts == ["t", "i", "b"]


def test_a_chain_of_superiors_that_loops_is_cut_and_an_unknown_superior_is_forgotten():
    m = bc.method()
    record = bc.BuyingCentreInput.model_validate({"people": [person("a", "user", 1, 0, reports_to="b"),
                                                             person("b", "user", 1, 0, reports_to="a"),
                                                             person("c", "user", 1, 0, reports_to="gone")]},
                                                 context={"method": m})
    assert [p.reports_to for p in record.people] == ["b", None, None]


def test_a_person_missing_a_role_is_a_draft_and_an_unknown_role_or_off_scale_attitude_is_refused():
    result = centre(person("a", None, 3, 0), person("b", "buyer", 3, 1))
    assert (result.people, result.drafts) == (1, 1)
    for bad in (person("a", "boss", 3, 0), person("a", "buyer", 3, 3)):
        with pytest.raises(ValidationError):
            bc.BuyingCentreInput.model_validate({"people": [bad]}, context={"method": bc.method()})


def test_target_contacts_are_the_complete_people_most_influential_first_or_only_the_key_people():
    m = bc.method()
    record = bc.BuyingCentreInput.model_validate(bc.example_input(m), context={"method": m})
    contacts = bc.target_contacts(record)
    assert [c.key for c in contacts] == ["p1", "p2", "p5", "p3", "p4", "p6"]
    assert (contacts[0].name, contacts[0].role, contacts[0].influence, contacts[0].attitude) == ("Mr Wang", "decider",
                                                                                                 5, 0)
    assert [c.key for c in bc.target_contacts(record, m.high_influence)] == ["p1", "p2", "p5"]


# ---- self-analysis ---------------------------------------------------------------------------------------

def test_the_self_analysis_counts_wins_and_losses_finds_the_weak_level_and_the_uncommitted_resources():
    m = sa.method()
    result = sa.evaluate(sa.SelfInput.model_validate(sa.example_input(m), context={"method": m}), m)
    assert (result.wins, result.losses, result.win_rate) == (1, 1, 50)
    assert result.relationship_mean == pytest.approx(10 / 3) and result.weak == ["top"]
    assert (result.resources, result.committed, result.uncommitted) == (3, 1, ["r2", "r3"])
    assert (result.opportunities, result.threats) == (1, 1)


def test_a_resource_without_an_owner_is_a_draft_and_not_counted():
    m = sa.method()
    data = {"resources": [{"key": "r", "kind": "budget", "what": "Pilot", "committed": True}]}
    result = sa.evaluate(sa.SelfInput.model_validate(data, context={"method": m}), m)
    assert (result.resources, result.committed, result.drafts) == (0, 0, 1)
    assert sa.counted(sa.SelfInput.model_validate(data, context={"method": m}), m) is None


# ---- SPIN ------------------------------------------------------------------------------------------------

def test_the_courses_observed_call_s8_p4_i1_n0_is_62_percent_situation_a_ratio_of_0_08_and_asks_for_an_advance():
    m = vs.method()
    result = vs.tally({"situation": 8, "problem": 4, "implication": 1, "need_payoff": 0}, m, "continuation")
    assert result.situation_share == pytest.approx(61.5, abs=0.1) and result.ratio == pytest.approx(1 / 12)
    assert result.flags == ["too_much_situation", "no_need_payoff", "define_advance"]


def test_a_plan_of_only_situation_questions_is_unbalanced_and_one_of_each_type_is_balanced():
    m = vs.method()
    assert vs.tally({"situation": 3}, m).flags == ["too_much_situation", "no_implication", "no_need_payoff"]
    assert vs.tally({t.id: 1 for t in m.types}, m).balanced
    assert vs.tally({"situation": 2, "problem": 1, "implication": 1, "need_payoff": 0}, m).flags == ["no_need_payoff"]


def test_exactly_half_situation_questions_is_still_balanced_and_the_threshold_comes_from_the_method():
    m = vs.method()
    assert vs.tally({"situation": 2, "implication": 1, "need_payoff": 1}, m).flags == []
    strict = vs.method({"balance": {"max_situation_share": 40}})
    assert vs.tally({"situation": 2, "implication": 1, "need_payoff": 1}, strict).flags == ["too_much_situation"]


def test_the_plan_is_checked_per_contact_and_the_answers_counted():
    m = vs.method()
    result = vs.evaluate(vs.ValueStrategyInput.model_validate(vs.example_input(m), context={"method": m}), m)
    assert [(p.contact, p.tally.balanced, p.answered) for p in result.plans] == [("Mr Zhao", True, 2),
                                                                                  ("Mr Wang", False, 0)]
    assert result.planned.total == 6 and result.answered == 2 and result.observed.total == 13


def test_nothing_planned_or_heard_is_not_counted_and_an_unknown_tap_is_refused():
    m = vs.method()
    assert vs.counted(vs.ValueStrategyInput(), m) is None
    assert vs.tally({}, m).flags == [] and not vs.tally({}, m).balanced
    with pytest.raises(ValidationError):
        vs.ValueStrategyInput.model_validate({"observed": {"counts": {"closing": 1}}}, context={"method": m})


def test_the_stopwatch_adds_the_running_stretch_to_what_ran_before():
    started = dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC)
    watch = vs.Observation(elapsed=90, started=started)
    assert watch.seconds(started + dt.timedelta(seconds=30)) == 120
    assert vs.Observation(elapsed=90).seconds(started) == 90


def test_the_pain_points_come_from_the_value_propositions_quantified_values_and_measures():
    m = vp.method()
    proposition = vp.ValuePropositionInput.model_validate(vp.example_input(m), context={"method": m})
    pains = vs.proposition_pains(proposition)
    assert pains and pains[0] == proposition.q1[0].statement and len(pains) == len(proposition.q1) + len(
        proposition.q2)


def test_each_tap_adds_one_and_undo_takes_back_the_latest_tap_only():
    m = vs.method()
    data = vs.tapped(vs.tapped(vs.tapped(vs.blank_input(m), "counts", "situation"), "moves", "benefit"),
                     "counts", "problem")
    assert data["observed"]["counts"] == {"situation": 1, "problem": 1} and data["observed"]["moves"] == {"benefit": 1}
    data = vs.untapped(data)
    assert data["observed"]["counts"] == {"situation": 1, "problem": 0} and data["observed"]["last"] == [
        "counts.situation", "moves.benefit"]
    record = vs.ValueStrategyInput.model_validate(data, context={"method": m})
    assert vs.evaluate(record, m).observed.total == 1
    assert vs.untapped(vs.blank_input(m)) == vs.blank_input(m)
