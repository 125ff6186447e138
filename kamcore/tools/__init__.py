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
    account_analysis,
    account_plan,
    account_strategy,
    account_types,
    attention_checklist,
    bid_control,
    buying_centre,
    closing_strategy,
    competition,
    congruence,
    country_rollup,
    diagnosis,
    global_programme,
    global_selection,
    lifetime_value,
    monitoring_meeting,
    negotiation_plan,
    organisation_choice,
    partnership,
    partnership_development,
    performance_monitoring,
    pipeline,
    purchasing_portfolio,
    review_cadence,
    selection,
    self_analysis,
    task_timetable,
    team_profiles,
    training_plan,
    value_proposition,
    value_strategy,
)

__all__ = ["TOOLS", "Entry", "Nav", "Table", "Tool", "register", "register_file", "unregister"]

TOOLS: dict[str, Tool] = {}


def register(tool: Tool) -> Tool:
    """Add a tool to the registry; a second tool under an id already taken is refused."""
    if tool.id in TOOLS:
        raise ValueError(f"a tool {tool.id!r} is registered already")
    TOOLS[tool.id] = tool
    if tool.nav.before in TOOLS:
        _place_before(tool.id, tool.nav.before)
    _method_terms.cache_clear()  # its criteria's names join the words errors are explained in
    return tool


def _place_before(tool_id: str, follower: str) -> None:
    """Move a tool just before another in TOOLS (the one dict every importer holds, so reordered in place)."""
    order = [key for key in TOOLS if key != tool_id]
    order.insert(order.index(follower), tool_id)
    tools = {key: TOOLS[key] for key in order}
    TOOLS.clear()
    TOOLS.update(tools)


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
              training_plan.TOOL, selection.TOOL, value_proposition.TOOL, account_analysis.TOOL, competition.TOOL,
              self_analysis.TOOL, value_strategy.TOOL, buying_centre.TOOL, account_strategy.TOOL,
              account_plan.TOOL, pipeline.TOOL, task_timetable.TOOL,
              monitoring_meeting.TOOL, bid_control.TOOL, negotiation_plan.TOOL,
              closing_strategy.TOOL, lifetime_value.TOOL,
              attention_checklist.TOOL, review_cadence.TOOL, performance_monitoring.TOOL,
              partnership_development.TOOL, partnership.TOOL, purchasing_portfolio.TOOL,
              global_selection.TOOL, global_programme.TOOL, country_rollup.TOOL):
    register(_tool)
for _path in _declared_files():
    register_file(_path)
