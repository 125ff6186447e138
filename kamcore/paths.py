"""Where the project's data lives, and where the store goes by default."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
METHODS = DATA / "methods"
I18N = DATA / "i18n"
CASES = DATA / "cases"


def own_method_dirs() -> list[Path]:
    """The folders KAM_METHODS_DIRS lists (separated as PATH is: ':' on Linux and macOS, ';' on
    Windows): an installation's own tools of the declared kinds, read after data/methods/. A listed
    folder that does not exist stops the start with its name."""
    extra = [Path(p).expanduser() for p in os.environ.get("KAM_METHODS_DIRS", "").split(os.pathsep) if p.strip()]
    if missing := [str(p) for p in extra if not p.is_dir()]:
        raise FileNotFoundError(f"KAM_METHODS_DIRS names folders that do not exist: {', '.join(missing)}")
    return extra


def default_database_url() -> str:
    """KAM_DATABASE_URL, else one SQLite file in a folder outside the source tree."""
    if url := os.environ.get("KAM_DATABASE_URL"):
        return url
    folder = Path(os.environ.get("KAM_DATA_DIR", Path.home() / ".kam-workshop"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'kam.sqlite3'}"


RETENTION_DAYS = 90  # how long an archived workshop is kept unless KAM_RETENTION_DAYS says otherwise


def retention_days() -> int:
    """KAM_RETENTION_DAYS (whole days, 0 or more), else 90: how long an archived workshop is kept.
    A value that is not such a number is refused rather than guessed: it decides what gets deleted."""
    raw = os.environ.get("KAM_RETENTION_DAYS", "").strip()
    if not raw:
        return RETENTION_DAYS
    if not raw.isdigit():
        raise ValueError(f"KAM_RETENTION_DAYS must be a whole number of days (0 or more), not {raw!r}")
    return int(raw)
