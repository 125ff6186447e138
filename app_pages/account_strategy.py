"""目标大客户战略6要素 · The six-element account strategy: objectives, focus, positioning (read from the
relationship map, the competitive ranking and the value proposition), actions, resources and budget,
with the completeness and SMART checker."""

from kamcore.i18n import t
from kamcore.methods import account_strategy as sm
from ui import account_strategy as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, _ = account_worksheet(sm.TOOL_ID, ctx, sm.blank_input)
result = panels.checked(ws, m, panels.records(ctx, sm.TOOL_ID, account), panels.methods_of(ctx, sm.TOOL_ID), lang)
if result is not None:
    panels.progress_line(result, lang)


def objectives() -> None:
    panels.objectives(ws, m, result, lang)


def focus() -> None:
    panels.focus(ws, m, lang)


def positioning() -> None:
    panels.positioning(ws, m, result, lang)


def actions() -> None:
    panels.table(ws, m, "actions", lang)


def resources() -> None:
    panels.table(ws, m, "resources", lang)


def budget() -> None:
    panels.budget(ws, m, result, lang)


def checker() -> None:
    panels.checker(result, m, lang)


tabbed("l2b.strategy.tab", {t(lang, "l2b.strategy.tab_objectives"): objectives, m.label("focus", lang): focus,
                            t(lang, "l2b.strategy.tab_positioning"): positioning, m.label("actions", lang): actions,
                            m.label("resources", lang): resources, m.label("budget", lang): budget,
                            t(lang, "l2b.strategy.tab_checker"): checker})
