"""Group names: one per workshop as people read them, enforced by the store, exports kept apart by id."""

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kamcore.compare import Entry, disagreement, entries
from kamcore.methods import selection as sel
from kamcore.store import GroupRow, GroupWorksheet, Store
from kamcore.workshop import WorkshopError, Workshops

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL (tests/engines.py)


@pytest.fixture
def workshop(workshops):
    return workshops.create("KAM", "en", "2468")[0]


@pytest.mark.parametrize("again", ["G12", " g12 ", "Ｇ１２", "G\u200b12", "\u202eG12", "g12\ufeff"])
def test_joining_with_a_name_that_reads_the_same_opens_the_same_group(workshops, workshop, again):
    first = workshops.join(workshop.code, "G12")
    assert workshops.join(workshop.code, again, join_key=first.group.join_key).group.id == first.group.id
    assert len(workshops.group_names(workshop)) == 1


def joined_at_once(database_url: str, code: str, name: str, devices: int = 8) -> tuple[set[int], list[Exception]]:
    found, problems, barrier = [], [], threading.Barrier(devices)

    def join():
        try:
            barrier.wait()
            found.append(Workshops(Store(database_url)).join(code, name).group.id)
        except Exception as error:  # noqa: BLE001 - the test reports any
            problems.append(error)
    threads = [threading.Thread(target=join) for _ in range(devices)]
    [thread.start() for thread in threads]
    [thread.join() for thread in threads]
    return set(found), problems


def test_simultaneous_first_joins_with_one_new_name_end_in_one_group(database_url, workshop):
    for trial in range(5):  # one device creates the group; the others need its join key like anyone else
        groups, problems = joined_at_once(database_url, workshop.code, f"G{trial}")
        assert len(groups) == 1 and {p.key for p in problems} <= {"access.join_key_needed"}
    assert len(Workshops(Store(database_url)).group_names(workshop)) == 5


def test_a_rename_to_a_name_another_group_has_is_refused_clearly(workshops, workshop):
    workshops.join(workshop.code, "North")
    south = workshops.join(workshop.code, "South")
    with pytest.raises(WorkshopError) as caught:
        workshops.rename_group(workshop, south.group.id, " NORTH\u200d")
    assert caught.value.key == "files_fix.group_name_taken"
    assert sorted(n for _, n in workshops.group_names(workshop)) == ["North", "South"]


def test_a_group_may_be_renamed_to_another_spelling_of_its_own_name(workshops, workshop):
    north = workshops.join(workshop.code, "North")
    workshops.rename_group(workshop, north.group.id, "NORTH")
    assert workshops.group_names(workshop) == [(north.group.id, "NORTH")]
    assert workshops.join(workshop.code, "north", join_key=north.group.join_key).group.id == north.group.id


def test_the_store_itself_refuses_a_second_group_of_the_same_name(store, workshops, workshop):
    workshops.join(workshop.code, "North")
    with pytest.raises(IntegrityError), Session(store.engine) as s, s.begin():
        s.add(GroupRow(workshop_id=workshop.id, name="north", name_key="north", token="t" * 22))


def test_the_same_group_name_in_two_workshops_and_the_trainer_name_are_free(workshops, workshop):
    other = workshops.create("Other", "en", "2468")[0]
    assert workshops.join(workshop.code, "North").group.id != workshops.join(other.code, "North").group.id
    workshops.join(workshop.code, "Trainer")  # the trainer's own group is not a participant group


def test_an_older_store_with_duplicate_group_names_gets_distinct_names_and_the_index(database_url, workshops,
                                                                                       workshop):
    store = workshops.store
    ids = [workshops.join(workshop.code, name).group.id for name in ("G12", "G13", "G14")]
    with store.engine.begin() as connection:  # as a store made before group names were compared
        connection.execute(text("DROP INDEX groups_unique_name"))
        connection.execute(text("UPDATE groups SET name = 'G12', name_key = NULL WHERE kind = 'group'"))
        connection.execute(text("DROP TABLE alembic_version"))
    upgraded = Workshops(Store(database_url))
    names = dict(upgraded.group_names(workshop))
    assert names[ids[0]] == "G12" and len({n.casefold() for n in names.values()}) == 3
    with pytest.raises(WorkshopError):
        upgraded.rename_group(workshop, ids[1], "g12")


def test_the_projectors_spread_keeps_apart_groups_whose_names_read_alike():
    m = sel.method()
    data = sel.example_input(m)
    sheets = [GroupWorksheet("G12", "", data, None, 1), GroupWorksheet("G12", "", data, None, 2)]
    found: list[Entry] = entries(sheets, "selection", m).entries
    assert {e.group_id for e in found} == {1, 2}
    assert all(len(s.by_group) == 2 for s in disagreement(found, "selection", m, "en"))
