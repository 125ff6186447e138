"""Following the group: what other devices of the group save shows here within seconds, without a
reload and without touching what this person is typing."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kamcore.workshop import Workspace
from ui.worksheet import WorksheetEditor, open_editors

FOLLOW_SECONDS = 3
SEEN_KEY = "live.seen"  # (group id, revision, account names) this session last showed


@st.fragment(run_every=FOLLOW_SECONDS)
def follow_group(workspace: Workspace) -> None:
    """Every few seconds one small read of the group's revision; only when it moved are the open
    worksheets and the account list read, and the page redrawn if they changed."""
    group_id = workspace.group.id
    revision = workspace.revision()
    seen = st.session_state.get(SEEN_KEY)
    if seen is not None and seen[:2] == (group_id, revision):
        return
    accounts = tuple((a.key, a.name) for a in workspace.accounts())
    moved = [WorksheetEditor.reopen(workspace, key).follow() for key in open_editors(group_id)]
    st.session_state[SEEN_KEY] = (group_id, revision, accounts)
    if seen is not None and (any(moved) or seen[2] != accounts) and _in_fragment_run():
        st.rerun(scope="app")


def _in_fragment_run() -> bool:
    """Whether this is the fragment's own timed run (a full run draws the page anyway)."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)
