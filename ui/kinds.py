"""The page of every tool of a declared kind (data/methods/<id>.yaml with `kind:`): the worksheet with
the same field-level saves, following and drafts as the course's own tools, and its verdict."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import BaseModel, ValidationError

from kamcore.charts import Axis, Point, matrix_figure
from kamcore.i18n import t
from kamcore.kinds.base import ScoredCriterion
from kamcore.kinds.checklist import row_text
from kamcore.kinds.log import counts_line
from kamcore.methods.common import as_date, iso_day, typed
from kamcore.store import PORTFOLIO
from kamcore.tools import TOOLS, Tool
from ui.accounts import account_worksheet
from ui.components import autosave_table, not_scored, score_input, verdict, worksheet_result
from ui.model_answer import model_answer
from ui.session import Context
from ui.text import plain
from ui.worksheet import WorksheetEditor

ACCENT = "#1f6feb"


def page(ctx: Context) -> None:
    """The page for the tool whose url path this run shows."""
    tool = TOOLS[ctx.page]
    m, ws, result = _worksheet(tool, ctx)
    if tool.kind in SCORED:  # a score picked reruns the criteria and the verdict alone
        ws.panel("score", lambda: RENDERERS[tool.kind](ws, m, worksheet_result(ws), ctx.lang))
    else:
        RENDERERS[tool.kind](ws, m, result, ctx.lang)


def _worksheet(tool: Tool, ctx: Context) -> tuple[Any, WorksheetEditor, BaseModel | None]:
    """Title, exercise, the worksheet (one per account, or the group's one) and its result."""
    if tool.scope == "account":
        m, _, ws, result = account_worksheet(tool.id, ctx, tool.blank)
        return m, ws, result
    lang, m = ctx.lang, ctx.method(tool.id)
    st.title(m.title(lang))
    st.info(m.exercise_prompt(lang), icon=":material/groups:")
    ws = WorksheetEditor(ctx.workspace, tool, m, lang, blank=lambda: tool.blank(m), account_key=PORTFOLIO)
    if st.button(t(lang, "common.load_example"), key=f"{tool.id}.load_example", icon=":material/download:",
                 disabled=ws.disabled):
        ws.replace(tool.example(m, lang=lang))
        st.rerun()
    ws.status()
    model_answer(ctx, tool.id)
    return m, ws, worksheet_result(ws)


# ---- scored criteria: assessment and matrix ---------------------------------------------------------

def _criterion(ws: WorksheetEditor, c: ScoredCriterion, m: Any, lang: str) -> None:
    """One criterion: its score as pills on the method's scale, and a note."""
    anchors = [f"{t(lang, f'anchors.{level}')}: {getattr(c.anchors, level)(lang)}"
               for level in ("low", "medium", "high")] if c.anchors else []
    help_text = " · ".join(([c.definition(lang)] if c.definition else []) + anchors) or None
    score_input(ws, ["scores", c.id], ws.data["scores"].get(c.id), m.scale.values, c.name(lang), help_text)
    key = ws.field_key("note", ["notes", c.id])
    label = m.note_label(lang) if m.note_label else t(lang, "kinds.note")
    st.text_input(label, value=ws.data["notes"].get(c.id, ""), key=key, max_chars=2000,
                  label_visibility="collapsed", placeholder=label, disabled=ws.disabled,
                  **ws.bound(ws.set_from_widget, ["notes", c.id], key))


def _names(ids: list[str], criteria: list[ScoredCriterion], lang: str) -> str:
    names = {c.id: c.name(lang) for c in criteria}
    return t(lang, "common.list_separator").join(names[i] for i in ids)


def assessment(ws: WorksheetEditor, m: Any, result: Any, lang: str) -> None:
    inputs, outcome = st.columns([3, 2], gap="large")
    with inputs:
        for c in m.criteria:
            _criterion(ws, c, m, lang)
    with outcome:
        if result is None:
            return
        st.caption(t(lang, "kinds.scored_count", scored=result.scored, total=len(m.criteria)))
        if result.score is None:
            not_scored(lang, t(lang, "kinds.band"), t(lang, "kinds.score_first",
                                                        what=_names(result.missing, m.criteria, lang)))
            return
        st.metric(t(lang, "kinds.score"), f"{result.score:.2f}")
        band = m.band(result.band)
        verdict(lang, t(lang, "kinds.band"), band.label, band.advice, ACCENT)
        if result.failed_gates:
            st.warning(t(lang, "kinds.gate_capped", names=_names(result.failed_gates, m.criteria, lang)),
                       icon=":material/block:")


def matrix(ws: WorksheetEditor, m: Any, result: Any, lang: str) -> None:
    x_side, y_side = st.columns(2, gap="large")
    for column, axis in ((x_side, m.x), (y_side, m.y)):
        with column:
            st.subheader(axis.name(lang))
            for c in axis.criteria:
                _criterion(ws, c, m, lang)
    if result is None:
        return
    if result.quadrant is None:
        not_scored(lang, t(lang, "kinds.quadrant"), t(lang, "kinds.axis_first",
                                                        what=_names(result.missing, m.criteria(), lang)))
        return
    values, chart = st.columns([2, 3], gap="large")
    values.metric(m.x.name(lang), f"{result.x:.2f}")
    values.metric(m.y.name(lang), f"{result.y:.2f}")
    category = m.matrix.category(result.quadrant)
    with values:
        verdict(lang, t(lang, "kinds.quadrant"), category.label, category.strategy, category.color)
    scale = (m.scale.min, m.scale.max)
    figure = matrix_figure([Point(m.name(lang), result.x, result.y, highlight=True)], m.matrix, lang,
                           Axis(m.x.name(lang), *scale), Axis(m.y.name(lang), *scale))
    chart.plotly_chart(figure, key=ws.key("matrix_chart"), config={"displayModeBar": False})


# ---- rows: checklist and log ------------------------------------------------------------------------

def _new_key() -> str:
    return f"r{uuid.uuid4().hex[:8]}"


def _row_table(ws: WorksheetEditor, m: Any, rows: list[dict], columns: dict[str, Any],
               to_row: Callable[[dict], dict], label: Callable[[dict], str]) -> None:
    """An autosaved table of the worksheet's rows, each kept by its key; rows left empty are not rows.
    A row typed but not complete is listed under the table by its label (else its number)."""
    def to_data(edited: list[dict]) -> dict[str, Any]:
        kept = [r for r in edited if typed(r, ignore=("key", "item")) or r.get("item")]
        return {**ws.data, "rows": [to_row({**r, "key": r.get("key") or _new_key()}) for r in kept]}

    autosave_table(ws, "rows", rows, columns, to_data, rebuild=True, drafts=_drafts(ws, m, label))


def _drafts(ws: WorksheetEditor, m: Any, label: Callable[[dict], str]) -> list[tuple[str, list[str]]]:
    """(label, missing columns) of every row typed but not complete, as the tool's model sees it."""
    try:
        rows = ws.tool.validate(ws.data, m).rows
    except ValidationError:
        return []  # evaluate() has shown why the worksheet does not fit its method
    return [(label(raw) or t(ws.lang, "draft.row", n=n + 1), row.missing())
            for n, (raw, row) in enumerate(zip(ws.data["rows"], rows, strict=True))
            if not row.complete() and typed(raw, ignore=("key", "item"))]


def _counted(result: Any, rows: Callable[[Any], int], lang: str, what: str, first: str) -> bool:
    """Whether there is a result with rows that count; while none do, says what to do first."""
    if result is None:
        return False
    if not rows(result):
        not_scored(lang, t(lang, what), t(lang, first))
        return False
    return True


def checklist(ws: WorksheetEditor, m: Any, result: Any, lang: str) -> None:
    statuses = {s.id: s.label(lang) for s in m.statuses}
    columns = {
        "key": None, "item": None,
        "text": st.column_config.TextColumn(t(lang, "kinds.item"), max_chars=120),
        # an added row starts at the first status not done (no untranslated "Select..." in its cell)
        "status": st.column_config.SelectboxColumn(t(lang, "kinds.status"), options=list(statuses),
                                                   format_func=statuses.get,
                                                   default=next(s.id for s in m.statuses if not s.done)),
        "owner": st.column_config.TextColumn(t(lang, "kinds.owner"), max_chars=120),
        "due": st.column_config.DateColumn(t(lang, "kinds.due")),
    }
    shown = [{**r, "text": row_text(r, m, lang), "due": as_date(r.get("due"))} for r in ws.data["rows"]]

    def to_row(r: dict) -> dict:
        own = (r.get("text") or "").strip()
        course = {text for i in m.items if i.id == r.get("item") for text in (i.text.zh, i.text.en)}
        return {"key": r["key"], "item": r.get("item"), "text": "" if own in course else own,
                "status": r.get("status"), "owner": r.get("owner") or "", "due": iso_day(r.get("due"))}

    _row_table(ws, m, shown, columns, to_row, lambda r: row_text(r, m, lang))
    if not _counted(result, lambda r: r.total, lang, "kinds.done", "kinds.checklist_first"):
        return
    done, overdue = st.columns(2)
    done.metric(t(lang, "kinds.done"), f"{result.done} / {result.total}")
    overdue.metric(t(lang, "kinds.overdue"), len(result.overdue))
    if result.overdue:
        texts = {r["key"]: row_text(r, m, lang) for r in ws.data["rows"]}
        st.warning(t(lang, "kinds.overdue_rows", names=t(lang, "common.list_separator").join(
            texts[k] for k in result.overdue)), icon=":material/schedule:")


def _log_column(c: Any, lang: str) -> Any:
    label = c.label(lang)
    if c.type == "number":
        return st.column_config.NumberColumn(label, min_value=-1e12, max_value=1e12)
    if c.type == "date":
        return st.column_config.DateColumn(label)
    if c.type == "choice":  # a new row starts at a choice (no untranslated "Select..."): the first, or "—"
        choices = {**({} if c.required else {"": "—"}), **{x.id: x.label(lang) for x in c.choices}}
        return st.column_config.SelectboxColumn(label, options=list(choices), format_func=choices.get,
                                                default=next(iter(choices)))
    return st.column_config.TextColumn(label, max_chars=2000)


def log(ws: WorksheetEditor, m: Any, result: Any, lang: str) -> None:
    columns = {"key": None, "date": st.column_config.DateColumn(t(lang, "kinds.date")),
               **{c.id: _log_column(c, lang) for c in m.columns}}
    dates = {c.id for c in m.columns if c.type == "date"}
    shown = [{"key": r["key"], "date": as_date(r.get("date")),
              **{c: (as_date(v) if c in dates else v) for c, v in r.get("values", {}).items()}}
             for r in ws.data["rows"]]

    def to_row(r: dict) -> dict:
        return {"key": r["key"], "date": iso_day(r.get("date")),
                "values": {c.id: iso_day(r.get(c.id)) if c.id in dates else r.get(c.id) for c in m.columns}}

    if not ws.data["rows"]:
        st.caption(t(lang, "kinds.log_first"))
    _row_table(ws, m, shown, columns, to_row, lambda r: r.get("date") or "")
    if not _counted(result, lambda r: r.rows, lang, "kinds.rows", "kinds.log_first"):
        return
    tracks_open = m.tracks_open()
    metrics = st.columns(2 + len(m.numbers()) + tracks_open)
    metrics[0].metric(t(lang, "kinds.rows"), result.rows)
    metrics[1].metric(t(lang, "kinds.latest"), result.last.isoformat() if result.last else "—")
    for column, c in zip(metrics[2:], m.numbers(), strict=False):
        column.metric(c.label(lang), f"{result.totals[c.id]:g}")
    if tracks_open:
        metrics[-1].metric(t(lang, "l2d.open"), len(result.open))
    for c in m.choices():
        if line := counts_line(result, c, lang):
            st.caption(t(lang, "l2d.counts", label=plain(c.label(lang)), counts=plain(line)))
    if result.open:
        texts = [c.id for c in m.columns if c.type == "text"][:2]  # an open row named by its first texts
        rows = {r["key"]: r for r in ws.data["rows"]}
        st.warning(t(lang, "l2d.open_rows") + "".join(
            "\n- " + plain(" · ".join(str(rows[k]["values"].get(c) or "") for c in texts)) for k in result.open),
            icon=":material/pending:")


RENDERERS: dict[str, Callable[[WorksheetEditor, Any, Any, str], None]] = {
    "assessment": assessment, "matrix": matrix, "checklist": checklist, "log": log,
}
SCORED = ("assessment", "matrix")  # kinds whose page is criteria scored beside their verdict
