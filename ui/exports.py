"""Take-home files and backups: download buttons (built on click, off the rerun path) and uploads."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from kamcore.export.archive import ArchiveError
from kamcore.export.files import SUFFIX, group_file, import_file, workshop_file
from kamcore.i18n import explain, t
from kamcore.workshop import Workshop, WorkshopError, Workspace
from ui.session import store
from ui.text import message, plain
from ui.uploads import file_uploader

MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "json": "application/json"}
ICON = {"xlsx": ":material/table_view:", "pptx": ":material/slideshow:", "json": ":material/data_object:"}


def group_downloads(workspace: Workspace, lang: str) -> None:
    """A group's workbook, deck and archive, built only when a button is pressed."""
    for column, kind in zip(st.columns(3), SUFFIX, strict=True):
        column.download_button(
            t(lang, f"exports.{kind}"), lambda kind=kind: group_file(store(), workspace, kind, lang),
            file_name=f"kam-{workspace.display_name(lang)}{SUFFIX[kind]}", mime=MIME[kind], icon=ICON[kind],
            key=f"exports.group.{kind}", on_click="ignore", width="stretch")


def workshop_downloads(workshop: Workshop, lang: str, key: str = "exports.workshop") -> None:
    for column, kind in zip(st.columns(3), SUFFIX, strict=True):
        column.download_button(
            t(lang, f"exports.workshop_{kind}"), lambda kind=kind: workshop_file(store(), workshop, kind, lang),
            file_name=f"kam-workshop-{workshop.code}{SUFFIX[kind]}", mime=MIME[kind], icon=ICON[kind],
            key=f"{key}.{kind}", on_click="ignore", width="stretch")


def upload(lang: str, key: str, label: str, into: Workspace | None = None) -> None:
    """An archive to import (a group's work into `into`) or, without `into`, a workshop backup to
    restore with its trainer PIN; a bad file is refused with the reason and changes nothing."""
    uploaded = file_uploader(lang, label, key, ["json"])
    pin = None if into else st.text_input(t(lang, "access.restore_pin"), type="password", max_chars=64,
                                          key=f"{key}.pin")
    if uploaded is None or not st.button(t(lang, "exports.import"), key=f"{key}.go", icon=":material/upload:"):
        return
    try:
        kind, outcome = import_file(store(), uploaded.getvalue(), into, pin=pin)
    except ValidationError as error:
        for problem in explain(error, lang)[:8]:
            st.error(plain(problem), icon=":material/error:")
        return
    except (ArchiveError, WorkshopError) as error:
        st.error(message(lang, error), icon=":material/error:")
        return
    if kind == "workshop":
        st.success(t(lang, "cli.imported_workshop", code=outcome.code), icon=":material/check:")
    else:
        st.success(t(lang, "exports.imported", count=outcome), icon=":material/check:")
