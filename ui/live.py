"""Following the group and the trainer: what other devices of the group save, and what the trainer
does (timer, locks, reveals, announcements, go-to), shows here within seconds, without a reload and
without touching what this person is typing."""

from __future__ import annotations

import secrets
import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kamcore.room import HEARTBEAT_SECONDS
from kamcore.store import Account
from kamcore.workshop import Workspace
from ui.worksheet import REVISION_KEY, follow_drawn

FOLLOW_SECONDS = 3
ACCOUNTS_KEY = "live.accounts"  # (group id, revision, accounts) this session last read
DEVICE_KEY = "live.device"  # this browser session's id in the room's presence list
SEEN_KEY = "live.seen"  # (group id, monotonic time) this session last noted itself


@st.fragment(run_every=FOLLOW_SECONDS)
def follow_group(workspace: Workspace) -> None:
    """Every few seconds one small shared read of the group's and the workshop's revisions. When the
    trainer acted since the page was drawn, the page is redrawn; when the group's work moved, the
    worksheets on this page and the account list are read, and the page redrawn if they changed."""
    full_run = not _in_fragment_run()
    revisions = workspace.room_revisions()
    _note_presence(workspace)
    if not full_run and revisions.workshop > workspace.workshop.revision:
        st.rerun(scope="app")  # the page draws the trainer's settings afresh (see session._current)
    revision = revisions.group
    moved = follow_drawn(workspace, revision, full_run)
    seen = st.session_state.get(ACCOUNTS_KEY)
    if seen is not None and seen[:2] == (workspace.group.id, revision) and not moved:
        return
    accounts = tuple(workspace.accounts())
    st.session_state[ACCOUNTS_KEY] = (workspace.group.id, revision, accounts)
    if not full_run and (moved or (seen is not None and seen[2] != accounts)):
        st.rerun(scope="app")


def _note_presence(workspace: Workspace) -> None:
    """The room's list of open pages: at most one small write per session every HEARTBEAT_SECONDS."""
    if workspace.workshop.personal or workspace.trainer:
        return
    now, seen = time.monotonic(), st.session_state.get(SEEN_KEY)
    if seen is not None and seen[0] == workspace.group.id and now - seen[1] < HEARTBEAT_SECONDS:
        return
    st.session_state[SEEN_KEY] = (workspace.group.id, now)
    device = st.session_state.setdefault(DEVICE_KEY, secrets.token_hex(12))
    workspace.store.seen(device, workspace.workshop.id, workspace.group.id)


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
