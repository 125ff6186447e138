"""The negotiation page's panels: the prices with the plan's checks and the customer's likely positions;
the concessions with the order to give them; the rounds with our offers against the counter-offers."""

from __future__ import annotations

import uuid
from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import negotiation_plan as npl
from kamcore.methods.common import NAME_CHARS, SHORT_TEXT_CHARS, typed
from kamcore.tools.negotiation_plan import number, rounds_figure
from ui.components import autosave_table, chart, not_scored
from ui.worksheet import WorksheetEditor

NONE = ""  # no concession given in a round
LABEL = {"positions": "position", "concessions": "what", "rounds": None}  # the column that names a draft row


def plan(ws: WorksheetEditor, m: npl.NegotiationMethod, result: npl.NegotiationResult | None, lang: str) -> None:
    key = ws.field_key("subject", ["subject"])
    st.text_input(t(lang, "l2d.neg.subject"), value=ws.data["subject"], key=key, max_chars=SHORT_TEXT_CHARS,
                  disabled=ws.disabled, on_change=ws.set_from_widget, args=(["subject"], key))
    columns = st.columns(4)
    for column, name in zip(columns, (*npl.PRICES, "unit"), strict=True):
        key = ws.field_key(name, [name])
        if name == "unit":
            column.text_input(t(lang, "l2d.neg.unit"), value=ws.data["unit"], key=key, max_chars=NAME_CHARS,
                              disabled=ws.disabled, on_change=ws.set_from_widget, args=([name], key))
        else:
            value = ws.data[name]
            column.number_input(t(lang, f"l2d.neg.{name}"), value=None if value is None else float(value),
                                min_value=0.0, max_value=npl.LIMIT, step=1.0, key=key, disabled=ws.disabled,
                                on_change=ws.set_from_widget, args=([name], key))
    _checks(result, m, lang)
    st.subheader(t(lang, "l2d.neg.positions"))
    _table(ws, m, "positions", {"position": st.column_config.TextColumn(t(lang, "l2d.neg.position"),
                                                                        max_chars=SHORT_TEXT_CHARS),
                                "answer": st.column_config.TextColumn(t(lang, "l2d.neg.answer"),
                                                                      max_chars=SHORT_TEXT_CHARS)})
    with st.expander(t(lang, "l2d.neg.tactics")):
        st.markdown("\n".join(f"- {x(lang)}" for x in m.tactics))


def _checks(result: npl.NegotiationResult | None, m: npl.NegotiationMethod, lang: str) -> None:
    if result is None:
        return
    if not result.priced:
        not_scored(lang, t(lang, "l2d.neg.checks"), t(lang, "l2d.neg.price_first"))
        return
    st.caption(t(lang, "l2d.neg.room_line", room=number(result.room), cost=number(result.concession_cost)))
    for c in result.checks:
        spec = m.check(c.id)
        if c.passed:
            st.markdown(f":material/check_circle: {spec.text(lang)}")
        else:
            st.warning(f"**{spec.text(lang)}** — {spec.gap(lang)}", icon=":material/radio_button_unchecked:")


def concessions(ws: WorksheetEditor, m: npl.NegotiationMethod, result: npl.NegotiationResult | None,
                lang: str) -> None:
    st.caption(t(lang, "l2d.neg.concessions_help"))
    _table(ws, m, "concessions", {
        "what": st.column_config.TextColumn(t(lang, "l2d.neg.concession"), max_chars=NAME_CHARS),
        "cost": st.column_config.NumberColumn(t(lang, "l2d.neg.cost"), min_value=0.0, max_value=npl.LIMIT),
        "value": st.column_config.NumberColumn(t(lang, "l2d.neg.value"), min_value=0.0, max_value=npl.LIMIT),
        "condition": st.column_config.TextColumn(t(lang, "l2d.neg.condition"), max_chars=SHORT_TEXT_CHARS)})
    if result is None or not result.order:
        return
    names = {c["key"]: c["what"] for c in ws.data["concessions"]}
    if result.out_of_order:
        st.warning(t(lang, "l2d.neg.reorder", order=" → ".join(names[k] for k in result.order)),
                   icon=":material/swap_vert:")
    else:
        st.success(t(lang, "l2d.neg.in_order"), icon=":material/check_circle:")


def rounds(ws: WorksheetEditor, m: npl.NegotiationMethod, result: npl.NegotiationResult | None, lang: str) -> None:
    options = {NONE: "—", **{c["key"]: c["what"] for c in ws.data["concessions"] if c.get("what")}}
    _table(ws, m, "rounds", {
        "offer": st.column_config.NumberColumn(t(lang, "l2d.neg.offer"), min_value=0.0, max_value=npl.LIMIT),
        "counter": st.column_config.NumberColumn(t(lang, "l2d.neg.counter"), min_value=0.0, max_value=npl.LIMIT),
        "concession": st.column_config.SelectboxColumn(t(lang, "l2d.neg.given"), options=list(options),
                                                       format_func=options.get, default=NONE),
        "note": st.column_config.TextColumn(t(lang, "l2d.neg.note"), max_chars=SHORT_TEXT_CHARS)})
    if result is None or not result.rounds:
        st.caption(t(lang, "l2d.neg.rounds_first"))
        return
    metrics = st.columns(3)
    metrics[0].metric(t(lang, "l2d.neg.last_offer"), number(result.last_offer))
    metrics[1].metric(t(lang, "l2d.neg.apart"), number(result.apart))
    metrics[2].metric(t(lang, "l2d.neg.conceded"), number(result.conceded))
    if result.below_walk_away:
        st.error(t(lang, "l2d.neg.below_line", rounds=", ".join(map(str, result.below_walk_away))),
                 icon=":material/warning:")
    chart(rounds_figure(ws.data, lang), ws.key("rounds_chart"))


def _table(ws: WorksheetEditor, m: npl.NegotiationMethod, name: str, columns: dict[str, Any]) -> None:
    """One of the plan's tables, saved on every edit; a row typed but incomplete is listed under it."""
    fields = list(columns)

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        rows = [{f: _cell(r.get(f)) for f in fields} | {"key": r.get("key") or f"r{uuid.uuid4().hex[:8]}"}
                for r in edited if typed({f: _cell(r.get(f)) for f in fields})]
        return {**ws.data, name: [{**r, **{f: "" for f in fields if r[f] is None and _text(columns[f])}}
                                  for r in rows]}

    shown = [{**r, **{f: NONE for f in fields if f == "concession" and r.get(f) is None}} for r in ws.data[name]]
    autosave_table(ws, name, shown, {"key": None, **columns}, to_data, rebuild=True,
                   drafts=_drafts(ws, m, name))


def _cell(value: Any) -> Any:
    return None if value is None or value != value or value == NONE else value  # NaN is not equal to itself


def _text(column: Any) -> bool:
    return column.get("type_config", {}).get("type") == "text"


def _drafts(ws: WorksheetEditor, m: npl.NegotiationMethod, name: str) -> list[tuple[str, list[str]]]:
    try:
        rows = getattr(ws.tool.validate(ws.data, m), name)
    except ValidationError:
        return []
    label = LABEL[name]
    return [((getattr(row, label) if label else "") or t(ws.lang, "draft.row", n=n + 1), row.missing())
            for n, row in enumerate(rows) if not row.complete()]
