"""The room follows the trainer (issue 14): every trainer action moves the workshop's revision, read
with the group's in one shared query; announcements, go-to and the timer; who is online; how far
each group is in every tool."""

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from kamcore.room import ONLINE_SECONDS, room_status
from kamcore.store import Account, Store
from kamcore.tools import TOOLS
from kamcore.workshop import ANNOUNCEMENT_CHARS, WorkshopError

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL (tests/engines.py)

NOW = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def north(workshops, workshop):
    return workshops.join(workshop.code, "North")


TRAINER_ACTIONS = {
    "timer": lambda w, ws: w.start_timer(ws, 10),
    "lock": lambda w, ws: w.update_settings(ws, locks={"selection": True}),
    "reveal": lambda w, ws: w.update_settings(ws, reveals={"selection": True}),
    "announcement": lambda w, ws: w.announce(ws, "Back at 10:30"),
    "go_to": lambda w, ws: w.send_to(ws, "partnership"),
    "overrides": lambda w, ws: w.set_overrides(ws, "selection", {}),
    "archive": lambda w, ws: w.set_archived(ws),
}


@pytest.mark.parametrize("action", list(TRAINER_ACTIONS))
def test_every_trainer_action_moves_the_workshop_revision_a_group_page_reads(workshops, workshop, north, action):
    before = north.room_revisions()
    changed = TRAINER_ACTIONS[action](workshops, workshop)
    after = north.room_revisions()
    assert after.workshop == before.workshop + 1 == changed.revision
    assert after.group == before.group  # the group's own work did not move


def test_one_read_serves_the_group_and_workshop_revisions_and_a_trainer_action_is_seen_at_once(
        store, workshops, workshop, north, monkeypatch):
    reads = []
    read = store._read_revisions
    monkeypatch.setattr(store, "_read_revisions", lambda gid: reads.append(gid) or read(gid))
    first = [north.room_revisions() for _ in range(5)]
    assert len(set(first)) == 1 and len(reads) == 1
    assert north.revision() == first[0].group and len(reads) == 1  # the same read

    workshops.announce(workshop, "Break")
    assert north.room_revisions().workshop == first[0].workshop + 1 and len(reads) == 2


def test_a_trainer_action_in_another_process_shows_within_the_shared_reads_age(database_url, workshops, workshop,
                                                                               north, monkeypatch):
    import kamcore.store as store_module

    before = north.room_revisions().workshop
    type(workshops)(Store(database_url)).announce(workshop, "Elsewhere")  # another server process, as it were
    monkeypatch.setattr(store_module, "REVISION_MAX_AGE", 0.0)
    assert north.room_revisions().workshop == before + 1


def test_an_announcement_shows_until_cleared_and_an_empty_or_long_one_is_refused(workshops, workshop):
    assert workshops.announce(workshop, "Back at 10:30").announcement == "Back at 10:30"
    assert workshops.live(workshop.code).announcement == "Back at 10:30"
    for bad in ("", "x" * (ANNOUNCEMENT_CHARS + 1)):
        with pytest.raises(ValidationError):
            workshops.announce(workshop, bad)
    assert workshops.live(workshop.code).announcement == "Back at 10:30"
    assert workshops.clear_announcement(workshop).announcement == ""


def test_go_to_names_a_registered_tool_and_nothing_else(workshops, workshop):
    assert workshops.send_to(workshop, "partnership").go_to == "partnership"
    with pytest.raises(WorkshopError) as error:
        workshops.send_to(workshop, "no_such_tool")
    assert error.value.key == "room.unknown_tool"
    assert workshops.live(workshop.code).go_to == "partnership"
    assert workshops.send_to(workshop, None).go_to is None


def test_a_paused_timer_keeps_its_seconds_and_resumes_from_there(workshops, workshop):
    running = workshops.start_timer(workshop, 10, now=NOW)
    assert running.countdown.running and running.countdown.seconds_left(NOW) == 600
    paused = workshops.pause_timer(workshop, now=NOW + timedelta(seconds=90))
    assert not paused.countdown.running and paused.countdown.seconds_left() == 510
    resumed = workshops.resume_timer(workshop, now=NOW + timedelta(hours=1))
    assert resumed.countdown.end == NOW + timedelta(hours=1, seconds=510)
    stopped = workshops.stop_timer(workshop)
    assert stopped.countdown.seconds_left() is None


def test_a_timer_of_no_minutes_or_of_more_than_three_hours_is_refused(workshops, workshop):
    for bad in (0, -5, 181):
        with pytest.raises(ValidationError):
            workshops.start_timer(workshop, bad)
    assert workshops.live(workshop.code).countdown.seconds_left() is None


def test_seconds_left_round_up_and_never_go_below_zero(workshops, workshop):
    timer = workshops.start_timer(workshop, 1, now=NOW).countdown
    assert timer.seconds_left(NOW + timedelta(seconds=0.4)) == 60
    assert timer.seconds_left(NOW + timedelta(minutes=5)) == 0


