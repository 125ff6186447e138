import copy
import sqlite3
import threading

import pytest
import sqlalchemy
from pydantic import ValidationError

from kamcore.merge import diff
from kamcore.methods import selection as sel
from kamcore.methods import value_proposition as vp
from kamcore.store import Account, DuplicateName, FieldConflict, Store, VersionConflict, _switch_to_wal

pytestmark = pytest.mark.both_engines


def vp_example():
    return vp.ValuePropositionInput.model_validate(vp.example_input(vp.method()), context={"method": vp.method()})


@pytest.fixture
def example():
    return sel.SelectionInput.model_validate(sel.example_input(sel.method(), "course"))


def test_each_personal_workspace_is_its_own_group_with_its_own_token(store):
    first, second = store.personal_group(), store.personal_group()
    assert first.id != second.id and first.token != second.token and first.workshop_id == second.workshop_id


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


@pytest.mark.sqlite_only
def test_sqlite_runs_in_wal_mode_with_foreign_keys(store):
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


class BusyCursor:
    """A cursor whose switch to WAL is refused `busy` times, as when other processes switch the same file."""

    def __init__(self, busy: int, error: str = "database is locked"):
        self.busy, self.error, self.tries = busy, error, 0

    def execute(self, _sql: str) -> None:
        self.tries += 1
        if self.tries <= self.busy:
            raise sqlite3.OperationalError(self.error)


def test_a_switch_to_wal_refused_while_another_process_switches_is_tried_again():
    cursor = BusyCursor(busy=3)
    _switch_to_wal(cursor)
    assert cursor.tries == 4


@pytest.mark.parametrize(("busy", "error"), [(1, "disk I/O error"), (5, "database is locked")])
def test_any_other_failure_or_one_that_lasts_reaches_the_caller(busy, error):
    with pytest.raises(sqlite3.OperationalError, match=error):
        _switch_to_wal(BusyCursor(busy, error), attempts=5)


# ---- one account list per group ------------------------------------------------------------------

@pytest.mark.parametrize("twin", ["ACME", " acme ", "ＡＣＭＥ", "AC\u200bME"])
def test_two_accounts_of_a_group_may_not_share_a_name_as_a_person_reads_it(store, twin):
    group = store.personal_group()
    store.add_account(group.id, Account("k1", "ACME"))
    with pytest.raises(DuplicateName):
        store.add_account(group.id, Account("k2", twin))
    assert store.accounts(group.id) == [Account("k1", "ACME")]


def test_renaming_an_account_renames_it_where_the_selection_worksheet_lists_it(store, example):
    group = store.personal_group()
    key = example.accounts[0].key
    store.upsert_accounts(group.id, [Account(key, example.accounts[0].name)])
    store.save_worksheet(group.id, "selection", example, 0)
    store.rename_account(group.id, key, "Initech")
    assert store.accounts(group.id)[0].name == "Initech"
    assert store.worksheet(group.id, "selection").data["accounts"][0]["name"] == "Initech"


def test_removing_an_account_removes_its_work_in_every_tool(store, example):
    group = store.personal_group()
    key = example.accounts[0].key
    store.upsert_accounts(group.id, [Account(key, "A")])
    store.save_worksheet(group.id, "selection", example, 0)
    store.save_worksheet(group.id, "value_proposition", vp_example(), 0, account_key=key)
    store.remove_account(group.id, key)
    assert store.accounts(group.id) == []
    assert store.worksheet(group.id, "value_proposition", key) is None
    assert key not in {a["key"] for a in store.worksheet(group.id, "selection").data["accounts"]}


def test_every_write_of_a_group_moves_its_revision(store, example):
    group = store.personal_group()
    seen = [store.revision(group.id)]
    store.add_account(group.id, Account("k1", "ACME"))
    seen.append(store.revision(group.id))
    store.save_worksheet(group.id, "selection", example, 0)
    seen.append(store.revision(group.id))
    store.rename_account(group.id, "k1", "Globex")
    seen.append(store.revision(group.id))
    assert seen == sorted(set(seen))


