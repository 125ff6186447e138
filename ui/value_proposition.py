"""The value proposition page's panels: one autosaving table per quadrant, checks, mix, canvas."""

from __future__ import annotations

import streamlit as st

from kamcore.canvas import item_text
from kamcore.charts import bar_figure
from kamcore.i18n import t
from kamcore.methods import value_proposition as vp
from kamcore.methods.common import SHORT_TEXT_CHARS
from ui.components import autosave_table, chart, not_scored
from ui.text import plain
from ui.worksheet import WorksheetEditor

TEXT = st.column_config.TextColumn


def _columns(quadrant: str, m: vp.ValuePropositionMethod, lang: str) -> dict:
    label = lambda field: t(lang, f"vp.field.{field}")  # noqa: E731
    if quadrant == "q1":
        types = {v.id: v.label(lang) for v in m.value_types if v.id != "psychological"}
        units = {u.id: u.label(lang) for u in m.units}
        return {
            "statement": TEXT(label("statement"), max_chars=SHORT_TEXT_CHARS, width="large"),
            "value_type": st.column_config.SelectboxColumn(label("value_type"), options=list(types),
                                                           format_func=types.get, default="economic"),
            "metric": TEXT(label("metric"), max_chars=SHORT_TEXT_CHARS),
            "number": st.column_config.NumberColumn(label("number")),
            "unit": st.column_config.SelectboxColumn(label("unit"), options=list(units), format_func=units.get,
                                                     default=m.units[0].id),
            "basis": TEXT(label("basis"), max_chars=SHORT_TEXT_CHARS, width="large"),
        }
    return {f: TEXT(label(f), max_chars=SHORT_TEXT_CHARS) for f in vp.TEXT_FIELDS[quadrant]}


def quadrant_table(ws: WorksheetEditor, m: vp.ValuePropositionMethod, lang: str, quadrant: str) -> None:
    spec = m.quadrant(quadrant)
    st.markdown(f"#### {spec.title(lang)}")
    st.caption(spec.prompt(lang))
    columns = _columns(quadrant, m, lang)
    rows = [{c: item.get(c) for c in columns} for item in ws.data[quadrant]]
    autosave_table(ws, quadrant, rows, columns, lambda edited: {**ws.data, quadrant: [_clean(r) for r in edited]})


def _clean(row: dict) -> dict:
    """Table cells come back as None when empty; text fields want ''."""
    return {k: (v if v is not None or k == "number" else "") for k, v in row.items()
            if not (k == "value_type" and v is None)}


def summary(result: vp.ValuePropositionResult, lang: str) -> None:
    if not result.started:
        not_scored(lang, "", t(lang, "draft.vp_first"))
        return
    left, right = st.columns(2)
    left.metric(t(lang, "vp.score"), f"{result.score:.0f} / 100")
    right.metric(t(lang, "vp.yearly_value"), f"{result.yearly_economic_value:,.0f}")
    if result.balanced:
        st.success(t(lang, "vp.balanced"), icon=":material/balance:")
    else:
        st.warning(t(lang, "vp.unbalanced"), icon=":material/balance:")


def hints(result: vp.ValuePropositionResult, m: vp.ValuePropositionMethod, lang: str, quadrant: str) -> None:
    """The checks' hints for one quadrant, shown right under its table."""
    for hint in (h for h in result.hints if h.quadrant == quadrant):
        if hint.rule == "empty":
            text = m.quadrant(quadrant).empty_hint(lang)
        else:
            text = next(r for r in m.rules if r.id == hint.rule).hint(lang).format(n=hint.item)
        st.warning(text, icon=":material/lightbulb:")


def rules(result: vp.ValuePropositionResult, m: vp.ValuePropositionMethod, lang: str) -> None:
    """Where every point of the score comes from."""
    st.dataframe([{
        t(lang, "vp.rule"): next(r for r in m.rules if r.id == o.rule).label(lang),
        t(lang, "vp.met"): f"{o.satisfied:.0%}",
        t(lang, "vp.points"): f"{o.earned:.1f} / {o.points:g}",
    } for o in result.rules], hide_index=True, width="stretch", placeholder="")


def mix_chart(result: vp.ValuePropositionResult, m: vp.ValuePropositionMethod, lang: str) -> None:
    order = ("functional", "economic_quantified", "economic_unquantified", "psychological")
    colors = {"functional": m.value_type("functional").color, "economic_quantified": m.value_type("economic").color,
              "economic_unquantified": "#9be9a8", "psychological": m.value_type("psychological").color}
    chart(bar_figure([t(lang, f"vp.mix.{k}") for k in order], [result.mix[k] for k in order],
                     [colors[k] for k in order], title=t(lang, "vp.mix_title")), "vp.mix")


def canvas(inp: vp.ValuePropositionInput, m: vp.ValuePropositionMethod, lang: str) -> None:
    """The 2×2 canvas on screen; typed text shown as plain text."""
    for row in (("q1", "q2"), ("q3", "q4")):
        for column, quadrant in zip(st.columns(2), row, strict=True):
            with column.container(border=True):
                st.markdown(f"**{m.quadrant(quadrant).title(lang)}**")
                items = getattr(inp, quadrant)
                for item in items:
                    head, value_type, basis = item_text(quadrant, item, m, lang)
                    st.markdown("- " + plain(head) + (f" ({plain(value_type)})" if value_type else "")
                                + (f"  \n  {plain(basis)}" if basis else ""))
                if not items:
                    st.caption("—")
