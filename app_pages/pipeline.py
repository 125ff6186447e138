"""大客户开发8个阶段 · CRM销售管道 · The development pipeline: opportunities on the course's eight stages, moved
on with each stage's exit checklist; weighted pipeline, funnel, stale deals and the stage history."""

from kamcore.i18n import t
from kamcore.methods import pipeline as pl
from ui import pipeline as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(pl.TOOL_ID, ctx, pl.blank_input)
panels.headline(result, m, lang)
tabbed("pipeline.tab", {t(lang, "l2c.pipeline.tab_deals"): lambda: panels.deals(ws, result, m, lang),
                        t(lang, "l2c.pipeline.tab_move"): lambda: panels.move(ws, result, m, lang),
                        t(lang, "l2c.pipeline.tab_funnel"): lambda: panels.funnel(result, m, lang),
                        t(lang, "l2c.pipeline.tab_history"): lambda: panels.history(ws, m, lang)})
