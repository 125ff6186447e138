"""目标大客户的基础分析 · Target-account analysis: basic information, strategic, needs and purchasing analysis,
and the information sources with their dates; how complete each part is."""

from kamcore.i18n import t
from kamcore.methods import account_analysis as aa
from ui import account_analysis as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(aa.TOOL_ID, ctx, aa.blank_input)
panels.progress_line(result, lang)


tabbed("l2a.analysis.tab", {t(lang, "l2a.analysis.tab_basic"): lambda: panels.parts(ws, m, ("basic", "strategic"),
                                                                                    lang),
                            t(lang, "l2a.analysis.tab_needs"): lambda: panels.parts(ws, m, ("needs", "purchasing"),
                                                                                    lang),
                            t(lang, "l2a.analysis.tab_sources"): lambda: panels.sources(ws, m, result, lang),
                            t(lang, "l2a.analysis.tab_overview"): lambda: panels.overview(ctx, ws, m, result,
                                                                                         account.key)})
