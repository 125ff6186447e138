"""Lecture 3, keeping the account: continuous attention (next due from last done and cadence, overdue
flagged), the review cadence (the year's calendar, held reviews matched, the .ics file) and partnership
development (the seven steps, screening from the partnership model, the prerequisites' rule)."""

from datetime import date, timedelta

import icalendar
import pytest
from pydantic import ValidationError

from kamcore.export.files import group_file
from kamcore.i18n import explain
from kamcore.methods import attention_checklist as ac
from kamcore.methods import partnership as ps
from kamcore.methods import partnership_development as pd
from kamcore.methods import review_cadence as rc
from kamcore.store import Account
from kamcore.tool import Entry
from kamcore.tools import TOOLS
from tests.workbook import recalculated

TODAY = date(2026, 11, 29)  # the day the worked examples are read on


def run(tool_id, data, today=TODAY, overrides=None):
    tool = TOOLS[tool_id]
    m = tool.method(overrides)
    inp = tool.validate(data, m)
    return (tool.evaluate(inp, m) if tool_id == pd.TOOL_ID else tool.evaluate(inp, m, today)), m


# ---- continuous attention -----------------------------------------------------------------------------

def attention(last_done, cadence=None, practice="complaints", today=TODAY, owner="Li"):
    entry = {"owner": owner, "last_done": last_done.isoformat() if last_done else None, "cadence": cadence}
    result, _ = run(ac.TOOL_ID, {"practices": {practice: entry}}, today)
    return next(p for p in result.practices if p.id == practice)


def test_the_example_flags_three_overdue_practices_and_one_never_done_as_of_29_november_2026():
    m = ac.method()
    result, _ = run(ac.TOOL_ID, ac.example_input(m))
    assert result.overdue == ["investment", "conflicts", "staff_changes", "meeting_plan"]
    assert result.by_state == {"never": 1, "overdue": 3, "due_soon": 6, "on_time": 2}
    investment = result.practices[0]
    assert (investment.last_done, investment.days, investment.next_due) == (date(2026, 8, 20), 91, date(2026, 11, 19))
    assert result.on_track == 8 and result.done == 11


def test_next_due_is_last_done_plus_the_cadence_and_the_due_day_itself_is_not_overdue():
    weekly = 7  # complaints are weekly by default
    assert attention(TODAY - timedelta(days=weekly)).state == "due_soon"
    assert attention(TODAY - timedelta(days=weekly)).next_due == TODAY
    assert attention(TODAY - timedelta(days=weekly + 1)).state == "overdue"


def test_due_soon_reaches_exactly_the_methods_window_and_one_day_more_is_on_time():
    soon = ac.method().due_soon_days
    assert attention(TODAY + timedelta(days=soon - 7)).state == "due_soon"
    assert attention(TODAY + timedelta(days=soon - 7 + 1)).state == "on_time"


def test_a_practice_never_done_is_flagged_with_no_due_day_and_a_trainer_can_widen_due_soon():
    never = attention(None)
    assert (never.state, never.next_due) == ("never", None)
    result, _ = run(ac.TOOL_ID, {"practices": {"complaints": {"last_done": "2026-11-25"}}},
                    overrides={"due_soon_days": 0})
    assert next(p for p in result.practices if p.id == "complaints").state == "on_time"  # due 2 December


def test_the_groups_own_cadence_replaces_the_practices_default():
    quarterly = attention(date(2026, 10, 1), cadence="quarterly")
    assert (quarterly.days, quarterly.next_due, quarterly.state) == (91, date(2026, 12, 31), "on_time")
    assert attention(date(2026, 10, 1)).state == "overdue"  # weekly by default


@pytest.mark.parametrize("data", [{"practices": {"gossip": {"owner": "Li"}}},
                                  {"practices": {"complaints": {"cadence": "hourly"}}}])
def test_a_practice_or_cadence_the_method_does_not_have_is_refused_in_the_users_language(data):
    with pytest.raises(ValidationError) as error:
        TOOLS[ac.TOOL_ID].validate(data)
    assert all(message for message in explain(error.value, "zh"))


def test_an_attention_sheet_with_nothing_done_is_not_shown_yet():
    assert ac.counted(TOOLS[ac.TOOL_ID].validate({"practices": {"complaints": {"owner": "Li"}}})) is None


# ---- review cadence ------------------------------------------------------------------------------------

