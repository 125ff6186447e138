"""The databases the tests run on: SQLite always, PostgreSQL when KAM_TEST_POSTGRES_URL names a server
(`eval "$(scripts/pg-throwaway start)"` starts one).

- KAM_TEST_DATABASE=postgresql: every test's store is a fresh schema on that server (the whole suite on
  PostgreSQL); the default, sqlite, is a fresh file in the test's temp folder.
- A module with `pytestmark = pytest.mark.both_engines` runs each of its store tests on both engines.
- Without a server the PostgreSQL cases are skipped with one line of reason; under CI=true or
  KAM_REQUIRE_POSTGRES=1 they fail instead: CI never skips them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

import kamcore.store

ENGINES = ("sqlite", "postgresql")
POSTGRES_URL = os.environ.get("KAM_TEST_POSTGRES_URL", "").strip()
DEFAULT = os.environ.get("KAM_TEST_DATABASE", "sqlite").strip() or "sqlite"
REQUIRED = os.environ.get("CI", "").lower() == "true" or os.environ.get("KAM_REQUIRE_POSTGRES") == "1"
NO_SERVER = "no PostgreSQL: set KAM_TEST_POSTGRES_URL (eval \"$(scripts/pg-throwaway start)\")"
_schemas = itertools.count()

if DEFAULT not in ENGINES:
    raise pytest.UsageError(f"KAM_TEST_DATABASE must be one of {ENGINES}, not {DEFAULT!r}")


def need_postgres() -> None:
    """Skip (or, in CI, fail) the calling test when no PostgreSQL server is configured."""
    if not POSTGRES_URL:
        if REQUIRED:
            pytest.fail(f"{NO_SERVER}: required under CI / KAM_REQUIRE_POSTGRES", pytrace=False)
        pytest.skip(NO_SERVER)


@contextmanager
def fresh_database(engine: str, folder: Path) -> Iterator[str]:
    """A URL to an empty database of that engine, gone afterwards: a file in `folder`, or a schema of its
    own on the PostgreSQL server (selected through the connection's search_path)."""
    if engine == "sqlite":
        yield f"sqlite:///{folder / 'kam.sqlite3'}"
        return
    need_postgres()
    schema = f"kam_test_{os.getpid()}_{next(_schemas)}"
    admin = create_engine(POSTGRES_URL, poolclass=NullPool)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"}) \
            .render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()


@contextmanager
def engines_closed_afterwards(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every engine a Store makes meanwhile is disposed of at the end (the app keeps its stores cached
    for the process: on PostgreSQL their idle connections would pile up test after test)."""
    made = []
    original = kamcore.store.make_engine

    def recording(url: str):
        made.append(engine := original(url))
        return engine

    monkeypatch.setattr(kamcore.store, "make_engine", recording)
    try:
        yield
    finally:
        for engine in made:
            engine.dispose()


def parametrize(metafunc: pytest.Metafunc) -> None:
    """Each test of a `both_engines` module that uses a store runs once per engine."""
    if "db_engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_engines"):
        metafunc.parametrize("db_engine", ENGINES, indirect=True)
