"""Following the group: what other devices of the group save shows here within seconds, without a
reload and without touching what this person is typing."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kamcore.store import Account
from kamcore.workshop import Workspace
from ui.worksheet import REVISION_KEY, follow_drawn

FOLLOW_SECONDS = 3
ACCOUNTS_KEY = "live.accounts"  # (group id, revision, accounts) this session last read


@st.fragment(run_every=FOLLOW_SECONDS)
def follow_group(workspace: Workspace) -> None:
    """Every few seconds one small read of the group's revision. Only when it moved are the
    worksheets on this page and the account list read, and the page redrawn if they changed."""
    full_run = not _in_fragment_run()
    revision = workspace.revision()
    moved = follow_drawn(workspace, revision, full_run)
    seen = st.session_state.get(ACCOUNTS_KEY)
    if seen is not None and seen[:2] == (workspace.group.id, revision) and not moved:
        return
    accounts = tuple(workspace.accounts())
    st.session_state[ACCOUNTS_KEY] = (workspace.group.id, revision, accounts)
    if not full_run and (moved or (seen is not None and seen[2] != accounts)):
        st.rerun(scope="app")


def _in_fragment_run() -> bool:
    """Whether this is the fragment's own timed run (a full run draws the page anyway)."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


def group_accounts(workspace: Workspace) -> list[Account]:
    """The group's accounts as read at this run's revision (by follow_group, which runs before the
    page), so a page does not read them again on every rerun; read afresh when not at hand."""
    seen = st.session_state.get(ACCOUNTS_KEY)
    if seen is not None and seen[:2] == (workspace.group.id, st.session_state.get(REVISION_KEY, (None, None))[1]):
        return list(seen[2])
    return workspace.accounts()