@pytest.mark.parametrize("start, months, expected", [
    (date(2027, 1, 31), 1, date(2027, 2, 28)), (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)), (date(2026, 11, 30), 15, date(2028, 2, 29)),
    (date(2026, 7, 1), 0, date(2026, 7, 1))])
def test_adding_months_keeps_the_day_or_takes_the_shorter_months_last(start, months, expected):
    assert rc.add_months(start, months) == expected


def test_the_example_calendar_from_1_july_2026_has_seven_reviews_and_three_held():
    m = rc.method()
    result, _ = run(rc.TOOL_ID, rc.example_input(m))
    assert [(p.review, p.day) for p in result.calendar] == [
        ("business", date(2026, 7, 1)), ("personal", date(2026, 8, 1)), ("business", date(2026, 10, 1)),
        ("business", date(2027, 1, 1)), ("personal", date(2027, 2, 1)), ("business", date(2027, 4, 1)),
        ("annual", date(2027, 6, 1))]
    assert [p.held for p in result.calendar[:3]] == ["h1", "h2", "h3"]
    assert result.counted_held == 3 and result.overdue == [] and result.unplanned == []
    assert (result.next.review, result.next.day) == ("business", date(2027, 1, 1))


def calendar(held, today=TODAY, start="2026-07-01", overrides=None):
    rows = [{"key": f"k{n}", "review": review, "date": day} for n, (review, day) in enumerate(held)]
    result, _ = run(rc.TOOL_ID, {"start": start, "held": rows}, today, overrides)
    return result


def test_a_review_held_exactly_the_tolerance_after_its_day_counts_and_one_day_later_does_not():
    tolerance = rc.method().tolerance_days
    on_edge = calendar([("business", (date(2026, 7, 1) + timedelta(days=tolerance)).isoformat())])
    assert on_edge.calendar[0].held == "k0"
    too_late = calendar([("business", (date(2026, 7, 1) + timedelta(days=tolerance + 1)).isoformat())])
    assert too_late.calendar[0].held is None and too_late.unplanned == ["k0"]


def test_a_planned_review_not_held_is_due_on_its_day_and_overdue_once_the_tolerance_has_passed():
    day, tolerance = date(2026, 7, 1), rc.method().tolerance_days
    assert calendar([], today=day - timedelta(days=1)).calendar[0].state == "upcoming"
    assert calendar([], today=day).calendar[0].state == "due"
    assert calendar([], today=day + timedelta(days=tolerance)).calendar[0].state == "due"
    late = calendar([], today=day + timedelta(days=tolerance + 1))
    assert late.calendar[0].state == "overdue" and late.overdue == [day]


def test_one_review_held_counts_for_one_planned_day_only_and_only_for_its_own_kind():
    result = calendar([("personal", "2026-07-02")], start="2026-07-01")
    assert result.calendar[0].held is None  # the business review of 1 July is not held by a personal review
    assert result.calendar[1].held == "k0"  # the personal review of 1 August is: 30 days apart
    # with a wide tolerance a review between two planned days could count for both: it counts for one
    wide = calendar([("business", "2026-08-16")], overrides={"tolerance_days": 100})
    assert [p.held for p in wide.calendar if p.review == "business"][:2] == ["k0", None]
    nearer = calendar([("business", "2026-08-20"), ("business", "2026-08-16")], overrides={"tolerance_days": 100})
    assert [p.held for p in nearer.calendar if p.review == "business"][:2] == ["k1", "k0"]


def test_no_calendar_before_the_start_day_is_set_and_such_a_sheet_is_not_shown():
    result = calendar([], start=None)
    assert result.calendar == [] and result.next is None
    assert rc.counted(TOOLS[rc.TOOL_ID].validate({"start": None, "held": []})) is None


def test_a_review_the_method_does_not_have_is_refused():
    with pytest.raises(ValidationError):
        TOOLS[rc.TOOL_ID].validate({"start": "2026-07-01", "held": [{"key": "a", "review": "gossip"}]})