def test_the_room_counts_a_groups_open_devices_and_forgets_closed_ones(store, workshops, workshop, north):
    south = workshops.join(workshop.code, "South")
    store.seen("tab-1", workshop.id, north.group.id, now=NOW)
    store.seen("tab-2", workshop.id, north.group.id, now=NOW - timedelta(seconds=ONLINE_SECONDS + 1))
    store.seen("tab-3", workshop.id, south.group.id, now=NOW - timedelta(seconds=5))
    store.seen("tab-3", workshop.id, south.group.id, now=NOW)  # the same tab again: still one device
    status = {g.name: g for g in room_status(store, workshop, "en", now=NOW)}
    assert (status["North"].online, status["South"].online) == (1, 1)
    assert status["North"].last_seen == NOW


def test_the_room_shows_each_groups_criteria_scored_of_total_and_its_verdict(store, workshops, workshop, north):
    tool = TOOLS["selection"]
    method = tool.method()
    example = tool.example(method)
    for account in example["accounts"]:
        north.add_account(Account(account["key"], account["name"]))
    north.save("selection", tool.validate(example, method), 0)
    empty = workshops.join(workshop.code, "South")
    status = {g.name: g for g in room_status(store, workshop, "en")}
    progress = status["North"].tools["selection"]
    assert progress.total > 0 and progress.scored == progress.total
    assert progress.verdicts and all(name in progress.verdicts[0] for name in [example["accounts"][0]["name"]])
    assert status["North"].last_activity is not None
    assert status[empty.group.name].tools == {} and status[empty.group.name].online == 0


@pytest.mark.parametrize("tool_id", list(TOOLS))
def test_every_tools_progress_counts_its_worked_example_as_scored_with_a_verdict_and_its_blank_as_not(tool_id):
    tool = TOOLS[tool_id]
    method = tool.method()
    worked = tool.progress_of(tool.example(method, lang="en"), method, "en")
    assert worked.total > 0 and worked.scored > 0 and worked.verdict
    assert all(score.criterion for score in worked.scores)
    if tool.blank is not None:
        blank = tool.progress_of(tool.blank(method), method, "en")
        assert blank.scored == 0 and blank.verdict is None


def test_every_declared_kinds_progress_counts_scored_criteria(declared):
    for tool in (TOOLS[tool_id] for tool_id in declared):
        method = tool.method()
        worked = tool.progress_of(tool.example(method, lang="zh"), method, "zh")
        assert 0 < worked.scored <= worked.total and worked.verdict


def test_a_worksheet_that_no_longer_fits_the_method_counts_nothing_instead_of_failing():
    tool = TOOLS["partnership"]
    assert tool.progress_of({"drivers_us": "not scores"}, tool.method(), "en").total == 0


def test_a_method_form_change_becomes_an_override_the_yaml_path_would_write_and_is_validated_the_same_way(
        workshops, workshop):
    from kamcore.method_form import editable_fields, overrides_for

    fields = {f.name: f for f in editable_fields(TOOLS["selection"].method().model_dump(mode="json"))}
    cut = fields["portfolio › x_cut"]
    label = fields["bands › key_account › label"]
    changed = {cut.path: 6.5, label.path: {"zh": "重点客户", "en": "Key account (A)"}}
    overrides = overrides_for({}, changed)
    assert overrides == {"portfolio": {"x_cut": 6.5},
                         "bands": [{"id": "key_account", "label": {"zh": "重点客户", "en": "Key account (A)"}}]}
    saved = workshops.set_overrides(workshop, "selection", overrides)
    method = TOOLS["selection"].method(saved.overrides("selection"))
    assert method.portfolio.x_cut == 6.5 and method.band("key_account").label("en") == "Key account (A)"
    with pytest.raises(ValidationError):  # a weight below zero is refused, as in YAML
        workshops.set_overrides(workshop, "selection", overrides_for(
            overrides, {fields["attractiveness_criteria › influence › weight"].path: -5}))
    assert workshops.live(workshop.code).overrides("selection") == overrides


def test_the_rooms_progress_of_a_tool_that_reads_other_tools_counts_what_it_reads(store, workshops, workshop, north):
    """The strategy's positioning comes from the value proposition: the console counts it as the page does."""
    north.add_account(Account("acme", "ACME"))
    value = TOOLS["value_proposition"]
    north.save("value_proposition", value.validate(value.example(value.method()), value.method()), 0, "acme")
    strategy = TOOLS["account_strategy"]
    north.save("account_strategy", strategy.validate(strategy.blank(strategy.method()), strategy.method()), 0, "acme")
    progress = {g.name: g for g in room_status(store, workshop, "en")}["North"].tools["account_strategy"]
    assert progress.scored == 1  # the positioning, read from the value proposition; nothing typed yet
