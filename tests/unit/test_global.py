"""Lecture 4, global account management: the drivers' verdict (the course's worked example and both
cut-offs), global account selection on selection's own engine, and the global contract checklist."""

import inspect
import io
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from pydantic import ValidationError

from kamcore.charts import NARROW_PLOT, QUADRANT_NAME, quadrant_name
from kamcore.engines import weighted_score
from kamcore.export.design import text_width
from kamcore.export.files import group_file
from kamcore.i18n import LANGS
from kamcore.kinds.matrix import MatrixMethod
from kamcore.methods import global_selection as gs
from kamcore.methods import selection as sel
from kamcore.store import PORTFOLIO, Account
from kamcore.tools import TOOLS

EXTERNAL = ["local_support_short", "information_systems", "global_purchasing", "global_operations"]
INTERNAL = ["opportunity", "weak_subsidiaries", "gam_system", "infrastructure"]


def drivers(external, internal, m=None):
    tool = TOOLS["global_drivers"]
    scores = dict(zip(EXTERNAL, external, strict=True)) | dict(zip(INTERNAL[:len(internal)], internal, strict=True))
    return tool.run({"scores": scores, "notes": {}}, m or tool.method())


# ---- global drivers -----------------------------------------------------------------------------------

def test_the_eight_drivers_are_the_syllabus_four_external_and_four_internal_in_both_languages():
    m = TOOLS["global_drivers"].method()
    assert [c.id for c in m.x.criteria] == EXTERNAL and [c.id for c in m.y.criteria] == INTERNAL
    assert [c.name("zh") for c in m.x.criteria] == ["当地供应商支持不到位", "通过信息系统获得全球商务利益",
                                                    "全球采购系统", "企业全球化运营"]
    assert [c.name("zh") for c in m.y.criteria] == ["在客户全球化运营中看到机会", "当地子公司太弱导致竞争力下降",
                                                    "全球大客户管理系统", "运营基础设施能力提升"]
    assert all(c.name("en") != c.name("zh") for c in m.criteria())
    assert (m.scale.min, m.scale.max) == (1, 5)


def test_the_courses_worked_example_external_4_0_internal_3_33_recommends_a_global_programme():
    """The literature's example has three internal drivers: the same matrix with the fourth taken out."""
    tool = TOOLS["global_drivers"]
    raw = tool.method().model_dump(mode="json")
    raw["y"]["criteria"] = [{**c, "weight": 100 / 3} for c in raw["y"]["criteria"][:3]]
    three = MatrixMethod.model_validate(raw)
    result = drivers([4, 3, 5, 4], [3, 4, 3], three)
    assert result.x == pytest.approx(4.0) and result.y == pytest.approx(10 / 3)
    assert result.quadrant == "recommended"


def test_the_method_files_example_with_four_internal_drivers_is_recommended_too():
    tool = TOOLS["global_drivers"]
    m = tool.method()
    result = tool.run(tool.example(m), m)
    assert (result.x, result.y, result.quadrant) == (4.0, 3.25, "recommended")
    assert m.matrix.category("recommended").label("en") == "Global programme recommended"


@pytest.mark.parametrize("external, internal, expected", [
    ([4, 4, 3, 3], [3, 3, 3, 3], "recommended"),  # exactly on both cut-offs: 3.5 and 3.0 count as high
    ([4, 3, 3, 3], [3, 3, 3, 3], "pushed"),  # external 3.25: just below 3.5
    ([4, 4, 3, 3], [3, 3, 3, 2], "pulled_not_ready"),  # internal 2.75: just below 3.0
    ([5, 5, 5, 5], [1, 1, 1, 1], "pulled_not_ready"),
    ([1, 2, 2, 1], [2, 1, 2, 2], "stay_local"),
])
def test_the_verdict_changes_exactly_at_the_cut_offs_external_3_5_and_internal_3_0(external, internal, expected):
    assert drivers(external, internal).quadrant == expected


def test_customer_pulled_but_supplier_not_ready_is_named_as_the_course_names_it():
    m = TOOLS["global_drivers"].method()
    assert m.matrix.category(m.matrix.cells["high_low"]).label("en") == "Customer-pulled but supplier not ready"
    assert m.matrix.category(m.matrix.cells["high_low"]).label("zh") == "客户拉动，但供应商尚未准备好"
    assert len({m.matrix.category(c).label(lang) for c in m.matrix.cells.values() for lang in LANGS}) == 8


