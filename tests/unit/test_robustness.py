"""Writes into a group the trainer removed meanwhile, and what people typed kept out of logs and tracebacks."""

import copy
import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kamcore.i18n import LANGS, t
from kamcore.merge import diff
from kamcore.methods import selection as sel
from kamcore.store import Account, Store
from kamcore.workshop import WorkshopError, Workshops

EXAMPLE = sel.SelectionInput.model_validate(sel.example_input(sel.method())).model_dump(mode="json")


@pytest.fixture
def removed(store):
    """A group's workspace, as a device still holds it, after the trainer removed the group."""
    workshops = Workshops(store)
    workshop, _ = workshops.create("KAM Shanghai", "zh", "2468")
    workspace = workshops.join(workshop.code, "G1")
    workshops.remove_group(workshop, workspace.group.id)
    return workspace


def rows(store, table: str, group_id: int) -> int:
    with store.engine.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table} WHERE group_id = :g"), {"g": group_id}).scalar()


def test_saving_into_a_removed_group_says_the_trainer_removed_it_and_writes_nothing(store, removed):
    mine = copy.deepcopy(EXAMPLE)
    mine["accounts"][0]["revenue"] = 123
    with pytest.raises(WorkshopError) as caught:
        removed.save_changes("selection", diff(EXAMPLE, mine), EXAMPLE, sel.method())
    assert caught.value.key == "pin_fix.group_removed"
    assert rows(store, "worksheets", removed.group.id) == 0


def test_adding_an_account_to_a_removed_group_is_refused_the_same_way(store, removed):
    with pytest.raises(WorkshopError) as caught:
        removed.add_account(Account("k1", "Acme"))
    assert caught.value.key == "pin_fix.group_removed"
    assert rows(store, "accounts", removed.group.id) == 0


def test_a_group_removed_between_the_check_and_the_write_gets_no_row_either(store, removed):
    from kamcore.store import GroupGone

    def validate(data):
        return sel.SelectionInput.model_validate(data, context={"method": sel.method()}).model_dump(mode="json")

    mine = copy.deepcopy(EXAMPLE)
    mine["accounts"][0]["revenue"] = 123
    with pytest.raises(GroupGone):
        store.merge_worksheet(removed.group.id, "selection", "", diff(EXAMPLE, mine), EXAMPLE, validate)
    assert rows(store, "worksheets", removed.group.id) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_the_removed_group_message_is_written_for_people_in_every_language(lang):
    message = t(lang, "pin_fix.group_removed")
    assert message != "pin_fix.group_removed" and ("trainer" in message or "讲师" in message)


def test_a_database_error_does_not_carry_what_was_typed(store):
    with pytest.raises(IntegrityError) as caught:  # no such group: the foreign key refuses it
        store.add_account(987654, Account("k1", "Secret Customer Ltd"))
    assert "Secret Customer Ltd" not in str(caught.value)


def test_the_sql_log_does_not_carry_what_was_typed(database_url, caplog):
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    store = Store(database_url)
    store.upsert_accounts(store.personal_group().id, [Account("k1", "Secret Customer Ltd")])
    assert "INSERT INTO accounts" in caplog.text and "Secret Customer Ltd" not in caplog.text
