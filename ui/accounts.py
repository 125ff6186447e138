"""The account a tool's worksheet belongs to: pick one of the group's accounts or add one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import BaseModel, ValidationError

from kamcore.i18n import explain, t
from kamcore.methods.common import NAME_CHARS, AccountName
from kamcore.methods.selection import new_key
from kamcore.store import Account
from kamcore.tools import TOOLS
from kamcore.workshop import WorkshopError
from ui.components import worksheet_result
from ui.live import group_accounts
from ui.model_answer import model_answer
from ui.session import Context
from ui.text import plain
from ui.worksheet import WorksheetEditor

ACCOUNT_KEY = "account"  # shared by every account-scoped page, and kept in the URL


def account_picker(ctx: Context) -> Account | None:
    """The chosen account, or None (with a way to add one) when the group has none yet."""
    lang = ctx.lang
    accounts = {a.key: a for a in group_accounts(ctx.workspace)}
    if not accounts:
        add_account(ctx, first=True)
        return None
    if st.session_state.get(ACCOUNT_KEY) not in accounts:
        st.session_state.pop(ACCOUNT_KEY, None)
        st.session_state[ACCOUNT_KEY] = next(iter(accounts))
    choose, add = st.columns([3, 2], vertical_alignment="bottom")
    chosen = choose.selectbox(t(lang, "accounts.choose"), list(accounts), key=ACCOUNT_KEY, bind="query-params",
                              format_func=lambda k: accounts[k].name)
    with add.popover(t(lang, "accounts.add"), icon=":material/add:", width="stretch"):
        add_account(ctx)
    return accounts.get(chosen)


def add_account(ctx: Context, first: bool = False) -> None:
    """A name and a button: the new account joins the group's list, which every tool shares.
    `first`: the group has no account yet, so this is the first thing on the page."""
    lang = ctx.lang
    with st.container(border=first):
        if first:
            st.markdown(f"**{t(lang, 'accounts.first')}**")
        st.text_input(t(lang, "accounts.name"), key="accounts.new_name", max_chars=NAME_CHARS,
                      placeholder=t(lang, "accounts.name_hint"))
        st.button(t(lang, "accounts.create"), key="accounts.create", on_click=_create, args=(ctx,),
                  type="primary" if first else "secondary", icon=":material/add:")
    for problem in st.session_state.pop("accounts.problems", []):
        st.error(plain(problem), icon=":material/error:")


def _create(ctx: Context) -> None:
    try:
        name = AccountName(name=st.session_state.get("accounts.new_name", "")).name
        account = Account(new_key(), name)
        ctx.workspace.add_account(account)
    except ValidationError as error:
        st.session_state["accounts.problems"] = explain(error, ctx.lang)
        return
    except WorkshopError as error:
        st.session_state["accounts.problems"] = [error.text(ctx.lang)]
        return
    st.session_state[ACCOUNT_KEY] = account.key
    st.session_state["accounts.new_name"] = ""


def account_worksheet(tool_id: str, ctx: Context, blank: Callable[[Any], dict[str, Any]]
                      ) -> tuple[Any, Account, WorksheetEditor, BaseModel | None]:
    """The top of every account-scoped tool page: title, exercise, account, the worksheet with its
    save status and example, and the result (None when the worksheet cannot be computed).

    Stops the page when the group has no account yet."""
    tool, lang = TOOLS[tool_id], ctx.lang
    m = ctx.method(tool_id)
    st.title(m.title(lang))
    st.info(m.exercise_prompt(lang), icon=":material/groups:")
    account = account_picker(ctx)
    if account is None:
        st.stop()
    ws = WorksheetEditor(ctx.workspace, tool, m, lang, blank=lambda: blank(m), account_key=account.key)
    if st.button(t(lang, "common.load_example"), key=f"{tool_id}.load_example", icon=":material/download:",
                 disabled=ws.disabled):
        ws.replace(tool.example(m, lang=lang))
        st.rerun()
    ws.status()
    model_answer(ctx, tool_id)
    return m, account, ws, worksheet_result(ws)
