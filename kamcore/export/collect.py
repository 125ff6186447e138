"""What an export contains: each group's computed worksheets by tool, under the workshop's methods."""

from __future__ import annotations

from typing import Any, NamedTuple

from kamcore.compare import Entry, disagreement, entries
from kamcore.personal import without_personal
from kamcore.reads import read_along
from kamcore.store import GroupWorksheet, Store, workshop_rows
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop


def methods_for(workshop: Workshop | None) -> dict[str, Any]:
    return {tool_id: TOOLS[tool_id].method((workshop.overrides(tool_id) if workshop else None) or None)
            for tool_id in TOOLS}


class GroupKey(NamedTuple):
    id: int
    name: str


def group_entries(store: Store, group_id: int, group_name: str, methods: dict[str, Any],
                  personal: bool = True, adjusted: dict[str, dict] | None = None) -> dict[str, list[Entry]]:
    """A group's worksheets that compute, by tool (in the course's order), each with its account's name;
    without people's names unless `personal`. `adjusted`: the workshop's method overrides by tool, which
    `methods` were made with (a tool that reads others reads them under the same)."""
    names = {a.key: a.name for a in store.accounts(group_id)}
    saved = store.worksheets(group_id)
    found = {}

    def of(tool: str) -> list[GroupWorksheet]:
        return [GroupWorksheet(group_name, names.get(w.account_key, ""),
                               w.data if personal else without_personal(tool, w.data), w.updated_at, group_id,
                               w.account_key) for w in saved if w.tool == tool]

    for tool_id in TOOLS:
        sheets = read_along(TOOLS[tool_id], of(tool_id), of, adjusted)
        computed = entries(sheets, tool_id, methods[tool_id]).entries
        if computed:
            found[tool_id] = computed
    return found


def workshop_entries(store: Store, workshop: Workshop,
                     methods: dict[str, Any]) -> dict[GroupKey, dict[str, list[Entry]]]:
    """Every participant group's entries, keyed by the group (its id tells apart names that read alike);
    people's names only from groups that opted in."""
    _, groups = workshop_rows(store, workshop.id)
    return {GroupKey(g.id, g.name): group_entries(store, g.id, g.name, methods, g.share_names, workshop.adjusted)
            for g in groups if g.kind == "group"}


class Disagreement(NamedTuple):
    tool: str  # the tool's name
    criterion: str  # the account and the criterion, as the projector names them
    spread: float  # the gap between the groups' scores for that same account


def disagreements(found_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str) -> list[Disagreement]:
    """The criteria the projector flags for discussion (groups' scores for the same account at least the
    method's spread apart), widest gap first."""
    found = [Disagreement(TOOLS[tool_id].name(lang), f"{d.account} · {d.criterion}", d.spread)
             for tool_id, entries_ in found_by_tool.items()
             for d in disagreement(entries_, tool_id, methods[tool_id], lang) if d.flagged]
    return sorted(found, key=lambda d: -d.spread)
