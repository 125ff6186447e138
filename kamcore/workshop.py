"""Workshops: the trainer's PIN, join codes, groups and their secret tokens, and the rules every
read and write of a group's work passes through (its own work only; nothing saved into a locked
tool or an archived workshop).

A group is only ever found from its workshop code *and* its token: nothing outside this module
takes a group id from a user.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kamcore.cases import cases, load_case, same_named
from kamcore.errors import UserError
from kamcore.i18n import Lang, t
from kamcore.merge import Change
from kamcore.methods.common import AccountName, InputModel, Name
from kamcore.names import name_key
from kamcore.store import (
    PERSONAL_CODE,
    PORTFOLIO,
    Account,
    AccountRow,
    DuplicateName,
    Group,
    GroupGone,
    GroupRow,
    GroupWorksheet,
    PinClientRow,
    Revisions,
    Store,
    Worksheet,
    WorksheetRow,
    WorkshopRow,
    bump_workshop,
    delete_groups,
    import_work,
    new_token,
    workshop_worksheets,
    write_worksheets,
)
from kamcore.tools import TOOLS

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a projector without mistakes
CODE_LENGTH = 6
TOKEN_BYTES = 16  # 128 random bits per group token
PIN_FREE_FAILURES = 3  # then each failure doubles the wait, up to PIN_MAX_WAIT
PIN_WORKSHOP_FREE_FAILURES = 50  # from all clients together; a class mistyping never comes close
PIN_MAX_WAIT = timedelta(minutes=15)
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class WorkshopError(UserError):
    """A request the workshop's rules refuse."""


ANNOUNCEMENT_CHARS = 280  # a banner on a phone, not a letter
TIMER_MAX_MINUTES = 180


class PinThrottled(WorkshopError):
    def __init__(self, seconds: int):
        super().__init__("workshop.pin_throttled", seconds=seconds)


# ---- what the UI sees -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Countdown:
    """The exercise timer: running to `end`, paused with `left` seconds to go, or neither (stopped)."""

    end: datetime | None = None
    left: int | None = None

    def seconds_left(self, now: datetime | None = None) -> int | None:
        """Whole seconds to go (rounded up, as the room's clocks show them); None when stopped."""
        if self.end is not None:
            left = (self.end - (now or datetime.now(UTC))).total_seconds()
            return max(0, -int(-left // 1))
        return self.left

    @property
    def running(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class Workshop:
    id: int
    code: str
    title: str
    lang: str
    personal: bool
    archived: bool
    settings: dict[str, Any] = field(default_factory=dict)
    archived_at: datetime | None = None  # when its retention period started (see kamcore/retention.py)
    revision: int = 0  # of its settings: what pages follow to show the trainer's actions

    @property
    def countdown(self) -> Countdown:
        left = self.settings.get("timer_left")
        return Countdown(self.timer_end, None if left is None else int(left))

    @property
    def announcement(self) -> str:
        """What the trainer asks every participant page to show, "" for nothing."""
        return self.settings.get("announcement") or ""

    @property
    def go_to(self) -> str | None:
        """The tool the trainer asks everyone to open, if it is (still) a registered tool."""
        tool_id = self.settings.get("go_to")
        return tool_id if tool_id in TOOLS else None

    def locked(self, tool_id: str) -> bool:
        return locked_in(self.settings, tool_id)

    def revealed(self, tool_id: str) -> bool:
        return self.settings.get("reveals", {}).get(tool_id, False)

    def overrides(self, tool_id: str) -> dict[str, Any]:
        return self.settings.get("overrides", {}).get(tool_id, {})

    @property
    def adjusted(self) -> dict[str, dict[str, Any]]:
        """The trainer's overrides of the course's methods, by tool id (only the tools adjusted)."""
        return {tool_id: found for tool_id, found in self.settings.get("overrides", {}).items() if found}

    @property
    def timer_end(self) -> datetime | None:
        end = self.settings.get("timer_end")
        return datetime.fromisoformat(end) if end else None


@dataclass(frozen=True)
class GroupProgress:
    """A group as the trainer's console shows it: never its token."""

    id: int
    name: str
    worksheets: dict[str, datetime]  # tool id → last change of any of the group's worksheets for it
    accounts: int
    join_key: str = ""  # what its members type to let another device join it


@dataclass(frozen=True)
class Contents:
    """What a deletion takes away, counted for the prompt that asks first."""

    groups: list[str]  # participant groups' names (the trainer's model answers not among them)
    accounts: int
    worksheets: int


def locked_in(settings: dict[str, Any], tool_id: str) -> bool:
    """Whether a workshop's settings lock the tool."""
    return settings.get("locks", {}).get(tool_id, False)


def _workshop(row: WorkshopRow) -> Workshop:
    return Workshop(row.id, row.code, row.title, row.lang, row.kind == "personal", row.archived, row.settings or {},
                    _aware(row.archived_at) if row.archived_at else None, row.revision or 0)


# ---- PINs -----------------------------------------------------------------------------------------

def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, **SCRYPT)
    return "scrypt$" + "$".join(base64.b64encode(x).decode() for x in (salt, digest))


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        return hmac.compare_digest(hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), **SCRYPT), expected)
    except ValueError:
        return False