def test_the_ics_file_parses_with_icalendar_and_has_one_all_day_event_per_planned_review():
    m = rc.method()
    result, _ = run(rc.TOOL_ID, rc.example_input(m))
    parsed = icalendar.Calendar.from_ical(rc.ics(result, m, "ACME", "zh", "acct-a"))
    events = list(parsed.walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [p.day for p in result.calendar]
    assert all(e.decoded("dtend") - e.decoded("dtstart") == timedelta(days=1) for e in events)
    assert str(events[-1]["summary"]) == "业务关系年度评审 · ACME"
    assert "全年业绩与目标达成" in str(events[-1]["description"])
    assert len({str(e["uid"]) for e in events}) == 7
    assert rc.ics(result, m, "ACME", "zh", "acct-a") == rc.ics(result, m, "ACME", "zh", "acct-a")  # stable


def test_a_trainer_who_makes_the_business_review_monthly_gets_twelve_of_them():
    result, _ = run(rc.TOOL_ID, {"start": "2026-07-01", "held": []},
                    overrides={"reviews": [{"id": "business", "name": {"zh": "业务", "en": "Business"},
                                            "cadence_months": 1, "first_month": 0,
                                            "attendees": {"zh": "双方", "en": "Both"},
                                            "agenda": [{"zh": "回顾", "en": "Review"}]}]})
    business = [p.day for p in result.calendar if p.review == "business"]
    assert len(business) == 12 and business[-1] == date(2027, 6, 1)
    assert len(result.calendar) == 15  # the other two reviews as the method has them


# ---- partnership development -----------------------------------------------------------------------------

def development(strategic, operational, steps=None):
    m = pd.method()
    ids = [p.id for p in m.in_group("strategic")] + [p.id for p in m.in_group("operational")]
    scores = dict(zip(ids, [*strategic, *operational], strict=True))
    result, _ = run(pd.TOOL_ID, {"steps": steps or {}, "scores": scores, "notes": {}})
    return result


def test_the_example_is_at_screening_and_may_proceed_with_means_4_and_3_67():
    m = pd.method()
    result, _ = run(pd.TOOL_ID, pd.example_input(m))
    assert (result.current, result.done) == ("screen", 2)
    assert result.means["strategic"] == pytest.approx(4.0) and result.means["operational"] == pytest.approx(11 / 3)
    assert result.verdict == "proceed"


def test_an_operational_mean_below_its_mark_says_strengthen_first():
    result = development((4, 4, 5, 3, 4), (3, 3, 4))
    assert result.verdict == "strengthen" and result.short == ["operational"]


def test_means_exactly_at_their_marks_proceed():
    assert development((3.5, 3.5, 3.5, 3.5, 3.5), (3, 4, 3.5)).verdict == "proceed"
    assert development((3, 4, 3, 4, 3), (4, 4, 4)).verdict == "strengthen"  # strategic 3.4


def test_one_prerequisite_below_the_minimum_holds_whatever_the_means_and_the_minimum_itself_does_not():
    assert development((5, 5, 5, 5, 1), (5, 5, 5)).verdict == "hold"
    assert development((5, 5, 5, 5, 1), (5, 5, 5)).weak == ["will_to_succeed"]
    assert development((5, 5, 5, 5, 2), (5, 5, 5)).verdict == "proceed"


def test_no_verdict_until_every_prerequisite_is_scored_and_such_a_sheet_is_not_compared():
    result, m = run(pd.TOOL_ID, {"steps": {}, "scores": {"quality": 5}, "notes": {}})
    assert result.verdict is None and len(result.missing) == 7
    assert pd.counted(TOOLS[pd.TOOL_ID].validate({"steps": {}, "scores": {"quality": 5}, "notes": {}})) is None


def test_the_current_step_is_the_first_not_done_and_none_once_all_seven_are():
    m = pd.method()
    skipped = {"prepare": {"status": "done"}, "identify": {"status": "in_progress"}, "screen": {"status": "done"}}
    assert pd.current_step(TOOLS[pd.TOOL_ID].validate({"steps": skipped, "scores": {}}), m) == "identify"
    every = {s.id: {"status": "done"} for s in m.steps}
    assert pd.current_step(TOOLS[pd.TOOL_ID].validate({"steps": every, "scores": {}}), m) is None


@pytest.mark.parametrize("data", [{"steps": {"marry": {"status": "done"}}, "scores": {}},
                                  {"steps": {"prepare": {"status": "finished"}}, "scores": {}},
                                  {"steps": {}, "scores": {"quality": 6}}])
def test_a_step_status_or_score_the_method_does_not_have_is_refused(data):
    with pytest.raises(ValidationError):
        TOOLS[pd.TOOL_ID].validate(data)


def test_screening_reads_the_partnership_models_own_verdict_and_cautions_for_the_account():
    pm = ps.method()
    found = pd.screening(ps.example_input(pm), pm)
    assert found.found and found.partner and found.cautions == ["supplier_focus"]
    assert found.verdict == ps.evaluate(TOOLS[ps.TOOL_ID].validate(ps.example_input(pm)), pm).verdict
    assert (found.drivers, found.facilitators) == (14, 16)


def test_screening_without_a_partnership_worksheet_or_with_one_half_scored_has_no_verdict():
    pm = ps.method()
    assert pd.screening(None, pm).found is False
    half = ps.blank_input(pm) | {"drivers_us": {"asset_cost": 4}, "unsuited": ["price_only"]}
    found = pd.screening(half, pm)
    assert found.found and found.verdict is None and found.unsuited == ["price_only"]
    assert pd.screening({"drivers_us": "nonsense"}, pm).found is False


def test_screening_of_an_arms_length_account_is_not_a_partner():
    pm = ps.method()
    low = ps.blank_input(pm) | {"drivers_us": {d.id: 1 for d in pm.drivers},
                                "drivers_customer": {d.id: 1 for d in pm.drivers},
                                "facilitators": {f.id: 1 for f in pm.facilitators}}
    found = pd.screening(low, pm)
    assert found.verdict == min(pm.outcomes, key=lambda o: o.level).id and not found.partner


# ---- exports -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tool_id, least", [(ac.TOOL_ID, 15), (rc.TOOL_ID, 4), (pd.TOOL_ID, 4)])
def test_every_formula_of_the_sheet_recalculates_to_kamcores_number(tool_id, least, workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "ACME"))
    tool = TOOLS[tool_id]
    north.save(tool_id, tool.validate(tool.example(tool.method())), 0, "acct-a")
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    assert not wrong and checked >= least


