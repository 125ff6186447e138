"""Nothing typed is lost and nothing is judged before it is scored: draft rows, unscored criteria,
and the side of every cut-off, across the five tools."""

import copy
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kamcore.compare import entries
from kamcore.engines import quadrant_of
from kamcore.methods import competition as comp
from kamcore.methods import partnership as ps
from kamcore.methods import purchasing_portfolio as pp
from kamcore.methods import selection as sel
from kamcore.methods import value_proposition as vp
from kamcore.methods.common import BandSpec, MatrixSpec, Scale
from kamcore.store import GroupWorksheet
from kamcore.tools import TOOLS

SEL, COMP, PS, PP = sel.method(), comp.method(), ps.method(), pp.method()
BLANKS = {
    "selection": lambda: {**sel.blank_input(SEL), "accounts": [sel.blank_account(SEL, "Account 1")]},
    "value_proposition": vp.blank_input,
    "competition": lambda: comp.blank_input(COMP, "Us"),
    "partnership": lambda: ps.blank_input(PS),
    "purchasing_portfolio": lambda: pp.blank_input(PP, "Our product"),
}


def example(module, m, example_id=None):
    """A copy of a worked example: the method's own dict is shared by every caller of the cached method."""
    return copy.deepcopy(module.example_input(m, example_id))


def sheet(data, group="A"):
    return GroupWorksheet(group, "ACME", data, datetime.now(UTC))


# ---- blank worksheets: no verdict before input ------------------------------------------------------

def test_a_blank_selection_worksheet_has_no_verdict_and_says_what_to_score_first():
    result = TOOLS["selection"].run(BLANKS["selection"]())
    assert result.accounts == [] and result.sensitivity == []
    [waiting] = result.unscored
    assert waiting.name == "Account 1" and waiting.missing == ["attractiveness", "strength", "vulnerability"]


def test_blank_worksheets_of_the_other_tools_read_no_verdict():
    assert not TOOLS["value_proposition"].run(BLANKS["value_proposition"]()).started
    competition = TOOLS["competition"].run(BLANKS["competition"]())
    assert competition.our_rank is None and competition.suppliers == [] and competition.benefits == []
    partnership = TOOLS["partnership"].run(BLANKS["partnership"]())
    assert partnership.verdict is None and partnership.missing == ["drivers_us", "drivers_customer", "facilitators"]
    purchasing = TOOLS["purchasing_portfolio"].run(BLANKS["purchasing_portfolio"]())
    assert purchasing.our_view is None and purchasing.items == [] and purchasing.clashes == []


@pytest.mark.parametrize("tool_id", sorted(BLANKS))
def test_a_blank_worksheet_is_left_out_of_projector_and_exports_and_counted_as_not_scored(tool_id):
    found = entries([sheet(BLANKS[tool_id]())], tool_id, TOOLS[tool_id].method())
    assert found.entries == [] and found.broken == 0 and found.unscored == 1


@pytest.mark.parametrize("tool_id", sorted(BLANKS))
def test_every_worked_example_is_fully_scored_so_the_projector_shows_all_of_it(tool_id):
    tool = TOOLS[tool_id]
    worked = copy.deepcopy(tool.example(tool.method()))
    assert tool.counted_data(worked) == tool.validate(worked).model_dump(mode="json")


# ---- unscored criteria -----------------------------------------------------------------------------

SELECTION_EXAMPLE = example(sel, SEL)
ALL_SCORES = [(field, criterion) for field in ("attractiveness", "csf_us", "csf_competitor", "vulnerability")
              for criterion in SELECTION_EXAMPLE["accounts"][0][field]]


@given(st.sets(st.sampled_from(ALL_SCORES)))
def test_an_account_is_in_the_results_exactly_when_every_criterion_is_scored(removed):
    data = example(sel, SEL)
    account = {**data["accounts"][0]}
    for field, criterion in removed:
        account[field] = {k: v for k, v in account[field].items() if k != criterion}
    data = {**data, "accounts": [account]}
    result = TOOLS["selection"].run(data)
    assert [a.key for a in result.accounts] == ([] if removed else [account["key"]])
    dimensions = {"attractiveness": "attractiveness", "csf_us": "strength", "csf_competitor": "strength",
                  "vulnerability": "vulnerability"}
    expected = sorted({dimensions[field] for field, _ in removed})
    assert sorted(u.missing for u in result.unscored) == ([expected] if removed else [])


def test_an_unscored_account_does_not_move_the_ranks_or_sensitivity_of_the_scored_ones():
    data = example(sel, SEL, "portfolio")
    scored = TOOLS["selection"].run(data)
    data["accounts"].append(sel.blank_account(SEL, "Initech", data))
    with_new = TOOLS["selection"].run(data)
    assert with_new.accounts == scored.accounts and with_new.sensitivity == scored.sensitivity
    assert [u.name for u in with_new.unscored] == ["Initech"]


