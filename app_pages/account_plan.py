"""大客户计划 · The account plan: everything the group did for one account in the other tools, read top
to bottom as the course's plan (analysis → positioning → actions → resources → budget), printable on A4."""

from kamcore.methods import account_plan as ap
from ui import account_plan as panels
from ui import session
from ui.account_strategy import methods_of, records
from ui.accounts import account_worksheet

ctx = session.page()
lang = ctx.lang
m, account, ws, _ = account_worksheet(ap.TOOL_ID, ctx, ap.blank_input)
panels.own_fields(ws, lang)
methods = methods_of(ctx, ap.TOOL_ID)
plan = panels.plan_of(ws.data, records(ctx, ap.TOOL_ID, account), methods, lang)
if plan is not None:
    panels.plan(plan, m, lang, methods)
