"""Small display and input components shared by the tool pages."""

from __future__ import annotations

import copy
import html
import json
import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import BaseModel, ValidationError

from kamcore.engines import WEIGHT_TOTAL, FitError, scaled_to_fit
from kamcore.i18n import Text, explain, list_title, t
from kamcore.methods.common import NAME_CHARS, Criterion, Scale, criteria_from_rows, criterion_name
from kamcore.tools import TOOLS, Tool
from ui.layout import column_switch, shown_columns
from ui.text import plain
from ui.worksheet import WorksheetEditor

# Caches sized for a classroom: each open worksheet's current state is what gets asked for again.
# Bigger caches only hold superseded versions (the 10-minute soak grew 32 % with 512/256 entries).
RESULT_CACHE, RESULT_TTL = 256, 600
FIGURE_CACHE, FIGURE_TTL = 48, 300


@st.cache_resource(max_entries=RESULT_CACHE, ttl=RESULT_TTL, show_spinner=False)
def _evaluate(tool_id: str, data_json: str, overrides_json: str) -> BaseModel:
    """Results by input value, computed once per process and shared: pages only read them."""

    tool = TOOLS[tool_id]
    return tool.run(json.loads(data_json), tool.method(json.loads(overrides_json)))


def cached_result(tool_id: str, data: dict[str, Any], overrides: dict[str, Any] | None = None) -> BaseModel:
    """The tool's result for a worksheet, computed once per process per input; ValidationError if invalid."""
    return _evaluate(tool_id, json.dumps(data, sort_keys=True), json.dumps(overrides or {}, sort_keys=True))


# ---- charts: figures built once per worksheet state and shared ------------------------------------

Figures = Callable[..., tuple[go.Figure, ...]]  # (data, result, method, lang, *extra) -> the tool's figures


@st.cache_resource(max_entries=FIGURE_CACHE, ttl=FIGURE_TTL, show_spinner=False)
def _tool_figures(build_name: str, _build: Figures, tool_id: str, data_json: str, overrides_json: str, lang: str,
                  extra: tuple[str, ...]) -> tuple[go.Figure, ...]:
    overrides, data = json.loads(overrides_json), json.loads(data_json)
    method = TOOLS[tool_id].method(overrides or None)
    return _build(data, cached_result(tool_id, data, overrides), method, lang, *extra)


def tool_figures(ws: WorksheetEditor, build: Figures, *extra: str) -> tuple[go.Figure, ...]:
    """The figures `build` draws for this worksheet as it is now, built once per process for each
    state, language and `extra` (figures are shared, so never mutated)."""
    return _tool_figures(f"{build.__module__}.{build.__qualname__}", build, ws.tool.id,
                         json.dumps(ws.data, sort_keys=True), ws.overrides_json, ws.lang, extra)


def chart(figure: go.Figure, key: str, title: str = "", where: Any = st) -> None:
    """A figure without Plotly's toolbar, under an optional bold title."""
    if title:
        where.markdown(f"**{title}**")
    where.plotly_chart(figure, key=key, config={"displayModeBar": False})


def charts_side_by_side(figures: dict[str, go.Figure], titles: dict[str, str] | None = None) -> None:
    """Figures (by widget key) in columns of equal width."""
    for column, (key, figure) in zip(st.columns(len(figures), gap="large"), figures.items(), strict=True):
        chart(figure, key, (titles or {}).get(key, ""), column)


def evaluate(tool: Tool, data: dict[str, Any], lang: str, overrides: dict[str, Any] | None = None) -> BaseModel | None:
    """The tool's result for the worksheet, or None after showing why it cannot be computed."""
    try:
        return cached_result(tool.id, data, overrides)
    except ValidationError as error:
        for problem in explain(error, lang):
            st.error(plain(problem), icon=":material/error:")
        return None


def worksheet_result(ws: WorksheetEditor) -> BaseModel | None:
    """The worksheet's result as it is now, under the workshop's changes to the tool's method."""
    return evaluate(ws.tool, ws.data, ws.lang, ws.workspace.workshop.overrides(ws.tool.id))


