"""The development pipeline: the course's ¥2.1m weighted pipeline, stale deals as time passes, the stage
history in date order, moving a deal on with its exit criteria, the table's stage changes, refusals, and
the workbook's live formulas and real dates."""

import copy
import datetime as dt

import openpyxl
import pytest
from pydantic import ValidationError

from kamcore.export.files import group_file
from kamcore.i18n import explain
from kamcore.methods import pipeline as pl
from kamcore.store import Account
from kamcore.tools import TOOLS
from tests.workbook import recalculated

M = pl.method()
TOOL = TOOLS["pipeline"]
DAY = dt.date(2026, 11, 29)


def run(data, m=M, today=DAY):
    return pl.evaluate(pl.PipelineInput.model_validate(data, context={"method": m}), m, today)


def example(lang="en"):
    return copy.deepcopy(pl.example_input(M, lang=lang))


def deal(key, value, stage, history=()):
    return {"key": key, "name": key, "value": value, "stage": stage, "close": None, "owner": "",
            "history": list(history)}


def test_the_courses_example_weighs_2m_at_35_5m_at_10_and_1m_at_90_percent_to_2_1m():
    result = run(example())
    assert [(d.value, d.probability, d.weighted) for d in result.deals] == [
        (2_000_000, 35, 700_000), (5_000_000, 10, 500_000), (1_000_000, 90, 900_000)]
    assert result.weighted == pytest.approx(2_100_000) and result.total == 8_000_000


def test_the_default_win_probabilities_rise_5_10_15_25_35_50_70_90_through_the_eight_stages():
    assert [s.probability for s in M.stages] == [5, 10, 15, 25, 35, 50, 70, 90]
    assert [s.text("zh") for s in M.stages][0::7] == ["信息收集", "意向达成"]


def test_a_workshops_probability_changes_the_weighted_pipeline():
    m = pl.method({"stages": [{"id": "filtering", "probability": 12}]})
    assert run(example(), m).weighted == pytest.approx(700_000 + 600_000 + 900_000)


def test_the_value_per_stage_makes_the_funnel():
    stages = {s.stage: (s.count, s.value, s.weighted) for s in run(example()).stages}
    assert stages["needs"] == (1, 2_000_000, 700_000) and stages["information"] == (0, 0, 0)
    assert list(stages) == [s.id for s in M.stages]


def test_a_deal_is_stale_only_once_it_has_sat_longer_than_its_stages_limit():
    data = {"opportunities": [deal("a", 100, "filtering", [{"stage": "filtering", "date": "2026-11-01", "met": []}])]}
    assert M.stage("filtering").limit_days == 14
    assert run(data, today=dt.date(2026, 11, 15)).stale == []  # 14 days: at the limit
    late = run(data, today=dt.date(2026, 11, 16))
    assert late.stale == ["a"] and late.deals[0].days == 15


def test_the_days_in_a_stage_count_from_the_latest_time_the_deal_entered_it():
    history = [{"stage": "filtering", "date": "2026-09-01", "met": []},
               {"stage": "solution", "date": "2026-09-10", "met": []},
               {"stage": "filtering", "date": "2026-11-20", "met": []}]
    result = run({"opportunities": [deal("a", 100, "filtering", history)]})
    assert result.deals[0].since == dt.date(2026, 11, 20) and not result.stale


def test_a_deal_without_a_recorded_entry_is_never_flagged_stale():
    result = run({"opportunities": [deal("a", 100, "filtering")]})
    assert result.deals[0].days is None and result.stale == []


def test_the_example_framework_agreement_is_stale_in_filtering():
    assert run(example()).stale == ["o2"]


def test_the_stage_history_is_shown_in_date_order_whatever_order_it_was_typed_in():
    history = [{"stage": "brand", "date": "2026-10-13", "met": []},
               {"stage": "information", "date": "2026-09-01", "met": []},
               {"stage": "solution", "date": "2026-09-29", "met": ["need"]},
               {"stage": "filtering", "date": "2026-09-29", "met": ["basics"]}]
    o = pl.PipelineInput.model_validate({"opportunities": [deal("a", 1, "brand", history)]}).opportunities[0]
    assert [c.stage for c in pl.ordered_history(o)] == ["information", "solution", "filtering", "brand"]


