"""CSV that spreadsheets cannot turn into formulas (OWASP: a text cell starting with = + - @ tab or CR
gets a leading apostrophe). Only text is touched: the number -3 stays -3."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutral(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutral(h) for h in header])
    writer.writerows([neutral(v) for v in row] for row in rows)
    return buffer.getvalue()
