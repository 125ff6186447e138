"""The self-analysis page's panels: the history, the relationship at each level, the resources and the
opportunities and threats, each table saved on every edit."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import self_analysis as sa
from kamcore.methods.common import NAME_CHARS, NOTE_CHARS, SHORT_TEXT_CHARS, typed
from ui.components import autosave_table, score_input
from ui.worksheet import WorksheetEditor

CHOICE = {"history": ("outcome", "outcomes"), "resources": ("kind", "resource_kinds"),
          "factors": ("kind", "factor_kinds")}
COLUMNS = {"history": ("what", "outcome", "year", "why"), "resources": ("kind", "what", "owner", "committed"),
           "factors": ("kind", "text")}
LABELS = {("resources", "what"): "resource", ("factors", "text"): "factor"}  # a column's header, where not its name


def headline(result: sa.SelfResult | None, m: sa.SelfMethod, lang: str) -> None:
    if result is None or not result.started:
        return
    cells = st.columns(3)
    cells[0].metric(t(lang, "l2a.self.history"), t(lang, "l2a.self.won_lost", wins=result.wins, losses=result.losses))
    cells[1].metric(t(lang, "l2a.self.relationship_mean"),
                    "—" if result.relationship_mean is None else f"{result.relationship_mean:.1f}")
    cells[2].metric(t(lang, "l2a.self.committed"), f"{result.committed} / {result.resources}")


def _column(name: str, column: str, m: sa.SelfMethod, lang: str) -> Any:
    label = t(lang, f"l2a.self.col.{LABELS.get((name, column), column)}")
    if column == CHOICE[name][0]:
        choices = {c.id: c.name(lang) for c in getattr(m, CHOICE[name][1])}
        return st.column_config.SelectboxColumn(label, options=list(choices), format_func=choices.get,
                                                default=next(iter(choices)))
    if column == "year":
        return st.column_config.NumberColumn(label, min_value=1900, max_value=2100, step=1, format="%d")
    if column == "committed":
        return st.column_config.CheckboxColumn(label, default=False)
    return st.column_config.TextColumn(label, max_chars=NAME_CHARS if column == "owner" else SHORT_TEXT_CHARS)


def table(ws: WorksheetEditor, m: sa.SelfMethod, name: str, lang: str) -> None:
    """One of the worksheet's tables, saved on every edit; rows still missing something listed under it."""
    columns = {"key": None, **{c: _column(name, c, m, lang) for c in COLUMNS[name]}}
    choice = CHOICE[name][0]

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        kept = [r for r in edited if typed({c: r.get(c) for c in COLUMNS[name] if c not in (choice, "committed")})]
        return {**ws.data, name: [_row(r, name) for r in kept]}

    autosave_table(ws, name, [{c: r.get(c) for c in columns} for r in ws.data[name]], columns, to_data,
                   rebuild=True, drafts=_drafts(ws, m, name, lang))


def _row(r: dict[str, Any], name: str) -> dict[str, Any]:
    row = {"key": r.get("key") or sa.new_key()}
    for column in COLUMNS[name]:
        value = r.get(column)
        if value is not None and value != value:  # NaN: an emptied number cell
            value = None
        if column == "year":
            row[column] = None if value is None else int(value)
        elif column == "committed":
            row[column] = bool(value)
        else:
            row[column] = value if column == CHOICE[name][0] else (value or "")
    return row


def _drafts(ws: WorksheetEditor, m: sa.SelfMethod, name: str, lang: str) -> list[tuple[str, list[str]]]:
    try:
        rows = getattr(ws.tool.validate(ws.data, m), name)
    except ValidationError:
        return []  # evaluate() has shown why
    first = COLUMNS[name][0] if name == "history" else COLUMNS[name][1]
    return [(getattr(r, first) or t(lang, "draft.row", n=n + 1), r.missing()) for n, r in enumerate(rows)
            if not r.complete()]


def relationship(ws: WorksheetEditor, result: sa.SelfResult | None, m: sa.SelfMethod, lang: str) -> None:
    """Each level of the account rated as pills, with the evidence beside it; the weak levels."""
    for level in m.levels:
        score_input(ws, ["relationship", level.id], ws.data["relationship"].get(level.id), m.scale.values,
                    level.name(lang), level.question(lang))
        key = ws.field_key("note", ["relationship_notes", level.id])
        st.text_input(t(lang, "l2a.self.note"), value=ws.data.get("relationship_notes", {}).get(level.id, ""),
                      key=key, max_chars=NOTE_CHARS, label_visibility="collapsed", disabled=ws.disabled,
                      placeholder=t(lang, "l2a.self.note"), on_change=ws.set_from_widget,
                      args=(["relationship_notes", level.id], key))
    if result is not None and result.weak:
        st.warning(t(lang, "l2a.self.weak_warning", levels=t(lang, "common.list_separator").join(
            m.name_of("levels", lv)(lang) for lv in result.weak)), icon=":material/trending_down:")
