"""The workshop rules, as the service layer enforces them."""

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from kamcore.compare import disagreement, entries, summary
from kamcore.methods import selection as sel
from kamcore.store import Account, workshop_worksheets
from kamcore.workshop import PinThrottled, WorkshopError, hash_pin, pin_matches, pin_wait

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL (tests/engines.py)

EXAMPLE = sel.SelectionInput.model_validate(sel.example_input(sel.method()))


def test_a_new_workshop_has_a_short_unambiguous_code_and_keeps_only_a_hash_of_the_pin(workshops, workshop, store):
    assert len(workshop.code) == 6 and not set(workshop.code) & set("0O1IL")
    with store.engine.connect() as connection:
        query = text("SELECT pin_hash FROM workshops WHERE code = :c")
        stored = connection.execute(query, {"c": workshop.code}).scalar()
    assert stored.startswith("scrypt$") and "2468" not in stored
    assert pin_matches("2468", stored) and not pin_matches("2469", stored)


def test_pins_hash_with_a_fresh_salt_each_time():
    assert hash_pin("2468") != hash_pin("2468")


@pytest.mark.parametrize("title, lang, pin", [("", "zh", "2468"), ("x", "fr", "2468"), ("x", "zh", "12"),
                                              ("x" * 500, "en", "2468")])
def test_bad_workshop_details_are_refused(workshops, title, lang, pin):
    with pytest.raises(ValidationError):
        workshops.create(title, lang, pin)


def test_signing_in_needs_the_right_pin(workshops, workshop):
    assert workshops.sign_in(workshop.code.lower(), "2468").code == workshop.code
    with pytest.raises(WorkshopError, match="wrong_pin"):
        workshops.sign_in(workshop.code, "0000")


def test_failed_pins_in_a_row_make_the_next_try_wait_longer_and_a_success_resets(workshops, workshop):
    now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    for _ in range(3):
        with pytest.raises(WorkshopError):
            workshops.sign_in(workshop.code, "0000", now)
    with pytest.raises(PinThrottled):  # even the right PIN waits
        workshops.sign_in(workshop.code, "2468", now + timedelta(seconds=1))
    assert workshops.sign_in(workshop.code, "2468", now + pin_wait(3) + timedelta(seconds=1))
    assert workshops.sign_in(workshop.code, "2468", now + pin_wait(3) + timedelta(seconds=2))


def test_the_wait_grows_and_is_capped():
    waits = [pin_wait(n) for n in range(1, 20)]
    assert waits[:2] == [timedelta(0)] * 2 and waits == sorted(waits) and waits[-1] == timedelta(minutes=15)


def test_a_group_token_carries_at_least_96_random_bits_and_joining_by_name_and_key_finds_the_same_group(workshops,
                                                                                                  workshop):
    first = workshops.join(workshop.code, "Team A")
    again = workshops.join(workshop.code, "Team A", first.group.join_key)
    assert len(first.group.token) >= 16 and first.group.token == again.group.token
    assert workshops.join(workshop.code, "Team B").group.token != first.group.token


def test_a_token_of_group_a_cannot_change_group_b_s_work(workshops, workshop, store):
    a, b = workshops.join(workshop.code, "A"), workshops.join(workshop.code, "B")
    b.save("selection", EXAMPLE, 0)
    changed = EXAMPLE.model_copy(update={"accounts": EXAMPLE.accounts[:1]})
    # the only thing a token opens is its own group's workspace
    mine = workshops.workspace(workshop.code, a.group.token)
    mine.save("selection", changed, 0)
    assert store.worksheet(b.group.id, "selection").version == 1
    assert workshops.workspace(workshop.code, b.group.token).worksheet("selection").version == 1
    with pytest.raises(WorkshopError, match="bad_link"):
        workshops.workspace(workshop.code, a.group.token[:-1] + "x")
    other, _ = workshops.create("Other", "en", "1357")
    with pytest.raises(WorkshopError, match="bad_link"):
        workshops.workspace(other.code, a.group.token)


