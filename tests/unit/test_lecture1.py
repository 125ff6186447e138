"""The course's opening diagnosis and the first lecture's account types and congruence model: the
worked examples, every cut-off on both sides, and their facets through the registry."""

import io

import openpyxl
import pytest
from pydantic import ValidationError

from kamcore.compare import entries, summary
from kamcore.export.files import group_file
from kamcore.methods import account_types as at
from kamcore.methods import congruence as cg
from kamcore.methods import diagnosis as dg
from kamcore.presenter import for_projector
from kamcore.store import PORTFOLIO, Account, GroupWorksheet
from kamcore.tools import TOOLS
from tests.workbook import recalculated


def congruence(scores, notes=None, overrides=None):
    m = cg.method(overrides)
    return TOOLS["congruence"].run({"scores": scores, "notes": notes or {}}, m)


def scores(strategy, structure, people, systems):
    return {"strategy": strategy, "structure": structure, "people": people, "systems": systems}


# ---- congruence ------------------------------------------------------------------------------------

def test_the_course_example_strategy_4_organisation_2_hr_3_systems_2_has_two_gaps_both_from_strategy():
    result = congruence(scores(4, 2, 3, 2))
    assert result.gaps == 2
    assert [(p.high, p.low, p.gap) for p in result.pairs] == [("strategy", "structure", 2), ("strategy", "systems", 2)]
    assert result.low == ["structure", "systems"]
    assert result.priorities == ["structure", "systems"]  # the organisation choice, then the planning system
    assert "organisation_choice" in cg.method().element("structure").tools


def test_an_element_at_the_low_cut_off_is_a_gap_and_one_just_above_is_not():
    at_cut = congruence(scores(3, 2, 3, 3))
    assert at_cut.low == ["structure"] and at_cut.pairs == [] and at_cut.priorities == ["structure"]
    above = congruence(scores(3, 3, 3, 3))
    assert above.low == [] and above.gaps == 0 and above.fits


def test_two_elements_exactly_the_gap_apart_are_a_gap_and_one_point_less_is_not():
    apart = congruence(scores(5, 3, 4, 4))
    assert [(p.high, p.low) for p in apart.pairs] == [("strategy", "structure")] and apart.priorities == ["structure"]
    closer = congruence(scores(5, 4, 4, 4))
    assert closer.pairs == [] and closer.fits


def test_the_priorities_run_from_the_lowest_score_and_a_tie_keeps_the_methods_order():
    result = congruence(scores(5, 3, 1, 3))
    assert result.priorities == ["people", "structure", "systems"]
    assert result.low == ["people"] and len(result.pairs) == 5 and result.gaps == 5  # people, low, is in pairs too


def test_a_trainer_who_raises_the_low_cut_off_makes_a_3_a_gap():
    assert congruence(scores(3, 3, 3, 3), overrides={"low_max": 3}).low == ["strategy", "structure", "people",
                                                                             "systems"]


def test_nothing_is_judged_until_every_element_is_scored_and_unjustified_scores_are_named():
    result = congruence({"strategy": 4, "structure": 2}, notes={"strategy": "a written plan"})
    assert result.missing == ["people", "systems"] and result.gaps == 0 and result.priorities == []
    assert result.unjustified == ["structure"]
    assert TOOLS["congruence"].counted_data({"scores": {"strategy": 4}}) is None


def test_a_score_off_the_scale_is_refused():
    with pytest.raises(ValidationError):
        congruence(scores(6, 2, 3, 2))


def test_a_reference_that_leaves_an_element_out_is_refused():
    with pytest.raises(ValidationError, match="reference"):
        cg.method({"reference": {"scores": {"strategy": 4, "structure": 4, "people": 4, "systems": 4, "extra": 3}}})


# ---- opening diagnosis ------------------------------------------------------------------------------

def diagnosis(data, overrides=None):
    return TOOLS["diagnosis"].run(data, dg.method(overrides))


def ratings(value, **changed):
    base = dict.fromkeys(dg.method().item_ids(), value)
    return {**base, **changed}


def test_the_example_company_is_stuck_in_five_places_at_the_start_and_one_at_the_end():
    m = dg.method()
    result = diagnosis(dg.example_input(m))
    start, end = result.round("start"), result.round("end")
    assert start.stuck == ["global", "preparation", "maintenance", "grow", "keep"]  # lowest first
    assert end.stuck == ["global"] and result.latest == "end"
    assert result.moved == ["preparation", "maintenance", "grow", "keep"]
    assert (start.stages_mean, end.stages_mean) == (2.0, 2.5) and end.dilemmas_mean == 3.0
    assert end.unsupported == ["development", "global", "get_in"]


