"""Participants' data: deletion that deletes (rows and the SQLite file's bytes), retention and purge."""

import copy
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from kamcore.methods import selection as sel
from kamcore.paths import retention_days
from kamcore.retention import deletion_date, expired, purge
from kamcore.store import Account, AccountRow, GroupRow, PinClientRow, Store, WorksheetRow, WorkshopRow
from kamcore.workshop import WorkshopError

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL (tests/engines.py)

GROUP_NAMES = ("Zebrafinch Crew", "团队蜂鸟")
ACCOUNT_NAMES = ("Quokkaholdings Trading", "北极星重工")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def selection_with(account: str) -> sel.SelectionInput:
    data = copy.deepcopy(sel.example_input(sel.method(), "course"))
    data["accounts"][0]["name"] = account
    return sel.SelectionInput.model_validate(data)


def fill(workshops, workshop, group_name: str, account: str):
    """A group as a day in class leaves it: the course example under its own account name, a case loaded."""
    group = workshops.join(workshop.code, group_name)
    group.save("selection", selection_with(account), 0, accounts=[Account("acct-a", account)])
    return group


def classroom(workshops, workshop):
    groups = [fill(workshops, workshop, g, a) for g, a in zip(GROUP_NAMES, ACCOUNT_NAMES, strict=True)]
    workshops.load_case(workshop, "precision_machinery", "zh")
    workshops.update_settings(workshop, locks={"selection": True}, reveals={"selection": True},
                              timer_end=NOW.isoformat())
    with pytest.raises(WorkshopError):
        workshops.sign_in(workshop.code, "0000", client="ip:10.0.0.7")  # a PIN counter row
    return groups


def rows_of(store: Store, workshop_id: int, group_ids: list[int]) -> dict[str, int]:
    with Session(store.engine) as s:
        count = lambda table, where: s.scalar(select(func.count()).select_from(table).where(where))  # noqa: E731
        return {"workshops": count(WorkshopRow, WorkshopRow.id == workshop_id),
                "groups": count(GroupRow, GroupRow.workshop_id == workshop_id),
                "accounts": count(AccountRow, AccountRow.group_id.in_(group_ids)),
                "worksheets": count(WorksheetRow, WorksheetRow.group_id.in_(group_ids)),
                "pin_clients": count(PinClientRow, PinClientRow.workshop_id == workshop_id)}


def file_bytes(store: Store) -> bytes:
    """The SQLite file and its write-ahead log, after copying the log into the file as SQLite would."""
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    path = Path(store.engine.url.database)
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def names_in(raw: bytes) -> list[str]:
    """The names found in the bytes as text columns hold them (UTF-8) or as JSON columns do (\\u escapes)."""
    lowered = raw.lower()
    return [n for n in (*GROUP_NAMES, *ACCOUNT_NAMES)
            if any(form.lower().encode() in lowered for form in (n, json.dumps(n)[1:-1]))]


# ---- deleting a workshop ---------------------------------------------------------------------------

def test_deleting_a_workshop_leaves_no_row_that_belongs_to_it_and_others_untouched(workshops, workshop, store):
    other, _ = workshops.create("Other course", "en", "1357")
    kept = fill(workshops, other, "Stays", "Stays Ltd")
    groups = classroom(workshops, workshop)
    group_ids = [g.group.id for g in groups] + [workshops.trainer_workspace(workshop).group.id]
    assert all(rows_of(store, workshop.id, group_ids).values())  # the test sees rows of every kind first

    workshops.delete(workshop)

    assert rows_of(store, workshop.id, group_ids) == dict.fromkeys(rows_of(store, 0, []), 0)
    assert kept.worksheet("selection") is not None and workshops.find(other.code).title == "Other course"
    with pytest.raises(WorkshopError):
        workshops.workspace(workshop.code, groups[0].group.token)


def sqlite_default(store: Store, secure_delete: str, first: bool) -> Store:
    """Connections of `store` start with this secure_delete before the store's own settings (`first`) or
    after them: SQLite builds differ in their default (Debian's overwrites, others do not)."""
    def setting(connection, _record):
        connection.execute(f"PRAGMA secure_delete={secure_delete}")

    event.listen(store.engine, "connect", setting, insert=first)
    store.engine.dispose()
    return store


@pytest.mark.sqlite_only  # reads the SQLite file's bytes
def test_after_deleting_a_workshop_its_group_and_account_names_are_gone_from_the_sqlite_file(workshops, workshop,
                                                                                              store):
    sqlite_default(store, "OFF", first=True)
    classroom(workshops, workshop)
    assert names_in(file_bytes(store)) == [*GROUP_NAMES, *ACCOUNT_NAMES]
    workshops.delete(workshop)
    assert names_in(file_bytes(store)) == []


