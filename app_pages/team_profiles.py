"""选人 · Team profiles: each person on the key-account team rated against their role's profile
(大客户经理、区域销售、销售支持专员), with the gaps per person and per role."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import team_profiles as tp
from ui import session
from ui import team_profiles as panels
from ui.group_sheet import group_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, ws, result = group_worksheet(tp.TOOL_ID, ctx, tp.blank_input)
panels.profiles(m, lang)


def team() -> None:
    inputs, ratings = st.columns([3, 2], gap="large")
    with inputs:
        panels.people(ws, m, lang)
    with ratings:
        panels.rate(ws, m, lang)


def gaps() -> None:
    panels.gaps(ws, result, m, lang)
    if result is not None and result.people and "training_plan" in ctx.pages:
        st.page_link(ctx.pages["training_plan"], label=t(lang, "l1b.team.to_plan"), icon=":material/school:",
                     query_params=ctx.link)


tabbed("team.tab", {t(lang, "l1b.team.tab_team"): team, t(lang, "l1b.team.tab_gaps"): gaps})
