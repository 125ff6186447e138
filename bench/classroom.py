"""A workshop of groups that have worked every tool's course example: what the benchmarks measure."""

from __future__ import annotations

from typing import Any

from kamcore.store import Account, Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop, Workshops, Workspace

ACCOUNT_KEY = "acct-a"  # the key the selection example's candidate has, so that it is the group's account


def example_classroom(store: Store, groups: int, title: str) -> tuple[Workshop, str, list[Workspace]]:
    """The workshop, its projector token, and its groups, each with one account in its account list
    and every tool's example (a worksheet listing accounts names them as the list does)."""
    workshops = Workshops(store)
    workshop, projector_token = workshops.create(title, "zh", "2468")
    members = []
    for n in range(groups):
        group = workshops.join(workshop.code, f"Group {n + 1}")
        group.add_account(Account(ACCOUNT_KEY, f"Account {n + 1}"))
        names = {a.key: a.name for a in group.accounts()}
        for tool_id, tool in TOOLS.items():
            m = tool.method()
            data = _named(tool.example(m), names)
            group.save(tool_id, tool.validate(data, m), 0, "" if tool.scope == "group" else ACCOUNT_KEY)
        members.append(group)
    return workshop, projector_token, members


def _named(data: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    listed = data.get("accounts")
    if not isinstance(listed, list):
        return data
    return {**data, "accounts": [{**a, "name": names.get(a.get("key"), a.get("name"))} for a in listed]}