def pin_wait(failures: int, free: int = PIN_FREE_FAILURES) -> timedelta:
    """How long after the n-th failure in a row the next try must wait."""
    if failures < free:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(failures - free + 1, 20)), PIN_MAX_WAIT)


def _claim_try(s: Session, table: Any, where: Any, now: datetime, free: int) -> None:
    """Count one more try on a PIN counter (a workshop's or a client's) unless its wait runs; the
    count and the check are one UPDATE, so parallel tries queue on the row instead of racing."""
    failed = s.execute(update(table).where(where, or_(table.pin_blocked_until.is_(None),
                                                      table.pin_blocked_until <= now))
                       .values(failed_pins=table.failed_pins + 1).returning(table.failed_pins)
                       .execution_options(synchronize_session=False)).scalar()
    if failed is None:
        blocked = s.scalar(select(table.pin_blocked_until).where(where))
        raise PinThrottled(int((_aware(blocked) - now).total_seconds()) + 1 if blocked else 1)
    s.execute(update(table).where(where).values(pin_blocked_until=now + pin_wait(failed, free))
              .execution_options(synchronize_session=False))


def _forgive(s: Session, table: Any, where: Any) -> None:
    s.execute(update(table).where(where).values(failed_pins=0, pin_blocked_until=None)
              .execution_options(synchronize_session=False))


class Announcement(InputModel):
    text: str = Field(min_length=1, max_length=ANNOUNCEMENT_CHARS)


class TimerMinutes(InputModel):
    minutes: float = Field(gt=0, le=TIMER_MAX_MINUTES)


class NewWorkshop(InputModel):
    """What a trainer types to create a workshop, validated like every other input."""

    title: Name = Field(min_length=1)
    lang: Lang
    pin: str = Field(min_length=4, max_length=64)


# ---- the service ----------------------------------------------------------------------------------