# ---- console progress and the take-home slide ---------------------------------------------------------------

def entry(tool_id, today=TODAY):
    tool, m = TOOLS[tool_id], TOOLS[tool_id].method()
    data = tool.example(m)
    inp = tool.validate(data, m)
    result = tool.evaluate(inp, m) if tool_id == pd.TOOL_ID else tool.evaluate(inp, m, today)
    return Entry("North", "ACME", tool.validate(data, m).model_dump(mode="json"), result, 1, "acct-a"), inp, m


def test_console_progress_counts_practices_done_reviews_due_and_prerequisites_scored():
    e, inp, m = entry(ac.TOOL_ID)
    progress = TOOLS[ac.TOOL_ID].progress(inp, e.result, m, "en")
    assert (progress.scored, progress.total, progress.verdict) == (11, 12, "4 of 12 overdue")
    e, inp, m = entry(rc.TOOL_ID)
    progress = TOOLS[rc.TOOL_ID].progress(inp, e.result, m, "en")
    assert (progress.scored, progress.total, progress.verdict) == (4, 4, "3 of 7 held")  # start + 3 reviews due so far
    e, inp, m = entry(pd.TOOL_ID)
    progress = TOOLS[pd.TOOL_ID].progress(inp, e.result, m, "zh")
    assert (progress.scored, progress.total, progress.verdict) == (8, 8, "可以推进")


def test_the_slides_say_what_is_overdue_how_many_reviews_were_held_and_whether_to_proceed():
    e, _, m = entry(ac.TOOL_ID)
    slide = TOOLS[ac.TOOL_ID].slide(e, m, "en")
    assert slide.title == "ACME: 4 of 12 attention practices overdue or never done"
    assert slide.actions == ["Tell the account about staff changes — Never done · Key account manager",  # never first
                             "Plan the meetings ahead — Overdue · Key account manager · 2026-10-31",  # then oldest
                             "Resolve internal conflicts fast — Overdue · Key account manager · 2026-11-17"]
    e, _, m = entry(rc.TOOL_ID)
    slide = TOOLS[rc.TOOL_ID].slide(e, m, "zh")
    assert slide.title == "ACME：计划的 7 次评审已召开 3 次，逾期 0 次"
    assert slide.bars[1]["计划日期"] == [4, 2, 1] and slide.bars[1]["已开评审"] == [2, 1, 0]
    e, _, m = entry(pd.TOOL_ID)
    slide = TOOLS[pd.TOOL_ID].slide(e, m, "en")
    assert slide.title == "ACME: at step “Screen and select”; prerequisites: Go ahead"
    assert slide.value_range == (1, 5)
