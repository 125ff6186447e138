"""Take-home files and backups: download buttons (built on click, off the rerun path) and uploads."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from pydantic import ValidationError

from kamcore.export.archive import ArchiveError
from kamcore.export.files import SUFFIX, account_summary, group_file, import_file, workshop_file
from kamcore.i18n import explain, t
from kamcore.workshop import Workshop, WorkshopError, Workspace
from ui.session import store
from ui.text import plain, show_error
from ui.uploads import file_uploader

MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "json": "application/json"}
ICON = {"xlsx": ":material/table_view:", "pptx": ":material/slideshow:", "json": ":material/data_object:"}


def group_downloads(workspace: Workspace, lang: str) -> None:
    """A group's workbook, deck and archive, built only when a button is pressed."""
    _downloads(lang, "exports.group", "exports.", f"kam-{workspace.display_name(lang)}",
               lambda kind: group_file(store(), workspace, kind, lang))
    st.download_button(t(lang, "takehome.summary_download"), lambda: account_summary(store(), workspace, lang),
                       file_name=f"kam-{workspace.display_name(lang)}-summary.html", mime="text/html",
                       icon=":material/print:", key="exports.group.summary", on_click="ignore")


def workshop_downloads(workshop: Workshop, lang: str, key: str = "exports.workshop") -> None:
    _downloads(lang, key, "exports.workshop_", f"kam-workshop-{workshop.code}",
               lambda kind: workshop_file(store(), workshop, kind, lang))


def _downloads(lang: str, key: str, labels: str, stem: str, build: Callable[[str], bytes]) -> None:
    """One button per kind of file (workbook, deck, archive): `labels` + kind names its label in the
    catalogs, `build(kind)` makes the file when the button is pressed; `key` + kind keys the button."""
    for column, kind in zip(st.columns(3), SUFFIX, strict=True):
        column.download_button(
            t(lang, f"{labels}{kind}"), lambda kind=kind: build(kind), file_name=f"{stem}{SUFFIX[kind]}",
            mime=MIME[kind], icon=ICON[kind], key=f"{key}.{kind}", on_click="ignore", width="stretch")


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
        show_error(lang, error)
        return
    if kind == "workshop":
        st.success(t(lang, "cli.imported_workshop", code=outcome.code), icon=":material/check:")
    else:
        st.success(t(lang, "exports.imported", count=outcome), icon=":material/check:")
