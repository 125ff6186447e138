"""The global account programme plan: the conditions for launching its pilot, one by one, the phases'
order, refusals of choices the method does not have, and the workbook's formulas."""

import copy

import pytest
from pydantic import ValidationError

from kamcore.export.files import group_file
from kamcore.i18n import explain
from kamcore.methods import global_programme as gp
from kamcore.store import Account
from kamcore.tool import Entry
from kamcore.tools import TOOLS
from tests.workbook import recalculated

M = gp.method()
TOOL = TOOLS["global_programme"]


def run(data, m=M):
    return gp.evaluate(gp.ProgrammeInput.model_validate(data, context={"method": m}), m)


def example(lang="en"):
    return copy.deepcopy(gp.example_input(M, lang=lang))


def failed(result):
    return [c.id for c in result.checks if not c.passed]


def test_the_example_meets_every_condition_and_is_ready_for_its_pilot():
    result = run(example())
    assert (result.passed, result.ready, failed(result)) == (7, True, [])
    assert result.countries == ["China", "Germany", "United States"]
    assert result.offers == {"harmonise": 2, "develop": 1}
    assert result.information == {"gam": 1, "country": 1, "sponsor": 1, "finance": 1, "customer": 0}
    assert result.sources["financial_system"] == 2


def test_a_blank_plan_meets_nothing_and_is_not_counted_on_the_projector():
    blank = gp.blank_input(M)
    result = run(blank)
    assert result.passed == 0 and not result.ready and result.uninformed == ["gam", "country", "sponsor"]
    assert TOOL.counted_data(blank, M) is None
    progress = TOOL.progress_of(blank, M, "en")
    assert (progress.scored, progress.total, progress.verdict) == (0, 7, None)


@pytest.mark.parametrize("change, check", [
    (lambda d: d.update(gam=""), "gam"),
    (lambda d: d.update(coordination=None), "coordination"),
    (lambda d: d.update(offers=[]), "offers"),
    (lambda d: d.update(managers=[]), "managers"),
    (lambda d: d.update(phases=[p for p in d["phases"] if p["phase"] != "pilot"]), "pilot_first"),
    (lambda d: d.update(information=[i for i in d["information"] if i["party"] != "sponsor"]), "informed"),
    (lambda d: [i.update(source="information_system") for i in d["information"]], "financial"),
])
def test_each_condition_fails_alone_when_its_part_of_the_plan_is_missing(change, check):
    data = example()
    change(data)
    result = run(data)
    assert failed(result) == [check] and not result.ready and result.passed == 6


def test_a_row_missing_what_it_needs_is_a_draft_and_does_not_meet_a_condition():
    data = example()
    data["managers"] = [{"key": "m1", "country": "China", "manager": ""}]
    result = run(data)
    assert failed(result) == ["managers"] and result.drafts == 1


def test_parties_the_method_does_not_require_may_go_without_information():
    data = example()
    data["information"] = [i for i in data["information"] if i["party"] != "finance"]
    assert run(data).ready


def test_a_roll_out_starting_before_the_pilot_puts_the_phases_out_of_order():
    data = example()
    data["phases"][1]["start"] = "2026-12-01"  # the pilot starts 2027-01-01
    result = run(data)
    assert result.out_of_order == ["p2"] and failed(result) == ["pilot_first"]


def test_a_phase_ending_before_it_starts_is_out_of_order():
    data = example()
    data["phases"][0]["end"] = "2026-06-30"
    assert run(data).out_of_order == ["p1"]


def test_phases_run_in_the_methods_order_whatever_order_they_were_typed_in():
    data = example()
    data["phases"].reverse()
    data["phases"].append({"key": "p3", "phase": "upgrade", "scope": "All", "start": None, "end": None})
    assert run(data).phases == ["p1", "p2", "p3"]


@pytest.mark.parametrize("lang, words", [("en", "must be one of"), ("zh", "必须是")])
def test_a_choice_the_method_does_not_have_is_refused_in_the_readers_language(lang, words):
    data = example()
    data["managers"][0]["line"] = "boss"
    with pytest.raises(ValidationError) as caught:
        run(data)
    assert any(words in line for line in explain(caught.value, lang))


def test_an_unknown_coordination_mechanism_is_refused():
    data = example()
    data["coordination"] = "anarchy"
    with pytest.raises(ValidationError):
        run(data)


def test_the_slide_says_how_many_conditions_are_met_and_lists_the_gaps_as_actions():
    data = example()
    data["gam"] = ""
    counted = TOOL.counted_data(data, M)
    entry = Entry("North", "Global Motors", counted, TOOL.run(counted, M))
    slide = TOOL.slide(entry, M, "en")
    assert slide.title == "Global programme for Global Motors: 6 of 7 conditions met · Gaps to close first"
    assert slide.actions == [M.check("gam").gap("en")]
    assert "Pilot: China, Germany (2027-01-01 – 2027-06-30)" in slide.lines


def test_the_sheets_counts_and_conditions_recalculate_to_kamcores_answers(workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Global Motors"))
    data = example()
    data["information"] = data["information"][:2]  # the sponsor's need gone: "informed" is false
    north.save("global_programme", gp.ProgrammeInput.model_validate(data, context={"method": M}), 0, "acct-a")
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "zh"))
    checked, wrong = recalculated(path)
    # 2 actions + 5 parties + 4 sources counted, 6 conditions as formulas, and how many are met
    assert not wrong and checked == 2 + 5 + 4 + 6 + 1


def test_a_tables_rows_keep_dates_as_iso_text_emptied_texts_as_empty_and_drop_empty_rows():
    import datetime as dt

    data = gp.from_table(gp.blank_input(M), "phases", ("phase", "scope", "start", "end", "milestone"), [
        {"key": "p1", "phase": "pilot", "scope": None, "start": dt.date(2027, 1, 1), "end": "2027-06-30T00:00:00"},
        {"phase": None, "scope": None, "start": None}])
    assert data["phases"] == [{"key": "p1", "phase": "pilot", "scope": "", "start": "2027-01-01",
                               "end": "2027-06-30", "milestone": ""}]
    gp.ProgrammeInput.model_validate(data, context={"method": M})


def test_neither_lecture_4_tool_lends_its_generic_ids_to_the_names_error_messages_give_criteria():
    from kamcore.i18n import _named

    assert not list(_named(M)) and not list(_named(TOOLS["country_rollup"].method()))
