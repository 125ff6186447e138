"""The registry of course tools, in the course's order: those with their own computation, then
every tool declared by a method file of a known kind (data/methods/<id>.yaml with `kind: assessment`,
`matrix`, `checklist` or `log`), which needs no Python of its own; an installation adds its own such
files from the folders KAM_METHODS_DIRS lists (kamcore.paths.own_method_dirs).

Whoever lists, compares, draws or exports tools iterates TOOLS; a tool's facets are on its record."""

from __future__ import annotations

from pathlib import Path

from kamcore.i18n import _method_terms
from kamcore.paths import METHODS, own_method_dirs
from kamcore.tool import Entry, Nav, Table, Tool
from kamcore.tools import (
    account_types,
    competition,
    congruence,
    country_rollup,
    diagnosis,
    global_programme,
    global_selection,
    monitoring_meeting,
    organisation_choice,
    partnership,
    pipeline,
    purchasing_portfolio,
    selection,
    task_timetable,
    team_profiles,
    training_plan,
    value_proposition,
)

__all__ = ["TOOLS", "Entry", "Nav", "Table", "Tool", "register", "register_file", "unregister"]

TOOLS: dict[str, Tool] = {}


def register(tool: Tool) -> Tool:
    """Add a tool to the registry; a second tool under an id already taken is refused."""
    if tool.id in TOOLS:
        raise ValueError(f"a tool {tool.id!r} is registered already")
    TOOLS[tool.id] = tool
    _method_terms.cache_clear()  # its criteria's names join the words errors are explained in
    return tool


def unregister(tool_id: str) -> None:
    TOOLS.pop(tool_id, None)
    _method_terms.cache_clear()


def register_file(path: Path) -> Tool:
    """The tool a method file of a declared kind describes, registered (its file is validated whole)."""
    from kamcore.kinds import declare  # the kinds build their records from this package's pieces

    return register(declare(path))


def _declared_files() -> list[Path]:
    from kamcore.kinds import is_declared

    files = [path for folder in (METHODS, *own_method_dirs()) for path in sorted(folder.glob("*.yaml"))]
    return [path for path in files if is_declared(path)]


for _tool in (diagnosis.TOOL, account_types.TOOL, congruence.TOOL, organisation_choice.TOOL, team_profiles.TOOL,
              training_plan.TOOL, selection.TOOL, value_proposition.TOOL, competition.TOOL, partnership.TOOL,
              purchasing_portfolio.TOOL, global_selection.TOOL, global_programme.TOOL, country_rollup.TOOL,
              pipeline.TOOL, task_timetable.TOOL, monitoring_meeting.TOOL):
    register(_tool)
for _path in _declared_files():
    register_file(_path)