@pytest.mark.sqlite_only  # reads the SQLite file's bytes
def test_without_secure_delete_the_deleted_names_would_still_be_in_the_file(workshops, workshop, store):
    sqlite_default(store, "OFF", first=False)  # overrides the store's setting: what the test above rules out
    classroom(workshops, workshop)
    workshops.delete(workshop)
    assert names_in(file_bytes(store))


def test_the_prompt_counts_what_a_workshop_deletion_takes(workshops, workshop):
    classroom(workshops, workshop)
    contents = workshops.contents(workshop)
    assert contents.groups == list(GROUP_NAMES)
    assert contents.accounts == 2 * 2 + 1  # each group: its own and the case account; the trainer: the case
    assert contents.worksheets >= 3


def test_the_personal_workspaces_row_cannot_be_deleted_as_a_workshop(workshops):
    mine = workshops.new_personal()
    with pytest.raises(WorkshopError):
        workshops.delete(mine.workshop)
    assert workshops.personal(mine.group.token).group.id == mine.group.id


# ---- a group or a personal workspace deleting its own work -----------------------------------------

@pytest.mark.sqlite_only  # reads the SQLite file's bytes
def test_a_group_deletes_its_own_work_and_nothing_of_the_other_groups(workshops, workshop, store):
    sqlite_default(store, "OFF", first=True)
    mine, theirs = classroom(workshops, workshop)
    assert mine.contents().groups == [GROUP_NAMES[0]] and mine.contents().worksheets >= 2
    mine.delete()
    assert rows_of(store, workshop.id, [mine.group.id])["accounts"] == 0
    assert rows_of(store, workshop.id, [mine.group.id])["worksheets"] == 0
    assert [name for _, name in workshops.group_names(workshop)] == [GROUP_NAMES[1]]
    assert theirs.worksheet("selection") is not None
    assert names_in(file_bytes(store)) == [GROUP_NAMES[1], ACCOUNT_NAMES[1]]
    with pytest.raises(WorkshopError):
        workshops.workspace(workshop.code, mine.group.token)


def test_a_group_in_an_archived_workshop_can_still_delete_its_work(workshops, workshop):
    group = fill(workshops, workshop, "Late", "Late Ltd")
    workshops.set_archived(workshop)
    group.delete()
    assert workshops.group_names(workshop) == []


@pytest.mark.sqlite_only  # reads the SQLite file's bytes
def test_a_personal_workspace_deleted_by_its_owner_opens_no_more(workshops, store):
    sqlite_default(store, "OFF", first=True)
    mine = workshops.new_personal()
    mine.save("selection", selection_with(ACCOUNT_NAMES[0]), 0)
    assert mine.contents().groups == [] and mine.contents().worksheets == 1
    mine.delete()
    with pytest.raises(WorkshopError):
        workshops.personal(mine.group.token)
    assert names_in(file_bytes(store)) == []


def test_the_trainers_model_answers_are_not_deleted_as_a_group(workshops, workshop):
    answers = workshops.trainer_workspace(workshop)
    with pytest.raises(WorkshopError):
        answers.delete()
    assert workshops.trainer_workspace(workshop).group.id == answers.group.id


# ---- retention -------------------------------------------------------------------------------------

def test_retention_is_90_days_unless_the_installation_says_otherwise(monkeypatch):
    monkeypatch.delenv("KAM_RETENTION_DAYS", raising=False)
    assert retention_days() == 90
    monkeypatch.setenv("KAM_RETENTION_DAYS", " 30 ")
    assert retention_days() == 30


@pytest.mark.parametrize("value", ["-5", "ten", "1.5"])
def test_a_retention_that_is_not_whole_days_is_refused_not_guessed(monkeypatch, value):
    monkeypatch.setenv("KAM_RETENTION_DAYS", value)
    with pytest.raises(ValueError, match="KAM_RETENTION_DAYS"):
        retention_days()


def test_an_archived_workshop_is_deleted_retention_days_after_archiving_and_keeping_longer_restarts_it(workshops,
                                                                                                       workshop):
    assert deletion_date(workshop, 90) is None
    archived = workshops.set_archived(workshop, now=NOW)
    assert deletion_date(archived, 90) == (NOW + timedelta(days=90)).date()
    assert deletion_date(workshops.set_archived(archived, now=NOW + timedelta(days=5)), 90) == \
        (NOW + timedelta(days=90)).date()  # archiving again keeps the date
    later = NOW + timedelta(days=60)
    assert deletion_date(workshops.keep_longer(archived, now=later), 90) == (later + timedelta(days=90)).date()
    assert deletion_date(workshops.set_archived(archived, False), 90) is None


