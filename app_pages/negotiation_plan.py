"""谈判 · The negotiation plan: our opening, target and walk-away prices and the customer's likely positions,
the concessions to trade in the order to give them, and the record of the rounds as they went."""

from kamcore.i18n import t
from kamcore.methods import negotiation_plan as npl
from ui import negotiation_plan as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(npl.TOOL_ID, ctx, npl.blank_input)
tabbed("l2d.neg.tab", {t(lang, "l2d.neg.tab_plan"): lambda: panels.plan(ws, m, result, lang),
                       t(lang, "l2d.neg.tab_concessions"): lambda: panels.concessions(ws, m, result, lang),
                       t(lang, "l2d.neg.tab_rounds"): lambda: panels.rounds(ws, m, result, lang)})
