"""Fixtures shared by every layer: a store in a temp folder, the default methods."""

import pytest

from kamcore.store import Store
from kamcore.workshop import Workshops
from tests import texts

texts.install()


@pytest.fixture(autouse=True)
def _every_text_looked_up_is_in_both_catalogs():
    """A test fails when it looked up a UI text that either language lacks (see tests/texts.py)."""
    texts.LOOKED_UP.clear()
    yield
    if missing := texts.missing_texts(texts.LOOKED_UP):
        pytest.fail(f"UI texts looked up but missing from a catalog: {missing}")

pytest_plugins = ["tests.declared"]  # the `declared` fixture: throwaway tools of the declared kinds


@pytest.fixture
def database_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'kam.sqlite3'}"
    monkeypatch.setenv("KAM_DATABASE_URL", url)
    return url


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