def test_a_locked_tool_is_read_only_for_groups_but_not_for_the_trainer(workshops, workshop):
    group = workshops.join(workshop.code, "A")
    workshops.update_settings(workshop, locks={"selection": True})
    with pytest.raises(WorkshopError, match="locked"):
        group.save("selection", EXAMPLE, 0)
    assert group.worksheet("selection") is None
    workshops.trainer_workspace(workshop).save("selection", EXAMPLE, 0)
    workshops.update_settings(workshop, locks={"selection": False})
    assert group.save("selection", EXAMPLE, 0).version == 1


def test_an_archived_workshop_can_be_read_but_not_changed_or_joined(workshops, workshop):
    group = workshops.join(workshop.code, "A")
    group.save("selection", EXAMPLE, 0)
    workshops.set_archived(workshop)
    with pytest.raises(WorkshopError, match="archived"):
        group.save("selection", EXAMPLE, 1)
    with pytest.raises(WorkshopError, match="archived"):
        workshops.join(workshop.code, "B")
    assert group.worksheet("selection").version == 1


def test_the_console_sees_progress_but_never_a_token(workshops, workshop):
    group = workshops.join(workshop.code, "A")
    group.save("selection", EXAMPLE, 0)
    [progress] = workshops.progress(workshop)
    assert progress.name == "A" and set(progress.worksheets) == {"selection"}
    assert group.group.token not in repr(progress)


def test_rename_and_remove_a_group(workshops, workshop):
    group = workshops.join(workshop.code, "A")
    workshops.rename_group(workshop, group.group.id, "Alpha")
    assert workshops.group_names(workshop) == [(group.group.id, "Alpha")]
    workshops.remove_group(workshop, group.group.id)
    assert workshops.group_names(workshop) == []
    with pytest.raises(WorkshopError):
        workshops.workspace(workshop.code, group.group.token)


def test_a_group_of_another_workshop_cannot_be_renamed_from_this_one(workshops, workshop):
    other, _ = workshops.create("Other", "en", "1357")
    stranger = workshops.join(other.code, "X")
    with pytest.raises(WorkshopError, match="unknown_group"):
        workshops.rename_group(workshop, stranger.group.id, "hijacked")


def test_overrides_are_validated_like_the_defaults_and_a_bad_one_changes_nothing(workshops, workshop):
    updated = workshops.set_overrides(workshop, "selection", {"portfolio": {"x_cut": 8}})
    assert updated.overrides("selection") == {"portfolio": {"x_cut": 8}}
    with pytest.raises(ValidationError):
        workshops.set_overrides(updated, "selection", {"bands": [{"id": "not_key", "min": 1}]})
    assert workshops.live(workshop.code).overrides("selection") == {"portfolio": {"x_cut": 8}}


def test_the_projector_link_needs_its_own_token(workshops):
    workshop, token = workshops.create("KAM", "en", "2468")
    assert workshops.projector(workshop.code, token).id == workshop.id
    with pytest.raises(WorkshopError):
        workshops.projector(workshop.code, "guess")


def test_a_case_account_is_loaded_for_every_group_without_replacing_their_work(workshops, workshop, store):
    a, b = workshops.join(workshop.code, "A"), workshops.join(workshop.code, "B")
    a.save("selection", EXAMPLE, 0)
    assert workshops.load_case(workshop, "precision_machinery", "zh") == (3, 0)  # two groups and the trainer
    names = [acc["name"] for acc in a.worksheet("selection").data["accounts"]]
    assert names == ["A", "华东精密机械"]
    assert b.worksheet("competition", "precision_machinery") is not None
    workshops.load_case(workshop, "precision_machinery", "zh")
    assert len(a.worksheet("selection").data["accounts"]) == 2


