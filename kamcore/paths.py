"""Where the project's data lives, and where the store goes by default."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
METHODS = DATA / "methods"
I18N = DATA / "i18n"
CASES = DATA / "cases"


def default_database_url() -> str:
    """KAM_DATABASE_URL, else one SQLite file in a folder outside the source tree."""
    if url := os.environ.get("KAM_DATABASE_URL"):
        return url
    folder = Path(os.environ.get("KAM_DATA_DIR", Path.home() / ".kam-workshop"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'kam.sqlite3'}"
