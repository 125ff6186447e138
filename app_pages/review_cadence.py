"""评审流程 · Review cadence: the three reviews with one account, the year's calendar from a start day
(with an .ics file for a calendar program), and the record of each review held."""

from kamcore.i18n import t
from kamcore.methods import review_cadence as rc
from ui import review_cadence as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(rc.TOOL_ID, ctx, rc.blank_input)
panels.start(ws, lang)
tabbed("review_cadence.tab", {t(lang, "l3b.review.tab_calendar"): lambda: panels.calendar(ws, m, result, account, lang),
                              t(lang, "l3b.review.tab_held"): lambda: panels.held(ws, m, lang),
                              t(lang, "l3b.review.tab_agendas"): lambda: panels.agendas(m, lang)})
