"""The task timetable and its weekly review: what a review finds changed since the one before (done,
slipped by days, new, overdue, removed), reviews in date order, the noun check, the Gantt chart's width
and today's line, and the workbook's real dates, day formulas and Gantt chart."""

import copy
import datetime as dt
import io

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_FILL
from pydantic import ValidationError

from kamcore.export.files import group_file
from kamcore.methods import task_timetable as tt
from kamcore.store import Account
from kamcore.tools import TOOLS
from kamcore.tools.task_timetable import gantt
from tests.workbook import recalculated

M = tt.method()
TOOL = TOOLS["task_timetable"]
DAY = dt.date(2026, 11, 29)


def run(data, today=DAY):
    return tt.evaluate(tt.TimetableInput.model_validate(data, context={"method": M}), M, today)


def task(key, deliverable, start, due, status="planned", owner="Wang"):
    return {"key": key, "deliverable": deliverable, "owner": owner, "support": "", "start": start, "due": due,
            "status": status}


def keys(items):
    return [(i.key, i.days) if i.days is not None else i.key for i in items]


def test_the_second_review_of_the_example_finds_the_proposal_slipped_7_days_and_the_test_report_new():
    first, second = run(tt.example_input(M, lang="en")).reviews
    assert keys(first.new) == ["t1", "t2"] and keys(first.done) == ["t1"]
    assert keys(second.slipped) == [("t2", 7)] and keys(second.new) == ["t3"] and second.done == []
    assert second.notes.startswith("Technical proposal slips a week")


def test_two_reviews_a_week_apart_show_what_was_done_slipped_new_overdue_and_removed():
    data = {"tasks": [task("a", "Proposal", "2026-11-01", "2026-11-10"),
                      task("b", "Quotation", "2026-11-01", "2026-11-12"),
                      task("c", "Test report", "2026-11-01", "2026-11-06"),
                      task("d", "Reference visit", "2026-11-01", "2026-11-30")], "reviews": []}
    data = tt.review(data, dt.date(2026, 11, 2), "first", M)
    data["tasks"][0]["status"] = "done"  # a: done
    data["tasks"][1]["due"] = "2026-11-20"  # b: slips 8 days
    data["tasks"] = [x for x in data["tasks"] if x["key"] != "d"]  # d: removed
    data["tasks"].append(task("e", "Site survey", "2026-11-05", "2026-11-15"))  # e: new
    data = tt.review(data, dt.date(2026, 11, 9), "second", M)
    week = run(data).reviews[1]
    assert (week.date, week.notes) == (dt.date(2026, 11, 9), "second")
    assert keys(week.done) == ["a"] and keys(week.slipped) == [("b", 8)] and keys(week.new) == ["e"]
    assert keys(week.overdue) == [("c", 3)] and keys(week.dropped) == ["d"]


def test_the_first_review_has_nothing_to_compare_with_so_every_task_is_new():
    data = tt.review({"tasks": [task("a", "Proposal", "2026-11-01", "2026-11-10")], "reviews": []},
                     dt.date(2026, 11, 2), "", M)
    (first,) = run(data).reviews
    assert keys(first.new) == ["a"] and not (first.done or first.slipped or first.overdue)


def test_a_due_date_brought_forward_is_not_a_slip():
    before = [tt.Snapshot(key="a", deliverable="Proposal", due=dt.date(2026, 11, 20), status="doing")]
    after = [tt.Snapshot(key="a", deliverable="Proposal", due=dt.date(2026, 11, 15), status="doing")]
    assert tt.diff(before, after, dt.date(2026, 11, 9), M).empty


def test_a_task_done_before_is_not_done_again_and_a_done_task_is_never_overdue():
    snap = [tt.Snapshot(key="a", deliverable="Proposal", due=dt.date(2026, 11, 1), status="done")]
    assert tt.diff(snap, snap, dt.date(2026, 12, 1), M).empty


def test_reviews_are_compared_in_date_order_whatever_order_they_were_saved_in():
    base = {"tasks": [task("a", "Proposal", "2026-11-01", "2026-11-10")], "reviews": []}
    late = tt.review(base, dt.date(2026, 11, 16), "late", M)
    late["tasks"][0]["due"] = "2026-11-03"  # the earlier review, saved afterwards, had an earlier due date
    both = tt.review(late, dt.date(2026, 11, 9), "early", M)
    reviews = run(both).reviews
    assert [r.notes for r in reviews] == ["early", "late"] and keys(reviews[1].slipped) == [("a", 7)]


