"""投标控制 · Bid control: the bid's checklist (each point with its status, owner and due date) and the price
strategy: the course's price options priced from our cost and the customer's budget or reference price,
the one our competitive rank suggests, and the group's choice."""

from kamcore.i18n import t
from kamcore.methods import bid_control as bc
from kamcore.tools import TOOLS
from ui import bid_control as panels
from ui import kinds, session
from ui.accounts import account_worksheet
from ui.components import evaluate
from ui.layout import tabbed
from ui.position import sync_position

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(bc.TOOL_ID, ctx, bc.blank_input)
position = sync_position(ctx, ws, account.key)
result = evaluate(TOOLS[bc.TOOL_ID], ws.data, lang, ctx.overrides(bc.TOOL_ID))  # with the position just read
tabbed("l2d.bid.tab", {t(lang, "l2d.bid.tab_checklist"): lambda: kinds.checklist(ws, m, result, lang),
                       t(lang, "l2d.bid.tab_price"): lambda: panels.prices(ctx, ws, m, result, position)})
