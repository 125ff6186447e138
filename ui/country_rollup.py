"""The country roll-up page's panels: unit and targets, the countries table, importing a CSV of country
figures, and the totals with the bars by country and the countries below target."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import country_rollup as cr
from kamcore.methods.common import NAME_CHARS
from kamcore.screening import DELIMITER_NAMES, MappingError
from kamcore.tools.country_rollup import amount, country_figure, missed, pct
from ui.components import autosave_table, chart, not_scored, tool_figures
from ui.layout import wide_dataframe
from ui.text import plain, show_error
from ui.uploads import file_uploader
from ui.worksheet import WorksheetEditor

# On a phone Streamlit stacks columns one under another: the totals stay two a row, in smaller type.
_TWO_A_ROW = """<style>@media (max-width: 640px) {
  .st-key-l4b-rollup-metrics [data-testid="stHorizontalBlock"] { flex-direction: row; flex-wrap: wrap; gap: 0.5rem; }
  .st-key-l4b-rollup-metrics [data-testid="stColumn"] { flex: 1 1 calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important; }
  .st-key-l4b-rollup-metrics [data-testid="stMetricValue"] { font-size: 1.4rem; }
}</style>"""
UPLOADS_KEY = "l4b.rollup.uploads"  # how many imports this session made: a new uploader after each
FLASH_KEY = "l4b.rollup.flash"


def settings(ws: WorksheetEditor, m: cr.RollupMethod, lang: str) -> None:
    """The unit the amounts are in, and the targets a country is held to."""
    key = ws.field_key("unit", ["unit"])
    st.text_input(t(lang, "l4b.rollup.unit"), value=ws.data.get("unit", ""), key=key, max_chars=NAME_CHARS,
                  placeholder=t(lang, "l4b.rollup.unit_hint"), disabled=ws.disabled,
                  on_change=ws.set_from_widget, args=(["unit"], key))
    st.caption(t(lang, "l4b.rollup.targets_help"))
    for column, target in zip(st.columns(len(m.targets)), m.targets, strict=True):
        key = ws.field_key("target", ["targets", target.id])
        column.number_input(target.text(lang), min_value=0.0, max_value=200.0, step=1.0, format="%g",
                            value=float(ws.data.get("targets", {}).get(target.id, target.default)), key=key,
                            disabled=ws.disabled, on_change=ws.set_from_widget, args=(["targets", target.id], key))


def _columns(m: cr.RollupMethod, lang: str) -> dict[str, Any]:
    number = lambda column, low, high: st.column_config.NumberColumn(  # noqa: E731
        m.column(column).text(lang), min_value=low, max_value=high, format="localized")
    return {"key": None,
            "country": st.column_config.TextColumn(m.column("country").text(lang), max_chars=NAME_CHARS),
            "revenue": number("revenue", 0, cr.LIMIT), "plan": number("plan", 0, cr.LIMIT),
            "margin": number("margin", -100, 100), "share": number("share", 0, 100),
            "service": number("service", 0, 100)}


def countries(ws: WorksheetEditor, m: cr.RollupMethod, lang: str) -> None:
    """The countries as a table saved on every edit; a row missing a figure is a draft, named under it."""
    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        return cr.from_table(ws.data, edited)

    if not ws.data["rows"]:
        st.caption(t(lang, "l4b.rollup.first"))
    autosave_table(ws, "rows", ws.data["rows"], _columns(m, lang), to_data, rebuild=True, drafts=_drafts(ws, m, lang))


def _drafts(ws: WorksheetEditor, m: cr.RollupMethod, lang: str) -> list[tuple[str, list[str]]]:
    try:
        rows = ws.tool.validate(ws.data, m).rows
    except ValidationError:
        return []  # evaluate() has shown why
    return [(row.country or t(lang, "draft.row", n=n + 1), row.missing()) for n, row in enumerate(rows)
            if not row.complete()]


def importer(ws: WorksheetEditor, m: cr.RollupMethod, lang: str) -> None:
    """A CSV (or workbook) of country figures: read, previewed with the lines left out, and merged into
    the worksheet only when the group says so; a file that cannot be used changes nothing."""
    if done := st.session_state.pop(FLASH_KEY, None):
        st.success(t(lang, "l4b.rollup.imported", count=done), icon=":material/check:")
    st.caption(t(lang, "l4b.rollup.import_help", columns=" · ".join(c.text(lang) for c in m.columns)))
    uploads = st.session_state.get(UPLOADS_KEY, 0)
    uploaded = file_uploader(lang, t(lang, "l4b.rollup.import_file"), f"l4b.rollup.file.{uploads}", ["csv", "xlsx"])
    if uploaded is None:
        return
    try:
        imported = cr.read_countries(uploaded, uploaded.name, m)
    except cr.MissingColumns as error:
        st.error(plain(error.in_words(m, lang)), icon=":material/error:")
        return
    except MappingError as error:
        show_error(lang, error)
        if isinstance(error, cr.NothingToImport):
            _lines(error.imported, m, lang)
        return
    except (ValueError, OSError) as error:
        st.error(t(lang, "screen.unreadable", detail=plain(str(error)[:200])), icon=":material/error:")
        return
    if imported.encoding:
        st.caption(t(lang, "files_fix.read_as", encoding=imported.encoding,
                     delimiter=t(lang, f"files_fix.delimiter.{DELIMITER_NAMES[imported.delimiter]}")))
    if imported.problems:
        st.warning(t(lang, "l4b.rollup.import_left_out", count=len(imported.problems)), icon=":material/warning:")
        _lines(imported, m, lang)
    st.dataframe(pd.DataFrame([{m.column(c).text(lang): r[c] for c in cr.COLUMNS} for r in imported.rows]),
                 hide_index=True, width="stretch", placeholder="")
    if st.button(t(lang, "l4b.rollup.import_button", count=len(imported.rows)), key="l4b.rollup.import",
                 type="primary", icon=":material/upload:", disabled=ws.disabled):
        if ws.commit(cr.merged(ws.data, imported.rows)):
            ws.rebuild()
            st.session_state[UPLOADS_KEY] = uploads + 1
            st.session_state[FLASH_KEY] = len(imported.rows)
        st.rerun()


def _lines(imported: cr.Imported, m: cr.RollupMethod, lang: str) -> None:
    """The file's lines left out, with why (the first 200)."""
    st.caption("  \n".join(plain(line) for line in imported.lines(m, lang)[:200]))


