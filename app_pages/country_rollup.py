"""全球大客户国家汇总 · The country roll-up of a global account: each country's revenue against the global
plan, margin, share of wallet and service level; totals, gaps and the countries below target."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import country_rollup as cr
from ui import country_rollup as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(cr.TOOL_ID, ctx, cr.blank_input)


def countries() -> None:
    panels.countries(ws, m, lang)
    with st.expander(t(lang, "l4b.rollup.settings"), icon=":material/tune:"):
        panels.settings(ws, m, lang)


def totals() -> None:
    if result is not None:
        panels.totals(ws, result, m, lang)


def importer() -> None:
    panels.importer(ws, m, lang)


tabbed("l4b.rollup.tab", {t(lang, "l4b.rollup.tab_countries"): countries, t(lang, "l4b.rollup.tab_totals"): totals,
                          t(lang, "l4b.rollup.tab_import"): importer})