def test_moving_a_deal_on_records_the_day_the_new_stage_and_the_exit_criteria_met():
    data = {"opportunities": [deal("a", 100, "information", [{"stage": "information", "date": "2026-11-01",
                                                                "met": []}])]}
    moved = pl.move(data, "a", "filtering", ["basics"], dt.date(2026, 11, 10))
    moved = pl.move(moved, "a", "solution", ["need", "fit"], dt.date(2026, 11, 20))
    o = moved["opportunities"][0]
    assert o["stage"] == "solution"
    assert o["history"][1:] == [{"stage": "filtering", "date": "2026-11-10", "met": ["basics"]},
                                {"stage": "solution", "date": "2026-11-20", "met": ["need", "fit"]}]
    assert run(moved).deals[0].since == dt.date(2026, 11, 20)
    assert data["opportunities"][0]["stage"] == "information"  # the worksheet itself is not changed in place


def test_a_stage_set_in_the_table_is_recorded_once_with_the_day_it_was_set():
    on = dt.date(2026, 11, 29)
    data = pl.from_table(pl.blank_input(M), [{"name": "Line 3", "value": 1000.0, "stage": "information",
                                             "close": dt.datetime(2027, 1, 31), "owner": "Wang"},
                                            {"name": None, "value": float("nan"), "stage": "information"}], on)
    (row,) = data["opportunities"]
    assert row["close"] == "2027-01-31" and row["history"] == [{"stage": "information", "date": "2026-11-29",
                                                                "met": []}]
    again = pl.from_table(data, [{**row, "owner": "Li"}], on + dt.timedelta(days=3))
    assert again["opportunities"][0]["history"] == row["history"]  # no stage change, nothing recorded
    jumped = pl.from_table(data, [{**row, "stage": "needs"}], on + dt.timedelta(days=3))
    assert [c["stage"] for c in jumped["opportunities"][0]["history"]] == ["information", "needs"]


def test_an_opportunity_without_value_or_stage_is_a_draft_and_not_weighed():
    result = run({"opportunities": [deal("a", None, "needs"), deal("b", 10, None), deal("c", 0, "needs")]})
    assert result.drafts == 2 and [d.key for d in result.deals] == ["c"]
    assert TOOL.counted_data(pl.blank_input(M), M) is None


@pytest.mark.parametrize("lang, words", [("en", "must be one of"), ("zh", "之一")])
def test_a_stage_the_method_does_not_have_is_refused_in_the_users_language(lang, words):
    with pytest.raises(ValidationError) as error:
        run({"opportunities": [deal("a", 10, "won")]})
    assert any(words in line for line in explain(error.value, lang)), explain(error.value, lang)


def test_a_negative_value_is_refused():
    with pytest.raises(ValidationError):
        run({"opportunities": [deal("a", -5, "needs")]})


def test_a_method_whose_probabilities_fall_from_one_stage_to_the_next_is_refused():
    with pytest.raises(ValidationError):
        pl.method({"stages": [{"id": "intent", "probability": 1}]})


def test_the_sheets_weighted_values_are_live_formulas_over_real_dates_that_recalculate(workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Global Motors"))
    north.save("pipeline", TOOL.validate(example(), M), 0, "acct-a")
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    assert not wrong and checked == 3 * 2 + 2 + 8 * 2  # probability and weighted per deal, totals, per stage
    sheet = openpyxl.load_workbook(path).worksheets[1]
    formulas = [c.value for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert any(f.startswith("=VLOOKUP(") for f in formulas) and "=B14*F14/100" in formulas
    values = openpyxl.load_workbook(path, data_only=True).worksheets[1]
    assert isinstance(values["C14"].value, dt.datetime) and values["C14"].value.date() == dt.date(2027, 3, 31)
    assert values["G17"].value == pytest.approx(2_100_000)
