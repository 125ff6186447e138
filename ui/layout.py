"""Phones (390 px wide) and laptops from the same pages: a little scoped CSS, and wide tables that show
their first columns on a phone with a switch to all of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from kamcore.i18n import t

PHONE_COLUMNS = 3  # what a 390 px screen shows of a table without scrolling sideways
PHONE_KEY = "layout.phone"
PHONE_TABLE = 300  # px a phone's table gives its columns (358 px less the row marker and borders)

# Streamlit stacks st.columns at 640 px and below; the same breakpoint is "a phone" here.
# A widget's key becomes its container's class (st-key-<key>, dots as dashes): every score's key
# holds ".score." (WorksheetEditor.field_key("score", ...)), every column switch starts with "cols.".
_CSS = """
<style>
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
  [data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
  [data-testid="stMain"] h1 { font-size: 1.6rem; padding: 0.25rem 0 0.5rem; }
  [data-testid="stMain"] h2 { font-size: 1.35rem; }
  [data-testid="stMain"] h3 { font-size: 1.2rem; padding-bottom: 0.5rem; }
  [data-testid="stMain"] h4 { font-size: 1.05rem; }
  [data-testid="stMain"] [data-testid="stAlert"] p { font-size: 0.9rem; }
  [data-testid="stElementContainer"][class*="-score-"], [class*="-score-"] [data-testid="stButtonGroup"] {
    width: 100%;
  }
  [class*="-score-"] [role="radiogroup"] { flex-wrap: nowrap; gap: 0.2rem; width: 100%; overflow: visible; }
  [class*="-score-"] [role="radiogroup"] > button { flex: 1 1 0; min-width: 0; padding-left: 0; padding-right: 0; }
  .st-key-sel-waiting [data-testid="stCaptionContainer"] { display: none; }
  .st-key-sel-waiting [data-testid="stVerticalBlock"] { padding: 0.5rem 0.75rem; }
  [data-testid="stMain"] [data-testid="stPageLink"] * { white-space: normal; text-overflow: clip; height: auto; }
  /* a table's toolbar floats 44 px above it (shown on a tap): keep that room free of labels and tabs */
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) { margin-top: 3.5rem; }
}
@media (min-width: 641px) {
  [data-testid="stElementContainer"][class*="st-key-cols-"]:has(input:checked) { display: none; }
}
</style>
"""


def styles() -> None:
    """The app's phone rules, once per run (style-only HTML takes no room on the page)."""
    st.html(_CSS)


def is_phone() -> bool:
    """Phones' browsers say "Mobile" in their user agent (tablets and laptops do not). Read once per
    session: st.context.headers rebuilds the whole header map on every access."""
    if PHONE_KEY not in st.session_state:
        st.session_state[PHONE_KEY] = "Mobi" in (st.context.headers.get("User-Agent") or "")
    return st.session_state[PHONE_KEY]


def shown_columns(name: str, lang: str, columns: dict[str, Any], main: list[str] | None = None) -> dict[str, Any]:
    """The column_config a table shows: all columns on a laptop; on a phone only the `main` ones (else
    the first three) sharing the screen's width, the others None (hidden, still in the data), with a
    switch to show all (`column_switch`, under the table). The switch decides, so a phone held sideways or a
    narrow laptop window can have either."""
    visible = [c for c, cfg in columns.items() if cfg is not None]
    main = main or visible[:PHONE_COLUMNS]
    if len(visible) <= len(main) or st.session_state.get(f"cols.{name}", not is_phone()):
        return columns
    width = PHONE_TABLE // len(main)  # long texts are cut in the cell, shown whole when it is tapped
    return {c: (_with_width(cfg, width) if c in main else None) for c, cfg in columns.items()}


def column_switch(name: str, lang: str, columns: dict[str, Any], main: list[str] | None = None) -> None:
    """Under a table shown with `shown_columns`: the switch between its main columns and all of them.
    (Above the table, the switch would shift the grid and a tap meant for a cell can get lost.)"""
    visible = [c for c, cfg in columns.items() if cfg is not None]
    if len(visible) > len(main or visible[:PHONE_COLUMNS]):
        st.toggle(t(lang, "phone.all_columns", n=len(visible)), value=not is_phone(), key=f"cols.{name}")


def _with_width(cfg: Any, width: int) -> dict[str, Any]:
    return {**cfg, "width": width} if isinstance(cfg, dict) else {"label": cfg, "width": width}


def wide_dataframe(name: str, lang: str, frame: pd.DataFrame, main: list[str] | None = None) -> None:
    """A read-only table: every column on a laptop; on a phone the `main` ones, the rest one tap away."""
    columns = {str(c): str(c) for c in frame.columns}
    shown = shown_columns(name, lang, columns, main)
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="",
                 column_order=[c for c, cfg in shown.items() if cfg is not None])
    column_switch(name, lang, columns, main)


def tabbed(key: str, sections: dict[str, Callable[[], None]]) -> None:
    """A page's sections as tabs (label -> the function that draws it); only the open tab's section
    runs, and switching tabs reruns the page (Streamlit's lazy tabs)."""
    for tab, draw in zip(st.tabs(list(sections), key=key, on_change="rerun"), sections.values(), strict=True):
        if tab.open:
            with tab:
                draw()


def titled(title: str, draw: Callable[..., None], *args: Any) -> None:
    """A panel under its subheader."""
    st.subheader(title)
    draw(*args)
