"""A classroom set up as a trainer's clicks would: five groups, every case of the library loaded for all,
and scores that differ where groups disagree (for the projector's browser tests and screenshots)."""

from __future__ import annotations

import copy

from kamcore.cases import cases
from kamcore.store import PORTFOLIO, Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop, Workshops, Workspace

GROUPS = ("North", "South", "East", "West", "Central")


def classroom(store: Store) -> tuple[Workshop, list[Workspace], str]:
    """The workshop, its groups' workspaces and the projector's token."""
    workshops = Workshops(store)
    workshop, _ = workshops.create("KAM · Shanghai, day 2", "en", "2468")
    groups = [workshops.join(workshop.code, name) for name in GROUPS]
    for case_id in cases():
        workshops.load_case(workshop, case_id, "en")
    for n, group in enumerate(groups):
        _own_company(group)
        _differ(group, n)
    return workshop, groups, workshops.projector_token(workshop)


def _own_company(group: Workspace) -> None:
    """The tools on the group's own company (no case fills them) start from the course's example."""
    for tool_id, tool in TOOLS.items():
        if tool.scope == "group" and group.worksheet(tool_id, PORTFOLIO) is None:
            m = tool.method()
            group.save(tool_id, tool.validate(tool.example(m, lang="en"), m), 0, PORTFOLIO)


def _save(group: Workspace, tool_id: str, key: str, change) -> None:
    sheet = group.worksheet(tool_id, key)
    data = copy.deepcopy(sheet.data)
    change(data)
    group.save(tool_id, TOOLS[tool_id].validate(data), sheet.version, key)


def _differ(group: Workspace, n: int) -> None:
    """Group n scores a few criteria its own way: the case account's influence 2, 5, 8, ...; the cold-chain
    partnership's symmetry; the bearings' rating for quality."""
    def selection(data):
        for account in data["accounts"]:
            if account["key"] == "precision_machinery":
                account["attractiveness"]["influence"] = [2, 5, 8, 6, 3][n]
                account["csf_us"]["quality"] = [8, 8, 4, 7, 8][n]
            if account["key"] == "contoso_medical":
                account["vulnerability"]["single_threaded"] = [4, 4, 1, 4, 5][n]
    _save(group, "selection", PORTFOLIO, selection)
    _save(group, "partnership", "northwind_cold_chain",
          lambda d: d["facilitators"].update(symmetry=[2, 2, 5, 2, 2][n]))
    _save(group, "competition", "precision_machinery",
          lambda d: d["ratings"]["us"].update(quality=[4, 1, 4, 5, 4][n]))
