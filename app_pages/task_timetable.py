"""整体任务时间表 · 每周回顾 · The task timetable: each task's result as a noun, with owner, support, dates and
status; the Gantt chart with today's line; and the weekly review of what changed."""

from kamcore.i18n import t
from kamcore.methods import task_timetable as tt
from ui import session
from ui import task_timetable as panels
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(tt.TOOL_ID, ctx, tt.blank_input)
panels.headline(result, lang)
tabbed("timetable.tab", {t(lang, "l2c.timetable.tab_tasks"): lambda: panels.tasks(ws, result, m, lang),
                         t(lang, "l2c.timetable.tab_gantt"): lambda: panels.gantt_chart(ws, m, lang),
                         t(lang, "l2c.timetable.tab_review"): lambda: panels.review(ws, result, m, lang)})
