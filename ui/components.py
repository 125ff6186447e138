"""Small display and input components shared by the tool pages."""

from __future__ import annotations

import copy
import html
import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import BaseModel, ValidationError

from kamcore.engines import WeightError, scaled_to_total
from kamcore.i18n import Text, explain, t
from kamcore.methods.common import Criterion, criteria_from_rows, criterion_name
from kamcore.tools import TOOLS, Tool
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


def evaluate(tool: Tool, data: dict[str, Any], lang: str, overrides: dict[str, Any] | None = None) -> BaseModel | None:
    """The tool's result for the worksheet, or None after showing why it cannot be computed."""
    try:
        return cached_result(tool.id, data, overrides)
    except ValidationError as error:
        for problem in explain(error, lang):
            st.error(plain(problem), icon=":material/error:")
        return None


def edit_table(key: str, rows: list[dict[str, Any]], columns: dict[str, Any],
               actions: dict[str, str]) -> tuple[list[dict[str, Any]], str] | None:
    """A table edited as one decision inside a form: (rows, action) on submit, else None."""
    with st.form(key, border=False):
        edited = st.data_editor(
            pd.DataFrame(rows, columns=list(columns)), key=f"{key}.editor", column_config=columns,
            column_order=[c for c, cfg in columns.items() if cfg is not None],
            num_rows="dynamic", hide_index=True, width="stretch",
        )
        buttons = st.columns(len(actions))
        pressed = [action for (action, label), col in zip(actions.items(), buttons, strict=True)
                   if col.form_submit_button(label, key=f"{key}.{action}", width="stretch")]
    if not pressed:
        return None
    records = edited.astype(object).where(edited.notna(), None).to_dict("records")
    return records, pressed[0]


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
                   drafts: list[tuple[str, list[str]]] = (), **commit_kwargs: Any) -> None:
    """A table saved on every cell edit. The editor keeps showing the rows it started from plus the
    reader's edits, and each edit commits base + all edits; `rebuild` redraws it from the store
    after each save (when saving fills in values the reader did not type).

    No column may be `required`: Streamlit holds back a new row until its required cells are filled,
    so what was typed would be lost. Incomplete rows are saved as drafts instead, listed under the
    table as (row label, missing column ids)."""
    key = ws.key("table", name)
    base = ws.table_base(name, rows)
    st.data_editor(
        pd.DataFrame(base, columns=list(columns)), key=key, column_config=columns,
        column_order=[c for c, cfg in columns.items() if cfg is not None],
        num_rows="dynamic", hide_index=True, width="stretch", placeholder="",
        on_change=_commit_table, args=(ws, key, base, list(columns), to_data, rebuild, commit_kwargs),
    )
    for label, missing in drafts:
        fields = ", ".join(columns[f]["label"] for f in missing)
        st.warning(t(ws.lang, "draft.row_missing", row=plain(label), fields=fields), icon=":material/edit_note:")


def _commit_table(ws, key, base, columns, to_data, rebuild, commit_kwargs) -> None:
    rows = apply_delta(base, st.session_state[key], columns)
    version = ws.version
    if ws.commit(to_data(rows), **commit_kwargs) and rebuild and ws.version != version:
        ws.rebuild()  # not after a change that saved nothing: the reader may be typing in a new row


def weights_form(ws: WorksheetEditor, name: str, criteria: list[dict[str, Any]], specs: list[Any], lang: str,
                 to_data: Callable[[list[dict[str, Any]]], dict[str, Any]], **commit_kwargs: Any) -> None:
    """Criteria with weights, edited as one decision: rename, reweight, add, remove; weights sum to 100.
    'Scale to 100' rescales what was typed before saving."""
    columns = {
        "id": None,
        "name": st.column_config.TextColumn(t(lang, "criteria.name"), required=True, max_chars=120),
        "weight": st.column_config.NumberColumn(t(lang, "criteria.weight"), min_value=0.01, max_value=100,
                                                required=True),
    }
    rows = [{"id": c["id"], "name": criterion_name(Criterion.model_validate(c), specs, lang), "weight": c["weight"]}
            for c in criteria]
    st.caption(t(lang, "criteria.total", total=f"{sum(c['weight'] for c in criteria):g}"))
    edited = edit_table(ws.key("weights", name), rows, columns,
                        {"save": t(lang, "criteria.save"), "scale": t(lang, "criteria.save_scaled")})
    if not edited:
        return
    rows, action = edited
    if action == "scale":
        try:
            for row, weight in zip(rows, scaled_to_total([r["weight"] or 0 for r in rows]), strict=True):
                row["weight"] = weight
        except WeightError:
            pass  # validation reports the weights
    ws.replace(to_data(criteria_from_rows(rows, specs)), **commit_kwargs)
    st.rerun()


# ---- scores: unscored until the person picks one ---------------------------------------------------


def score_input(ws: WorksheetEditor, path: list[Any], value: float | None, values: list[Any], label: str,
                help_text: str | None = None, format_func: Callable[[Any], str] = str, **commit_kwargs: Any) -> None:
    """One score as a row of pills with every value of the scale and none chosen until the person
    picks one (so mid-scale is a choice, not a default); picking the chosen pill again unscores it."""
    key = ws.key("score", *path)
    chosen = next((v for v in values if value is not None and v == value), None)
    shown = label if chosen is not None else f"{label} · {t(ws.lang, 'draft.unscored_label')}"
    st.pills(shown, values, default=chosen, key=key, help=help_text, format_func=format_func,
             on_change=_set_score, args=(ws, path, key, commit_kwargs))


def _set_score(ws: WorksheetEditor, path: list[Any], key: str, commit_kwargs: dict[str, Any]) -> None:
    data = copy.deepcopy(ws.data)
    target = data
    for step in path[:-1]:
        target = target.setdefault(step, {}) if isinstance(target, dict) else target[step]
    value = st.session_state[key]
    if value is None:
        target.pop(path[-1], None)  # unscored: the key is absent, never a placeholder value
    else:
        target[path[-1]] = value
    if not ws.commit(data, **commit_kwargs):
        ws.rebuild()  # the pills show the saved value again


def not_scored(lang: str, what: str, first: str) -> None:
    """In place of a verdict: nothing is judged before the group has scored it."""
    with st.container(border=True):
        st.markdown(f"**{t(lang, 'draft.not_scored')}**" + (f" · {plain(what)}" if what else ""))
        st.caption(first)
