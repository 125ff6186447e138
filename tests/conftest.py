"""Fixtures shared by every layer: a store in a fresh database (see tests/engines.py), the default methods."""

import pytest

from kamcore.store import Store
from kamcore.workshop import Workshops
from tests import engines, texts

texts.install()


@pytest.fixture(autouse=True)
def _every_text_looked_up_is_in_both_catalogs():
    """A test fails when it looked up a UI text that either language lacks (see tests/texts.py)."""
    texts.LOOKED_UP.clear()
    yield
    if missing := texts.missing_texts(texts.LOOKED_UP):
        pytest.fail(f"UI texts looked up but missing from a catalog: {missing}")

pytest_plugins = ["tests.declared"]  # the `declared` fixture: throwaway tools of the declared kinds


def pytest_configure(config):
    config.addinivalue_line("markers", "both_engines: each store test of the module runs on SQLite and PostgreSQL")
    config.addinivalue_line("markers", "sqlite_only: the test is about SQLite itself (its file, WAL, PRAGMAs)")


def pytest_generate_tests(metafunc):
    engines.parametrize(metafunc)


@pytest.fixture
def db_engine(request) -> str:
    """The engine of this test's store: both in turn in a `both_engines` module, else KAM_TEST_DATABASE's."""
    engine = getattr(request, "param", engines.DEFAULT)
    if engine != "sqlite" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("about SQLite itself")
    return engine


@pytest.fixture
def database_url(db_engine, tmp_path, monkeypatch):
    with engines.fresh_database(db_engine, tmp_path) as url, engines.engines_closed_afterwards(monkeypatch):
        monkeypatch.setenv("KAM_DATABASE_URL", url)
        yield url


@pytest.fixture
def store(database_url):
    return Store(database_url)


@pytest.fixture
def workshops(store):
    return Workshops(store)


@pytest.fixture
def workshop(workshops):
    """A workshop a trainer has just created (PIN 2468)."""
    created, _ = workshops.create("KAM Shanghai", "zh", "2468")
    return created