def totals(ws: WorksheetEditor, result: cr.RollupResult, m: cr.RollupMethod, lang: str) -> None:
    """The account's totals and gap to plan, the bars by country, and the countries below target."""
    if not result.countries:
        not_scored(lang, t(lang, "l4b.rollup.totals"), t(lang, "l4b.rollup.first"))
        return
    unit = ws.data.get("unit", "")
    st.html(_TWO_A_ROW)
    with st.container(key="l4b-rollup-metrics"):
        _metrics(result, m, lang, unit)
    if result.duplicates:
        st.warning(t(lang, "l4b.rollup.duplicates", names=plain(t(lang, "common.list_separator").join(
            result.duplicates))), icon=":material/content_copy:")
    chart(tool_figures(ws, _bars)[0], ws.key("rollup_chart"), t(lang, "l4b.rollup.chart_title"))
    _table(result, m, lang)


def _metrics(result: cr.RollupResult, m: cr.RollupMethod, lang: str, unit: str) -> None:
    s = result.totals
    first = st.columns(4)
    first[0].metric(m.column("revenue").text(lang), amount(s.revenue, unit))
    first[1].metric(m.column("plan").text(lang), amount(s.plan, unit))
    first[2].metric(t(lang, "l4b.rollup.gap"), amount(s.gap, unit))
    first[3].metric(t(lang, "l4b.rollup.attainment"), pct(s.attainment))
    second = st.columns(4)
    for column, (figure, value) in zip(second, (("margin", s.margin), ("share", s.share), ("service", s.service)),
                                       strict=False):
        column.metric(m.column(figure).text(lang), pct(value))
    second[3].metric(t(lang, "l4b.rollup.below_count"), f"{len(result.flagged)} / {len(result.countries)}")


def _bars(data: dict, result: cr.RollupResult, m: cr.RollupMethod, lang: str) -> tuple[go.Figure]:
    return (country_figure(result, m, lang),)


def _table(result: cr.RollupResult, m: cr.RollupMethod, lang: str) -> None:
    """Every country with its gap and what it misses; those below target first."""
    below = t(lang, "l4b.rollup.below")
    ordered = sorted(result.countries, key=lambda c: not c.below)
    frame = pd.DataFrame([{m.column("country").text(lang): c.country, t(lang, "l4b.rollup.gap"): round(c.gap, 2),
                           below: missed(c, m, lang) or "✓", t(lang, "l4b.rollup.attainment"): pct(c.attainment),
                           m.column("margin").text(lang): pct(c.margin), m.column("share").text(lang): pct(c.share),
                           m.column("service").text(lang): pct(c.service)} for c in ordered])
    st.markdown(f"**{t(lang, 'l4b.rollup.table_title')}**")
    wide_dataframe("l4b.rollup.table", lang, frame)