class Workshops:
    """Everything the trainer and the groups do to a workshop, as short transactions on the store."""

    def __init__(self, store: Store):
        self.store = store

    def _session(self) -> Session:
        return Session(self.store.engine)

    # -- trainer ------------------------------------------------------------------------------------

    def create(self, title: str, lang: str, pin: str) -> tuple[Workshop, str]:
        """A new workshop and its projector token; the PIN is kept only as a scrypt hash."""
        checked = NewWorkshop(title=title, lang=lang, pin=pin)
        with self._session() as s, s.begin():
            code = self._free_code(s)
            row = WorkshopRow(code=code, title=checked.title, kind="workshop", lang=checked.lang,
                              pin_hash=hash_pin(checked.pin), projector_token=new_token(TOKEN_BYTES),
                              settings={})
            s.add(row)
            s.flush()
            s.add(GroupRow(workshop_id=row.id, name="Trainer", token=new_token(TOKEN_BYTES),
                           kind="trainer"))
            return _workshop(row), row.projector_token

    @staticmethod
    def _free_code(s: Session) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if s.scalar(select(WorkshopRow.id).where(WorkshopRow.code == code)) is None:
                return code

    def sign_in(self, code: str, pin: str, now: datetime | None = None, client: str = "") -> Workshop:
        """The workshop if the PIN is right. Failures in a row from one `client` (its address, else its
        session) make its next try wait longer; failures from everyone together do so only at a much
        higher count, so nobody locks the trainer out by typing wrong PINs on purpose.

        Each try is counted before the PIN is checked, by one atomic UPDATE per counter that also
        refuses while that counter's wait runs: parallel tries cannot slip past the throttle."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        workshop_id, pin_hash = self._pin_target(code)
        client_id = self._pin_client(workshop_id, client)
        with self._session() as s, s.begin():  # a refused claim rolls back the other
            _claim_try(s, PinClientRow, PinClientRow.id == client_id, now, PIN_FREE_FAILURES)
            _claim_try(s, WorkshopRow, WorkshopRow.id == workshop_id, now, PIN_WORKSHOP_FREE_FAILURES)
        if not pin_matches(pin, pin_hash):
            raise WorkshopError("workshop.wrong_pin")
        with self._session() as s, s.begin():
            _forgive(s, PinClientRow, PinClientRow.id == client_id)
            _forgive(s, WorkshopRow, WorkshopRow.id == workshop_id)
            return _workshop(self._row(s, code))

    def _pin_target(self, code: str) -> tuple[int, str]:
        with self._session() as s:
            row = self._row(s, code)
            if row.kind != "workshop":
                raise WorkshopError("workshop.unknown_code")
            return row.id, row.pin_hash

    def _pin_client(self, workshop_id: int, client: str) -> int:
        """The counter row of one client at one workshop, created on its first try. Clients are
        stored as a hash: the store keeps no address."""
        key = hashlib.sha256(client.encode()).hexdigest()[:32]
        where = (PinClientRow.workshop_id == workshop_id, PinClientRow.client == key)
        for _ in range(2):
            with self._session() as s:
                found = s.scalar(select(PinClientRow.id).where(*where))
            if found is not None:
                return found
            with contextlib.suppress(IntegrityError), self._session() as s, s.begin():
                s.add(PinClientRow(workshop_id=workshop_id, client=key, failed_pins=0))
        raise RuntimeError("pin counter row missing")  # pragma: no cover - inserted or found above

    def issue_recovery_code(self, workshop: Workshop) -> str:
        """A new one-time recovery code (shown once; only its hash is kept): it signs the trainer in
        and lifts every PIN wait, even while the console is throttled."""
        recovery = "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(4))
        with self._session() as s, s.begin():
            self._row(s, workshop.code).recovery_hash = hash_pin(recovery)
        return recovery

    def recover(self, code: str, recovery: str) -> Workshop:
        """Sign in with the recovery code instead of the PIN; the code is then used up."""
        normalized = "".join(c for c in (recovery or "").upper() if c.isalnum())
        readable = "-".join(normalized[i:i + 4] for i in range(0, len(normalized), 4))
        with self._session() as s:
            row = self._row(s, code)
            stored = row.recovery_hash
        if row.kind != "workshop" or not stored or not pin_matches(readable, stored):
            raise WorkshopError("pin_fix.bad_recovery_code")
        with self._session() as s, s.begin():
            used = s.execute(update(WorkshopRow).where(WorkshopRow.id == row.id, WorkshopRow.recovery_hash == stored)
                             .values(recovery_hash="")).rowcount
            if used != 1:
                raise WorkshopError("pin_fix.bad_recovery_code")
        return self.unlock(code)

    def unlock(self, code: str) -> Workshop:
        """Every PIN wait of the workshop lifted (the server's command line: `workshop unlock CODE`)."""
        with self._session() as s, s.begin():
            row = self._row(s, code)
            if row.kind != "workshop":
                raise WorkshopError("workshop.unknown_code")
            s.execute(delete(PinClientRow).where(PinClientRow.workshop_id == row.id))
            _forgive(s, WorkshopRow, WorkshopRow.id == row.id)
            return _workshop(row)

    def projector(self, code: str, token: str) -> Workshop:
        with self._session() as s:
            row = self._row(s, code)
            if not row.projector_token or not hmac.compare_digest(row.projector_token, token or ""):
                raise WorkshopError("workshop.bad_link")
            return _workshop(row)

    def projector_token(self, workshop: Workshop) -> str:
        with self._session() as s:
            return self._row(s, workshop.code).projector_token

    def update_settings(self, workshop: Workshop, **changes: Any) -> Workshop:
        """Merge changes into locks/reveals/overrides (dicts by tool) or set timer_end, timer_left,
        announcement, go_to. Every change moves the workshop's revision: the room follows it."""
        with self._session() as s, s.begin():
            row = self._held_row(s, workshop.code)
            settings = dict(row.settings or {})
            for key, value in changes.items():
                settings[key] = {**settings.get(key, {}), **value} if isinstance(value, dict) else value
            row.settings = settings
            s.flush()
            return _workshop(row)

    def _held_row(self, s: Session, code: str) -> WorkshopRow:
        """The workshop's row, read after its revision moved on in this transaction: that UPDATE holds the
        row (PostgreSQL: its row lock; SQLite: the write lock) until commit, so two trainer actions that
        each change part of the settings queue instead of one overwriting the other's part."""
        workshop_id = s.scalar(select(WorkshopRow.id).where(WorkshopRow.code == (code or "").strip().upper()))
        if workshop_id is None:
            raise WorkshopError("workshop.unknown_code")
        bump_workshop(s, workshop_id)
        return s.scalars(select(WorkshopRow).where(WorkshopRow.id == workshop_id)
                         .execution_options(populate_existing=True)).one()

    # -- what the room follows: timer, announcement, go-to -----------------------------------------

    def start_timer(self, workshop: Workshop, minutes: float, now: datetime | None = None) -> Workshop:
        checked = TimerMinutes(minutes=minutes).minutes
        end = (now or datetime.now(UTC)) + timedelta(minutes=checked)
        return self.update_settings(workshop, timer_end=end.isoformat(), timer_left=None)

    def pause_timer(self, workshop: Workshop, now: datetime | None = None) -> Workshop:
        """A running timer stops where it is; resume_timer carries on from there."""
        left = self.live(workshop.code).countdown.seconds_left(now)
        if left is None or not self.live(workshop.code).countdown.running:
            return self.live(workshop.code)
        return self.update_settings(workshop, timer_end=None, timer_left=left)

    def resume_timer(self, workshop: Workshop, now: datetime | None = None) -> Workshop:
        left = self.live(workshop.code).countdown.left
        if left is None:
            return self.live(workshop.code)
        end = (now or datetime.now(UTC)) + timedelta(seconds=left)
        return self.update_settings(workshop, timer_end=end.isoformat(), timer_left=None)

    def stop_timer(self, workshop: Workshop) -> Workshop:
        return self.update_settings(workshop, timer_end=None, timer_left=None)

    def announce(self, workshop: Workshop, text: str) -> Workshop:
        """A short message on every participant page until cleared (ValidationError: empty or too long)."""
        checked = Announcement(text=text).text
        return self.update_settings(workshop, announcement=checked)

    def clear_announcement(self, workshop: Workshop) -> Workshop:
        return self.update_settings(workshop, announcement="")

    def send_to(self, workshop: Workshop, tool_id: str | None) -> Workshop:
        """Ask everyone to open a tool (a banner with its link, never a forced move); None: stop asking."""
        if tool_id is not None and tool_id not in TOOLS:
            raise WorkshopError("room.unknown_tool")
        return self.update_settings(workshop, go_to=tool_id)

    def set_overrides(self, workshop: Workshop, tool_id: str, overrides: dict[str, Any]) -> Workshop:
        """Overrides are validated exactly like the defaults (a ValidationError leaves them as they were)."""
        TOOLS[tool_id].method(overrides)
        return self.update_settings(workshop, overrides={tool_id: overrides})

    def set_archived(self, workshop: Workshop, archived: bool = True, now: datetime | None = None) -> Workshop:
        """Archived (read-only, its retention period starting now) or back in use (kept until archived again)."""
        with self._session() as s, s.begin():
            row = self._held_row(s, workshop.code)
            if row.archived != archived or (archived and row.archived_at is None):
                row.archived_at = (now or datetime.now(UTC)) if archived else None
            row.archived = archived
            s.flush()
            return _workshop(row)

    def keep_longer(self, workshop: Workshop, now: datetime | None = None) -> Workshop:
        """An archived workshop's retention period starts again today (the trainer's "keep longer")."""
        with self._session() as s, s.begin():
            s.execute(update(WorkshopRow).where(WorkshopRow.id == workshop.id, WorkshopRow.archived.is_(True))
                      .values(archived_at=now or datetime.now(UTC)))
        return self.live(workshop.code)

    def contents(self, workshop: Workshop) -> Contents:
        """What deleting the workshop takes away: its groups by name and how much work."""
        with self._session() as s:
            groups = s.scalars(select(GroupRow).where(GroupRow.workshop_id == workshop.id).order_by(GroupRow.id)).all()
            ids = [g.id for g in groups]
            return Contents([g.name for g in groups if g.kind == "group"],
                            s.scalar(select(func.count()).select_from(AccountRow).where(AccountRow.group_id.in_(ids))),
                            s.scalar(select(func.count()).select_from(WorksheetRow)
                                     .where(WorksheetRow.group_id.in_(ids))))

    def delete(self, workshop: Workshop) -> None:
        """The workshop and every row that belongs to it (groups, the model answers, accounts, worksheets,
        PIN counters; timer, locks, reveals and overrides live in its own row), in one transaction;
        then the freed bytes are scrubbed (see Store.scrub). Never the shared row of personal workspaces."""
        with self._session() as s, s.begin():
            row = self._row(s, workshop.code)
            if row.kind != "workshop":
                raise WorkshopError("workshop.unknown_code")
            delete_groups(s, list(s.scalars(select(GroupRow.id).where(GroupRow.workshop_id == row.id))))
            s.execute(delete(PinClientRow).where(PinClientRow.workshop_id == row.id))
            s.delete(row)
        self.store.scrub()

    def progress(self, workshop: Workshop) -> list[GroupProgress]:
        with self._session() as s:
            groups = s.scalars(select(GroupRow).where(GroupRow.workshop_id == workshop.id, GroupRow.kind == "group")
                               .order_by(GroupRow.id)).all()
            changed = s.execute(select(WorksheetRow.group_id, WorksheetRow.tool, func.max(WorksheetRow.updated_at))
                                .join(GroupRow).where(GroupRow.workshop_id == workshop.id)
                                .group_by(WorksheetRow.group_id, WorksheetRow.tool)).all()
            accounts = dict(s.execute(select(AccountRow.group_id, func.count()).join(GroupRow)
                                      .where(GroupRow.workshop_id == workshop.id).group_by(AccountRow.group_id)).all())
        by_group: dict[int, dict[str, datetime]] = {}
        for group_id, tool, when in changed:
            by_group.setdefault(group_id, {})[tool] = _aware(when)
        return [GroupProgress(g.id, g.name, by_group.get(g.id, {}), accounts.get(g.id, 0), g.join_key or "")
                for g in groups]

    def rename_group(self, workshop: Workshop, group_id: int, name: str) -> None:
        """A new name for a group; refused if another group of the workshop reads the same."""
        checked = AccountName(name=name).name
        try:
            with self._session() as s, s.begin():
                row = self._group_row(s, workshop, group_id)
                if _group_named(s, workshop.id, checked) not in (None, row):
                    raise WorkshopError("files_fix.group_name_taken", name=checked)
                row.name, row.name_key = checked, name_key(checked)
        except IntegrityError:  # another group took the name this very moment
            raise WorkshopError("files_fix.group_name_taken", name=checked) from None

    def remove_group(self, workshop: Workshop, group_id: int) -> None:
        with self._session() as s, s.begin():
            delete_groups(s, [self._group_row(s, workshop, group_id).id])
        self.store.scrub()

    def load_case(self, workshop: Workshop, case_id: str, lang: str, same_name: str = "keep_both",
                  suffix: str = "") -> tuple[int, int]:
        """Load a case account for every group (and the trainer). Returns how many groups got it and
        how many worksheets were left out because they do not fit a group's criteria or the methods.
        `same_name` (replace | keep_both) decides for groups that have an account of the case's name."""
        case = cases()[case_id]
        methods = {tool_id: TOOLS[tool_id].method(workshop.overrides(tool_id) or None) for tool_id in TOOLS}
        group_ids = self._group_ids(workshop)
        skipped = sum(len(load_case(self.store, group_id, case, lang, methods, same_name, suffix))
                      for group_id in group_ids)
        return len(group_ids), skipped

    def case_clashes(self, workshop: Workshop, case_id: str, lang: str) -> list[str]:
        """The names of the groups that already have an account named like the case's account."""
        case = cases()[case_id]
        with self._session() as s:
            groups = s.execute(select(GroupRow.id, GroupRow.name).where(GroupRow.workshop_id == workshop.id)).all()
        return [name for group_id, name in groups if same_named(self.store, group_id, case, lang)]

    def _group_ids(self, workshop: Workshop) -> list[int]:
        with self._session() as s:
            return list(s.scalars(select(GroupRow.id).where(GroupRow.workshop_id == workshop.id)))

    def restore(self, workshop: dict[str, Any], groups: list[dict[str, Any]], pin: str | None = None) -> Workshop:
        """A backed-up workshop restored whole in one transaction. Its join code and group tokens are
        kept where they are free here (so the room's links keep working), else new ones are drawn.
        `pin`, when given (always from the web app), must be the backed-up workshop's trainer PIN;
        only the server's own command line restores without one."""
        if pin is not None and not pin_matches(pin, workshop.get("pin_hash") or ""):
            raise WorkshopError("access.restore_wrong_pin")
        with self._session() as s, s.begin():
            taken = s.scalar(select(WorkshopRow.id).where(WorkshopRow.code == workshop["code"])) is not None
            row = WorkshopRow(code=self._free_code(s) if taken else workshop["code"], title=workshop["title"],
                              kind="workshop", lang=workshop["lang"], pin_hash=workshop["pin_hash"],
                              projector_token=workshop["projector_token"] or new_token(TOKEN_BYTES),
                              archived=workshop["archived"], settings=workshop["settings"],
                              archived_at=datetime.now(UTC) if workshop["archived"] else None)
            s.add(row)
            s.flush()
            for group in groups:
                token = group["token"]
                if not token or s.scalar(select(GroupRow.id).where(GroupRow.token == token)) is not None:
                    token = new_token(TOKEN_BYTES)
                group_row = GroupRow(workshop_id=row.id, name=group["name"], kind=group["kind"], token=token,
                                     name_key=name_key(group["name"]) if group["kind"] == "group" else None)
                s.add(group_row)
                s.flush()
                Store.upsert_account_rows(s, group_row.id, [Account(**a) for a in group["accounts"]])
                write_worksheets(s, group_row.id, [(w["tool"], w["account_key"], w["data"])
                                                   for w in group["worksheets"]])
            return _workshop(row)

    def trainer_workspace(self, workshop: Workshop) -> Workspace:
        """The trainer's own group, whose worksheets are the model answers: only for a console signed
        in with the PIN (its token opens nothing)."""
        with self._session() as s:
            row = s.scalar(select(GroupRow).where(GroupRow.workshop_id == workshop.id, GroupRow.kind == "trainer"))
            return Workspace(self.store, workshop, _group(row), trainer=True)

    # -- participants ---------------------------------------------------------------------------------

    def live(self, code: str) -> Workshop:
        """The workshop as it is now, whatever its kind."""
        with self._session() as s:
            return _workshop(self._row(s, code))

    def find(self, code: str) -> Workshop:
        """The workshop a join code opens (personal workspaces cannot be joined)."""
        with self._session() as s:
            row = self._row(s, code)
            if row.kind != "workshop":
                raise WorkshopError("workshop.unknown_code")
            return _workshop(row)

    def group_names(self, workshop: Workshop) -> list[tuple[int, str]]:
        with self._session() as s:
            rows = s.execute(select(GroupRow.id, GroupRow.name).where(
                GroupRow.workshop_id == workshop.id, GroupRow.kind == "group").order_by(GroupRow.id)).all()
            return [(r.id, r.name) for r in rows]

    def join(self, code: str, group_name: str, join_key: str | None = None) -> Workspace:
        """Join the group of that name with its join key, or create it if it does not exist yet."""
        workshop = self.find(code)
        if workshop.archived:
            raise WorkshopError("workshop.archived")
        name = AccountName(name=group_name).name
        group, created = self._group_named_or_new(workshop, name)
        if not created and not _key_matches(join_key, group.join_key):
            raise WorkshopError("access.wrong_join_key" if join_key else "access.join_key_needed")
        return Workspace(self.store, workshop, group)

    def _group_named_or_new(self, workshop: Workshop, name: str) -> tuple[Group, bool]:
        """The workshop's group whose name reads like `name` (and False), or a new one (and True). The
        unique index decides between simultaneous first joins: the loser finds the winner's group."""
        for _ in range(3):
            with self._session() as s:
                row = _group_named(s, workshop.id, name)
                if row is not None:
                    return _group(row), False
            try:
                with self._session() as s, s.begin():
                    row = GroupRow(workshop_id=workshop.id, name=name, name_key=name_key(name),
                                   token=new_token(TOKEN_BYTES))
                    s.add(row)
                    s.flush()
                    return _group(row), True
            except IntegrityError:
                continue
        raise WorkshopError("files_fix.group_name_taken", name=name)

    def workspace(self, code: str, token: str) -> Workspace:
        """The workspace a (workshop code, group token) pair opens, or WorkshopError. Never the trainer's
        model answers (see trainer_workspace) and never someone else's personal workspace."""
        with self._session() as s:
            row = s.scalar(select(GroupRow).join(WorkshopRow).where(WorkshopRow.code == (code or "").strip().upper(),
                                                                    GroupRow.token == (token or ""),
                                                                    GroupRow.kind == "group"))
            if row is None:
                raise WorkshopError("access.stale_personal" if _is_personal(code) else "workshop.bad_link")
            workshop = s.get(WorkshopRow, row.workshop_id)
            return Workspace(self.store, _workshop(workshop), _group(row))

    def personal(self, token: str) -> Workspace:
        """The personal workspace this token opens (one browser's own), or WorkshopError."""
        return self.workspace(PERSONAL_CODE, token)

    def new_personal(self) -> Workspace:
        """A fresh personal workspace; its token is the only way back to it."""
        return self.personal(self.store.personal_group().token)

    def model_answers(self, workshop: Workshop, tool_id: str) -> list[GroupWorksheet]:
        """The trainer's worksheets for a tool, once revealed; nothing before."""
        if workshop.personal or not workshop.revealed(tool_id):
            return []
        return workshop_worksheets(self.store, workshop.id, tool_id, kind="trainer")

    # -- rows ------------------------------------------------------------------------------------------

    @staticmethod
    def _row(s: Session, code: str) -> WorkshopRow:
        row = s.scalar(select(WorkshopRow).where(WorkshopRow.code == (code or "").strip().upper()))
        if row is None:
            raise WorkshopError("workshop.unknown_code")
        return row

    @staticmethod
    def _group_row(s: Session, workshop: Workshop, group_id: int) -> GroupRow:
        row = s.get(GroupRow, group_id)
        if row is None or row.workshop_id != workshop.id or row.kind != "group":
            raise WorkshopError("workshop.unknown_group")
        return row


class Workspace:
    """What one group may do: read and write its own accounts and worksheets, nothing else."""

    def __init__(self, store: Store, workshop: Workshop, group: Group, trainer: bool = False):
        self.store, self.workshop, self.group, self.trainer = store, workshop, group, trainer

    def display_name(self, lang: str) -> str:
        """The group's name as people see it: the trainer's own group and the personal workspace are
        named in the reader's language, not by the names they are stored under."""
        if self.trainer:
            return t(lang, "workshop.trainer_answer")
        return t(lang, "lang_fix.personal_group") if self.workshop.personal else self.group.name

    def accounts(self) -> list[Account]:
        return self.store.accounts(self.group.id)

    def add_account(self, account: Account) -> None:
        """A new account of the group; refused if the group has one of that name."""
        self._check_writable()
        with _unique_names():
            self.store.add_account(self.group.id, account)

    def rename_account(self, key: str, name: str) -> None:
        self._check_writable()
        with _unique_names():
            self.store.rename_account(self.group.id, key, AccountName(name=name).name)

    def contents(self) -> Contents:
        """What deleting this group (or personal workspace) takes away."""
        return Contents([self.group.name] if not self.workshop.personal else [], len(self.accounts()),
                        len(self.store.worksheets(self.group.id)))

    def delete(self) -> None:
        """The group (or personal workspace) and all its work, in one transaction, even in an archived
        workshop: it is the group's own data. Never the trainer's model answers."""
        if self.trainer:
            raise WorkshopError("workshop.unknown_group")
        self.store.delete_group(self.group.id)

    def shares_names(self) -> bool:
        """Whether the group agreed that people's names in its work go into the trainer's workshop export."""
        return self.store.shares_names(self.group.id)

    def share_names(self, share: bool) -> None:
        self.store.set_share_names(self.group.id, share)

    def remove_account(self, key: str) -> None:
        """The account and all the group's work on it, in every tool."""
        self._check_writable()
        self.store.remove_account(self.group.id, key)

    def revision(self) -> int:
        return self.store.revision(self.group.id)

    def room_revisions(self) -> Revisions:
        """The group's revision and its workshop's, in one small read shared by the group's devices."""
        return self.store.room_revisions(self.group.id)

    def writable(self, tool_id: str) -> bool:
        """Whether this workspace's page may offer its inputs for the tool, as the workshop was read
        (saving checks again, live)."""
        return not self.workshop.archived and (self.trainer or not self.workshop.locked(tool_id))

    def worksheet(self, tool_id: str, account_key: str = PORTFOLIO) -> Worksheet | None:
        return self.store.worksheet(self.group.id, tool_id, account_key)

    def import_work(self, accounts: list[Account], worksheets: list[tuple[str, str, dict[str, Any]]]) -> None:
        """Imported accounts and worksheets, all or nothing; not into an archived workshop or a locked tool."""
        for tool_id in {tool for tool, _, _ in worksheets}:
            self._check_writable(tool_id)
        import_work(self.store, self.group.id, accounts, worksheets)

    def save(self, tool_id: str, data: BaseModel, expected_version: int, account_key: str = PORTFOLIO,
             accounts: list[Account] = ()) -> Worksheet:
        """Save a validated worksheet; refused in a locked tool or an archived workshop."""
        self._check_writable(tool_id)
        return self.store.save_worksheet(self.group.id, tool_id, data, expected_version, account_key, accounts)

    def save_changes(self, tool_id: str, changes: list[Change], blank: dict[str, Any], method: Any = None,
                     account_key: str = PORTFOLIO, force: bool = False) -> Worksheet:
        """What a device changed, merged onto the newest version of the worksheet and validated as a
        whole; refused in a locked tool or an archived workshop. FieldConflict when a changed field
        was changed meanwhile by someone else (unless `force`: keep mine)."""
        self._check_writable(tool_id)
        tool = TOOLS[tool_id]
        try:
            return self.store.merge_worksheet(self.group.id, tool_id, account_key, changes, blank,
                                              lambda data: tool.validate(data, method).model_dump(mode="json"), force)
        except GroupGone:
            raise WorkshopError("pin_fix.group_removed") from None

    def _check_writable(self, tool_id: str | None = None) -> None:
        gate = self.store.write_gate(self.group.id)  # the trainer may have locked it a second ago
        if gate is None:  # removed by the trainer since this page loaded
            raise WorkshopError("pin_fix.group_removed")
        archived, settings = gate
        if archived:
            raise WorkshopError("workshop.archived")
        if tool_id and locked_in(settings, tool_id) and not self.trainer:
            raise WorkshopError("workshop.locked")


@contextlib.contextmanager
def _unique_names():
    try:
        yield
    except DuplicateName as error:
        raise WorkshopError("accounts.duplicate_name", name=error.name) from None


def _group_named(s: Session, workshop_id: int, name: str) -> GroupRow | None:
    """The workshop's participant group whose name reads like `name` (compared by name_key)."""
    return s.scalar(select(GroupRow).where(GroupRow.workshop_id == workshop_id, GroupRow.kind == "group",
                                           GroupRow.name_key == name_key(name)))


def _group(row: GroupRow) -> Group:
    return Group(row.id, row.workshop_id, row.name, row.token, row.join_key or "")


def _key_matches(typed: str | None, stored: str | None) -> bool:
    """Join keys are read off a screen: case and surrounding spaces do not matter."""
    typed = (typed or "").strip().upper()
    return bool(typed and stored) and hmac.compare_digest(typed.encode(), stored.encode())


def _is_personal(code: str | None) -> bool:
    return (code or "").strip().upper() == PERSONAL_CODE


def _aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
