import copy

import pytest
from pydantic import ValidationError

from kamcore.compare import entries
from kamcore.methods import organisation_choice as oc
from kamcore.orgchart import Box, layout, wrapped
from kamcore.store import GroupWorksheet
from kamcore.tools import TOOLS

M = oc.method()
FACTORS = [f.id for f in M.factors]


def run(data, m=M):
    return oc.evaluate(oc.OrganisationInput.model_validate(data, context={"method": m}), m)


def example(lang="en"):
    return copy.deepcopy(oc.example_input(M, lang=lang))


def scores_adding_to(total):
    """Six whole-number scores on 1–5 that add up to `total` (6–30)."""
    scores, left = {}, total
    for n, factor in enumerate(FACTORS):
        rest = len(FACTORS) - n - 1
        value = max(1, min(5, left - rest))
        scores[factor] = value
        left -= value
    assert sum(scores.values()) == total
    return scores


def one_group(total):
    return {"segments": [{"key": "g", "name": "G", "scores": scores_adding_to(total)}]}


def test_the_worked_example_4_5_4_3_4_4_adds_up_to_24_and_calls_for_an_independent_team():
    result = run(example())
    auto = result.segments[0]
    assert (auto.total, auto.structure) == (24, "independent")
    assert result.segments[1].total == 17 and result.segments[1].structure == "matrix"
    assert result.adopted == "independent"


@pytest.mark.parametrize(("total", "structure"), [(6, "regional"), (14, "regional"), (15, "matrix"),
                                                  (22, "matrix"), (23, "independent"), (30, "independent")])
def test_every_cut_off_boundary_falls_on_the_side_the_course_gives_it(total, structure):
    assert run(one_group(total)).segments[0].structure == structure


@pytest.mark.parametrize(("structure", "text"), [("regional", "≤ 14"), ("matrix", "15–22"), ("independent", "≥ 23")])
def test_each_structures_totals_are_written_as_the_course_writes_them(structure, text):
    assert oc.band_text(structure, M) == text


def test_the_total_is_written_out_with_its_band():
    data = example()
    segment = oc.Segment.model_validate(data["segments"][0])
    assert oc.rule_text(segment, run(data).segments[0], M) == "4 + 5 + 4 + 3 + 4 + 4 = 24 (≥ 23)"


@pytest.mark.parametrize(("total", "other"), [(14, "matrix"), (15, "regional"), (22, "independent"),
                                              (23, "matrix"), (24, "matrix"), (18, None)])
def test_a_total_within_a_point_of_a_cut_off_is_flagged_with_the_structure_across_it(total, other):
    assert run(one_group(total)).segments[0].borderline == other


def test_the_reasons_are_the_factors_scored_at_either_end_of_the_scale():
    reasons = run(example()).segments[1].reasons  # 2, 2, 3, 3, 3, 4
    assert [(r.factor, r.side) for r in reasons] == [("centralised_buying", "low"), ("dispersion", "low"),
                                                     ("account_count", "high")]


def test_an_account_group_with_a_factor_unscored_has_no_structure_and_no_verdict():
    data = one_group(20)
    del data["segments"][0]["scores"]["importance"]
    result = run(data)
    assert result.segments == [] and result.unscored == ["g"] and result.adopted is None
    assert oc.counted(oc.OrganisationInput.model_validate(data, context={"method": M}), M) is None


def test_the_groups_own_choice_of_structure_wins_over_the_recommendation():
    data = example()
    data["adopted"] = "matrix"
    assert run(data).adopted == "matrix"


def test_a_score_off_the_scale_is_refused():
    data = one_group(20)
    data["segments"][0]["scores"]["importance"] = 6
    with pytest.raises(ValidationError, match="outside 1–5"):
        run(data)


def test_a_trainers_cut_off_override_moves_the_boundary():
    stricter = oc.method({"structures": [{"id": "independent", "min": 25}]})
    assert run(example(), stricter).segments[0].structure == "matrix"
    assert oc.band_text("matrix", stricter) == "15–24"


