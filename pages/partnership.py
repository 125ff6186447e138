"""合作 · The partnership model for one account: drivers and facilitators → partnership type,
the components it calls for, the outcomes expected and the course's checks before partnering."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import partnership as ps
from ui import partnership as panels
from ui import session
from ui.accounts import account_worksheet

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet("partnership", ctx, ps.blank_input)

score_tab, components_tab, outcomes_tab = st.tabs(
    [t(lang, "ps.tab_score"), t(lang, "ps.tab_components"), t(lang, "ps.tab_outcomes")],
    key="ps.tab", on_change="rerun")
if score_tab.open:
    with score_tab:
        inputs, outcome = st.columns([3, 2], gap="large")
        with inputs:
            st.subheader(t(lang, "ps.drivers"))
            panels.drivers(ws, m, lang)
            st.subheader(t(lang, "ps.facilitators"))
            panels.facilitators(ws, m, lang)
        with outcome:
            if result:
                panels.summary(result, m, lang)
            if result and result.verdict:
                panels.matrix(ws, lang)
if components_tab.open:
    with components_tab:
        if result:
            panels.components(ws, result, m, lang)
if outcomes_tab.open:
    with outcomes_tab:
        panels.expected_outcomes(ws, m, lang)
        st.subheader(t(lang, "ps.cautions"))
        panels.checklist(ws, m, lang, "cautions")
        st.subheader(t(lang, "ps.unsuited"))
        panels.checklist(ws, m, lang, "unsuited")
