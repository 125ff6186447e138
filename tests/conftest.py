"""Fixtures shared by every layer: a store in a temp folder, the default methods."""

import pytest

from kamcore.store import Store


@pytest.fixture
def database_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'kam.sqlite3'}"
    monkeypatch.setenv("KAM_DATABASE_URL", url)
    return url


@pytest.fixture
def store(database_url):
    return Store(database_url)
