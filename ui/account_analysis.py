"""The target-account analysis page's panels: a part's fields (text, amounts, scores), the information
sources with their dates as one table, and the completeness of each part."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from kamcore.i18n import t
from kamcore.methods import account_analysis as aa
from kamcore.methods import buying_centre as bc
from kamcore.methods.common import LONG_NOTE_CHARS, NOTE_CHARS, as_date
from kamcore.tools.account_analysis import names, percent, section_name, wallet
from ui.components import apply_delta, not_scored, score_input
from ui.lecture1 import tool_links
from ui.session import Context
from ui.worksheet import WorksheetEditor

STORE = {"text": "texts", "number": "numbers", "score": "scores"}


def progress_line(result: aa.AnalysisResult | None, lang: str) -> None:
    if result is not None:
        st.progress(result.share, text=t(lang, "l2a.analysis.progress", pct=percent(result.share),
                                         filled=result.filled, total=result.total))


def parts(ws: WorksheetEditor, m: aa.AnalysisMethod, ids: tuple[str, ...], lang: str) -> None:
    """Parts of the analysis side by side (one under the other on a phone)."""
    for column, section_id in zip(st.columns(len(ids), gap="large"), ids, strict=True):
        with column:
            part(ws, m, section_id, lang)


def part(ws: WorksheetEditor, m: aa.AnalysisMethod, section_id: str, lang: str) -> None:
    """One part of the analysis under its name: every field bound to the worksheet."""
    section = next(s for s in m.sections if s.id == section_id)
    st.subheader(section.name(lang))
    for field in section.fields:
        path = [STORE[field.type], field.id]
        value = ws.data.get(STORE[field.type], {}).get(field.id)
        hint = field.hint(lang) if field.hint else None
        if field.type == "score":
            score_input(ws, path, value, m.score_scale.values, field.label(lang), hint)
            continue
        key = ws.field_key(field.type, path)
        if field.type == "number":
            st.number_input(field.label(lang), value=value, min_value=0.0, step=1.0, key=key, help=hint,
                            disabled=ws.disabled, on_change=_set, args=(ws, path, key))
        else:
            st.text_area(field.label(lang), value=value or "", key=key, max_chars=LONG_NOTE_CHARS, height=68,
                         placeholder=hint or "", disabled=ws.disabled, on_change=_set, args=(ws, path, key))


def _set(ws: WorksheetEditor, path: list[str], key: str) -> None:
    """A field's new value; an emptied field is taken out (never saved as a placeholder)."""
    data = copy.deepcopy(ws.data)
    value = st.session_state[key]
    box = data.setdefault(path[0], {})
    if value in (None, ""):
        box.pop(path[1], None)
    else:
        box[path[1]] = value
    ws.commit_or_restore(data)


def sources(ws: WorksheetEditor, m: aa.AnalysisMethod, result: aa.AnalysisResult | None, lang: str) -> None:
    """The five kinds of source as one table: what was learnt from each, and when."""
    saved = ws.data.get("sources", {})
    rows = [{"id": s.id, "source": s.name(lang), "note": saved.get(s.id, {}).get("note", ""),
             "date": as_date(saved.get(s.id, {}).get("date"))} for s in m.sources]
    key = ws.table_key("sources")
    base = ws.table_base(key, rows)
    columns = {"id": None, "source": st.column_config.TextColumn(t(lang, "l2a.analysis.source"), disabled=True),
               "note": st.column_config.TextColumn(t(lang, "l2a.analysis.note"), max_chars=NOTE_CHARS, width="large"),
               "date": st.column_config.DateColumn(t(lang, "l2a.analysis.date"), max_value=dt.date(2100, 1, 1))}
    st.data_editor(pd.DataFrame(base, columns=list(columns)), key=key, column_config=columns,
                   column_order=["source", "note", "date"], hide_index=True, width="stretch", num_rows="fixed",
                   placeholder="",
                   disabled=ws.disabled, on_change=_commit_sources, args=(ws, key, base, list(columns)))
    st.caption(" · ".join(f"**{s.name(lang)}**: {s.hint(lang)}" for s in m.sources))
    if result is not None and result.stale:
        st.warning(t(lang, "l2a.analysis.stale_warning", days=m.stale_days, sources=names(result.stale, m, lang)),
                   icon=":material/history:")
    if result is not None and result.undated:
        st.info(t(lang, "l2a.analysis.undated", sources=names(result.undated, m, lang)), icon=":material/event:")


def _commit_sources(ws: WorksheetEditor, key: str, base: list[dict[str, Any]], columns: list[str]) -> None:
    rows = apply_delta(base, st.session_state[key], columns)
    notes = {}
    for row in rows:
        note, day = (row.get("note") or "").strip(), as_date(row.get("date"))
        if note or day:
            notes[row["id"]] = {"note": note, "date": day.isoformat() if day else None}
    ws.commit({**ws.data, "sources": notes})


def overview(ctx: Context, ws: WorksheetEditor, m: aa.AnalysisMethod, result: aa.AnalysisResult | None,
             account_key: str) -> None:
    """Each part's completeness, what is missing, the share of wallet, and the relationship map's people."""
    lang = ctx.lang
    if result is None or not result.started:
        not_scored(lang, t(lang, "l2a.analysis.complete"), t(lang, "l2a.analysis.first"))
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        for done in result.sections:
            st.progress(done.share, text=f"{section_name(done.id, m, lang)} · {done.filled} / {done.total}")
    with right:
        st.metric(t(lang, "l2a.analysis.wallet_metric"), wallet(result))
        if result.share_of_wallet is None:
            st.caption(t(lang, "l2a.analysis.wallet_missing"))
        centre = ctx.workspace.worksheet(bc.TOOL_ID, account_key)
        if centre is not None:
            _centre_line(ctx, centre.data)


def _centre_line(ctx: Context, data: dict[str, Any]) -> None:
    """What the relationship map already says about the buying centre (read, never retyped)."""
    m = ctx.method(bc.TOOL_ID)
    try:
        result = bc.evaluate(bc.BuyingCentreInput.model_validate(data, context={"method": m}), m)
    except ValueError:
        return
    st.caption(t(ctx.lang, "l2a.analysis.centre_hint", people=result.people, reached=len(result.reached)))
    tool_links(ctx, [bc.TOOL_ID], "account-analysis-centre-link")