def verdict(lang: str, title: str, label: Text, strategy: Text, color: str) -> None:
    """The verdict card: which category, and the strategy the course recommends for it."""
    with st.container(border=True):
        st.markdown(f"{plain(title)} · <span style='color:{html.escape(color)};font-weight:700'>"
                    f"{html.escape(label(lang))}</span>", unsafe_allow_html=True)
        st.write(strategy(lang))


def anchors_caption(lang: str, anchors: Any) -> None:
    if anchors:
        st.caption(" · ".join(f"**{t(lang, f'anchors.{level}')}** {getattr(anchors, level)(lang)}"
                              for level in ("low", "medium", "high")))


def apply_delta(rows: list[dict[str, Any]], delta: dict[str, Any], columns: list[str]) -> list[dict[str, Any]]:
    """st.data_editor's edit state applied to the rows it was shown: edits by original index,
    then deletions by original index, then added rows at the end."""
    rows = [dict(row) for row in rows]
    for index, changes in (delta.get("edited_rows") or {}).items():
        rows[int(index)].update(changes)
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    kept = [row for i, row in enumerate(rows) if i not in deleted]
    return kept + [{c: added.get(c) for c in columns} for added in delta.get("added_rows") or []]


def autosave_table(ws: WorksheetEditor, name: str, rows: list[dict[str, Any]], columns: dict[str, Any],
                   to_data: Callable[[list[dict[str, Any]]], dict[str, Any]], rebuild: bool = False,
                   drafts: list[tuple[str, list[str]]] = ()) -> None:
    """A table saved on every cell edit. The editor keeps showing the rows it started from plus the
    reader's edits, and each edit commits base + all edits; `rebuild` redraws it from the store
    after each save (when saving fills in values the reader did not type).

    No column may be `required`: Streamlit holds back a new row until its required cells are filled,
    so what was typed would be lost. Incomplete rows are saved as drafts instead, listed under the
    table as (row label, missing column ids)."""
    key = ws.table_key(name)
    base = ws.table_base(key, rows)
    switch = f"{ws.tool.id}.{name.split('.')[0]}"
    shown = shown_columns(switch, ws.lang, columns)
    st.data_editor(
        pd.DataFrame(base, columns=list(columns)), key=key, column_config=shown,
        column_order=[c for c, cfg in shown.items() if cfg is not None], disabled=ws.disabled,
        num_rows="fixed" if ws.disabled else "dynamic", hide_index=True, width="stretch", placeholder="",
        on_change=_commit_table, args=(ws, key, base, list(columns), to_data, rebuild),
    )
    column_switch(switch, ws.lang, columns)
    for label, missing in drafts:
        fields = t(ws.lang, "common.list_separator").join(columns[f]["label"] for f in missing)
        st.warning(t(ws.lang, "draft.row_missing", row=plain(label), fields=fields), icon=":material/edit_note:")


def _commit_table(ws, key, base, columns, to_data, rebuild) -> None:
    rows = apply_delta(base, st.session_state[key], columns)
    version = ws.version
    if ws.commit(to_data(rows)) and rebuild and ws.version != version:
        ws.rebuild()  # not after a change that saved nothing: the reader may be typing in a new row


