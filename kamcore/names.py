"""How names typed by people are compared: two names that read the same are the same name."""

from __future__ import annotations

import re
import unicodedata

# zero-width characters and bidi controls: invisible, yet they would make two equal-looking names differ
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def name_key(name: str) -> str:
    """The form names are compared in: Unicode NFKC, invisible characters removed, trimmed, case-folded."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", name)).strip().casefold()


def distinct_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`, `name (3)` … whichever is not taken (compared as name_key)."""
    candidate, number = name, 2
    while name_key(candidate) in taken:
        candidate, number = f"{name} ({number})", number + 1
    return candidate
