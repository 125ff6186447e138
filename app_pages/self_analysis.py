"""企业自身分析 · Self-analysis: our history with the account, the relationship at each level, the resources
we can obtain, and the opportunities and threats."""

from kamcore.i18n import t
from kamcore.methods import self_analysis as sa
from ui import self_analysis as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(sa.TOOL_ID, ctx, sa.blank_input)
panels.headline(result, m, lang)
tabbed("l2a.self.tab", {t(lang, "l2a.self.tab_history"): lambda: panels.table(ws, m, "history", lang),
                        t(lang, "l2a.self.tab_relationship"): lambda: panels.relationship(ws, result, m, lang),
                        t(lang, "l2a.self.tab_resources"): lambda: panels.table(ws, m, "resources", lang),
                        t(lang, "l2a.self.tab_factors"): lambda: panels.table(ws, m, "factors", lang)})