def test_a_rating_at_the_stuck_cut_off_is_stuck_and_one_above_is_not():
    result = diagnosis({"rounds": {"start": {"scores": ratings(3, grow=2)}}})
    assert result.round("start").stuck == ["grow"]
    assert diagnosis({"rounds": {"start": {"scores": ratings(3)}}}).round("start").stuck == []


def test_a_change_of_exactly_change_min_counts_as_moved_and_no_change_does_not():
    result = diagnosis({"rounds": {"start": {"scores": ratings(3)}, "end": {"scores": ratings(3, keep=4)}}})
    assert result.moved == ["keep"] and next(c for c in result.changes if c.item == "keep").delta == 1
    assert diagnosis({"rounds": {"start": {"scores": ratings(3)}, "end": {"scores": ratings(3, keep=4)}}},
                     {"change_min": 2}).moved == []


def test_the_suggested_tools_are_those_of_the_places_the_latest_full_round_is_stuck():
    result = diagnosis({"rounds": {"start": {"scores": ratings(4, keep=1)}}})
    assert result.suggested == ["partnership", "purchasing_portfolio"]


def test_a_round_counts_only_once_every_stage_and_dilemma_is_rated_and_drafts_stay_out():
    partial = {"rounds": {"start": {"scores": {"preparation": 2}}}, "actions": [{"key": "a", "text": ""}]}
    assert TOOLS["diagnosis"].counted_data(partial) is None
    result = diagnosis(partial)
    assert result.latest is None and result.round("start").complete is False and result.drafts == 1
    both = {"rounds": {"start": {"scores": ratings(3)}, "end": {"scores": {"grow": 4}}},
            "actions": [{"key": "a", "text": "Call the buyer"}, {"key": "b", "text": ""}]}
    counted = TOOLS["diagnosis"].counted_data(both)
    assert list(counted["rounds"]) == ["start"] and [a["key"] for a in counted["actions"]] == ["a"]


def test_a_round_the_method_does_not_have_is_refused_and_an_action_for_an_unknown_item_keeps_its_text():
    with pytest.raises(ValidationError):
        diagnosis({"rounds": {"middle": {"scores": {}}}})
    kept = TOOLS["diagnosis"].validate({"actions": [{"key": "a", "text": "Hire", "item": "gone", "tool": "later"}]})
    assert kept.actions[0].item is None and kept.actions[0].text == "Hire" and kept.actions[0].tool == "later"


# ---- account types and natures -----------------------------------------------------------------------

def test_the_case_portfolio_counts_each_account_in_its_type_and_nature():
    m = at.method()
    result = TOOLS["account_types"].run(at.example_input(m))
    assert result.tagged == 5 and result.grid["important"]["partnership"] == 2 and result.by_type["strategic"] == 0
    assert result.by_nature == {"transactional": 1, "cooperative": 2, "partnership": 2}
    assert result.top == ("important", "partnership")


def test_when_cells_tie_the_most_common_is_the_first_in_the_methods_order():
    data = {"accounts": [{"key": "a", "name": "A", "type": "potential", "nature": "cooperative"},
                         {"key": "b", "name": "B", "type": "group", "nature": "partnership"}]}
    assert TOOLS["account_types"].run(data).top == ("group", "partnership")


def test_an_account_with_only_a_type_is_a_draft_and_left_out_of_the_portfolio():
    data = at.tagged(at.tagged({"accounts": []}, "k1", "ACME", "type", "economic"), "k2", "Beta", "type", "group")
    data = at.tagged(data, "k2", "Beta", "nature", "cooperative")
    result = TOOLS["account_types"].run(data)
    assert result.tagged == 1 and result.drafts == ["k1"] and result.by_type["group"] == 1
    assert [a["key"] for a in TOOLS["account_types"].counted_data(data)["accounts"]] == ["k2"]


def test_a_type_the_method_does_not_list_is_refused():
    with pytest.raises(ValidationError):
        TOOLS["account_types"].validate({"accounts": [{"key": "k", "name": "A", "type": "giant", "nature": None}]})


