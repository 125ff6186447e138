"""价值策略 · The value strategy and SPIN planner: the pain points the value proposition addresses, the
questions planned per contact and their balance, the answers after the meeting, and a phone observer
sheet for the role-plays (a tap per question or move, a stopwatch) set beside the plan."""

from kamcore.i18n import t
from kamcore.methods import value_strategy as vs
from ui import session
from ui import value_strategy as panels
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(vs.TOOL_ID, ctx, vs.blank_input)
tabbed("l2a.spin.tab", {t(lang, "l2a.spin.tab_plan"): lambda: panels.plan(ctx, ws, m, result, account.key),
                        t(lang, "l2a.spin.tab_pains"): lambda: panels.pains(ctx, ws, account.key),
                        t(lang, "l2a.spin.tab_observer"): lambda: panels.observer(ws, m, lang),
                        t(lang, "l2a.spin.tab_compare"): lambda: panels.compare(ws, m, result, lang)})
