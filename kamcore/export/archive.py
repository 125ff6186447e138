"""JSON archives: a group's work (take home, import into any installation) and a whole workshop's
backup (restore into a fresh installation). Every import is checked whole before anything is
written, and written in one transaction: a bad file changes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kamcore.methods.common import Name
from kamcore.store import Account, Store, workshop_rows
from kamcore.tools import TOOLS

FORMAT = "kam-workshop-companion"
SCHEMA_VERSION = 1
MAX_BYTES = 10 * 1024 * 1024  # a whole 48-group workshop is well under 1 MB


class ArchiveError(ValueError):
    """A file that is not an archive this installation can import; `key` names the UI message."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key, self.values = key, values


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArchiveWorksheet(_Strict):
    tool: Literal[tuple(TOOLS)]  # type: ignore[valid-type]
    account_key: str = Field(default="", max_length=40)
    data: dict[str, Any]


class ArchiveGroup(_Strict):
    name: Name = Field(min_length=1)
    kind: Literal["group", "trainer", "personal"] = "group"
    token: str = Field(default="", max_length=64)
    accounts: list[Account] = Field(default_factory=list, max_length=500)
    worksheets: list[ArchiveWorksheet] = Field(default_factory=list, max_length=5000)


class ArchiveWorkshop(_Strict):
    code: str = Field(max_length=16)
    title: Name = Field(min_length=1)
    lang: Literal["zh", "en"]
    settings: dict[str, Any] = Field(default_factory=dict)
    pin_hash: str = Field(default="", max_length=200)
    projector_token: str = Field(default="", max_length=64)
    archived: bool = False


class Archive(_Strict):
    format: Literal["kam-workshop-companion"]
    schema_version: int
    kind: Literal["group", "workshop"]
    exported_at: str = ""
    workshop: ArchiveWorkshop | None = None
    groups: list[ArchiveGroup] = Field(max_length=500)

    @model_validator(mode="after")
    def _every_worksheet_through_its_tool(self) -> Archive:
        if self.schema_version != SCHEMA_VERSION:
            raise PydanticCustomError("schema_version", "schema version {found}; this installation reads {wanted}",
                                      {"found": self.schema_version, "wanted": SCHEMA_VERSION})
        if (self.kind == "workshop") != (self.workshop is not None):
            raise PydanticCustomError("archive_kind", "a workshop backup carries its workshop, a group archive not")
        overrides = (self.workshop.settings.get("overrides", {}) if self.workshop else {})
        for group in self.groups:
            for sheet in group.worksheets:
                tool = TOOLS[sheet.tool]
                sheet.data = tool.validate(sheet.data, tool.method(overrides.get(sheet.tool) or None)).model_dump(
                    mode="json")
        return self


def read(raw: bytes) -> Archive:
    """The archive in `raw`, checked whole: size, JSON, format, schema version, every worksheet."""
    if len(raw) > MAX_BYTES:
        raise ArchiveError("archive.too_big", limit=MAX_BYTES // (1024 * 1024))
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError("archive.not_json", detail=str(error)[:120]) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArchiveError("archive.not_ours")
    return Archive.model_validate(document)  # a ValidationError: the caller explains it in the user's language


def group_archive(store: Store, group_id: int, name: str) -> dict[str, Any]:
    """A group's accounts and worksheets, to take home."""
    return _document("group", None, [_group(store, group_id, name, "group", "")])


def workshop_backup(store: Store, workshop_id: int) -> dict[str, Any]:
    """Everything needed to restore a workshop: settings, every group (the trainer's too) and its work."""
    workshop, groups = workshop_rows(store, workshop_id)
    meta = {"code": workshop.code, "title": workshop.title, "lang": workshop.lang, "settings": workshop.settings or {},
            "pin_hash": workshop.pin_hash, "projector_token": workshop.projector_token, "archived": workshop.archived}
    return _document("workshop", meta, [_group(store, g.id, g.name, g.kind, g.token) for g in groups])


def _group(store: Store, group_id: int, name: str, kind: str, token: str) -> dict[str, Any]:
    return {"name": name, "kind": kind, "token": token,
            "accounts": [{"key": a.key, "name": a.name} for a in store.accounts(group_id)],
            "worksheets": [{"tool": w.tool, "account_key": w.account_key, "data": w.data}
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
    accounts = [a for g in archive.groups for a in g.accounts]
    sheets = [(w.tool, w.account_key, w.data) for g in archive.groups for w in g.worksheets]
    workspace.import_work(accounts, sheets)
    return len(sheets)


def restore_backup(archive: Archive, workshops: Any, pin: str | None = None) -> Any:
    """A workshop backup restored as a new workshop of this installation (see Workshops.restore for `pin`)."""
    if archive.kind != "workshop":
        raise ArchiveError("archive.expected_workshop")
    return workshops.restore(archive.workshop.model_dump(), [g.model_dump(mode="json") for g in archive.groups],
                             pin=pin)
