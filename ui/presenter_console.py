"""The console's parts that serve the projector: the join slide (nothing secret on it), the projector's
own link in a tab of its own for the trainer, the case library by course module, and accounts the
trainer marks as the same customer so the projector compares the groups on them."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from kamcore.compare import marked_same
from kamcore.i18n import t
from kamcore.names import name_key
from kamcore.workshop import Workshop
from ui import join_slide, session
from ui.console import base_url
from ui.projector import SAME_ACCOUNTS
from ui.text import plain


def join_tab(workshop: Workshop, lang: str) -> None:
    """What the trainer projects while the room joins."""
    join_slide.slide(workshop, lang)


def projector_tab(workshop: Workshop, lang: str) -> None:
    """The projector's own link (no PIN needed: never on the join slide) and this browser's way in."""
    st.page_link("app_pages/projector.py", label=t(lang, "presenter.open_projector"), icon=":material/co_present:",
                 query_params={"w": workshop.code})
    st.warning(t(lang, "presenter.projector_secret"), icon=":material/key:")
    token = session.workshops().projector_token(workshop)
    st.code(f"{base_url()}/projector?{urlencode({'w': workshop.code, 'p': token})}", language=None)
    st.caption(t(lang, "presenter.address_hint"))


def same_accounts(workshop: Workshop, lang: str) -> None:
    """Mark the names groups use for one customer; the projector then compares their scores."""
    st.markdown(f"**{t(lang, 'presenter.same_title')}**")
    st.caption(t(lang, "presenter.same_help"))
    names = _account_names(workshop)
    marked = {k: v for k, v in workshop.settings.get(SAME_ACCOUNTS, {}).items() if v}
    if marked:
        st.caption(t(lang, "presenter.same_marked", pairs=t(lang, "common.list_separator").join(
            plain(f"{names.get(k, k)} = {v}") for k, v in marked.items())))
    chosen = st.multiselect(t(lang, "presenter.same_names"), sorted(set(names.values())), key="presenter.same_names",
                            placeholder=t(lang, "presenter.same_placeholder"))
    save, clear = st.columns(2)
    if save.button(t(lang, "presenter.same_save"), key="presenter.same_save", disabled=len(chosen) < 2,
                   icon=":material/join:"):
        session.workshops().update_settings(workshop, **{SAME_ACCOUNTS: marked_same(chosen, marked)})
        listed = t(lang, "common.list_separator").join(plain(n) for n in chosen)
        st.success(t(lang, "presenter.same_saved", names=listed), icon=":material/check:")
    if marked and clear.button(t(lang, "presenter.same_clear"), key="presenter.same_clear", icon=":material/undo:"):
        session.workshops().update_settings(workshop, **{SAME_ACCOUNTS: dict.fromkeys(marked)})
        st.rerun()


def _account_names(workshop: Workshop) -> dict[str, str]:
    """Every account name the workshop's groups use, by its name_key."""
    store = session.workshops().store
    return {name_key(a.name): a.name for group_id, _ in session.workshops().group_names(workshop)
            for a in store.accounts(group_id)}
