"""The six-element strategy page's panels: objectives, focus, positioning (read from the other tools, with
links to where each slot was made), the three tables, and the checker."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import account_strategy as sm
from kamcore.methods.common import NAME_CHARS, SHORT_TEXT_CHARS, as_date
from kamcore.methods.sources import read
from kamcore.reads import sources_of
from kamcore.store import Account
from kamcore.tools import TOOLS
from kamcore.tools.account_strategy import gaps, letters
from ui.components import autosave_table
from ui.session import Context
from ui.text import plain
from ui.worksheet import WorksheetEditor

NUMBER_FORMAT = "%,.0f"


def records(ctx: Context, tool_id: str, account: Account) -> dict[str, Any]:
    """What the tool reads along for this account: the group's saved worksheets of those tools, now."""
    def saved(other: str, key: str) -> dict[str, Any] | None:
        found = ctx.workspace.worksheet(other, key) if other in TOOLS else None
        return found.data if found else None

    return sources_of(TOOLS[tool_id], account.key, account.name, saved)


def methods_of(ctx: Context, tool_id: str) -> dict[str, Any]:
    return {other: ctx.method(other) for other in TOOLS[tool_id].reads if other in TOOLS}


def checked(ws: WorksheetEditor, m: sm.StrategyMethod, found: dict[str, Any], methods: dict[str, Any],
            lang: str) -> sm.StrategyResult | None:
    try:
        inp = sm.StrategyInput.model_validate(ws.data, context={"method": m})
    except ValidationError:
        return None  # the page's top has said why
    return sm.evaluate_with(inp, m, read(found, lang, methods), lang)


def progress_line(r: sm.StrategyResult, lang: str) -> None:
    st.progress(r.points / r.possible, text=t(lang, "l2b.strategy.points_line", points=r.points, possible=r.possible))


def _select(ws: WorksheetEditor, m: sm.StrategyMethod, name: str, what: str, lang: str, where: Any = st) -> None:
    choices = {c.id: c.text(lang) for c in getattr(m, what)}
    key = ws.field_key(name, [name])
    value = ws.data.get(name)
    where.selectbox(m.label(name, lang), list(choices), index=list(choices).index(value) if value in choices else None,
                    key=key, format_func=choices.get, placeholder=t(lang, "lang_fix.choose"), disabled=ws.disabled,
                    on_change=ws.set_from_widget, args=([name], key))


def _text(ws: WorksheetEditor, path: list[str], label: str, where: Any = st) -> None:
    key = ws.field_key(path[0], path)
    value = ws.data
    for part in path:
        value = value.get(part, "") if isinstance(value, dict) else ""
    where.text_input(label, value=value or "", key=key, max_chars=SHORT_TEXT_CHARS, disabled=ws.disabled,
                     on_change=ws.set_from_widget, args=(path, key))


def objectives(ws: WorksheetEditor, m: sm.StrategyMethod, r: sm.StrategyResult | None, lang: str) -> None:
    """The strategic objective and the operational ones, each with the SMART letters it meets."""
    _text(ws, ["strategic"], m.label("strategic", lang))
    left, right = st.columns(2)
    _select(ws, m, "direction", "directions", lang, left)
    _select(ws, m, "stage", "stages", lang, right)
    st.markdown(f"**{m.label('objectives', lang)}**")
    st.caption(" · ".join(f"**{s.letter}** {s.text(lang)}" for s in m.smart))
    table(ws, m, "objectives", lang)
    if r is not None and r.objectives:
        st.dataframe([{m.label("statement", lang): c.statement, "SMART": letters(c, m)} for c in r.objectives],
                     hide_index=True, width="stretch")


def focus(ws: WorksheetEditor, m: sm.StrategyMethod, lang: str) -> None:
    """The opportunity grid (products × account units) and the margin levers."""
    st.caption(t(lang, "l2b.strategy.focus_help"))
    top, bottom = st.columns(2), st.columns(2)
    for where, cell in zip((*top, *bottom), m.cells, strict=True):
        _text(ws, ["focus", cell.id], cell.text(lang), where)
    choices = {c.id: c.text(lang) for c in m.levers}
    key = ws.field_key("levers", ["levers"])
    st.multiselect(m.label("levers", lang), list(choices), default=[x for x in ws.data["levers"] if x in choices],
                   key=key, format_func=choices.get, placeholder=t(lang, "lang_fix.choose"), disabled=ws.disabled,
                   on_change=ws.set_from_widget, args=(["levers"], key))
    _text(ws, ["levers_note"], m.label("levers_note", lang))


