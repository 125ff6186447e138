import threading

import pytest

from kamcore.methods import selection as sel
from kamcore.store import Account, Store, VersionConflict


@pytest.fixture
def example():
    return sel.SelectionInput.model_validate(sel.example_input(sel.method(), "course"))


def test_the_personal_workspace_is_created_once(store):
    assert store.personal_group() == store.personal_group()


def test_a_saved_worksheet_is_there_for_a_new_store_on_the_same_database(store, database_url, example):
    group = store.personal_group()
    store.save_worksheet(group.id, "selection", example, expected_version=0)
    again = Store(database_url).worksheet(group.id, "selection")
    assert again.version == 1 and again.data == example.model_dump(mode="json")


def test_saving_over_a_newer_version_is_a_conflict_and_changes_nothing(store, example):
    group = store.personal_group()
    store.save_worksheet(group.id, "selection", example, 0)
    store.save_worksheet(group.id, "selection", example, 1)
    stale = example.model_copy(update={"accounts": example.accounts[:1]})
    with pytest.raises(VersionConflict) as caught:
        store.save_worksheet(group.id, "selection", stale, 1)
    assert caught.value.current.version == 2
    assert store.worksheet(group.id, "selection").version == 2


def test_creating_a_worksheet_that_exists_is_a_conflict(store, example):
    group = store.personal_group()
    store.save_worksheet(group.id, "selection", example, 0)
    with pytest.raises(VersionConflict):
        store.save_worksheet(group.id, "selection", example, 0)


def test_saving_names_the_accounts_and_renames_them(store, example):
    group = store.personal_group()
    store.save_worksheet(group.id, "selection", example, 0, accounts=[Account("k1", "Alpha")])
    store.save_worksheet(group.id, "selection", example, 1, accounts=[Account("k1", "Alpha AG"), Account("k2", "Beta")])
    assert store.accounts(group.id) == [Account("k1", "Alpha AG"), Account("k2", "Beta")]


def test_two_laptops_saving_at_once_get_one_success_and_one_conflict(store, example):
    group = store.personal_group()
    store.save_worksheet(group.id, "selection", example, 0)
    outcomes = []

    def save():
        try:
            store.save_worksheet(group.id, "selection", example, 1)
            outcomes.append("saved")
        except VersionConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store):
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
