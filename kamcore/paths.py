"""Where the project's data lives, and where the store goes by default."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
METHODS = DATA / "methods"
I18N = DATA / "i18n"
CASES = DATA / "cases"


def method_dirs() -> list[Path]:
    """Where method files are read from: data/methods/, then each folder KAM_METHODS_DIRS lists
    (separated as PATH is: ':' on Linux and macOS, ';' on Windows), for an installation's own tools
    of the declared kinds. A listed folder that does not exist stops the start with its name."""
    extra = [Path(p).expanduser() for p in os.environ.get("KAM_METHODS_DIRS", "").split(os.pathsep) if p.strip()]
    if missing := [str(p) for p in extra if not p.is_dir()]:
        raise FileNotFoundError(f"KAM_METHODS_DIRS names folders that do not exist: {', '.join(missing)}")
    return [METHODS, *extra]


def default_database_url() -> str:
    """KAM_DATABASE_URL, else one SQLite file in a folder outside the source tree."""
    if url := os.environ.get("KAM_DATABASE_URL"):
        return url
    folder = Path(os.environ.get("KAM_DATA_DIR", Path.home() / ".kam-workshop"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'kam.sqlite3'}"
