"""The export and import entry points shared by the command line and the pages."""

from __future__ import annotations

from typing import Any, Literal

from kamcore.export import archive, summary
from kamcore.export.collect import group_entries, methods_for, workshop_entries
from kamcore.export.pptx import group_deck, workshop_deck
from kamcore.export.xlsx import group_workbook, workshop_workbook
from kamcore.store import Store
from kamcore.workshop import Workshop, WorkshopError, Workshops, Workspace

Format = Literal["xlsx", "pptx", "json"]
SUFFIX = {"xlsx": ".xlsx", "pptx": ".pptx", "json": ".json"}


def group_file(store: Store, workspace: Workspace, kind: Format, lang: str) -> bytes:
    """A group's take-home file: its workbook, its deck, or its JSON archive."""
    group = workspace.group
    if kind == "json":
        return archive.dumps(archive.group_archive(store, group.id, group.name))
    methods = methods_for(workspace.workshop)
    name = workspace.display_name(lang)
    found = group_entries(store, group.id, name, methods, adjusted=workspace.workshop.adjusted)
    workshop = "" if workspace.workshop.personal else workspace.workshop.title
    return (group_workbook(found, methods, lang, title=name) if kind == "xlsx"
            else group_deck(name, found, methods, lang, workshop))


def account_summary(store: Store, workspace: Workspace, lang: str) -> bytes:
    """A group's one-page summary per account (HTML, printed to PDF by the browser)."""
    methods = methods_for(workspace.workshop)
    name = workspace.display_name(lang)
    workshop = "" if workspace.workshop.personal else workspace.workshop.title
    found = group_entries(store, workspace.group.id, name, methods, adjusted=workspace.workshop.adjusted)
    return summary.account_pages(name, workshop, found, methods, lang).encode("utf-8")


def workshop_file(store: Store, workshop: Workshop, kind: Format, lang: str) -> bytes:
    """The whole workshop: comparison workbook or deck with each group's appendix, or the JSON backup."""
    if kind == "json":
        return archive.dumps(archive.workshop_backup(store, workshop.id))
    methods = methods_for(workshop)
    by_group = workshop_entries(store, workshop, methods)
    return (workshop_workbook(workshop.title, by_group, methods, lang) if kind == "xlsx"
            else workshop_deck(workshop.title, by_group, methods, lang))


def import_file(store: Store, raw: bytes, into: Workspace | None = None, pin: str | None = None) -> tuple[str, Any]:
    """A workshop backup is restored as a new workshop (with `pin`, its trainer PIN, which the web app
    always passes; never into a group's workspace); a group archive goes into `into` (by default a new
    personal workspace). Returns what was done and its outcome (the workshop, or a count)."""
    found = archive.read(raw)
    workshops = Workshops(store)
    if found.kind == "workshop":
        if into is not None:
            raise WorkshopError("access.restore_in_console")
        return "workshop", archive.restore_backup(found, workshops, pin)
    return "group", archive.import_group_archive(found, into or workshops.new_personal())
