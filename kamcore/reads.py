"""A worksheet read with the worksheets it reads along (Tool.reads): the same group's worksheets of
those tools for the same account (a group-scoped tool's own worksheet), handed in as data["sources"]
so that the strategy and the plan export and project what the other tools hold now, not a copy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kamcore.store import PORTFOLIO, GroupWorksheet
from kamcore.tool import Tool

ACCOUNT = "account"  # sources[ACCOUNT]: the account's key and name


def sources_of(tool: Tool, account_key: str, account: str, worksheet: Callable[[str, str], dict | None]) -> dict:
    """What `tool` reads for one account: {tool id: that worksheet's data} for each it has, and the account.
    `worksheet(tool_id, account_key)` is the group's saved data or None."""
    found = {ACCOUNT: {"key": account_key, "name": account}}
    for other in tool.reads:
        data = worksheet(other, account_key) or worksheet(other, PORTFOLIO)
        if data:
            found[other] = data
    return found


def read_along(tool: Tool, sheets: list[GroupWorksheet],
               of: Callable[[str], list[GroupWorksheet]]) -> list[GroupWorksheet]:
    """`sheets` of `tool`, each with its sources; `of(tool_id)` lists that tool's worksheets (of the same
    groups, with what the caller may show of them)."""
    if not tool.reads:
        return sheets
    saved = {(w.group_id, w.account_key, other): w.data for other in tool.reads for w in of(other)}
    return [replace(w, data={**w.data, "sources": sources_of(
        tool, w.account_key, w.account, lambda other, key, w=w: saved.get((w.group_id, key, other)))})
            for w in sheets]