def weights_form(ws: WorksheetEditor, name: str, criteria: list[dict[str, Any]], specs: list[Any], lang: str,
                 to_data: Callable[[list[dict[str, Any]]], dict[str, Any]], decimals: bool = False) -> None:
    """Criteria with weights: rename, reweight, add or remove, then Save. The total follows every edit.
    A total other than 100 is not saved: what was typed stays in the table, and the reader can keep it
    and have the other weights scaled to fit (whole numbers unless the method allows `decimals`)."""
    saved = [{"id": c["id"], "name": criterion_name(Criterion.model_validate(c), specs, lang), "weight": c["weight"]}
             for c in criteria]
    draft = _weights_draft(ws, name, saved)
    whole = not decimals and all(float(row["weight"]).is_integer() for row in draft["base"])
    columns = {
        "id": None,
        "name": st.column_config.TextColumn(t(lang, "criteria.name"), max_chars=NAME_CHARS),
        "weight": st.column_config.NumberColumn(t(lang, "criteria.weight"), min_value=1 if whole else 0.01,
                                                max_value=100, step=1 if whole else 0.01),
    }
    key = ws.key("weights", name, "editor", draft["n"])
    rows = draft["rows"] = apply_delta(draft["base"], st.session_state.get(key) or {}, list(columns))
    total = math.fsum(row["weight"] for row in rows if row["weight"] is not None)
    st.caption(t(lang, "criteria.total", total=f"{round(total, 2):g}")
               + (f" · {t(lang, 'weights.unsaved')}" if rows != saved else ""))
    st.data_editor(pd.DataFrame(draft["base"], columns=list(columns)), key=key, column_config=columns,
                   column_order=[c for c, cfg in columns.items() if cfg is not None], disabled=ws.disabled,
                   num_rows="fixed" if ws.disabled else "dynamic", hide_index=True, width="stretch", placeholder="")
    what = list_title(lang, name)
    problem = _weights_problem(rows)
    if draft["attempted"] and problem:
        st.warning(t(lang, f"weights.{problem}", what=what, total=f"{round(total, 2):g}"), icon=":material/warning:")
    if draft["refusal"] and draft["refusal"]["rows"] == rows:
        st.error(t(lang, f"weights.refused.{draft['refusal']['reason']}", what=what, **draft["refusal"]["values"]),
                 icon=":material/error:")
    args = (ws, name, key, saved, specs, to_data, 2 if decimals else 0)
    save, scale = st.columns(2)
    save.button(t(lang, "criteria.save"), key=ws.key("weights", name, "save"), width="stretch",
                on_click=_save_weights, args=args, disabled=ws.disabled)
    if problem == "not_100":
        scale.button(t(lang, "weights.scale_others"), key=ws.key("weights", name, "scale"), width="stretch",
                     on_click=_scale_weights, args=args, disabled=ws.disabled)


_DRAFTS = "weights.drafts"


def _weights_draft(ws: WorksheetEditor, name: str, saved: list[dict[str, Any]]) -> dict[str, Any]:
    """This list's unsaved edits, kept in session state: `base` is what its editor started from,
    `rows` what the reader has made of it; a new editor (`n`) starts from those rows whenever the
    old one's state is gone (its tab was closed, or another list's save redrew the page)."""
    drafts = st.session_state.setdefault(_DRAFTS, {})
    draft = drafts.get(_draft_id(ws, name))
    if draft is None or draft["gen"] != ws.key("weights", name):  # new, or the worksheet was reloaded
        draft = drafts[_draft_id(ws, name)] = {"gen": ws.key("weights", name), "base": saved, "rows": saved,
                                               "n": 0, "attempted": False, "refusal": None}
    elif draft["rows"] == draft["base"] != saved:  # no edits, and the saved list or its language changed
        draft.update(base=saved, rows=saved, n=draft["n"] + 1)
    elif draft["rows"] != draft["base"] and ws.key("weights", name, "editor", draft["n"]) not in st.session_state:
        draft.update(base=draft["rows"], n=draft["n"] + 1)
    return draft


def _draft_id(ws: WorksheetEditor, name: str) -> tuple[str, ...]:
    return ws.tool.id, str(ws.workspace.group.id), ws.account_key, name


def _weights_problem(rows: list[dict[str, Any]]) -> str | None:
    """Why these rows cannot be saved as they are: 'missing' a weight, or 'not_100'; else None."""
    if any(row["weight"] is None for row in rows):
        return "missing"
    if abs(math.fsum(row["weight"] for row in rows) - WEIGHT_TOTAL) > 1e-6:
        return "not_100"
    return None


def _save_weights(ws, name, key, saved, specs, to_data, digits) -> None:
    draft = st.session_state[_DRAFTS][_draft_id(ws, name)]
    rows = apply_delta(draft["base"], st.session_state.get(key) or {}, ["id", "name", "weight"])
    if _weights_problem(rows):
        draft["attempted"] = True  # nothing saved; the typed rows stay in the editor
        return
    _commit_weights(ws, name, rows, specs, to_data)


