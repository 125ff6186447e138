"""Persistence through SQLAlchemy 2: workshops, groups, accounts and versioned worksheets.

SQLite by default (WAL, busy timeout, foreign keys); KAM_DATABASE_URL=postgresql+psycopg://… points the
same code at PostgreSQL. Every save is one short transaction, and a save over a newer version is refused.
Counters and versions only ever move inside the database: `SET n = n + 1` in one statement, or a
compare-and-set (`WHERE version = :seen`, its row count checked) retried on the newer row; never a value
read into Python, changed and written back.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel
from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from kamcore import migrations
from kamcore.merge import Change, Conflict, apply
from kamcore.names import distinct_name, name_key
from kamcore.paths import default_database_url

PERSONAL_CODE = "PERSONAL"  # the workshop row that holds every browser's own personal workspace
JOIN_KEY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L, as the workshop codes
JOIN_KEY_LENGTH = 6
T = TypeVar("T")
PORTFOLIO = ""  # account key of worksheets that belong to the group, not to one account


class VersionConflict(Exception):
    """The worksheet changed since it was loaded; the caller must reload before saving."""

    def __init__(self, current: Worksheet):
        super().__init__(f"worksheet {current.tool} is at version {current.version}")
        self.current = current


class FieldConflict(Exception):
    """Fields this device changed were changed by someone else since it loaded them."""

    def __init__(self, conflicts: list[Conflict], current: Worksheet | None):
        super().__init__(f"{len(conflicts)} field(s) changed meanwhile")
        self.conflicts, self.current = conflicts, current


class Stale(Exception):
    """A row changed between this transaction's read and its compare-and-set: run the transaction again."""


class GroupGone(Exception):
    """The group was removed (by the trainer) while one of its devices was still writing."""


class DuplicateName(Exception):
    """Another account of the group already has this name (as compared by name_key)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


REVISION_MAX_AGE = 1.0  # seconds one read of a group's revision serves all its devices
MERGE_TRIES = 20  # a save retries on top of a newer version this often before giving up


def _now() -> datetime:
    return datetime.now(UTC)


def new_join_key() -> str:
    """The short key a participant types to join an existing group (its token stays the long secret)."""
    return "".join(secrets.choice(JOIN_KEY_ALPHABET) for _ in range(JOIN_KEY_LENGTH))


class Base(DeclarativeBase):
    pass


class WorkshopRow(Base):
    __tablename__ = "workshops"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="personal")  # personal | workshop
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    lang: Mapped[str] = mapped_column(String(8), default="zh")
    pin_hash: Mapped[str] = mapped_column(String(200), default="")
    projector_token: Mapped[str] = mapped_column(String(64), default="")
    archived: Mapped[bool] = mapped_column(default=False)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # locks, reveals, timer, overrides
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    pin_blocked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    recovery_hash: Mapped[str] = mapped_column(String(200), default="")  # one-time code for a locked-out trainer
    # when the retention clock started: archiving, or the trainer's last "keep longer" (see kamcore/retention.py)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)  # bumped by every trainer action the room follows


class PinClientRow(Base):
    """Wrong PINs in a row from one client (a hash of its address or session) at one workshop."""

    __tablename__ = "pin_clients"
    __table_args__ = (UniqueConstraint("workshop_id", "client"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    client: Mapped[str] = mapped_column(String(64))
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    pin_blocked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class GroupRow(Base):
    __tablename__ = "groups"
    __table_args__ = (Index("groups_unique_name", "workshop_id", "name_key", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    kind: Mapped[str] = mapped_column(String(16), default="group")  # group | trainer (the model answer)
    revision: Mapped[int] = mapped_column(Integer, default=0)  # bumped by every write of the group's work
    join_key: Mapped[str | None] = mapped_column(String(8), default=new_join_key, nullable=True)
    # the name as compared (see name_key()) for a workshop's participant groups; NULL for the trainer's
    # group and personal workspaces, which the unique index then leaves alone
    name_key: Mapped[str | None] = mapped_column(String(120), nullable=True, default=None)
    # the group agreed that people's names in its work go into the trainer's workshop export too
    share_names: Mapped[bool] = mapped_column(default=False)


class PresenceRow(Base):
    """One open page (a browser session) of a group, as last seen by its follow timer."""

    __tablename__ = "presence"
    session: Mapped[str] = mapped_column(String(40), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AccountRow(Base):
    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("group_id", "key"),
                      Index("accounts_unique_name", "group_id", "name_key", unique=True))
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120), default="")  # the name as compared: see name_key()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class WorksheetRow(Base):
    __tablename__ = "worksheets"
    __table_args__ = (UniqueConstraint("group_id", "tool", "account_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    tool: Mapped[str] = mapped_column(String(40))
    account_key: Mapped[str] = mapped_column(String(40), default=PORTFOLIO)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Revisions(NamedTuple):
    """How often a group's work and its workshop's settings have changed: what a page follows."""

    group: int
    workshop: int


@dataclass(frozen=True)
class Group:
    id: int
    workshop_id: int
    name: str
    token: str
    join_key: str = ""


@dataclass(frozen=True)
class Account:
    key: str
    name: str


@dataclass(frozen=True)
class Worksheet:
    tool: str
    account_key: str
    data: dict[str, Any]
    version: int
    updated_at: datetime


def new_token(nbytes: int = 16) -> str:
    """A secret for a link; never starting with "-", so a command line reads it as a value, not an option."""
    while (token := secrets.token_urlsafe(nbytes)).startswith("-"):
        pass
    return token


def make_engine(url: str) -> Engine:
    """hide_parameters: what people typed (SQL parameters) never reaches a log line or a traceback."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    # secure_delete: deleted rows are overwritten with zeros, so deleted work is gone from the file's bytes
    for pragma in ("busy_timeout=30000", "synchronous=NORMAL", "foreign_keys=ON", "secure_delete=ON"):
        cursor.execute(f"PRAGMA {pragma}")
    _switch_to_wal(cursor)
    cursor.close()


