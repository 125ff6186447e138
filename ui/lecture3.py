"""What the lecture-3 pages share: a table with one fixed row per item of the method, saved on every
cell edit and redrawn from the store (its computed columns follow)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from ui.components import apply_delta
from ui.layout import column_switch, shown_columns
from ui.worksheet import WorksheetEditor


def fixed_table(ws: WorksheetEditor, name: str, rows: list[dict[str, Any]], columns: dict[str, Any],
                to_data: Callable[[list[dict[str, Any]]], dict[str, Any]], main: list[str] | None = None) -> None:
    """One row per method item (no rows added or deleted); a column configured None is kept but hidden.
    On a phone only the `main` columns (else the first three), with a switch to all of them."""
    key = ws.table_key(name)
    base = ws.table_base(key, rows)
    switch = f"{ws.tool.id}.{name}"
    shown = shown_columns(switch, ws.lang, columns, main)
    st.data_editor(pd.DataFrame(base, columns=list(columns)), key=key, column_config=shown,
                   column_order=[c for c, cfg in shown.items() if cfg is not None], disabled=ws.disabled,
                   num_rows="fixed", hide_index=True, width="stretch", placeholder="",
                   on_change=_commit, args=(ws, key, base, list(columns), to_data))
    column_switch(switch, ws.lang, columns, main)


def _commit(ws: WorksheetEditor, key: str, base: list[dict[str, Any]], columns: list[str],
            to_data: Callable[[list[dict[str, Any]]], dict[str, Any]]) -> None:
    version = ws.version
    if ws.commit(to_data(apply_delta(base, st.session_state[key], columns))) and ws.version != version:
        ws.rebuild()
