"""竞争 · Competitive structure and the customer's benefits ranked against each supplier, for one account."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import competition as comp
from ui import competition as panels
from ui import session
from ui.accounts import account_worksheet

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet("competition", ctx,
                                           lambda m: comp.blank_input(m, t(lang, "comp.us")))

structure_tab, ranking_tab, positioning_tab = st.tabs(
    [t(lang, "comp.tab_structure"), t(lang, "comp.tab_ranking"), t(lang, "comp.tab_positioning")],
    key="comp.tab", on_change="rerun")
if structure_tab.open:
    with structure_tab:
        st.caption(t(lang, "comp.structure_help"))
        panels.threats(ws, m, lang)
        if result:
            panels.threat_results(result, m, lang)
if ranking_tab.open:
    with ranking_tab:
        setup, outcome = st.columns([1, 1], gap="large")
        with setup:
            st.subheader(t(lang, "comp.suppliers"))
            panels.suppliers(ws, m, lang)
            st.subheader(t(lang, "comp.benefits"))
            panels.benefits(ws, m, lang)
            st.subheader(t(lang, "comp.ratings"))
            panels.ratings(ws, m, lang)
        with outcome:
            if result:
                panels.ranking(result, ws, m, lang)
        if result and result.our_rank is not None:
            panels.benefit_table(result, ws, m, lang)
            panels.charts(ws, lang)
if positioning_tab.open:
    with positioning_tab:
        if result:
            panels.positioning(ws, result, m, lang, account.name)
