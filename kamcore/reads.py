"""A worksheet read with the worksheets it reads along (Tool.reads): the same group's worksheets of
those tools for the same account (a group-scoped tool's own worksheet), handed in as data["sources"]
so that the strategy and the plan export and project what the other tools hold now, not a copy, computed
under the workshop's methods of those tools (`adjusted`: the workshop's overrides by tool id)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kamcore.methods.sources import ACCOUNT, ADJUSTED
from kamcore.store import PORTFOLIO, GroupWorksheet
from kamcore.tool import Tool


def sources_of(tool: Tool, account_key: str, account: str, worksheet: Callable[[str, str], dict | None],
               adjusted: dict[str, dict] | None = None) -> dict:
    """What `tool` reads for one account: {tool id: that worksheet's data} for each it has, the account, and
    the overrides of the methods they are read under. `worksheet(tool_id, account_key)` is the group's saved
    data or None."""
    found = {ACCOUNT: {"key": account_key, "name": account}}
    for other in tool.reads:
        data = worksheet(other, account_key) or worksheet(other, PORTFOLIO)
        if data:
            found[other] = data
    adjusted = adjusted or {}
    if overrides := {other: adjusted[other] for other in tool.reads if adjusted.get(other)}:
        found[ADJUSTED] = overrides
    return found


def read_along(tool: Tool, sheets: list[GroupWorksheet], of: Callable[[str], list[GroupWorksheet]],
               adjusted: dict[str, dict] | None = None) -> list[GroupWorksheet]:
    """`sheets` of `tool`, each with its sources; `of(tool_id)` lists that tool's worksheets (of the same
    groups, with what the caller may show of them)."""
    if not tool.reads:
        return sheets
    saved = {(w.group_id, w.account_key, other): w.data for other in tool.reads for w in of(other)}
    return [replace(w, data={**w.data, "sources": sources_of(
        tool, w.account_key, w.account, lambda other, key, w=w: saved.get((w.group_id, key, other)), adjusted)})
            for w in sheets]