def archived_days_ago(workshops, title: str, days: int):
    created, _ = workshops.create(title, "en", "2468")
    return workshops.set_archived(created, now=NOW - timedelta(days=days))


def test_purge_deletes_exactly_the_expired_archived_workshops_and_a_dry_run_lists_the_same(workshops):
    old = archived_days_ago(workshops, "Old", 120)
    just_over = archived_days_ago(workshops, "Just over", 90)
    young = archived_days_ago(workshops, "Young", 89)
    in_use, _ = workshops.create("In use", "en", "2468")
    mine = workshops.new_personal()

    listed = purge(workshops.store, now=NOW, days=90, dry_run=True)
    assert [w.code for w in listed] == [old.code, just_over.code]
    assert workshops.live(old.code).archived  # a dry run deletes nothing

    deleted = purge(workshops.store, now=NOW, days=90)
    assert [w.code for w in deleted] == [w.code for w in listed]
    for gone in (old, just_over):
        with pytest.raises(WorkshopError):
            workshops.live(gone.code)
    assert workshops.live(young.code).archived and not workshops.live(in_use.code).archived
    assert workshops.personal(mine.group.token) is not None
    assert expired(workshops.store, now=NOW, days=90) == []


def test_an_older_store_gets_the_new_columns_and_its_archived_workshops_start_their_period_now(database_url):
    store = Store(database_url)
    workshops_ = __import__("kamcore.workshop", fromlist=["Workshops"]).Workshops(store)
    created, _ = workshops_.create("Before dates", "en", "2468")
    workshops_.join(created.code, "Old group")
    workshops_.set_archived(created)
    with store.engine.begin() as connection:  # as a store made before this change looked
        connection.execute(text("ALTER TABLE workshops DROP COLUMN archived_at"))
        connection.execute(text("ALTER TABLE groups DROP COLUMN share_names"))
        connection.execute(text("DROP TABLE alembic_version"))
    before = datetime.now(UTC)
    upgraded = Store(database_url)
    workshop = type(workshops_)(upgraded).live(created.code)
    assert workshop.archived_at >= before - timedelta(seconds=1)
    assert expired(upgraded, days=0, now=datetime.now(UTC) + timedelta(seconds=1)) == [workshop]
    assert not type(workshops_)(upgraded).workspace(created.code, _token(upgraded)).shares_names()


def _token(store: Store) -> str:
    with Session(store.engine) as s:
        return s.scalar(select(GroupRow.token).where(GroupRow.kind == "group", GroupRow.name == "Old group"))


def kamcore(*args: str, database_url: str, days: str = "90"):
    env = {**os.environ, "KAM_DATABASE_URL": database_url, "KAM_RETENTION_DAYS": days}
    return subprocess.run([sys.executable, "-m", "kamcore", *args], capture_output=True, text=True, env=env)


def test_the_purge_command_lists_on_a_dry_run_and_deletes_without(workshops, database_url):
    old = archived_days_ago(workshops, "Long gone", 400)
    young, _ = workshops.create("Still running", "en", "2468")
    dry = kamcore("purge", "--dry-run", database_url=database_url, days="30")
    assert dry.returncode == 0 and old.code in dry.stdout and young.code not in dry.stdout
    assert "dry run" in dry.stderr and workshops.live(old.code)
    done = kamcore("purge", database_url=database_url, days="30")
    assert done.returncode == 0 and old.code in done.stdout and "1 archived workshop" in done.stderr
    with pytest.raises(WorkshopError):
        workshops.live(old.code)
    assert workshops.live(young.code).title == "Still running"


def test_the_purge_command_refuses_a_retention_it_cannot_read(workshops, database_url):
    old = archived_days_ago(workshops, "Long gone", 400)
    refused = kamcore("purge", database_url=database_url, days="forever")
    assert refused.returncode == 2 and "KAM_RETENTION_DAYS" in refused.stderr and "Traceback" not in refused.stderr
    assert workshops.live(old.code).archived


def test_the_shipped_configuration_sends_no_usage_statistics():
    import tomllib

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False


def test_a_restored_archived_workshop_starts_its_retention_period_when_restored(workshops, workshop, store):
    from kamcore.export.files import import_file, workshop_file

    workshops.set_archived(workshop, now=NOW - timedelta(days=400))
    backup = workshop_file(store, workshop, "json", "en")
    workshops.delete(workshop)
    _, restored = import_file(store, backup)
    assert restored.archived and deletion_date(restored, 90) == (datetime.now(UTC) + timedelta(days=90)).date()