def test_no_verdict_until_all_eight_drivers_are_scored_and_evidence_is_kept_per_driver():
    tool = TOOLS["global_drivers"]
    m = tool.method()
    result = tool.run({"scores": dict.fromkeys(EXTERNAL, 4), "notes": {}}, m)
    assert result.quadrant is None and result.missing == INTERNAL
    kept = tool.validate({"scores": {"global_purchasing": 5}, "notes": {"global_purchasing": "Shanghai hub"}}, m)
    assert kept.notes == {"global_purchasing": "Shanghai hub"}


def test_a_driver_scored_off_the_1_to_5_scale_is_refused():
    tool = TOOLS["global_drivers"]
    with pytest.raises(ValidationError):
        tool.validate({"scores": {"global_purchasing": 6}}, tool.method())


# ---- global account selection ------------------------------------------------------------------------

def test_global_selection_adds_the_three_global_criteria_to_selections_own_as_method_data():
    g, s = gs.method(), sel.method()
    ids = [c.id for c in g.attractiveness_criteria]
    assert ids == [c.id for c in s.attractiveness_criteria] + ["countries", "centralised_purchasing", "coverage"]
    assert g.global_criteria == ["countries", "centralised_purchasing", "coverage"]
    assert sum(c.weight for c in g.attractiveness_criteria) == 100
    assert g.strength_factors == s.strength_factors and g.portfolio == s.portfolio and g.bands == s.bands
    assert g.title("zh") == "选择目标全球大客户"


def test_global_selection_is_computed_by_selections_engine_not_a_copy_of_it():
    tool = TOOLS["global_selection"]
    assert tool.evaluate is sel.evaluate and tool.input_model is sel.SelectionInput
    assert tool.counted is sel.counted and tool.sheet is TOOLS["selection"].sheet
    source = Path(inspect.getsourcefile(gs)).read_text(encoding="utf-8")
    assert not any(word in source for word in ("weighted_score", "fsum", "classify", "band_id", "def evaluate"))


def test_the_global_result_equals_selections_engine_on_the_merged_criteria():
    g = gs.method()
    data = TOOLS["global_selection"].example(g)
    result = TOOLS["global_selection"].run(data, g)
    # the same worksheet through the selection tool itself, on selection's own method
    plain = TOOLS["selection"].run(data, sel.method())
    assert result.model_dump() == plain.model_dump()
    weights = {c["id"]: c["weight"] for c in data["attractiveness_criteria"]}
    for account, scored in zip(data["accounts"], result.accounts, strict=True):
        assert scored.attractiveness == weighted_score(weights, account["attractiveness"])


def test_the_global_example_places_each_candidate_where_the_documentation_says():
    g = gs.method()
    result = TOOLS["global_selection"].run(TOOLS["global_selection"].example(g), g)
    found = {a.key: (round(a.attractiveness, 2), a.band, a.portfolio) for a in result.accounts}
    assert found == {"acct-auto": (7.9, "key_account", "strategic"), "acct-energy": (6.75, "watch_list", "star"),
                     "acct-appliance": (4.85, "not_key", "status")}


def test_the_appliance_maker_passes_selections_own_criteria_but_not_the_global_ones():
    account = next(a for a in gs.method().examples[0].input["accounts"] if a["key"] == "acct-appliance")
    own = {c.id: c.weight for c in sel.method().attractiveness_criteria}
    assert weighted_score(own, account["attractiveness"]) == pytest.approx(5.6)  # above the 5 cut-off


def test_a_global_criterion_that_is_not_an_attractiveness_criterion_is_refused():
    with pytest.raises(ValidationError, match="not attractiveness criteria"):
        gs.method({"global_criteria": ["countries", "made_up"]})


def test_a_trainers_override_of_a_global_weight_reaches_the_method_and_the_weights_must_still_sum_to_100():
    changed = gs.method({"attractiveness_criteria": [{"id": "countries", "weight": 10},
                                                     {"id": "coverage", "weight": 20}]})
    assert {c.id: c.weight for c in changed.attractiveness_criteria}["coverage"] == 20
    with pytest.raises(ValidationError):
        gs.method({"attractiveness_criteria": [{"id": "countries", "weight": 40}]})