def _switch_to_wal(cursor, attempts: int = 50) -> None:
    """Switching a new file to WAL can fail at once, without waiting, when another process switches it too
    (SQLite refuses to wait there, lest the two deadlock); one of them wins, so the others try again."""
    for attempt in range(attempts):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


class Store:
    """The only source of truth. Methods are short transactions; nothing is cached here."""

    def __init__(self, url: str | None = None):
        self.url = url or default_database_url()
        self.engine = make_engine(self.url)
        self.revisions = RevisionBoard()
        _BOARDS[self.engine] = self.revisions
        migrations.upgrade(self.engine)  # the schema as this code knows it (kamcore/migrations)

    # -- workshops and groups ---------------------------------------------------------------------

    def personal_group(self) -> Group:
        """A new personal workspace, for one browser: its own group, found again only by its token."""
        with Session(self.engine) as s, s.begin():
            workshop = s.scalar(select(WorkshopRow).where(WorkshopRow.code == PERSONAL_CODE))
            if workshop is None:
                try:
                    with s.begin_nested():
                        workshop = WorkshopRow(code=PERSONAL_CODE, title="Personal workspace", kind="personal")
                        s.add(workshop)
                except IntegrityError:  # another browser's first visit created it this very moment
                    workshop = s.scalar(select(WorkshopRow).where(WorkshopRow.code == PERSONAL_CODE))
            # a distinct stored name, never shown (people see "My work"), so group names stay unique
            group = GroupRow(workshop_id=workshop.id, name=f"me-{secrets.token_hex(8)}",
                             token=new_token())
            s.add(group)
            s.flush()
            return _group(group)

    def retried(self, work: Callable[[Session], T]) -> T:
        """`work` in one transaction, run again from the start (up to MERGE_TRIES times) while a
        compare-and-set in it finds its row changed (Stale)."""
        for _ in range(MERGE_TRIES):
            try:
                with Session(self.engine) as s, s.begin():
                    return work(s)
            except Stale:
                continue
        raise FieldConflict([], None)

    # -- accounts ------------------------------------------------------------------------------------

    def accounts(self, group_id: int) -> list[Account]:
        with Session(self.engine) as s:
            rows = s.scalars(select(AccountRow).where(AccountRow.group_id == group_id).order_by(AccountRow.id))
            return [Account(r.key, r.name) for r in rows]

    def upsert_accounts(self, group_id: int, accounts: list[Account]) -> None:
        with Session(self.engine) as s, s.begin():
            self.upsert_account_rows(s, group_id, accounts)

    @staticmethod
    def upsert_account_rows(s: Session, group_id: int, accounts: list[Account]) -> None:
        """Accounts added or renamed by key; a name another account of the group has gets a distinct suffix."""
        rows = {r.key: r for r in s.scalars(select(AccountRow).where(AccountRow.group_id == group_id))}
        for account in accounts:
            row = rows.get(account.key)
            taken = {r.name_key for r in rows.values() if r is not row}
            name = distinct_name(account.name, taken)
            if row is None:
                rows[account.key] = row = AccountRow(group_id=group_id, key=account.key, name=name)
                s.add(row)
            row.name, row.name_key = name, name_key(name)
            s.flush()
        _bump(s, group_id)

    def add_account(self, group_id: int, account: Account) -> None:
        """A new account (an existing key is renamed); DuplicateName if another has that name."""
        self.retried(lambda s: self._add_account(s, group_id, account))

    def _add_account(self, s: Session, group_id: int, account: Account) -> None:
        self._check_name_free(s, group_id, account.name, except_key=account.key)
        row = s.scalar(select(AccountRow).where(AccountRow.group_id == group_id, AccountRow.key == account.key))
        if row is None:
            s.add(AccountRow(group_id=group_id, key=account.key, name=account.name,
                             name_key=name_key(account.name)))
        else:
            row.name, row.name_key = account.name, name_key(account.name)
            self._edit_listed(s, group_id, account.key, lambda entry: {**entry, "name": account.name})
        _bump(s, group_id)

    def rename_account(self, group_id: int, key: str, name: str) -> None:
        """A new name for an account, also where a worksheet of the group lists it."""
        self.retried(lambda s: self._rename_account(s, group_id, key, name))

    def _rename_account(self, s: Session, group_id: int, key: str, name: str) -> None:
        row = s.scalar(select(AccountRow).where(AccountRow.group_id == group_id, AccountRow.key == key))
        if row is None or row.name == name:
            return
        self._check_name_free(s, group_id, name, except_key=key)
        row.name, row.name_key = name, name_key(name)
        self._edit_listed(s, group_id, key, lambda entry: {**entry, "name": name})
        _bump(s, group_id)

    def remove_account(self, group_id: int, key: str) -> None:
        """An account gone, with its worksheets and its rows in the group's other worksheets."""
        self.retried(lambda s: self._remove_account(s, group_id, key))

    def _remove_account(self, s: Session, group_id: int, key: str) -> None:
        s.execute(delete(AccountRow).where(AccountRow.group_id == group_id, AccountRow.key == key))
        s.execute(delete(WorksheetRow).where(WorksheetRow.group_id == group_id, WorksheetRow.account_key == key))
        self._edit_listed(s, group_id, key, lambda entry: None)
        _bump(s, group_id)

    @staticmethod
    def _check_name_free(s: Session, group_id: int, name: str, except_key: str | None = None) -> None:
        other = s.scalar(select(AccountRow.key).where(AccountRow.group_id == group_id,
                                                       AccountRow.name_key == name_key(name)))
        if other is not None and other != except_key:
            raise DuplicateName(name)

    @staticmethod
    def _edit_listed(s: Session, group_id: int, key: str, edit) -> None:
        """Apply `edit` to the entry for account `key` in the group's worksheets that list accounts
        (a portfolio worksheet's `accounts`); an edit returning None removes the entry. Each worksheet is
        compared and set on its version: Stale when another device saved it meanwhile."""
        rows = s.execute(select(WorksheetRow.id, WorksheetRow.version, WorksheetRow.data)
                         .where(WorksheetRow.group_id == group_id, WorksheetRow.account_key == PORTFOLIO)).all()
        for row_id, version, data in rows:
            listed = data.get("accounts") if isinstance(data, dict) else None
            if not isinstance(listed, list) or not any(a.get("key") == key for a in listed):
                continue
            entries = [edit(a) if a.get("key") == key else a for a in listed]
            edited = {**data, "accounts": [a for a in entries if a is not None]}
            if not _compare_and_set(s, row_id, version, edited):
                raise Stale()

    def delete_group(self, group_id: int) -> None:
        """A group gone with everything it wrote, in one transaction."""
        with Session(self.engine) as s, s.begin():
            delete_groups(s, [group_id])
        self.scrub()

    def scrub(self) -> None:
        """After a deletion: on SQLite, copy the write-ahead log into the file (whose freed bytes
        secure_delete has zeroed) and empty the log, so deleted text is in neither. Best effort: a
        reader holding the log open leaves it for the next deletion or checkpoint."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def shares_names(self, group_id: int) -> bool:
        with Session(self.engine) as s:
            return bool(s.scalar(select(GroupRow.share_names).where(GroupRow.id == group_id)))

    def set_share_names(self, group_id: int, share: bool) -> None:
        with Session(self.engine) as s, s.begin():
            s.execute(update(GroupRow).where(GroupRow.id == group_id).values(share_names=share))

    def write_gate(self, group_id: int) -> tuple[bool, dict[str, Any]] | None:
        """(archived, settings) of the group's workshop as they are now, in one small read before a save;
        None when the group is gone."""
        with self.engine.connect() as connection:  # no ORM session: this runs before every save
            row = connection.execute(select(WorkshopRow.archived, WorkshopRow.settings)
                                     .join(GroupRow, GroupRow.workshop_id == WorkshopRow.id)
                                     .where(GroupRow.id == group_id)).first()
        return (bool(row[0]), row[1] or {}) if row else None

    def revision(self, group_id: int) -> int:
        """How many times the group's work has changed, for devices polling for news: one small read
        shared by every device of the group for up to REVISION_MAX_AGE seconds."""
        return self.revisions.get(group_id, self._read_revisions).group

    def room_revisions(self, group_id: int) -> Revisions:
        """The group's revision and its workshop's, from the same one small shared read."""
        return self.revisions.get(group_id, self._read_revisions)

    def _read_revisions(self, group_id: int) -> tuple[Revisions, int | None]:
        with self.engine.connect() as connection:  # no ORM session: this runs every few seconds per device
            row = connection.execute(select(GroupRow.revision, WorkshopRow.revision, GroupRow.workshop_id)
                                     .join(WorkshopRow, GroupRow.workshop_id == WorkshopRow.id)
                                     .where(GroupRow.id == group_id)).first()
        return (Revisions(row[0] or 0, row[1] or 0), row[2]) if row else (Revisions(0, 0), None)

    # -- presence --------------------------------------------------------------------------------------

    def seen(self, session: str, workshop_id: int, group_id: int, now: datetime | None = None) -> None:
        """Note that a page of the group (a browser session) is open now."""
        now = now or _now()
        with Session(self.engine) as s, s.begin():
            done = s.execute(update(PresenceRow).where(PresenceRow.session == session)
                             .values(workshop_id=workshop_id, group_id=group_id, seen_at=now)).rowcount
            if not done:
                try:
                    with s.begin_nested():
                        s.add(PresenceRow(session=session, workshop_id=workshop_id, group_id=group_id, seen_at=now))
                except IntegrityError:  # the group was removed meanwhile, or a twin insert: nothing to note
                    pass

    def presence(self, workshop_id: int) -> list[tuple[int, str, datetime]]:
        """(group id, session, last seen) of every page of the workshop ever seen."""
        with Session(self.engine) as s:
            rows = s.execute(select(PresenceRow.group_id, PresenceRow.session, PresenceRow.seen_at)
                             .where(PresenceRow.workshop_id == workshop_id)).all()
        return [(g, session, seen if seen.tzinfo else seen.replace(tzinfo=UTC)) for g, session, seen in rows]

    # -- worksheets ----------------------------------------------------------------------------------

    def worksheet(self, group_id: int, tool: str, account_key: str = PORTFOLIO) -> Worksheet | None:
        with Session(self.engine) as s:
            row = s.scalar(_worksheet_query(group_id, tool, account_key))
            return _worksheet(row) if row else None

    def worksheets(self, group_id: int) -> list[Worksheet]:
        with Session(self.engine) as s:
            rows = s.scalars(select(WorksheetRow).where(WorksheetRow.group_id == group_id).order_by(WorksheetRow.id))
            return [_worksheet(r) for r in rows]

    def save_worksheet(self, group_id: int, tool: str, data: BaseModel, expected_version: int,
                       account_key: str = PORTFOLIO, accounts: list[Account] = ()) -> Worksheet:
        """Save validated input over `expected_version` (0: not saved yet) and return the new version.

        Raises VersionConflict, with what is stored now, when someone saved in between.
        `accounts` are created or renamed in the same transaction (the selection tool names them).
        """
        payload = data.model_dump(mode="json")
        with Session(self.engine) as s, s.begin():
            now = _now()
            if expected_version == 0:
                try:
                    with s.begin_nested():  # the unique constraint decides between two first saves
                        s.add(WorksheetRow(group_id=group_id, tool=tool, account_key=account_key,
                                           data=payload, version=1, updated_at=now))
                except IntegrityError:
                    if s.get(GroupRow, group_id) is None:
                        raise GroupGone() from None
                    raise VersionConflict(self._current(s, group_id, tool, account_key)) from None
            else:
                done = s.execute(
                    update(WorksheetRow)
                    .where(WorksheetRow.group_id == group_id, WorksheetRow.tool == tool,
                           WorksheetRow.account_key == account_key, WorksheetRow.version == expected_version)
                    .values(data=payload, version=expected_version + 1, updated_at=now)
                ).rowcount
                if done != 1:
                    raise VersionConflict(self._current(s, group_id, tool, account_key))
            self.upsert_account_rows(s, group_id, list(accounts))
        return Worksheet(tool, account_key, payload, expected_version + 1, now)

    def merge_worksheet(self, group_id: int, tool: str, account_key: str, changes: list[Change],
                        blank: dict[str, Any], validate: Callable[[dict[str, Any]], dict[str, Any]],
                        force: bool = False) -> Worksheet:
        """Field-level `changes` applied to the newest version, atomically: the version is compared and
        set in one UPDATE, and a save that lost that race is merged again onto the newer version.

        `blank` is what the device started from when nothing was saved yet; `validate` checks the merged
        worksheet (raising the model's ValidationError) and returns what to store. Raises FieldConflict
        when a changed field was changed by someone else meanwhile (unless `force`)."""
        for _ in range(MERGE_TRIES):
            with Session(self.engine) as s, s.begin():
                # PostgreSQL: the row is held until commit, so devices queue instead of retrying (SQLite
                # ignores FOR UPDATE; there the compare-and-set below retries a lost race)
                row = s.scalar(_worksheet_query(group_id, tool, account_key).with_for_update())
                merged, conflicts = apply(row.data if row else blank, changes, force)
                if conflicts:
                    raise FieldConflict(conflicts, _worksheet(row) if row else None)
                payload, now = validate(merged), _now()
                if row is None:
                    try:
                        with s.begin_nested():
                            s.add(WorksheetRow(group_id=group_id, tool=tool, account_key=account_key,
                                               data=payload, version=1, updated_at=now))
                    except IntegrityError:
                        if s.get(GroupRow, group_id) is None:
                            raise GroupGone() from None
                        continue  # another device saved the first version this very moment
                    version = 1
                else:
                    version = row.version + 1
                    if not _compare_and_set(s, row.id, row.version, payload, now):
                        continue
                _bump(s, group_id)
                return Worksheet(tool, account_key, payload, version, now)
        raise FieldConflict([], self.worksheet(group_id, tool, account_key))

    @staticmethod
    def _current(s: Session, group_id: int, tool: str, account_key: str) -> Worksheet:
        return _worksheet(s.scalar(_worksheet_query(group_id, tool, account_key)))


def delete_groups(s: Session, group_ids: list[int]) -> None:
    """Every row of these groups: worksheets (each one row, its version a counter), accounts, the groups."""
    for table in (WorksheetRow, AccountRow):
        s.execute(delete(table).where(table.group_id.in_(group_ids)))
    s.execute(delete(GroupRow).where(GroupRow.id.in_(group_ids)))


def _bump(s: Session, group_id: int) -> None:
    s.execute(update(GroupRow).where(GroupRow.id == group_id).values(revision=GroupRow.revision + 1))
    s.info.setdefault(_BUMPED, set()).add(group_id)


def bump_workshop(s: Session, workshop_id: int) -> None:
    """The workshop's settings changed: every page of the room redraws within seconds."""
    s.execute(update(WorkshopRow).where(WorkshopRow.id == workshop_id).values(revision=WorkshopRow.revision + 1))
    s.info.setdefault(_BUMPED_WORKSHOPS, set()).add(workshop_id)


_BUMPED = "kam.bumped"  # the groups a session's transaction changed, told to the revision board on commit
_BUMPED_WORKSHOPS = "kam.bumped_workshops"
_BOARDS: weakref.WeakKeyDictionary[Engine, RevisionBoard] = weakref.WeakKeyDictionary()


@event.listens_for(Session, "after_commit")
def _tell_board(session: Session) -> None:
    board = _BOARDS.get(session.bind)
    for group_id in session.info.pop(_BUMPED, ()):
        if board is not None:
            board.written(group_id)
    for workshop_id in session.info.pop(_BUMPED_WORKSHOPS, ()):
        if board is not None:
            board.workshop_written(workshop_id)


class RevisionBoard:
    """Group and workshop revisions as last read, shared by all sessions of this process. A read serves
    every device of a group for REVISION_MAX_AGE seconds, unless this process wrote to the group or its
    workshop since it began (then the next device reads afresh); writes by other processes show after
    at most that age."""

    def __init__(self):
        # group id -> (when the read began, revisions, workshop id)
        self._read: dict[int, tuple[float, Revisions, int | None]] = {}
        self._written: dict[int, float] = {}  # group id -> when this process last committed a change
        self._workshop_written: dict[int, float] = {}  # workshop id -> the same, for its settings
        self._lock = threading.Lock()

    def get(self, group_id: int, read: Callable[[int], tuple[Revisions, int | None]]) -> Revisions:
        now = time.monotonic()
        with self._lock:
            began, revisions, workshop_id = self._read.get(group_id, (-1.0, Revisions(0, 0), None))
            if (now - began < REVISION_MAX_AGE and began > self._written.get(group_id, -1.0)
                    and began > self._workshop_written.get(workshop_id, -1.0)):
                return revisions
        revisions, workshop_id = read(group_id)
        with self._lock:
            if now > self._read.get(group_id, (-1.0,))[0]:
                self._read[group_id] = (now, revisions, workshop_id)
        return revisions

    def written(self, group_id: int) -> None:
        with self._lock:
            self._written[group_id] = time.monotonic()

    def workshop_written(self, workshop_id: int) -> None:
        with self._lock:
            self._workshop_written[workshop_id] = time.monotonic()


def _worksheet_query(group_id: int, tool: str, account_key: str):
    return select(WorksheetRow).where(WorksheetRow.group_id == group_id, WorksheetRow.tool == tool,
                                      WorksheetRow.account_key == account_key)


def _group(row: GroupRow) -> Group:
    return Group(row.id, row.workshop_id, row.name, row.token, row.join_key or "")


def _worksheet(row: WorksheetRow) -> Worksheet:
    return Worksheet(row.tool, row.account_key, row.data, row.version, row.updated_at)


@dataclass(frozen=True)
class GroupWorksheet:
    group: str
    account: str
    data: dict[str, Any]
    updated_at: datetime
    group_id: int = 0  # what tells groups apart: names may read alike in stores older than the unique names
    account_key: str = ""  # the account's key (a case account's is the case's id, the same in every group)


def workshop_worksheets(store: Store, workshop_id: int, tool: str, kind: str = "group") -> list[GroupWorksheet]:
    """One tool's worksheets of every group of a workshop, in one query (the projector's read)."""
    with Session(store.engine) as s:
        rows = s.execute(
            select(GroupRow.name, AccountRow.name, WorksheetRow.data, WorksheetRow.updated_at, GroupRow.id,
                   WorksheetRow.account_key)
            .join(GroupRow, WorksheetRow.group_id == GroupRow.id)
            .outerjoin(AccountRow, (AccountRow.group_id == GroupRow.id) & (AccountRow.key == WorksheetRow.account_key))
            .where(GroupRow.workshop_id == workshop_id, GroupRow.kind == kind, WorksheetRow.tool == tool)
            .order_by(GroupRow.id, WorksheetRow.id)).all()
        return [GroupWorksheet(g, a or "", d, u, i, k) for g, a, d, u, i, k in rows]


def workshop_rows(store: Store, workshop_id: int) -> tuple[WorkshopRow, list[GroupRow]]:
    """A workshop and all its groups (the trainer's included), detached for reading."""
    with Session(store.engine, expire_on_commit=False) as s:
        workshop = s.get(WorkshopRow, workshop_id)
        groups = s.scalars(select(GroupRow).where(GroupRow.workshop_id == workshop_id).order_by(GroupRow.id)).all()
        s.expunge_all()
        return workshop, list(groups)


def import_work(store: Store, group_id: int, accounts: list[Account], worksheets: list[tuple[str, str, dict]]) -> None:
    """Accounts and worksheets written into one group in one transaction; a worksheet that exists
    already gets the imported data as its next version."""
    with Session(store.engine) as s, s.begin():
        write_worksheets(s, group_id, worksheets)  # worksheet rows before the group's (its revision): the
        Store.upsert_account_rows(s, group_id, accounts)  # order every write takes them in, so none deadlock


def write_worksheets(s: Session, group_id: int, worksheets: list[tuple[str, str, dict]]) -> None:
    """Each worksheet written as the next version of the stored one (one UPDATE moving the version in
    the database), or as a first version; a first version saved meanwhile is then written over."""
    now = _now()
    for tool, account_key, data in worksheets:
        where = (WorksheetRow.group_id == group_id, WorksheetRow.tool == tool, WorksheetRow.account_key == account_key)
        for _ in range(2):
            if s.execute(update(WorksheetRow).where(*where)
                         .values(data=data, version=WorksheetRow.version + 1, updated_at=now)
                         .execution_options(synchronize_session=False)).rowcount:
                break
            try:
                with s.begin_nested():
                    s.add(WorksheetRow(group_id=group_id, tool=tool, account_key=account_key, data=data,
                                       version=1, updated_at=now))
                break
            except IntegrityError:
                if s.get(GroupRow, group_id) is None:
                    raise GroupGone() from None


def _compare_and_set(s: Session, row_id: int, seen: int, data: dict[str, Any], now: datetime | None = None) -> bool:
    """The worksheet's data replaced and its version moved on, only if it is still at version `seen`."""
    return s.execute(update(WorksheetRow).where(WorksheetRow.id == row_id, WorksheetRow.version == seen)
                     .values(data=data, version=WorksheetRow.version + 1, updated_at=now or _now())
                     .execution_options(synchronize_session=False)).rowcount == 1
