"""管理层的过程监控 · The management monitoring meeting: each account's development progress from its pipeline
and the change since the last meeting, the business situation, problems, countermeasures and tasks; the
minutes as one page; open actions carried to the next meeting until closed."""

from kamcore.i18n import t
from kamcore.methods import monitoring_meeting as mm
from ui import monitoring_meeting as panels
from ui import session
from ui.group_sheet import group_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, ws, result = group_worksheet(mm.TOOL_ID, ctx, mm.blank_input)
panels.start(ctx, ws, lang)
view = panels.chosen(ws, result, lang)
if view is not None:
    tabbed("meeting.tab", {t(lang, "l2c.meeting.tab_meeting"): lambda: panels.meeting(ctx, ws, view, result, m, lang),
                           t(lang, "l2c.meeting.tab_actions"): lambda: panels.actions(ws, result, m, lang),
                           t(lang, "l2c.meeting.tab_minutes"): lambda: panels.minutes_panel(ctx, ws, view, m, lang)})
