"""关系策略 · The buying centre and relationship map: the account's people with their role, influence,
attitude and our relationship, the organisation as a graph, the point–surface–body coverage level, the
gaps and the next contacts from the top down."""

from kamcore.i18n import t
from kamcore.methods import buying_centre as bc
from ui import buying_centre as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import is_phone, tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(bc.TOOL_ID, ctx, bc.blank_input)
tabbed("l2a.centre.tab", {t(lang, "l2a.centre.tab_people"): lambda: panels.people(ws, m, lang),
                          t(lang, "l2a.centre.tab_map"): lambda: panels.relationship_map(ws, result, m, lang,
                                                                                         is_phone()),
                          t(lang, "l2a.centre.tab_gaps"): lambda: panels.gaps(ws, result, m, lang)})
