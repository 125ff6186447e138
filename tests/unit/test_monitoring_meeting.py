"""The management monitoring meeting: each account's progress taken from its pipeline and the change
since the meeting before, open actions carried to every later meeting until closed, and the one-page
minutes."""

import copy
import datetime as dt

import pytest
from pydantic import ValidationError

from kamcore.methods import monitoring_meeting as mm
from kamcore.methods import pipeline as pl
from kamcore.tools import TOOLS
from kamcore.tools.monitoring_meeting import minutes

M = mm.method()
PM = pl.method()
TOOL = TOOLS["monitoring_meeting"]


def run(data):
    return mm.evaluate(mm.MonitoringInput.model_validate(data, context={"method": M}), M)


def example(lang="en"):
    return copy.deepcopy(mm.example_input(M, lang=lang))


def action(key, meeting, closed=None, text="Proposal"):
    return {"key": key, "action": text, "owner": "Wang", "due": None, "meeting": meeting, "closed": closed}


def meetings(*dates):
    return [{"key": f"m{n}", "date": d, "progress": []} for n, d in enumerate(dates, start=1)]


def test_the_example_carries_the_open_proposal_to_the_second_meeting_but_not_the_closed_notes():
    first, second = run(example()).meetings
    assert first.raised == ["a1", "a2"] and first.carried == []
    assert second.raised == ["a3"] and second.carried == ["a1"]
    assert run(example()).open == ["a1", "a3"]


def test_an_open_action_comes_back_at_every_later_meeting_until_the_meeting_after_it_is_closed():
    data = {"meetings": meetings("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"),
            "actions": [action("a", "m1", closed="2026-11-12"), action("b", "m1"), action("c", "m3")]}
    views = run(data).meetings
    assert [v.carried for v in views] == [[], ["a", "b"], ["b"], ["b", "c"]]
    assert run(data).open == ["b", "c"] and run(data).closed == ["a"]


def test_an_action_closed_on_the_day_of_a_meeting_is_still_discussed_there():
    data = {"meetings": meetings("2026-11-02", "2026-11-09"), "actions": [action("a", "m1", closed="2026-11-09")]}
    assert run(data).meetings[1].carried == ["a"]


def test_meetings_are_in_date_order_whatever_order_they_were_held_in():
    data = {"meetings": meetings("2026-11-16", "2026-11-02"), "actions": [action("a", "m2")]}
    views = run(data).meetings
    assert [v.key for v in views] == ["m2", "m1"] and views[1].carried == ["a"]


def test_the_change_since_the_last_meeting_is_the_weighted_value_and_the_stages_moved():
    second = run(example()).meetings[1].accounts[0]
    assert (second.weighted, second.change, second.stages_moved) == (2_100_000, 900_000, 1)
    assert run(example()).meetings[0].accounts[0].change is None  # the first time it is discussed


def test_an_accounts_progress_is_its_most_advanced_stage_and_weighted_pipeline():
    pipeline = pl.example_input(PM)
    rows = mm.account_progress([("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")],
                               {"a": pipeline, "b": None, "c": {"opportunities": [{"key": "x", "stage": "won"}]}}, PM)
    assert rows[0] == {"account_key": "a", "account": "Alpha", "stage": "intent", "weighted": pytest.approx(2_100_000),
                       "deals": 3}
    assert rows[1]["stage"] is None and rows[1]["deals"] == 0
    assert rows[2]["deals"] == 0  # a worksheet that no longer fits the method shows nothing, and breaks nothing


def test_holding_a_meeting_adds_it_with_the_progress_taken_now():
    progress = [{"account_key": "a", "account": "Alpha", "stage": "needs", "weighted": 10.0, "deals": 1}]
    data = mm.hold(mm.blank_input(M), dt.date(2026, 11, 30), progress)
    (held,) = run(data).meetings
    assert held.date == dt.date(2026, 11, 30) and held.accounts[0].stage == "needs"
    refreshed = mm.refresh(data, held.key, [{**progress[0], "weighted": 20.0}])
    assert run(refreshed).meetings[0].accounts[0].weighted == 20


def test_an_action_naming_a_meeting_that_does_not_exist_is_refused():
    with pytest.raises(ValidationError):
        run({"meetings": meetings("2026-11-02"), "actions": [action("a", "m9")]})


def test_an_action_without_owner_is_a_draft_and_never_carried():
    data = {"meetings": meetings("2026-11-02", "2026-11-09"), "actions": [{**action("a", "m1"), "owner": ""}]}
    result = run(data)
    assert result.drafts == 1 and result.meetings[1].carried == [] and result.open == []


def test_nothing_is_counted_before_the_first_meeting():
    assert TOOL.counted_data(mm.blank_input(M), M) is None


def test_the_minutes_list_progress_situation_and_the_actions_raised_and_carried_over():
    text = minutes(example(), "m2", M, "en", "North")
    assert text.startswith("# Management monitoring meeting · North")
    assert "| East China Precision | 5. Needs discovery | 2,100,000 CNY | +900,000 CNY |" in text
    raised, carried = text.split("## Actions raised")[1].split("## Open actions carried over")
    assert "Report of the visit" in raised and "Final technical proposal" not in raised
    assert "Final technical proposal" in carried and "2026-11-16" in carried and "head of engineering" not in carried
    assert len(text.splitlines()) < 50  # one page


def test_the_minutes_are_in_chinese_for_a_chinese_reader():
    text = minutes(example("zh"), "m1", M, "zh")
    assert "## 问题" in text and "首次" in text and "4. 品牌推荐" in text
