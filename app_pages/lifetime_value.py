"""客户终生价值 · Customer lifetime value: the account's margin after its own cost to serve, retention,
discount rate, growth and horizon; the value, the margin multiple, its sensitivity to retention, and the
group's accounts ranked; the value offered to account selection as "future sales and profit"."""

from kamcore.i18n import t
from kamcore.methods import lifetime_value as lv
from ui import lifetime_value as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(lv.TOOL_ID, ctx, lv.blank_input)

tabbed("l3a.clv.tab", {t(lang, "l3a.clv.tab_inputs"): lambda: panels.inputs(ws, m, lang),
                       t(lang, "l3a.clv.tab_value"): lambda: panels.value(ctx, ws, account, result, m),
                       t(lang, "l3a.clv.tab_ranking"): lambda: panels.ranking(ctx, m)})
