"""合作伙伴关系发展模型 · Partnership development: the customer's seven steps for one account, the
screening step and cautions from the partnership model, and the prerequisites that say whether to proceed."""

from kamcore.i18n import t
from kamcore.methods import partnership_development as pd
from ui import partnership_development as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(pd.TOOL_ID, ctx, pd.blank_input)
tabbed("partnership_development.tab", {
    t(lang, "l3b.development.tab_steps"): lambda: panels.steps(ws, m, result, lang),
    t(lang, "l3b.development.tab_screen"): lambda: panels.screening(ctx, m, account),
    t(lang, "l3b.development.tab_prerequisites"): lambda: panels.prerequisites(ws, m, result, lang)})