def test_a_store_from_before_name_keys_gives_same_named_twins_distinct_names(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE accounts (id INTEGER PRIMARY KEY, group_id INTEGER, key VARCHAR(40), "
                          "name VARCHAR(120), created_at DATETIME)")
        c.exec_driver_sql("INSERT INTO accounts (group_id, key, name) VALUES (1, 'a', 'ACME'), (1, 'b', 'acme')")
    store = Store(url)
    assert sorted(a.name for a in store.accounts(1)) == ["ACME", "acme (2)"]
    with pytest.raises(DuplicateName):
        store.add_account(1, Account("c", "Acme"))


# ---- saves merged field by field ----------------------------------------------------------------------

def _validate(data):
    return sel.SelectionInput.model_validate(data, context={"method": sel.method()}).model_dump(mode="json")


def test_forty_devices_saving_different_fields_at_once_lose_nothing(store, example):
    group = store.personal_group()
    base = example.model_dump(mode="json")
    base["accounts"] = [{**base["accounts"][0], "key": f"k{n}", "name": f"N{n}"} for n in range(40)]
    store.upsert_accounts(group.id, [Account(a["key"], a["name"]) for a in base["accounts"]])
    errors = []

    def device(n: int) -> None:
        mine = copy.deepcopy(base)
        mine["accounts"][n]["revenue"] = 1000 + n
        try:
            store.merge_worksheet(group.id, "selection", "", diff(base, mine), base, _validate)
        except Exception as error:  # noqa: BLE001 -- collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=device, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = store.worksheet(group.id, "selection")
    assert not errors
    assert [a["revenue"] for a in saved.data["accounts"]] == [1000 + n for n in range(40)]
    assert saved.version == 40


def test_a_merged_save_that_breaks_the_rules_is_refused_and_stores_nothing(store, example):
    group = store.personal_group()
    base = example.model_dump(mode="json")
    store.save_worksheet(group.id, "selection", example, 0)
    broken = copy.deepcopy(base)
    broken["attractiveness_criteria"][0]["weight"] = 70
    with pytest.raises(ValidationError):
        store.merge_worksheet(group.id, "selection", "", diff(base, broken), base, _validate)
    assert store.worksheet(group.id, "selection").version == 1


def test_a_conflicting_field_raises_with_what_is_stored_now(store, example):
    group = store.personal_group()
    base = example.model_dump(mode="json")
    store.save_worksheet(group.id, "selection", example, 0)
    theirs, mine = copy.deepcopy(base), copy.deepcopy(base)
    theirs["accounts"][0]["revenue"], mine["accounts"][0]["revenue"] = 1, 2
    store.merge_worksheet(group.id, "selection", "", diff(base, theirs), base, _validate)
    with pytest.raises(FieldConflict) as caught:
        store.merge_worksheet(group.id, "selection", "", diff(base, mine), base, _validate)
    [conflict] = caught.value.conflicts
    assert (conflict.mine, conflict.theirs) == (2, 1) and caught.value.current.version == 2


def test_a_revision_read_is_shared_for_a_moment_but_this_process_writes_show_at_once(store, database_url, example,
                                                                                   monkeypatch):
    import kamcore.store as store_module

    group = store.personal_group().id
    reads = []
    read = store._read_revisions
    monkeypatch.setattr(store, "_read_revisions", lambda gid: reads.append(gid) or read(gid))
    first = store.revision(group)
    assert [store.revision(group) for _ in range(5)] == [first] * 5 and len(reads) == 1

    store.add_account(group, Account(key="a", name="Acme"))
    assert store.revision(group) == first + 1 and len(reads) == 2  # this process's write: read afresh

    Store(database_url).add_account(group, Account(key="b", name="Beta"))  # another process, as it were
    assert store.revision(group) == first + 1  # served from the shared read for up to REVISION_MAX_AGE
    monkeypatch.setattr(store_module, "REVISION_MAX_AGE", 0.0)
    assert store.revision(group) == first + 2
