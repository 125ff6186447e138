"""合作 · The purchasing portfolio: how the account's purchasing will treat what we sell (Kraljic),
set against how we see the account (supplier preferencing)."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import purchasing_portfolio as pp
from ui import purchasing_portfolio as panels
from ui import session
from ui.accounts import account_worksheet
from ui.components import row_picker, worksheet_result
from ui.layout import tabbed, titled

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet("purchasing_portfolio", ctx,
                                           lambda m: pp.blank_input(m, t(lang, "pp.our_product")))


def score() -> None:
    titled(t(lang, "pp.items"), panels.items_table, ws, m, lang)
    item = row_picker(ws.data["items"], "pp.item", t(lang, "pp.score_item"))
    ws.panel("score", scoring, item)


def scoring(item: int) -> None:
    """The item's scores, our view, and how purchasing will treat what we sell: a score picked reruns this alone."""
    result = worksheet_result(ws)
    inputs, outcome = st.columns([3, 2], gap="large")
    with inputs:
        panels.score_item(ws, m, lang, item)
        st.markdown(f"#### {t(lang, 'pp.our_view')}")
        panels.our_view(ws, m, lang)
    with outcome:
        if result:
            panels.results(result, ws, m, lang)


def results() -> None:
    if result:
        panels.results(result, ws, m, lang)
        panels.table(result, m, lang)
        panels.charts(ws, lang)


def weights() -> None:
    panels.factor_weights(ws, m, lang)


tabbed("pp.tab", {t(lang, "pp.tab_score"): score, t(lang, "pp.tab_results"): results,
                  t(lang, "pp.tab_weights"): weights})
