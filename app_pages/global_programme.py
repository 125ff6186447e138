"""全球大客户方案规划 · The global account programme plan: organisation, products and services to harmonise
or develop, the phases from pilot to roll-out, the information each party needs, and whether the plan
meets the conditions for launching its pilot."""

from kamcore.i18n import t
from kamcore.methods import global_programme as gp
from ui import global_programme as panels
from ui import session
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet(gp.TOOL_ID, ctx, gp.blank_input)
panels.progress_line(result, lang)


def organisation() -> None:
    panels.organisation(ws, m, lang)


def offers() -> None:
    panels.table(ws, m, "offers", lang)


def phases() -> None:
    panels.table(ws, m, "phases", lang)


def information() -> None:
    panels.table(ws, m, "information", lang)


def checks() -> None:
    panels.checks(result, m, lang)


tabbed("l4b.programme.tab", {t(lang, "l4b.programme.tab_organisation"): organisation,
                             t(lang, "l4b.programme.tab_offers"): offers, t(lang, "l4b.programme.tab_phases"): phases,
                             t(lang, "l4b.programme.tab_information"): information,
                             t(lang, "l4b.programme.tab_checks"): checks})
