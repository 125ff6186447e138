"""相合性 · The KAM congruence model for the group's own company: strategy, structure, human resources,
systems and processes scored with a justification each; the gaps, the radar and the priorities."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import congruence as cg
from ui import congruence as panels
from ui import session
from ui.group_sheet import group_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, ws, result = group_worksheet("congruence", ctx, cg.blank_input)


def score() -> None:
    inputs, outcome = st.columns([3, 2], gap="large")
    with inputs:
        panels.elements(ws, m, lang)
    with outcome:
        panels.outcome(ctx, ws, result, m)


tabbed("congruence.tab", {t(lang, "l1a.congruence.tab_score"): score,
                          t(lang, "l1a.congruence.tab_priorities"): lambda: panels.priorities(ctx, ws, result, m)})
