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
    full_run = not in_fragment_run()
    _note_presence(workspace)
    if _catch_up(workspace, full_run) and not full_run:
        st.rerun(scope="app")


def before_page_rerun(workspace: Workspace) -> None:
    """A tool page rerun on its own (its fragment) reads the group as it is now, as a full run's
    follow_group would: what this device just saved, another device's work, the trainer's settings."""
    if _catch_up(workspace, full_run=True):
        st.rerun(scope="app")  # the trainer acted: the room bar and the page draw the new settings


def _catch_up(workspace: Workspace, full_run: bool) -> bool:
    """Note the group's revision and accounts for this run. True if the page must be redrawn whole:
    the trainer acted since it was drawn, or (in the follow fragment's own run) the group's work moved."""
    revisions = workspace.room_revisions()
    moved = follow_drawn(workspace, revisions.group, full_run)
    seen = st.session_state.get(ACCOUNTS_KEY)
    if seen is None or seen[:2] != (workspace.group.id, revisions.group) or moved:
        accounts = tuple(workspace.accounts())
        st.session_state[ACCOUNTS_KEY] = (workspace.group.id, revisions.group, accounts)
        moved = moved or (seen is not None and seen[2] != accounts)
    trainer_acted = revisions.workshop > workspace.workshop.revision  # see session._current
    return trainer_acted or (moved and not full_run)


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


def in_fragment_run() -> bool:
    """Whether this run is a fragment's own (a full run draws the page anyway)."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


def group_accounts(workspace: Workspace) -> list[Account]:
    """The group's accounts as read at this run's revision (by follow_group, which runs before the
    page), so a page does not read them again on every rerun; read afresh when not at hand."""
    seen = st.session_state.get(ACCOUNTS_KEY)
    if seen is not None and seen[:2] == (workspace.group.id, st.session_state.get(REVISION_KEY, (None, None))[1]):
        return list(seen[2])
    return workspace.accounts()
