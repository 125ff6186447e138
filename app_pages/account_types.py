"""类型与性质 · Key-account types and relationship natures: each of the group's accounts tagged with a
type and a nature beside their definitions, examples and investment implications; the portfolio."""

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import account_types as at
from ui import account_types as panels
from ui import session
from ui.accounts import add_account
from ui.group_sheet import group_worksheet
from ui.layout import tabbed
from ui.live import group_accounts

ctx = session.page()
lang = ctx.lang
m, ws, result = group_worksheet("account_types", ctx, at.blank_input,
                                lambda w, mm: panels.load_example(ctx, w, mm))
st.caption(m.default_note(lang))
accounts = group_accounts(ctx.workspace)
if not accounts:
    add_account(ctx, first=True)
    st.stop()


def tag() -> None:
    choose, add = st.columns([3, 2], vertical_alignment="bottom")
    with choose:
        account = panels.choose_account(accounts, ws, m, lang)
    with add.popover(t(lang, "accounts.add"), icon=":material/add:", width="stretch"):
        add_account(ctx)
    panels.tags_line(ws, account, m, lang)
    panels.tag(ws, account, m, lang)


def portfolio() -> None:
    panels.portfolio(result, m, lang)
    panels.overview(ws, accounts, m, lang)


tabbed("types.tab", {t(lang, "l1a.types.tab_tag"): tag, t(lang, "l1a.types.tab_portfolio"): portfolio})