def test_the_course_duties_under_a_structure_keep_the_groups_own_rows():
    own = {"key": "x", "role": "kam", "item": None, "text": "Own duty", "keep": True}
    rows = oc.course_duties("matrix", M, [own, {"key": "kam_plan", "item": "kam_plan"}])
    items = {r["item"] for r in rows}
    assert "kam_dotted" in items and "kam_results" not in items and "mgmt_team" not in items
    assert rows[-1] == own and sum(r["item"] == "kam_plan" for r in rows) == 1


def test_duties_kept_and_dropped_are_counted_per_role():
    result = run(example())
    assert result.duties_kept["kam"] == 2 and result.duties_kept["sales_support"] == 1
    assert result.duties_dropped == 1


def test_a_line_to_a_box_that_is_gone_is_dropped_and_the_box_stays():
    data = example()
    data["before"] = [{"key": "a", "name": "A", "reports_to": "gone", "dotted_to": "a"}]
    unit = oc.OrganisationInput.model_validate(data, context={"method": M}).before[0]
    assert (unit.name, unit.reports_to, unit.dotted_to) == ("A", None, None)


def test_boxes_reporting_to_each_other_in_a_circle_are_named_and_still_drawn():
    data = example()
    data["after"] = [{"key": "a", "name": "A", "reports_to": "b"}, {"key": "b", "name": "B", "reports_to": "a"},
                     {"key": "c", "name": "C", "reports_to": "a"}]
    assert run(data).loops["after"] == ["a", "b"]
    assert set(layout([Box("a", "A", "b"), Box("b", "B", "a")])) == {"a", "b"}


def test_the_chart_puts_each_boss_above_and_centred_over_its_reports():
    at = layout([Box("gm", "GM"), Box("x", "X", "gm"), Box("y", "Y", "gm"), Box("z", "Z", "y")])
    assert at["gm"][1] == 0 and at["x"][1] == at["y"][1] == 1 and at["z"][1] == 2
    assert at["gm"][0] == (at["x"][0] + at["y"][0]) / 2


def test_each_structures_template_is_a_chart_whose_lines_all_reach_a_box():
    for structure in (s.id for s in M.structures):
        units = oc.template_chart(structure, M, "zh")
        keys = {u["key"] for u in units}
        assert units and all(u["reports_to"] in keys | {None} and u["dotted_to"] in keys | {None} for u in units)
        assert oc.OrganisationInput.model_validate({"after": units}, context={"method": M}).after[0].name


def test_the_projector_shows_every_groups_account_groups_coloured_by_their_structure():
    tool = TOOLS[oc.TOOL_ID]
    sheets = [GroupWorksheet(g, "", example(), None, n) for n, g in enumerate(("North", "South"), start=1)]
    found = entries(sheets, oc.TOOL_ID, M).entries
    figure = tool.figure(found, M, "zh")
    bars = figure.data[0]
    assert list(bars.y) == [24, 17, 24, 17] and bars.x[0] == "North · Automotive groups"
    assert list(bars.marker.color) == [M.structure("independent").color, M.structure("matrix").color] * 2
    assert bars.text[0] == "24 · 独立大客户团队 (≥ 23)" and bars.customdata is None  # coloured by structure
    slide = tool.slide(found[0], M, "zh")
    assert "独立大客户团队" in slide.title and slide.bars[1][next(iter(slide.bars[1]))] == [24, 17]


def test_a_box_label_wraps_at_word_ends_counts_chinese_double_and_cuts_the_fourth_line():
    assert wrapped("Regional manager North", 13) == ["Regional", "manager North"]
    assert wrapped("汽车行业大客户经理", 13) == ["汽车行业大客", "户经理"]
    assert wrapped("a b c d e f g h", 3) == ["a b", "c d", "e…"]
