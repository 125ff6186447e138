"""绩效监控战略控制模型 · Performance monitoring and strategic control: the four controls of an account's
plan (performance, implementation, strategic, planning process) and the dashboard that says which one
to act on first."""

from kamcore.i18n import t
from kamcore.methods import performance_monitoring as pm
from ui import performance_monitoring as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(pm.TOOL_ID, ctx, pm.blank_input)
plan, result = panels.with_plan(ctx, ws, account, result)

tabbed("l3a.pm.tab", {t(lang, "l3a.pm.tab_dashboard"): lambda: panels.dashboard(ws, result, m, lang),
                      t(lang, "l3a.pm.tab_performance"): lambda: panels.performance(ws, result, m, lang, plan),
                      t(lang, "l3a.pm.tab_implementation"): lambda: panels.implementation(ws, result, m, lang, plan),
                      t(lang, "l3a.pm.tab_strategic"): lambda: panels.strategic(ws, m, lang),
                      t(lang, "l3a.pm.tab_process"): lambda: panels.process(ws, m, lang)})