def test_every_option_says_what_it_means_and_what_it_implies_in_both_languages():
    m = at.method()
    assert len(m.types) == 5 and len(m.natures) == 3
    for option in [*m.types, *m.natures]:
        for text in (option.label, option.definition, option.examples, option.strategy):
            assert text("zh") and text("en") and text("zh") != text("en")


def test_renaming_or_removing_an_account_follows_into_the_portfolio_worksheet(workshops):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("k1", "ACME"))
    north.add_account(Account("k2", "Beta"))
    data = at.tagged(at.tagged({"accounts": []}, "k1", "ACME", "type", "economic"), "k2", "Beta", "type", "group")
    north.save("account_types", TOOLS["account_types"].validate(data), 0, PORTFOLIO)
    north.rename_account("k1", "ACME Holdings")
    north.remove_account("k2")
    assert [(a["key"], a["name"]) for a in north.worksheet("account_types").data["accounts"]] == [
        ("k1", "ACME Holdings")]


# ---- through the registry: the room, the workbook ----------------------------------------------------

def room(tool_id, lang="en"):
    tool = TOOLS[tool_id]
    m = tool.method()
    sheets = [GroupWorksheet(group, "", tool.example(m, lang=lang), None, n)
              for n, group in enumerate(("North", "South", "East"), start=1)]
    return tool, m, entries(sheets, tool_id, m).entries


def test_the_projector_overlays_every_groups_congruence_radar_on_the_trainers_reference():
    tool, m, found = room("congruence")
    figure = tool.figure(found, m, "en")
    assert [tr.name for tr in figure.data] == ["Trainer's reference", "North", "South", "East"]
    assert list(figure.data[1].r) == [4, 2, 3, 2, 4]  # a closed line
    assert for_projector(figure, ["North", "South", "East"]).layout.width


def test_the_projector_shows_the_rooms_diagnosis_profile_with_the_change_since_the_start():
    tool, m, found = room("diagnosis", "zh")
    figure = tool.figure(found, m, "zh")
    assert list(figure.data[0].y) == ["North", "South", "East"] and len(figure.data[0].x) == 7
    assert figure.data[0].text[0][0] == "3 (+1)"  # preparation: 2 at the start, 3 at the end
    (table,) = tool.tables(found, m, "zh")
    global_row = next(r for r in table.rows if r["阶段或困境"] == "全球大客户管理")
    assert global_row["卡住的小组"] == "3 / 3" and global_row[table.flag] == "⚠"


def test_the_types_comparison_and_summary_name_every_group():
    tool, m, found = room("account_types")
    rows = summary("account_types", found, m, "en")
    assert [r["Group"] for r in rows] == ["North", "South", "East"] and rows[0]["Accounts tagged"] == 5
    slide = tool.comparison(found, m, "en", "Compare")
    assert list(slide.bars[1]) == ["North", "South", "East"] and slide.bars[1]["North"] == [1, 2, 1, 0, 1]


def test_the_congruence_comparison_slide_sets_every_group_beside_the_reference():
    tool, m, found = room("congruence")
    slide = tool.comparison(found, m, "en", "Compare")
    assert slide.bars[0] == ["Strategy", "Organisation structure", "Human resources", "Systems and processes"]
    assert slide.bars[1]["Trainer's reference"] == [4, 4, 4, 4] and slide.bars[1]["South"] == [4, 2, 3, 2]
    assert "2 congruence gap(s); start with Organisation structure" in tool.slide(found[0], m, "en").title


@pytest.mark.parametrize("tool_id, least", [("congruence", 11), ("diagnosis", 16), ("account_types", 20)])
def test_every_formula_of_the_sheet_recalculates_to_kamcores_number(tool_id, least, workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    tool = TOOLS[tool_id]
    north.save(tool_id, tool.validate(tool.example(tool.method())), 0, PORTFOLIO)
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    assert not wrong and checked >= least


def test_the_congruence_sheet_marks_the_two_gaps_with_formulas(workshops):
    workshop, _ = workshops.create("KAM", "zh", "2468")
    north = workshops.join(workshop.code, "North")
    tool = TOOLS["congruence"]
    north.save("congruence", tool.validate(tool.example(tool.method())), 0, PORTFOLIO)
    book = openpyxl.load_workbook(io.BytesIO(group_file(workshops.store, north, "xlsx", "zh")), data_only=True)
    values = [c.value for row in book[tool.short("zh")].iter_rows() for c in row]
    assert values.count("是") == 4  # two elements too low, two pairs apart
