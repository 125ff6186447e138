"""前言 · The opening diagnosis of the group's own company: the lifecycle stages and the three dilemmas
rated with evidence at the start of the course and again at its end, where it is stuck, and actions."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import diagnosis as dg
from ui import diagnosis as panels
from ui import session
from ui.group_sheet import group_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, ws, result = group_worksheet("diagnosis", ctx, dg.blank_input)


def rate() -> None:
    round_id = panels.round_choice(m, lang)
    inputs, outcome = st.columns([3, 2], gap="large")
    with inputs:
        panels.ratings(ws, m, round_id, lang)
    with outcome:
        panels.stuck(ctx, ws, result, m, round_id)


tabbed("diagnosis.tab", {t(lang, "l1a.diagnosis.tab_rate"): rate,
                         t(lang, "l1a.diagnosis.tab_change"): lambda: panels.change(ws, result, m, lang),
                         t(lang, "l1a.diagnosis.tab_actions"): lambda: panels.actions(ctx, ws, result, m)})
