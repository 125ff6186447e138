"""What an export contains: each group's computed worksheets by tool, under the workshop's methods."""

from __future__ import annotations

from typing import Any, NamedTuple

from kamcore.compare import Entry, entries
from kamcore.store import GroupWorksheet, Store, workshop_rows
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop


def methods_for(workshop: Workshop | None) -> dict[str, Any]:
    return {tool_id: TOOLS[tool_id].method((workshop.overrides(tool_id) if workshop else None) or None)
            for tool_id in TOOLS}


class GroupKey(NamedTuple):
    id: int
    name: str


def group_entries(store: Store, group_id: int, group_name: str, methods: dict[str, Any]) -> dict[str, list[Entry]]:
    """A group's worksheets that compute, by tool (in the course's order), each with its account's name."""
    names = {a.key: a.name for a in store.accounts(group_id)}
    saved = store.worksheets(group_id)
    found = {}
    for tool_id in TOOLS:
        sheets = [GroupWorksheet(group_name, names.get(w.account_key, ""), w.data, w.updated_at, group_id)
                  for w in saved if w.tool == tool_id]
        computed = entries(sheets, tool_id, methods[tool_id]).entries
        if computed:
            found[tool_id] = computed
    return found


def workshop_entries(store: Store, workshop: Workshop,
                     methods: dict[str, Any]) -> dict[GroupKey, dict[str, list[Entry]]]:
    """Every participant group's entries, keyed by the group (its id tells apart names that read alike)."""
    _, groups = workshop_rows(store, workshop.id)
    return {GroupKey(g.id, g.name): group_entries(store, g.id, g.name, methods) for g in groups if g.kind == "group"}


class Disagreement(NamedTuple):
    tool: str  # the tool's name
    criterion: str
    spread: float  # the gap between the groups, as the projector computes it


def disagreements(found_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str) -> list[Disagreement]:
    """The criteria where the groups disagreed, widest gap first: the rows each tool's projector tables
    flag for discussion (a row's name is its first column, its gap the last column before the flag)."""
    found = []
    for tool_id, entries_ in found_by_tool.items():
        tool = TOOLS[tool_id]
        for table in tool.tables(entries_, methods[tool_id], lang):
            if table.flag is None:
                continue
            for row in (r for r in table.rows if r.get(table.flag)):
                values = [v for k, v in row.items() if k != table.flag]
                found.append(Disagreement(tool.name(lang), str(values[0]), _number(values[-1])))
    return sorted(found, key=lambda d: -d.spread)


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
