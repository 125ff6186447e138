"""Today's date, as the tools that count days (deals sitting in a stage, tasks past due) read it.
KAM_TODAY (an ISO date) sets it, so a test can live a week in a minute."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    fixed = os.environ.get("KAM_TODAY", "").strip()
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
