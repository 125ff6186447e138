"""Many devices writing the same rows at the same moment, on SQLite and PostgreSQL: every counter and
version moves inside the database, so no write is lost (a read-modify-write in Python fails these)."""

import copy
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kamcore.merge import diff
from kamcore.methods import selection as sel
from kamcore.store import Account, GroupRow, VersionConflict, import_work

pytestmark = pytest.mark.both_engines
THREADS = 12


def at_once(work: Callable[[int], object], n: int = THREADS) -> list[object]:
    """`work(i)` on n threads released together; what each returned or raised."""
    start, results = threading.Barrier(n), [None] * n

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 -- returned to the test, which asserts on it
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def example():
    return sel.SelectionInput.model_validate(sel.example_input(sel.method(), "course"))


def _validate(data):
    return sel.SelectionInput.model_validate(data, context={"method": sel.method()}).model_dump(mode="json")


def group_revision(store, group_id: int) -> int:
    with Session(store.engine) as s:
        return s.scalar(select(GroupRow.revision).where(GroupRow.id == group_id))


def test_trainers_locking_different_tools_at_once_keep_every_lock_and_count_every_change(workshops, workshop):
    tools = [f"tool_{i}" for i in range(THREADS)]
    results = at_once(lambda i: workshops.update_settings(workshop, locks={tools[i]: True}))
    assert not [r for r in results if isinstance(r, Exception)]
    live = workshops.live(workshop.code)
    assert all(live.locked(tool) for tool in tools)
    assert live.revision == workshop.revision + THREADS


def test_renaming_accounts_while_devices_save_fields_of_the_same_worksheet_loses_neither(store, example):
    group = store.personal_group()
    base = example.model_dump(mode="json")
    base["accounts"] = [{**base["accounts"][0], "key": f"k{n}", "name": f"N{n}"} for n in range(THREADS)]
    store.upsert_accounts(group.id, [Account(a["key"], a["name"]) for a in base["accounts"]])
    store.merge_worksheet(group.id, "selection", "", diff({}, base), base, _validate)

    def device_or_renamer(n: int) -> None:
        if n % 2:
            store.rename_account(group.id, f"k{n}", f"Renamed {n}")
        else:
            mine = copy.deepcopy(base)
            mine["accounts"][n]["revenue"] = 1000 + n
            store.merge_worksheet(group.id, "selection", "", diff(base, mine), base, _validate)

    assert not [r for r in at_once(device_or_renamer) if isinstance(r, Exception)]
    saved = {a["key"]: a for a in store.worksheet(group.id, "selection").data["accounts"]}
    assert all(saved[f"k{n}"]["name"] == f"Renamed {n}" for n in range(1, THREADS, 2))
    assert all(saved[f"k{n}"]["revenue"] == 1000 + n for n in range(0, THREADS, 2))
    assert store.worksheet(group.id, "selection").version == 1 + THREADS


def test_imports_into_the_same_worksheet_at_once_each_get_a_version_of_their_own(store, example):
    group = store.personal_group()
    data = example.model_dump(mode="json")
    results = at_once(lambda i: import_work(store, group.id, [], [("selection", "", {**data, "n": i})]))
    assert not [r for r in results if isinstance(r, Exception)]
    assert store.worksheet(group.id, "selection").version == THREADS


def test_first_saves_of_one_worksheet_at_once_give_one_version_one_and_conflicts_for_the_rest(store, example):
    group = store.personal_group()
    results = at_once(lambda i: store.save_worksheet(group.id, "selection", example, 0))
    assert sum(1 for r in results if isinstance(r, VersionConflict)) == THREADS - 1
    assert [r.version for r in results if not isinstance(r, Exception)] == [1]


def test_every_write_at_once_moves_the_groups_revision_once(store):
    group = store.personal_group()
    before = group_revision(store, group.id)
    results = at_once(lambda i: store.add_account(group.id, Account(f"k{i}", f"Account {i}")))
    assert not [r for r in results if isinstance(r, Exception)]
    assert group_revision(store, group.id) == before + THREADS
