"""促成销售 · The closing strategy: the attack strategy the competitive position suggests and the group's
choice, the competitors weakest first, and the success story to copy."""

from kamcore.i18n import t
from kamcore.methods import closing_strategy as cs
from ui import closing_strategy as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed
from ui.position import sync_position

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(cs.TOOL_ID, ctx, cs.blank_input)
position = sync_position(ctx, ws, account.key)
tabbed("l2d.close.tab", {t(lang, "l2d.close.tab_choose"): lambda: panels.choose(ctx, ws, m, position),
                         t(lang, "l2d.close.tab_story"): lambda: panels.story(ws, lang)})