def _scale_weights(ws, name, key, saved, specs, to_data, digits) -> None:
    """Keep the weights the reader typed (changed or new rows) and scale the others to fit 100."""
    draft = st.session_state[_DRAFTS][_draft_id(ws, name)]
    rows = apply_delta(draft["base"], st.session_state.get(key) or {}, ["id", "name", "weight"])
    before = {row["id"]: row["weight"] for row in saved}
    kept = [i for i, row in enumerate(rows) if row["id"] not in before or row["weight"] != before[row["id"]]]
    try:
        weights = scaled_to_fit([row["weight"] for row in rows], kept, digits=digits)
    except FitError as error:
        typed = math.fsum(rows[i]["weight"] for i in kept)
        draft["refusal"] = {"reason": error.reason, "rows": rows,
                            "values": {"kept": f"{round(typed, 2):g}", "unit": f"{10 ** -digits:g}"}}
        return
    _commit_weights(ws, name, [dict(row, weight=w) for row, w in zip(rows, weights, strict=True)],
                    specs, to_data)


def _commit_weights(ws, name, rows, specs, to_data) -> None:
    """Save; on success redraw the page from the store, carrying the other lists' unsaved edits over."""
    drafts = st.session_state[_DRAFTS]
    if not ws.commit(to_data(criteria_from_rows(rows, specs))):
        return  # the worksheet says why; the typed rows stay in the editor
    del drafts[_draft_id(ws, name)]
    others = [i for i in drafts if i[:3] == _draft_id(ws, name)[:3] and drafts[i]["gen"] == ws.key("weights", i[3])]
    ws.rebuild()
    for other in others:
        drafts[other]["gen"] = ws.key("weights", other[3])


# ---- scores: unscored until the person picks one ---------------------------------------------------


def score_input(ws: WorksheetEditor, path: list[Any], value: float | None, values: list[Any], label: str,
                help_text: str | None = None, format_func: Callable[[Any], str] = str) -> None:
    """One score as a row of pills with every value of the scale and none chosen until the person
    picks one (so mid-scale is a choice, not a default); picking the chosen pill again unscores it."""
    key = ws.field_key("score", path)
    chosen = next((v for v in values if value is not None and v == value), None)
    shown = label if chosen is not None else f"{label} · {t(ws.lang, 'draft.unscored_label')}"
    st.pills(shown, values, default=chosen, key=key, help=help_text, format_func=format_func,
             disabled=ws.disabled, **ws.bound(_set_score, ws, path, key))
    ws.conflict_beside(path)


def bound_slider(ws: WorksheetEditor, path: list[Any], scale: Scale, label: str, help_text: str | None = None) -> None:
    """A score on `scale` bound to the worksheet value at `path` (unscored while it is absent)."""
    score_input(ws, path, _value_at(ws.data, path), scale.values, label, help_text or None)


def _value_at(data: Any, path: list[Any]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _set_score(ws: WorksheetEditor, path: list[Any], key: str) -> None:
    data = copy.deepcopy(ws.data)
    target = data
    for step in path[:-1]:
        target = target.setdefault(step, {}) if isinstance(target, dict) else target[step]
    value = st.session_state[key]
    if value is None:
        target.pop(path[-1], None)  # unscored: the key is absent, never a placeholder value
    else:
        target[path[-1]] = value
    ws.commit_or_restore(data)


def row_picker(rows: list[dict[str, Any]], key: str, label: str | None = None) -> int:
    """The place of the row (an account, an item) the reader is working on, remembered under `key`
    by the row's own key: the first row until they pick another. With a `label`, the picker is shown."""
    keys = [row["key"] for row in rows]
    if st.session_state.get(key) not in keys:
        st.session_state[key] = keys[0]
    if label is not None:
        names = {row["key"]: row["name"] for row in rows}
        st.selectbox(label, keys, key=key, format_func=names.get)
    return keys.index(st.session_state[key])


def not_scored(lang: str, what: str, first: str) -> None:
    """In place of a verdict: nothing is judged before the group has scored it."""
    with st.container(border=True):
        st.markdown(f"**{t(lang, 'draft.not_scored')}**" + (f" · {plain(what)}" if what else ""))
        st.caption(first)
