"""Following the group: what other devices of the group save shows here within seconds, without a
reload and without touching what this person is typing."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kamcore.workshop import Workspace
from ui.worksheet import follow_drawn

FOLLOW_SECONDS = 3
ACCOUNTS_KEY = "live.accounts"  # (group id, revision, account names) this session last showed


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
    accounts = tuple((a.key, a.name) for a in workspace.accounts())
    st.session_state[ACCOUNTS_KEY] = (workspace.group.id, revision, accounts)
    if not full_run and (moved or (seen is not None and seen[2] != accounts)):
        st.rerun(scope="app")


def _in_fragment_run() -> bool:
    """Whether this is the fragment's own timed run (a full run draws the page anyway)."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)
