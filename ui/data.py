"""Participants' data on the pages: the home page's statement, a group's (or a personal workspace's)
own deletion and names opt-in, and the console's retention date, "keep longer" and deletion."""

from __future__ import annotations

import streamlit as st

from kamcore.i18n import t
from kamcore.paths import retention_days
from kamcore.retention import deletion_date
from kamcore.workshop import Workshop, Workspace
from ui import exports, session
from ui.text import plain
from ui.workshop import TRAINER_KEY

FLASH_KEY = "data.flash"  # the message to show after a deletion, on the page the rerun lands on
ASKING_KEY = "data.asking"  # which deletion's question is open: it stays open over reruns until answered


def statement(lang: str) -> None:
    st.subheader(t(lang, "data.title"))
    st.markdown(t(lang, "data.statement", days=retention_days()))


def own_data(workspace: Workspace, lang: str) -> None:
    """A workshop group's names opt-in, and deleting the group's (or the personal workspace's) work."""
    if workspace.trainer:
        return
    kind = "personal" if workspace.workshop.personal else "group"
    if kind == "group":
        st.toggle(t(lang, "data.share_names"), value=workspace.shares_names(), key="data.share_names",
                  help=t(lang, "data.share_names_help"), on_change=_share_names, args=(workspace,))
    if st.button(t(lang, f"data.delete_{kind}_button"), key="data.delete_own", icon=":material/delete:"):
        st.session_state[ASKING_KEY] = f"own:{workspace.group.token}"
    if st.session_state.get(ASKING_KEY) == f"own:{workspace.group.token}":
        _ask(t(lang, f"data.delete_{kind}_title"), _confirm_own, workspace, kind, lang)


def _share_names(workspace: Workspace) -> None:
    workspace.share_names(st.session_state["data.share_names"])


def _confirm_own(workspace: Workspace, kind: str, lang: str) -> None:
    contents = workspace.contents()
    st.markdown(t(lang, f"data.delete_{kind}_what", group=plain(workspace.group.name),
                  accounts=contents.accounts, worksheets=contents.worksheets))
    if _confirmed(lang):
        workspace.delete()
        if kind == "personal":
            session.start_fresh()
        else:
            session.leave()
        st.session_state[FLASH_KEY] = f"data.deleted_{kind}"
        st.rerun()


def _ask(title: str, body, *args, width: str = "small") -> None:
    st.dialog(title, width=width, on_dismiss=_answered)(body)(*args)


def _answered() -> None:
    st.session_state.pop(ASKING_KEY, None)


def _confirmed(lang: str) -> bool:
    """The one question's answer: delete (True), or cancel (the dialog closes)."""
    yes, no = st.columns(2)
    if no.button(t(lang, "data.cancel"), key="data.cancel", width="stretch"):
        _answered()
        st.rerun()
    if yes.button(t(lang, "data.confirm"), key="data.confirm", type="primary", icon=":material/delete_forever:",
                  width="stretch"):
        _answered()
        return True
    return False


def retention(workshop: Workshop, lang: str) -> None:
    """The console's retention panel: when the archived workshop goes, keep it longer, or delete it now."""
    days = retention_days()
    when = deletion_date(workshop, days)
    if when is None:
        st.caption(t(lang, "data.retention_in_use", days=days))
    else:
        st.info(t(lang, "data.retention_date", date=when.isoformat(), days=days), icon=":material/event:")
        if st.button(t(lang, "data.keep_longer", days=days), key="data.keep_longer", icon=":material/more_time:"):
            session.workshops().keep_longer(workshop)
            st.rerun()
    if st.button(t(lang, "data.delete_workshop_button"), key="data.delete_workshop", icon=":material/delete:"):
        st.session_state[ASKING_KEY] = f"workshop:{workshop.code}"
    if st.session_state.get(ASKING_KEY) == f"workshop:{workshop.code}":
        _ask(t(lang, "data.delete_workshop_title"), _confirm_workshop, workshop, lang, width="large")


def _confirm_workshop(workshop: Workshop, lang: str) -> None:
    st.markdown(t(lang, "data.export_first"))
    exports.workshop_downloads(workshop, lang, key="data.export")
    contents = session.workshops().contents(workshop)
    groups = t(lang, "common.list_separator").join(plain(g) for g in contents.groups) or t(lang, "data.no_groups")
    st.warning(t(lang, "data.delete_workshop_what", title=plain(workshop.title), code=workshop.code,
                 group_count=len(contents.groups), groups=groups, accounts=contents.accounts,
                 worksheets=contents.worksheets), icon=":material/warning:")
    if _confirmed(lang):
        session.workshops().delete(workshop)
        st.session_state.pop(TRAINER_KEY, None)
        st.session_state[FLASH_KEY] = "data.workshop_deleted"
        st.rerun()


def flash(lang: str) -> None:
    """What the last deletion did, once, on the page it landed on."""
    if key := st.session_state.pop(FLASH_KEY, None):
        st.success(t(lang, key), icon=":material/delete_sweep:")