def test_todays_timetable_is_compared_with_the_last_review_and_past_due_tasks_are_overdue_today():
    data = tt.review({"tasks": [task("a", "Proposal", "2026-11-01", "2026-11-20")], "reviews": []},
                     dt.date(2026, 11, 16), "", M)
    data["tasks"].append(task("b", "Quotation", "2026-11-17", "2026-11-25"))
    result = run(data, today=dt.date(2026, 11, 26))
    assert keys(result.pending.new) == ["b"] and keys(result.pending.overdue) == [("a", 6), ("b", 1)]
    assert result.overdue == ["a", "b"]


@pytest.mark.parametrize("deliverable, verb", [("写技术方案", True), ("技术方案书", False),
                                               ("Write the proposal", True), ("Technical proposal", False),
                                               ("完成报价", True),
                                               ("Review of the contract", True), ("Reviewed contract", False)])
def test_a_result_that_starts_with_an_activity_verb_gets_the_noun_hint(deliverable, verb):
    assert tt.verb_like(deliverable, M) is verb


def test_a_task_without_dates_or_owner_is_a_draft_and_out_of_the_counts():
    result = run({"tasks": [task("a", "Proposal", None, "2026-12-01"), task("b", "Quote", "2026-11-01",
                                                                           "2026-12-01", owner="")],
                  "reviews": []})
    assert result.tasks == 0 and result.drafts == 2 and TOOL.counted_data({"tasks": [], "reviews": []}, M) is None


def test_a_status_the_method_does_not_have_is_refused():
    with pytest.raises(ValidationError):
        run({"tasks": [task("a", "Proposal", "2026-11-01", "2026-11-10", status="stuck")], "reviews": []})


def test_a_task_due_before_it_starts_is_flagged_not_refused():
    assert run({"tasks": [task("a", "Proposal", "2026-11-10", "2026-11-01")], "reviews": []}).backwards == ["a"]


def test_the_gantt_keeps_a_days_width_so_a_long_timetable_is_wider_than_a_phone_and_draws_todays_line():
    short = [tt.Task.model_validate(task("a", "Proposal", "2026-11-20", "2026-11-27"))]
    long = short + [tt.Task.model_validate(task("b", "Quote", "2026-11-01", "2027-02-28"))]
    assert gantt(short, M, "en", DAY).layout.width < gantt(long, M, "en", DAY).layout.width
    assert gantt(long, M, "en", DAY).layout.width > 390 * 3
    figure = gantt(long, M, "zh", DAY)
    assert figure.layout.shapes[0].x0 == "2026-11-29" and figure.layout.annotations[0].text == "今天"
    bars = {b.name: list(b.y) for b in figure.data}
    assert bars == {"已完成": [], "未完成": ["1. Quote"], "已逾期": ["2. Proposal"]}  # due on the 27th


def test_the_sheet_has_real_dates_day_formulas_that_recalculate_and_a_gantt_chart(workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Global Motors"))
    north.save("task_timetable", TOOL.validate(copy.deepcopy(tt.example_input(M)), M), 0, "acct-a")
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    assert not wrong and checked == 4
    sheet = openpyxl.load_workbook(path, data_only=True).worksheets[1]
    assert sheet["D4"].value == dt.datetime(2026, 11, 2) and sheet["E4"].value == dt.datetime(2026, 11, 13)
    assert sheet["F4"].value == 12
    assert len(openpyxl.load_workbook(path).worksheets[1]._charts) == 1


def test_the_decks_timetable_slide_is_a_native_gantt_each_bar_starting_on_its_tasks_first_day(workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Global Motors"))
    example = TOOL.validate(copy.deepcopy(tt.example_input(M)), M)
    north.save("task_timetable", example, 0, "acct-a")
    deck = Presentation(io.BytesIO(group_file(workshops.store, north, "pptx", "en")))
    [chart] = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    start, days = chart.plots[0].series
    assert start.format.fill.type == MSO_FILL.BACKGROUND and days.format.fill.type == MSO_FILL.SOLID
    tasks = sorted(example.tasks, key=lambda x: (x.start, x.due))
    first = tasks[0].start
    assert list(reversed(start.values)) == [(x.start - first).days for x in tasks]
    assert list(reversed(days.values)) == [(x.due - x.start).days + 1 for x in tasks]