def positioning(ws: WorksheetEditor, m: sm.StrategyMethod, r: sm.StrategyResult | None, lang: str) -> None:
    """Each slot with the tool it comes from (a link there); the group's own words only where a source
    has nothing; the statement as the template fills it, or the group's own."""
    if r is None:
        return
    placed = r.positioning
    st.caption(t(lang, "l2b.strategy.positioning_help"))
    for slot in m.slots:
        origin = placed.origin[slot.id]
        value = placed.slots[slot.id] or t(lang, "l2b.strategy.slot_empty")
        st.markdown(f"**{slot.text(lang)}**: {plain(value)}")
        if origin in TOOLS:
            st.page_link(TOOLS[origin].nav.page, label=t(lang, "l2b.strategy.made_in", tool=TOOLS[origin].name(lang)),
                         icon=":material/link:")
    left, right = st.columns(2)
    _text(ws, ["positioning", "offer"], m.label("offer", lang), left)
    _text(ws, ["positioning", "reasons"], m.label("reasons", lang), right)
    with st.container(border=True):
        st.markdown(f"**{t(lang, 'l2b.strategy.statement')}**")
        st.write(plain(placed.statement))
    _text(ws, ["positioning", "statement"], t(lang, "l2b.strategy.own_statement"))


def _column(m: sm.StrategyMethod, column: str, lang: str) -> Any:
    label = m.label(column, lang)
    if column in sm.DATES:
        return st.column_config.DateColumn(label)
    if column in sm.NUMBERS:
        return st.column_config.NumberColumn(label, format=None if column in ("baseline", "target") else NUMBER_FORMAT)
    if column == "agreed":
        return st.column_config.CheckboxColumn(label, default=False)
    what = next((w for (_, c), w in sm.CHOICES.items() if c == column), None)
    if what is not None:
        choices = {c.id: c.text(lang) for c in getattr(m, what)}
        return st.column_config.SelectboxColumn(label, options=list(choices), format_func=choices.get,
                                                default=next(iter(choices)))
    return st.column_config.TextColumn(label, max_chars=NAME_CHARS if column in ("owner", "head")
                                       else SHORT_TEXT_CHARS)


def table(ws: WorksheetEditor, m: sm.StrategyMethod, name: str, lang: str) -> None:
    """One of the strategy's tables, saved on every edit; incomplete rows are listed under it."""
    names = sm.COLUMNS[name]
    columns = {"key": None, **{c: _column(m, c, lang) for c in names}}
    rows = [{**r, **{c: as_date(r.get(c)) for c in names if c in sm.DATES}} for r in ws.data[name]]

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        return sm.from_table(ws.data, name, edited)

    autosave_table(ws, name, rows, columns, to_data, rebuild=True, drafts=_drafts(ws, m, name, lang))


def _drafts(ws: WorksheetEditor, m: sm.StrategyMethod, name: str, lang: str) -> list[tuple[str, list[str]]]:
    try:
        rows = getattr(sm.StrategyInput.model_validate(ws.data, context={"method": m}), name)
    except ValidationError:
        return []
    first = sm.COLUMNS[name][0]
    named = first != "function"  # a choice column says nothing about which row it is
    return [((str(getattr(row, first) or "") if named else "") or t(lang, "draft.row", n=n + 1), row.missing())
            for n, row in enumerate(rows) if not row.complete()]


def budget(ws: WorksheetEditor, m: sm.StrategyMethod, r: sm.StrategyResult | None, lang: str) -> None:
    table(ws, m, "budget", lang)
    if r is not None and r.totals["revenue"]:
        cols = st.columns(4)
        for where, name in zip(cols, ("revenue", "costs", "contribution", "investment"), strict=True):
            where.metric(m.label(name, lang), f"{r.totals[name]:,.0f}")


def checker(r: sm.StrategyResult | None, m: sm.StrategyMethod, lang: str) -> None:
    """Every element present or what to do; the objectives not SMART yet; the positioning's empty slots."""
    if r is None:
        return
    st.markdown(f"**{t(lang, 'l2b.strategy.points_line', points=r.points, possible=r.possible)}**")
    for e in r.elements:
        spec = m.element(e.id)
        if e.present:
            st.markdown(f":material/check_circle: {spec.text(lang)}")
        else:
            notes = [t(lang, f"l2b.strategy.note.{n}") for n in e.notes]
            st.warning(f"**{spec.text(lang)}** — {' '.join([spec.gap(lang), *notes])}",
                       icon=":material/radio_button_unchecked:")
    for line in gaps(r, m, lang)[len(r.missing):]:
        st.caption(line)