def test_a_case_account_is_scored_on_a_groups_own_criteria(workshops, workshop):
    group = workshops.join(workshop.code, "A")
    own = sel.SelectionInput.model_validate(sel.example_input(sel.method(), "portfolio"))  # other criteria
    group.save("selection", own, 0)
    assert workshops.load_case(workshop, "precision_machinery", "en") == (2, 0)
    case_account = group.worksheet("selection").data["accounts"][-1]
    assert case_account["name"] == "East China Precision Machinery"
    # the case knows none of the group's own criteria: they wait for the group's scores, never mid-scale
    assert case_account["attractiveness"] == {}
    result = sel.evaluate(sel.SelectionInput.model_validate(group.worksheet("selection").data), sel.method())
    assert [u.name for u in result.unscored] == ["East China Precision Machinery"]


def _group_with_own_account_named_like_the_case(workshops, workshop):
    group = workshops.join(workshop.code, "A")
    group.add_account(Account("own", "华东精密机械"))
    data = sel.example_input(sel.method(), "course")
    data["accounts"] = [{**data["accounts"][0], "key": "own", "name": "华东精密机械"}]
    group.save("selection", sel.SelectionInput.model_validate(data), 0)
    return group


def test_loading_a_case_over_a_same_named_account_can_keep_both_under_distinct_names(workshops, workshop):
    group = _group_with_own_account_named_like_the_case(workshops, workshop)
    assert workshops.case_clashes(workshop, "precision_machinery", "zh") == ["A"]
    workshops.load_case(workshop, "precision_machinery", "zh", same_name="keep_both", suffix="案例")
    assert [a.name for a in group.accounts()] == ["华东精密机械", "华东精密机械 (案例)"]
    assert [a["name"] for a in group.worksheet("selection").data["accounts"]] == ["华东精密机械", "华东精密机械 (案例)"]


def test_loading_a_case_over_a_same_named_account_can_replace_its_scores(workshops, workshop):
    group = _group_with_own_account_named_like_the_case(workshops, workshop)
    workshops.load_case(workshop, "precision_machinery", "zh", same_name="replace")
    [account] = group.accounts()
    [entry] = group.worksheet("selection").data["accounts"]
    assert account.key == entry["key"] == "own" and entry["revenue"] == 12000000
    assert group.worksheet("competition", "own") is not None


def test_a_case_that_does_not_fit_the_workshops_method_is_left_out_and_counted(workshops, workshop):
    workshops.join(workshop.code, "A")
    strict = workshops.set_overrides(workshop, "competition", {"rating_scale": {"min": 1, "max": 3}})
    assert workshops.load_case(strict, "precision_machinery", "en") == (2, 2)


def test_model_answers_are_shown_only_once_revealed(workshops, workshop):
    workshops.trainer_workspace(workshop).save("selection", EXAMPLE, 0)
    assert workshops.model_answers(workshop, "selection") == []
    revealed = workshops.update_settings(workshop, reveals={"selection": True})
    [answer] = workshops.model_answers(revealed, "selection")
    assert answer.group == "Trainer" and answer.data == EXAMPLE.model_dump(mode="json")


def test_the_projector_compares_groups_and_flags_where_they_disagree(workshops, workshop, store):
    m = sel.method()
    for name, influence in (("A", 9), ("B", 2)):
        data = sel.example_input(m)
        data = {**data, "accounts": [{**data["accounts"][0], "attractiveness": {
            **data["accounts"][0]["attractiveness"], "influence": influence}}]}
        workshops.join(workshop.code, name).save("selection", sel.SelectionInput.model_validate(data), 0)
    found, broken, unscored = entries(workshop_worksheets(store, workshop.id, "selection"), "selection", m)
    assert [e.group for e in found] == ["A", "B"] and broken == 0 and unscored == 0
    spreads = disagreement(found, "selection", m, "en")  # both scored the worked example's account
    assert spreads[0].criterion == "Account attractiveness: Influence" and spreads[0].spread == 7
    assert spreads[0].flagged and spreads[0].by_group == {"A": 9, "B": 2}
    assert not any(s.flagged for s in spreads[1:])
    assert [row["Group"] for row in summary("selection", found, m, "en")] == ["A", "B"]
