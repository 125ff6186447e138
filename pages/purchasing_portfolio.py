"""合作 · The purchasing portfolio: how the account's purchasing will treat what we sell (Kraljic),
set against how we see the account (supplier preferencing)."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import purchasing_portfolio as pp
from ui import purchasing_portfolio as panels
from ui import session
from ui.accounts import account_worksheet
from ui.components import row_picker

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet("purchasing_portfolio", ctx,
                                           lambda m: pp.blank_input(m, t(lang, "pp.our_product")))

score_tab, results_tab, weights_tab = st.tabs(
    [t(lang, "pp.tab_score"), t(lang, "pp.tab_results"), t(lang, "pp.tab_weights")],
    key="pp.tab", on_change="rerun")
if score_tab.open:
    with score_tab:
        st.subheader(t(lang, "pp.items"))
        panels.items_table(ws, m, lang)
        item = row_picker(ws.data["items"], "pp.item", t(lang, "pp.score_item"))
        inputs, outcome = st.columns([3, 2], gap="large")
        with inputs:
            panels.score_item(ws, m, lang, item)
            st.markdown(f"#### {t(lang, 'pp.our_view')}")
            panels.our_view(ws, m, lang)
        with outcome:
            if result:
                panels.results(result, ws, m, lang)
if results_tab.open:
    with results_tab:
        if result:
            panels.results(result, ws, m, lang)
            panels.table(result, m, lang)
            panels.charts(ws, lang)
if weights_tab.open:
    with weights_tab:
        panels.factor_weights(ws, m, lang)
