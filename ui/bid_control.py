"""The bid page's price strategy: our position, the figures the options are priced from, each option with
its price, margin and flags (the one our rank suggests marked), and the group's choice."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from kamcore.i18n import t
from kamcore.methods import bid_control as bc
from kamcore.methods.common import NAME_CHARS
from kamcore.methods.position import Position
from kamcore.tools.bid_control import flags
from ui.components import not_scored
from ui.position import position_panel
from ui.session import Context
from ui.worksheet import WorksheetEditor

FIGURES = ("cost", "budget", "reference")


def prices(ctx: Context, ws: WorksheetEditor, m: bc.BidMethod, result: bc.BidResult | None,
           position: Position) -> None:
    lang = ctx.lang
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.subheader(t(lang, "l2d.position"))
        position_panel(ctx, position, "bid_control.links")
    with right:
        st.subheader(t(lang, "l2d.bid.prices"))
        _figures(ws, lang)
    if result is None or not result.options:
        not_scored(lang, t(lang, "l2d.bid.options_title"), t(lang, "l2d.bid.price_first"))
        return
    _options(result, m, ws.data["unit"], lang)
    _choice(ws, m, result, lang)


def _figures(ws: WorksheetEditor, lang: str) -> None:
    columns = st.columns(2)
    for n, name in enumerate((*FIGURES, "unit")):
        key = ws.field_key(name, [name])
        where = columns[n % 2]
        if name == "unit":
            where.text_input(t(lang, "l2d.bid.unit"), value=ws.data["unit"], key=key, max_chars=NAME_CHARS,
                             disabled=ws.disabled, on_change=ws.set_from_widget, args=([name], key))
        else:
            where.number_input(t(lang, f"l2d.bid.{name}"), value=_number(ws.data[name]), min_value=0.0,
                               max_value=bc.LIMIT, step=1.0, key=key, disabled=ws.disabled,
                               help=t(lang, f"l2d.bid.{name}_help"), on_change=ws.set_from_widget, args=([name], key))


def _options(r: bc.BidResult, m: bc.BidMethod, unit: str, lang: str) -> None:
    st.caption(t(lang, "l2d.bid.base_line", base=f"{r.base:,.2f}", unit=unit, floor=f"{m.min_margin:g}"))
    rows: list[dict[str, Any]] = [
        {t(lang, "l2d.bid.option"): m.option(o.id).label(lang) + (" ★" if o.id == r.suggested else ""),
         t(lang, "l2d.bid.price"): o.price, t(lang, "l2d.bid.margin"): o.margin,
         t(lang, "l2d.bid.margin_pct"): o.margin_pct, t(lang, "l2d.bid.flags"): flags(o, lang)} for o in r.options]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="bid_control.options")
    if r.suggested:
        st.caption(t(lang, "l2d.bid.suggested_line", rank=r.our_rank, option=m.option(r.suggested).label(lang)))


def _choice(ws: WorksheetEditor, m: bc.BidMethod, r: bc.BidResult, lang: str) -> None:
    options = {o.id: o for o in m.options}
    key = ws.field_key("chosen", ["chosen"])
    st.radio(t(lang, "l2d.bid.chosen"), list(options), key=key, disabled=ws.disabled,
             index=list(options).index(ws.data["chosen"]) if ws.data["chosen"] else None,
             format_func=lambda o: options[o].label(lang), captions=[o.description(lang) for o in options.values()],
             on_change=ws.set_from_widget, args=(["chosen"], key))
    if r.chosen and r.suggested and r.chosen != r.suggested:
        st.info(t(lang, "l2d.bid.differs", option=options[r.suggested].label(lang)), icon=":material/help:")


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
