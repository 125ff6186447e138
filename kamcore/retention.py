"""How long archived workshops are kept, and the purge that deletes them when that time is up.

An archived workshop is deleted `retention_days()` (KAM_RETENTION_DAYS, default 90) after its
archived_at: the moment it was archived, or the trainer's last "keep longer". Workshops in use and
personal workspaces never expire; their owners delete them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kamcore.paths import retention_days
from kamcore.store import Store, WorkshopRow
from kamcore.workshop import Workshop, Workshops, _workshop


def deletion_date(workshop: Workshop, days: int | None = None) -> date | None:
    """The day the purge deletes this workshop (UTC); None while it is not archived."""
    if not workshop.archived or workshop.archived_at is None:
        return None
    return (workshop.archived_at + timedelta(days=retention_days() if days is None else days)).date()


def expired(store: Store, now: datetime | None = None, days: int | None = None) -> list[Workshop]:
    """The archived workshops whose retention period is over, oldest first."""
    days = retention_days() if days is None else days
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    with Session(store.engine) as s:
        rows = s.scalars(select(WorkshopRow).where(WorkshopRow.kind == "workshop", WorkshopRow.archived.is_(True),
                                                   WorkshopRow.archived_at <= cutoff)
                         .order_by(WorkshopRow.archived_at, WorkshopRow.id)).all()
        return [_workshop(r) for r in rows]


def purge(store: Store, now: datetime | None = None, days: int | None = None, dry_run: bool = False) -> list[Workshop]:
    """Delete (or, dry, only list) the expired archived workshops; returns them."""
    found = expired(store, now, days)
    if not dry_run:
        workshops = Workshops(store)
        for workshop in found:
            workshops.delete(workshop)
    return found
