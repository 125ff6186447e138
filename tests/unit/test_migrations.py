"""Schema changes go through kamcore/migrations, on SQLite and PostgreSQL alike: a fresh store gets the
models' schema, a store made before migrations is adopted once, and `python -m kamcore db` runs them."""

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kamcore import migrations
from kamcore.store import Account, Base, DuplicateName, Store
from kamcore.workshop import Workshops
from tests.unit.test_concurrency import at_once

pytestmark = pytest.mark.both_engines

# The tables as the first workshop version of the store made them (git 7212b8e), before any column was added.
OLD = sa.MetaData()
sa.Table("workshops", OLD, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("code", sa.String(16), unique=True, nullable=False), sa.Column("title", sa.String(200)),
         sa.Column("kind", sa.String(16)), sa.Column("created_at", sa.DateTime(timezone=True)),
         sa.Column("lang", sa.String(8)), sa.Column("pin_hash", sa.String(200)),
         sa.Column("projector_token", sa.String(64)), sa.Column("archived", sa.Boolean),
         sa.Column("settings", sa.JSON), sa.Column("failed_pins", sa.Integer),
         sa.Column("pin_blocked_until", sa.DateTime(timezone=True)))
sa.Table("groups", OLD, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("workshop_id", sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True),
         sa.Column("name", sa.String(120)), sa.Column("token", sa.String(64), unique=True),
         sa.Column("created_at", sa.DateTime(timezone=True)), sa.Column("kind", sa.String(16)))
sa.Table("accounts", OLD, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("group_id", sa.ForeignKey("groups.id", ondelete="CASCADE"), index=True),
         sa.Column("key", sa.String(40)), sa.Column("name", sa.String(120)),
         sa.Column("created_at", sa.DateTime(timezone=True)), sa.UniqueConstraint("group_id", "key"))
sa.Table("worksheets", OLD, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("group_id", sa.ForeignKey("groups.id", ondelete="CASCADE"), index=True),
         sa.Column("tool", sa.String(40)), sa.Column("account_key", sa.String(40)), sa.Column("data", sa.JSON),
         sa.Column("version", sa.Integer), sa.Column("updated_at", sa.DateTime(timezone=True)),
         sa.UniqueConstraint("group_id", "tool", "account_key"))
THEN = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def old_store(database_url):
    """A database as the first workshop version left it: an archived workshop, two groups whose names read
    alike, accounts named alike, a worksheet; no alembic_version."""
    engine = sa.create_engine(database_url)
    OLD.create_all(engine)
    workshops, groups, accounts, worksheets = (OLD.tables[n] for n in ("workshops", "groups", "accounts",
                                                                        "worksheets"))
    with engine.begin() as c:
        c.execute(workshops.insert(), [{"code": "OLD123", "title": "Old", "kind": "workshop", "created_at": THEN,
                                        "lang": "en", "pin_hash": "", "projector_token": "p", "archived": True,
                                        "settings": {"locks": {"selection": True}}, "failed_pins": 0}])
        workshop_id = c.scalar(sa.select(workshops.c.id))
        c.execute(groups.insert(), [{"workshop_id": workshop_id, "name": name, "token": f"t{n}", "kind": "group",
                                     "created_at": THEN} for n, name in enumerate(("North", "north "))])
        north = c.scalar(sa.select(groups.c.id).where(groups.c.token == "t0"))
        c.execute(accounts.insert(), [{"group_id": north, "key": key, "name": name, "created_at": THEN}
                                      for key, name in (("a", "ACME"), ("b", "acme"))])
        c.execute(worksheets.insert(), [{"group_id": north, "tool": "selection", "account_key": "",
                                         "data": {"kept": "as typed"}, "version": 3, "updated_at": THEN}])
    engine.dispose()
    return database_url, north


def revision_of(url: str) -> str | None:
    engine = sa.create_engine(url)
    try:
        return migrations.current(engine)
    finally:
        engine.dispose()


def _kind(change) -> str:
    return (change[0] if isinstance(change, list) else change)[0]


def test_a_fresh_store_is_at_the_newest_migration_and_its_schema_is_the_models(store):
    assert migrations.current(store.engine) == migrations.head()
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_store_from_before_migrations_is_adopted_once_with_its_work_kept(old_store):
    url, north = old_store
    assert revision_of(url) is None
    store = Store(url)
    assert migrations.current(store.engine) == migrations.head()
    with store.engine.connect() as connection:  # an adopted store keeps its old columns' nullability, no more
        left = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert {_kind(change) for change in left} <= {"modify_nullable"}, left
    assert sorted(a.name for a in store.accounts(north)) == ["ACME", "acme (2)"]
    assert store.worksheet(north, "selection").data == {"kept": "as typed"}
    workshops = Workshops(store)
    old = workshops.live("OLD123")
    assert old.archived and old.archived_at is not None and old.locked("selection")
    progress = workshops.progress(old)
    assert sorted(g.name for g in progress) == ["North", "north  (2)"] and all(len(g.join_key) == 6 for g in progress)
    with pytest.raises(DuplicateName):
        store.add_account(north, Account("c", "Acme"))
    store.add_account(north, Account("c", "Initech"))  # new rows get ids on the adopted tables
    assert len(Store(url).accounts(north)) == 3  # a second start finds nothing to do and renames nothing


def test_a_store_made_by_the_models_just_before_migrations_is_stamped_without_changes(database_url):
    engine = sa.create_engine(database_url)
    Base.metadata.create_all(engine)
    engine.dispose()
    store = Store(database_url)
    assert migrations.current(store.engine) == migrations.head()
    assert store.personal_group().id == 1


def test_several_processes_starting_on_one_empty_database_migrate_it_once(database_url):
    stores = at_once(lambda _: Store(database_url), n=4)
    assert all(isinstance(s, Store) for s in stores), stores
    assert {migrations.current(s.engine) for s in stores} == {migrations.head()}
    for store in stores:
        store.engine.dispose()


def kamcore_db(*args: str, url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kamcore", "db", *args], capture_output=True, text=True,
                          env={**os.environ, "KAM_DATABASE_URL": url})


def test_db_upgrade_on_the_command_line_brings_an_old_store_to_the_newest_revision(old_store):
    url, _ = old_store
    before = kamcore_db("current", url=url)
    assert before.returncode == 0 and "none" in before.stdout
    upgraded = kamcore_db("upgrade", url=url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert migrations.head() in upgraded.stdout and revision_of(url) == migrations.head()
    assert migrations.head() in kamcore_db("current", url=url).stdout
