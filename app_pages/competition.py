"""竞争 · Competitive structure and the customer's benefits ranked against each supplier, for one account."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import competition as comp
from ui import competition as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed, titled

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet("competition", ctx,
                                           lambda m: comp.blank_input(m, t(lang, "comp.us")))


def structure() -> None:
    st.caption(t(lang, "comp.structure_help"))
    panels.threats(ws, m, lang)
    if result:
        panels.threat_results(result, m, lang)


def ranking() -> None:
    setup, outcome = st.columns([1, 1], gap="large")
    with setup:
        titled(t(lang, "comp.suppliers"), panels.suppliers, ws, m, lang)
        titled(t(lang, "comp.benefits"), panels.benefits, ws, m, lang)
        titled(t(lang, "comp.ratings"), panels.ratings, ws, m, lang)
    with outcome:
        if result:
            panels.ranking(result, ws, m, lang)
    if result and result.our_rank is not None:
        panels.benefit_table(result, ws, m, lang)
        panels.charts(ws, lang)


def positioning() -> None:
    if result:
        panels.positioning(ws, result, m, lang, account.name)


tabbed("comp.tab", {t(lang, "comp.tab_structure"): structure, t(lang, "comp.tab_ranking"): ranking,
                    t(lang, "comp.tab_positioning"): positioning})
