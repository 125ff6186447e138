"""A workshop of groups that have worked every tool's course example: what the benchmarks measure."""

from __future__ import annotations

from kamcore.store import Account, Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop, Workshops, Workspace


def example_classroom(store: Store, groups: int, title: str) -> tuple[Workshop, str, list[Workspace]]:
    """The workshop, its projector token, and its groups, each with one account and every tool's example."""
    workshops = Workshops(store)
    workshop, projector_token = workshops.create(title, "zh", "2468")
    members = []
    for n in range(groups):
        group = workshops.join(workshop.code, f"Group {n + 1}")
        group.add_account(Account("acct-a", f"Account {n + 1}"))
        for tool_id, tool in TOOLS.items():
            m = tool.method()
            group.save(tool_id, tool.validate(tool.example(m), m), 0, "" if tool.scope == "group" else "acct-a")
        members.append(group)
    return workshop, projector_token, members