# ---- global contract checklist -----------------------------------------------------------------------

def test_the_global_contract_lists_the_seven_terms_of_a_framework_agreement_in_both_languages():
    tool = TOOLS["global_terms"]
    m = tool.method()
    assert [i.id for i in m.items] == ["scope", "pricing_currency", "call_off", "service_levels", "rebates",
                                       "governance", "exit"]
    assert all(i.text("zh") and i.text("en") and i.text("zh") != i.text("en") for i in m.items)
    assert [r["item"] for r in tool.blank(m)["rows"]] == [i.id for i in m.items]


def test_agreed_and_not_needed_terms_count_as_settled_and_an_open_term_past_its_date_is_overdue():
    tool = TOOLS["global_terms"]
    m = tool.method()
    data = {"rows": [{"key": "scope", "item": "scope", "status": "agreed", "due": "2020-01-01"},
                     {"key": "rebates", "item": "rebates", "status": "not_needed", "due": "2020-01-01"},
                     {"key": "exit", "item": "exit", "status": "negotiating", "due": "2020-01-01"},
                     {"key": "governance", "item": "governance", "status": None}]}
    result = tool.run(data, m)
    assert (result.total, result.done, result.drafts, result.overdue) == (3, 2, 1, ["exit"])


def test_the_contract_example_has_two_of_seven_terms_agreed():
    tool = TOOLS["global_terms"]
    m = tool.method()
    result = tool.run(tool.example(m), m)
    assert (result.total, result.done, result.by_status["negotiating"], result.by_status["open"]) == (7, 2, 2, 3)


def test_each_drivers_note_asks_for_evidence_and_a_declared_tool_without_its_own_label_keeps_note():
    assert TOOLS["global_drivers"].method().note_label("en") == "Evidence: what you have seen"
    assert TOOLS["global_terms"].method().note_label is None


# ---- exports ------------------------------------------------------------------------------------------

def test_the_workbook_has_the_global_tools_sheets_with_the_global_criteria_and_kamcores_verdicts(workshops):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "ACME"))
    for tool_id in ("global_selection", "global_drivers", "global_terms"):
        tool = TOOLS[tool_id]
        m = tool.method()
        data = tool.validate(tool.example(m), m)
        accounts = [Account(a.key, a.name) for a in data.accounts] if tool.scope == "group" else []
        north.save(tool_id, data, 0, PORTFOLIO if tool.scope == "group" else "acct-a", accounts)
    book = openpyxl.load_workbook(io.BytesIO(group_file(workshops.store, north, "xlsx", "en")), data_only=True)
    values = {name: [c.value for row in book[name].iter_rows() for c in row] for name in book.sheetnames}
    selection = values["Global selection"]
    assert {"Number of countries", "Share of purchasing centralised", "Our coverage of its countries"} <= set(selection)
    assert pytest.approx(7.9) in selection and "Strategic" in selection
    drivers = next(v for name, v in values.items() if name.startswith("Global drivers"))
    assert "Global programme recommended" in drivers and 3.25 in drivers
    deck = Presentation(io.BytesIO(group_file(workshops.store, north, "pptx", "zh")))
    titles = " ".join(s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title)
    assert "建议启动全球大客户计划" in titles


# ---- the matrix's quadrant names on a phone ------------------------------------------------------------

def test_a_long_quadrant_name_wraps_to_its_share_of_a_phone_plot_in_even_lines():
    lines = quadrant_name("Customer-pulled but supplier not ready", 0.375)[3:-4].split("<br>")
    assert len(lines) == 3  # a word wider than the quadrant keeps a line of its own
    assert all(text_width(x, QUADRANT_NAME, bold=True) <= 0.375 * NARROW_PLOT for x in lines if " " in x)
    assert quadrant_name("建议启动全球大客户计划", 0.375) == "<b>建议启动全球<br>大客户计划</b>"
    assert quadrant_name("Star", 0.5) == "<b>Star</b>"


def test_a_quadrant_name_is_never_broken_inside_brackets_and_stays_escaped():
    assert quadrant_name("地位型（维持型）客户", 0.5) == "<b>地位型（维持型）<br>客户</b>"
    assert "<script>" not in quadrant_name("<script>x</script>", 0.5)
