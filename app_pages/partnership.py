"""合作 · The partnership model for one account: drivers and facilitators → partnership type,
the components it calls for, the outcomes expected and the course's checks before partnering."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import partnership as ps
from ui import partnership as panels
from ui import session
from ui.accounts import account_worksheet
from ui.components import worksheet_result
from ui.layout import tabbed, titled

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet("partnership", ctx, ps.blank_input)


def score() -> None:
    ws.panel("score", scoring)


def scoring() -> None:
    """Drivers and facilitators, and what they make of the account: a score picked reruns this alone."""
    result = worksheet_result(ws)
    inputs, outcome = st.columns([3, 2], gap="large")
    with inputs:
        titled(t(lang, "ps.drivers"), panels.drivers, ws, m, lang)
        titled(t(lang, "ps.facilitators"), panels.facilitators, ws, m, lang)
    with outcome:
        if result:
            panels.summary(result, m, lang)
        if result and result.verdict:
            panels.matrix(ws, lang)


def components() -> None:
    if result:
        panels.components(ws, result, m, lang)


def outcomes() -> None:
    panels.expected_outcomes(ws, m, lang)
    titled(t(lang, "ps.cautions"), panels.checklist, ws, m, lang, "cautions")
    titled(t(lang, "ps.unsuited"), panels.checklist, ws, m, lang, "unsuited")


tabbed("ps.tab", {t(lang, "ps.tab_score"): score, t(lang, "ps.tab_components"): components,
                  t(lang, "ps.tab_outcomes"): outcomes})
