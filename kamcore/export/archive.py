"""JSON archives: a group's work (take home, import into any installation) and a whole workshop's
backup (restore into a fresh installation). Every import is checked whole before anything is
written, and written in one transaction: a bad file changes nothing."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from kamcore.errors import UserError
from kamcore.methods.common import Id, Name
from kamcore.names import name_key
from kamcore.personal import without_personal
from kamcore.store import Account, Store, workshop_rows
from kamcore.tools import TOOLS

FORMAT = "kam-workshop-companion"
SCHEMA_VERSION = 1
MAX_BYTES = 10 * 1024 * 1024  # a whole 48-group workshop is well under 1 MB


class ArchiveError(UserError, ValueError):
    """A file that is not an archive this installation can import."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _registered(tool_id: str) -> str:
    """A tool this installation has registered now (a declared tool registers after this module loads)."""
    if tool_id not in TOOLS:
        raise PydanticCustomError("literal_error", "must be one of {expected}", {"expected": ", ".join(TOOLS)})
    return tool_id


ToolId = Annotated[str, StringConstraints(max_length=40), AfterValidator(_registered)]
MAX_DEPTH = 40  # the deepest a real archive nests is ~8 levels; deeper is refused before parsing
CODE_PATTERN = r"^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$"  # as kamcore.workshop draws them
PIN_HASH_PATTERN = r"^scrypt\$[A-Za-z0-9+/=]{4,100}\$[A-Za-z0-9+/=]{4,100}$"  # as kamcore.workshop.hash_pin writes


class ArchiveAccount(_Strict):
    key: Id  # the same limits as an account key typed into the selection tool
    name: Name = Field(min_length=1)


class ArchiveWorksheet(_Strict):
    tool: ToolId
    account_key: str = Field(default="", max_length=40)
    data: dict[str, Any]


class ArchiveGroup(_Strict):
    name: Name = Field(min_length=1)
    kind: Literal["group", "trainer", "personal"] = "group"
    token: str = Field(default="", max_length=64)
    accounts: list[ArchiveAccount] = Field(default_factory=list, max_length=500)
    worksheets: list[ArchiveWorksheet] = Field(default_factory=list, max_length=5000)


def _moment(text: str) -> str:
    """An ISO moment with its zone, kept as written (Workshop.timer_end reads it back)."""
    if datetime.fromisoformat(text).tzinfo is None:
        raise ValueError("a moment without its time zone")
    return text


TimerEnd = Annotated[str, StringConstraints(max_length=40), AfterValidator(_moment)]


class WorkshopSettings(_Strict):
    """What a workshop's settings may hold: locks and reveals by tool, the timer, and method overrides
    (each checked by its tool's method, exactly as the console checks them)."""

    locks: dict[ToolId, bool] = Field(default_factory=dict)
    reveals: dict[ToolId, bool] = Field(default_factory=dict)
    timer_end: TimerEnd | None = None
    timer_left: int | None = Field(default=None, ge=0, le=24 * 3600)  # a paused timer's seconds to go
    announcement: str = Field(default="", max_length=280)
    go_to: ToolId | None = None
    overrides: dict[ToolId, dict[str, Any]] = Field(default_factory=dict)  # read checks them by their methods


class ArchiveWorkshop(_Strict):
    code: str = Field(max_length=16)
    title: Name = Field(min_length=1)
    lang: Literal["zh", "en"]
    settings: WorkshopSettings = Field(default_factory=WorkshopSettings)
    pin_hash: str = Field(max_length=200)
    projector_token: str = Field(default="", max_length=64)
    archived: bool = False


class Archive(_Strict):
    format: Literal["kam-workshop-companion"]
    schema_version: int
    kind: Literal["group", "workshop"]
    exported_at: str = Field(default="", max_length=40)
    workshop: ArchiveWorkshop | None = None
    groups: list[ArchiveGroup] = Field(max_length=500)

    @model_validator(mode="after")
    def _every_worksheet_through_its_tool(self) -> Archive:
        if self.schema_version != SCHEMA_VERSION:
            raise PydanticCustomError("schema_version", "schema version {found}; this installation reads {wanted}",
                                      {"found": self.schema_version, "wanted": SCHEMA_VERSION})
        if (self.kind == "workshop") != (self.workshop is not None):
            raise PydanticCustomError("archive_kind", "a workshop backup carries its workshop, a group archive not")
        overrides = self.workshop.settings.overrides if self.workshop else {}
        for group in self.groups:
            for sheet in group.worksheets:
                tool = TOOLS[sheet.tool]
                sheet.data = tool.validate(sheet.data, tool.method(overrides.get(sheet.tool) or None)).model_dump(
                    mode="json")
        return self


