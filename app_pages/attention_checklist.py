"""持续关注 / 沟通交流 · Continuous attention and communication: the course's practices for one account,
each with an owner, when it was last done and its cadence; what is overdue is flagged."""

from kamcore.methods import attention_checklist as ac
from ui import attention_checklist as panels
from ui import session
from ui.accounts import account_worksheet

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(ac.TOOL_ID, ctx, ac.blank_input)
panels.standing(m, result, lang)
panels.practices(ws, m, result, lang)
