"""The room as the trainer sees it: which groups have joined, how many of their devices are open now,
when each last did something, and per tool how far each group is (criteria scored of total, verdict)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kamcore.reads import sources_of
from kamcore.store import AccountRow, GroupRow, Store, WorksheetRow
from kamcore.tool import Progress
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop

HEARTBEAT_SECONDS = 30  # a page notes itself this often at most (one small write)
ONLINE_SECONDS = HEARTBEAT_SECONDS + 15  # a page not seen for longer has been closed (or its device slept)


@dataclass(frozen=True)
class ToolProgress:
    scored: int = 0
    total: int = 0
    verdicts: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupStatus:
    name: str
    online: int  # devices (open pages) seen in the last ONLINE_SECONDS
    last_seen: datetime | None
    last_activity: datetime | None  # its last saved change
    tools: dict[str, ToolProgress] = field(default_factory=dict)  # tool id -> progress (tools it started)


def room_status(store: Store, workshop: Workshop, lang: str, now: datetime | None = None) -> list[GroupStatus]:
    """Every participant group of the workshop, in the order they joined."""
    now = now or datetime.now(UTC)
    with Session(store.engine) as s:
        groups = s.execute(select(GroupRow.id, GroupRow.name).where(GroupRow.workshop_id == workshop.id,
                                                                    GroupRow.kind == "group")
                           .order_by(GroupRow.id)).all()
        sheets = s.execute(select(WorksheetRow.group_id, WorksheetRow.tool, WorksheetRow.account_key,
                                  WorksheetRow.data, WorksheetRow.updated_at)
                           .join(GroupRow, WorksheetRow.group_id == GroupRow.id)
                           .where(GroupRow.workshop_id == workshop.id, GroupRow.kind == "group")).all()
        accounts = s.execute(select(AccountRow.group_id, AccountRow.key, AccountRow.name)
                             .join(GroupRow, AccountRow.group_id == GroupRow.id)
                             .where(GroupRow.workshop_id == workshop.id)).all()
    names = {(group_id, key): name for group_id, key, name in accounts}
    seen: dict[int, list[datetime]] = {}
    for group_id, _, at in store.presence(workshop.id):
        seen.setdefault(group_id, []).append(at)
    progress: dict[int, dict[str, list[tuple[str, Progress]]]] = {}
    activity: dict[int, datetime] = {}
    methods = {tool_id: tool.method(workshop.overrides(tool_id) or None) for tool_id, tool in TOOLS.items()}
    saved = {(group_id, tool_id, account_key): data for group_id, tool_id, account_key, data, _ in sheets}
    for group_id, tool_id, account_key, data, updated_at in sheets:
        updated_at = _aware(updated_at)
        activity[group_id] = max(activity.get(group_id, updated_at), updated_at)
        if tool_id in TOOLS:
            account = names.get((group_id, account_key), "")
            if TOOLS[tool_id].reads:  # its progress counts what it reads from the group's other tools
                data = {**data, "sources": sources_of(TOOLS[tool_id], account_key, account,
                                                      lambda other, key, g=group_id: saved.get((g, other, key)),
                                                      workshop.adjusted)}
            found = TOOLS[tool_id].progress_of(data, methods[tool_id], lang)
            progress.setdefault(group_id, {}).setdefault(tool_id, []).append((account, found))
    cutoff = now - timedelta(seconds=ONLINE_SECONDS)
    return [GroupStatus(name, sum(at >= cutoff for at in seen.get(group_id, [])),
                        max(seen.get(group_id, []), default=None), activity.get(group_id),
                        {tool_id: _combined(parts) for tool_id, parts in progress.get(group_id, {}).items()})
            for group_id, name in groups]


def _combined(parts: list[tuple[str, Progress]]) -> ToolProgress:
    """A tool's worksheets of one group (one per account, for tools kept per account) as one line."""
    verdicts = tuple((f"{account}: {p.verdict}" if account and len(parts) > 1 else p.verdict)
                     for account, p in parts if p.verdict)
    return ToolProgress(sum(p.scored for _, p in parts), sum(p.total for _, p in parts), verdicts)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
