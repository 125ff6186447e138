"""All groups side by side, per tool: what the projector shows and what a revealed model answer shows.

Each tool's record says what one summary row holds (its key figures and verdict, in the reader's
language); this module finds the worksheets that compute and lays the rows out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from kamcore.i18n import t
from kamcore.personal import without_personal
from kamcore.store import GroupWorksheet
from kamcore.tool import Entry
from kamcore.tools import TOOLS
from kamcore.tools.selection import Spread, criterion_spread

__all__ = ["Entry", "Found", "Spread", "criterion_spread", "entries", "summary"]


class Found(NamedTuple):
    entries: list[Entry]
    broken: int  # worksheets that do not compute under this method (e.g. after an override)
    unscored: int  # worksheets with nothing scored yet: no verdict to show


def entries(worksheets: list[GroupWorksheet], tool_id: str, method: Any,
            run: Callable[[dict[str, Any]], BaseModel] | None = None) -> Found:
    """The scored part of each worksheet (drafts and unscored rows left out) with its result.
    `run` computes one worksheet (a caller may pass a cached one); by default the tool's own."""
    tool = TOOLS[tool_id]
    run = run or (lambda data: tool.run(data, method))
    good, bad, waiting = [], 0, 0
    for w in worksheets:
        try:
            data = tool.counted_data(w.data, method)
            if data is None:
                waiting += 1
                continue
            good.append(Entry(w.group, w.account, data, run(data), w.group_id))
        except ValidationError:
            bad += 1
    return Found(good, bad, waiting)


def for_the_room(worksheets: list[GroupWorksheet], tool_id: str) -> list[GroupWorksheet]:
    """What the projector may show of the groups' worksheets: never people's names."""
    return [replace(w, data=without_personal(tool_id, w.data)) for w in worksheets]


def summary(tool_id: str, found: list[Entry], method: Any, lang: str) -> list[dict[str, Any]]:
    """One row per worksheet: group, account (for tools kept per account), key figures and verdict."""
    tool = TOOLS[tool_id]
    per_account = tool.scope == "account"
    return [{t(lang, "compare.group"): e.group, **({t(lang, "compare.account"): e.account} if per_account else {}),
             **tool.summary(e, method, lang)} for e in found]
