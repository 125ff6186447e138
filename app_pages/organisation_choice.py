"""组织 · Organisation choice: the six factors per account group → 区域负责 / 大客户矩阵 / 独立大客户团队,
the roles' responsibilities under the structure adopted, and the organisation chart before and after."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import organisation_choice as oc
from ui import organisation_choice as panels
from ui import session
from ui.group_sheet import group_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, ws, result = group_worksheet(oc.TOOL_ID, ctx, oc.blank_input)
panels.how_it_works(m, lang)


def choose() -> None:
    inputs, outcome = st.columns([3, 2], gap="large")
    with inputs:
        panels.segments(ws, m, lang)
    with outcome:
        if result is not None:
            panels.verdicts(ws, result, m, lang)
            if result.segments:
                panels.adopt(ws, result, m, lang)


def roles() -> None:
    panels.duties(ws, result, m, lang)


def charts() -> None:
    panels.charts(ws, result, m, lang)


tabbed("org.tab", {t(lang, "l1b.org.tab_choose"): choose, t(lang, "l1b.org.tab_roles"): roles,
                   t(lang, "l1b.org.tab_chart"): charts})
