"""选人 · The "2+1+1" training plan: from the team profiles' gaps, each person's steps (learn, apply,
review and pass by default) with dates, owner and the evidence that closes the gap; kept for the follow-up."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import training_plan as plan
from ui import session
from ui import training_plan as panels
from ui.group_sheet import group_worksheet

ctx = session.page()
lang = ctx.lang
m, ws, result = group_worksheet(plan.TOOL_ID, ctx, plan.blank_input)
st.caption(t(lang, "l1b.plan.reading_note"))
panels.reading(m, lang)
begins = panels.start(ws, lang)
panels.from_gaps(ctx, ws, m, begins, lang)
panels.steps(ws, m, lang)
panels.progress(ws, result, m, lang)
