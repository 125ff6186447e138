"""Schema changes as Alembic migrations (versions/), the same for SQLite and PostgreSQL.

`upgrade(engine)` brings a store to the newest schema: at every start (Store) and by
`python -m kamcore db upgrade`. One process migrates at a time (PostgreSQL: an advisory lock; SQLite: an
immediate transaction), the others wait and then find nothing to do. A new migration is a new file in
versions/ (copy the newest, number it next, its `down_revision` the newest's); the models in kamcore/store.py
change with it (tests/unit/test_migrations.py compares the two).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

HERE = Path(__file__).resolve().parent
_LOCK = 0x4B414D  # "KAM": the advisory lock id under which one process migrates a PostgreSQL database


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())  # read once (a fresh store per test would re-read it)


def head() -> str:
    """The newest revision the code knows."""
    return _script().get_current_head()


def current(engine: Engine) -> str | None:
    """The store's revision; None for an empty database or one made before migrations existed."""
    with engine.connect() as connection:
        return _current(connection)


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> str:
    """Apply every migration the store lacks (nothing when it is at head) and return its revision."""
    if current(engine) == head():
        return head()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK})")
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock now, before reading the revision
        if _current(connection) != head():
            _run(connection)
    return head()


def _run(connection: Connection) -> None:
    """What `alembic upgrade head` does, on this connection, with the script directory read once."""
    config, script = _config(), _script()
    config.attributes["connection"] = connection
    with EnvironmentContext(config, script, fn=lambda rev, _context: script._upgrade_revs("head", rev),
                            destination_rev="head"):
        script.run_env()