def test_a_stage_route_account_needs_its_stage_before_a_verdict():
    data = example(sel, SEL)
    data["accounts"][0] = {**data["accounts"][0], "strength_route": "stage", "stage": None}
    assert TOOLS["selection"].run(data).unscored[0].missing == ["strength"]
    data["accounts"][0]["stage"] = SEL.stages[0].level
    assert TOOLS["selection"].run(data).accounts


def test_a_score_off_the_scale_is_still_refused_while_a_missing_one_is_not():
    data = example(sel, SEL)
    data["accounts"][0]["attractiveness"].pop("influence")
    TOOLS["selection"].validate(data)
    data["accounts"][0]["attractiveness"]["influence"] = 11
    with pytest.raises(ValidationError):
        TOOLS["selection"].validate(data)


def test_a_competitor_not_rated_on_every_benefit_waits_outside_the_ranking():
    data = example(comp, COMP)
    rival = data["competitors"][0]["key"]
    data["ratings"][rival].pop(data["benefits"][0]["id"])
    result = TOOLS["competition"].run(data)
    assert result.unscored == [rival] and rival not in [s.key for s in result.suppliers]
    assert all(b.best_competitor != rival for b in result.benefits)
    assert rival not in TOOLS["competition"].counted_data(data)["ratings"]


def test_purchasing_clashes_wait_for_our_view_and_items_for_their_scores():
    data = example(pp, PP)
    data["our_view"].pop("attractiveness")
    result = TOOLS["purchasing_portfolio"].run(data)
    assert result.our_view is None and result.clashes == [] and result.items
    assert TOOLS["purchasing_portfolio"].counted_data(data) is None


def test_partnership_verdict_waits_for_the_last_facilitator():
    data = example(ps, PS)
    last = next(iter(data["facilitators"]))
    data["facilitators"].pop(last)
    assert TOOLS["partnership"].run(data).missing == ["facilitators"]


# ---- drafts -----------------------------------------------------------------------------------------

def test_a_player_typed_alone_is_a_saved_draft_that_names_what_it_misses():
    data = example(comp, COMP)
    complete = len(data["threats"])
    data["threats"] = [*data["threats"], {"type": "direct", "player": "Acme Tools"}]
    model = TOOLS["competition"].validate(data)
    assert model.threats[-1].missing() == ["likelihood", "impact"]
    assert model.model_dump(mode="json")["threats"][-1]["player"] == "Acme Tools"  # stored as typed
    result = TOOLS["competition"].evaluate(model, COMP)
    assert len(result.threats) == complete and result.draft_threats == 1
    assert "Acme Tools" not in [x["player"] for x in TOOLS["competition"].counted_data(data)["threats"]]


@given(player=st.sampled_from(["", "Acme"]), likelihood=st.sampled_from([None, 1, 5]),
       impact=st.sampled_from([None, 3]))
def test_a_threat_counts_exactly_when_name_likelihood_and_impact_are_all_there(player, likelihood, impact):
    threat = comp.Threat(player=player, likelihood=likelihood, impact=impact)
    missing = [f for f, v in (("player", player), ("likelihood", likelihood), ("impact", impact)) if v in ("", None)]
    assert threat.missing() == missing and threat.complete() == (not missing)
    data = {**example(comp, COMP), "threats": [threat.model_dump()]}
    assert len(TOOLS["competition"].run(data).threats) == (0 if missing else 1)


# ---- the side of each cut-off -----------------------------------------------------------------------

def matrix(x_side: str, y_side: str) -> MatrixSpec:
    spec = SEL.vulnerability_matrix.model_dump()
    return MatrixSpec.model_validate({**spec, "x_side": x_side, "y_side": y_side})


def test_a_value_on_a_cut_off_falls_on_the_side_the_method_data_gives_it():
    assert matrix(">=", ">=").classify(3, 5) == SEL.vulnerability_matrix.cells["high_high"]
    assert matrix(">", ">").classify(3, 5) == SEL.vulnerability_matrix.cells["low_low"]


@given(x=st.floats(1, 5).filter(lambda v: v != 3), y=st.floats(1, 10).filter(lambda v: v != 5))
def test_the_side_matters_only_for_a_value_exactly_on_the_cut_off(x, y):
    assert quadrant_of(x, y, 3, 5, ">=", ">=") == quadrant_of(x, y, 3, 5, ">", ">")


def test_a_cut_off_without_its_side_is_refused_in_the_method_data():
    spec = SEL.portfolio.model_dump()
    del spec["x_side"]
    with pytest.raises(ValidationError):
        MatrixSpec.model_validate(spec)
    with pytest.raises(ValidationError):
        BandSpec.model_validate({"id": "key", "min": 7, "label": {"zh": "大", "en": "Key"},
                                 "advice": {"zh": "是", "en": "Yes"}})


def test_every_pickable_score_lies_on_the_scale_and_includes_the_midpoint():
    for scale in (SEL.attractiveness_scale, SEL.strength_scale, SEL.vulnerability_scale, PP.scale):
        assert all(scale.contains(v) for v in scale.values) and round(scale.mid) in scale.values
    assert Scale(min=0, max=10).values == list(range(11))