def read(raw: bytes) -> Archive:
    """The archive in `raw`, checked whole before anything is written: size, nesting, JSON, format,
    schema version, every field by the models live input passes, and names and keys that must be unique."""
    if len(raw) > MAX_BYTES:
        raise ArchiveError("archive.too_big", limit=MAX_BYTES // (1024 * 1024))
    try:
        text = raw.decode("utf-8-sig")  # a BOM (Windows editors write one) is allowed, not required
    except UnicodeDecodeError as error:
        raise ArchiveError("archive.not_json", detail=str(error)[:120]) from None
    if _nesting(text) > MAX_DEPTH:
        raise ArchiveError("files_fix.too_deep", limit=MAX_DEPTH)
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ArchiveError("archive.not_json", detail=str(error)[:120]) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArchiveError("archive.not_ours")
    _check_settings(document.get("workshop"))
    archive = Archive.model_validate(document)  # a ValidationError: the caller explains it in the user's language
    _check_workshop(archive.workshop)
    _check_unique(archive)
    return archive


def _check_settings(workshop: Any) -> None:
    """A workshop's settings checked first, overrides by their tools' methods as the console checks them:
    settings that do not fit would break every page of the restored workshop."""
    if not isinstance(workshop, dict) or "settings" not in workshop:
        return
    try:
        settings = WorkshopSettings.model_validate(workshop["settings"])
    except ValidationError as error:
        raise ArchiveError("files_fix.bad_settings", where=_first_place(error, [])) from None
    for tool_id, changes in settings.overrides.items():
        try:
            TOOLS[tool_id].method(changes or None)
        except ValidationError as error:
            raise ArchiveError("files_fix.bad_settings", where=_first_place(error, ["overrides", tool_id])) from None


def _first_place(error: ValidationError, prefix: list[str]) -> str:
    return " › ".join(["settings", *prefix, *(str(p) for p in error.errors(include_url=False)[0]["loc"])])


def _check_workshop(workshop: ArchiveWorkshop | None) -> None:
    """A join code and a PIN hash such as this installation makes: a restored workshop must be joinable
    and its trainer able to sign in."""
    if workshop is None:
        return
    if not re.fullmatch(CODE_PATTERN, workshop.code):
        raise ArchiveError("files_fix.bad_code", code=workshop.code)
    if not re.fullmatch(PIN_HASH_PATTERN, workshop.pin_hash):
        raise ArchiveError("files_fix.bad_pin_hash")


def _nesting(text: str) -> int:
    """How deep the JSON's brackets nest (brackets inside strings do not count), without parsing it."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _check_unique(archive: Archive) -> None:
    """Account keys and names unique per group, participant group names unique per workshop (names
    compared as the store compares them): the store's unique indexes would refuse them halfway."""
    lists = [archive.groups] if archive.kind == "group" else [[g] for g in archive.groups]  # a group archive's
    for groups in lists:  # accounts all go into one workspace
        keys, names = set(), set()
        for group, account in ((g, a) for g in groups for a in g.accounts):
            if account.key in keys:
                raise ArchiveError("files_fix.duplicate_account_key", group=group.name, account=account.key)
            if name_key(account.name) in names:
                raise ArchiveError("files_fix.duplicate_account_name", group=group.name, name=account.name)
            keys.add(account.key)
            names.add(name_key(account.name))
    if archive.kind == "workshop":
        seen = set()
        for group in archive.groups:
            if group.kind == "group" and name_key(group.name) in seen:
                raise ArchiveError("files_fix.duplicate_group_name", name=group.name)
            seen.add(name_key(group.name) if group.kind == "group" else None)


def group_archive(store: Store, group_id: int, name: str) -> dict[str, Any]:
    """A group's accounts and worksheets, to take home."""
    return _document("group", None, [_group(store, group_id, name, "group", "")])


def workshop_backup(store: Store, workshop_id: int) -> dict[str, Any]:
    """Everything needed to restore a workshop: settings, every group (the trainer's too) and its work;
    people's names only from groups that opted in (and the trainer's own model answers)."""
    workshop, groups = workshop_rows(store, workshop_id)
    meta = {"code": workshop.code, "title": workshop.title, "lang": workshop.lang, "settings": workshop.settings or {},
            "pin_hash": workshop.pin_hash, "projector_token": workshop.projector_token, "archived": workshop.archived}
    return _document("workshop", meta, [_group(store, g.id, g.name, g.kind, g.token,
                                               personal=g.share_names or g.kind != "group") for g in groups])


def _group(store: Store, group_id: int, name: str, kind: str, token: str, personal: bool = True) -> dict[str, Any]:
    return {"name": name, "kind": kind, "token": token,
            "accounts": [{"key": a.key, "name": a.name} for a in store.accounts(group_id)],
            "worksheets": [{"tool": w.tool, "account_key": w.account_key,
                            "data": w.data if personal else without_personal(w.tool, w.data)}
                           for w in store.worksheets(group_id)]}


def _document(kind: str, workshop: dict[str, Any] | None, groups: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "kind": kind,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            **({"workshop": workshop} if workshop else {}), "groups": groups}


def dumps(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def import_group_archive(archive: Archive, workspace: Any) -> int:
    """A group archive's work into a workspace (this installation's personal one, or a group's);
    returns how many worksheets were written."""
    if archive.kind != "group":
        raise ArchiveError("archive.expected_group")
    accounts = [Account(a.key, a.name) for g in archive.groups for a in g.accounts]
    sheets = [(w.tool, w.account_key, w.data) for g in archive.groups for w in g.worksheets]
    workspace.import_work(accounts, sheets)
    return len(sheets)


def restore_backup(archive: Archive, workshops: Any, pin: str | None = None) -> Any:
    """A workshop backup restored as a new workshop of this installation (see Workshops.restore for `pin`)."""
    if archive.kind != "workshop":
        raise ArchiveError("archive.expected_workshop")
    workshop = {**archive.workshop.model_dump(mode="json"),
                "settings": archive.workshop.settings.model_dump(mode="json", exclude_unset=True)}
    return workshops.restore(workshop, [g.model_dump(mode="json") for g in archive.groups],
                             pin=pin)
