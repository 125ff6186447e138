"""The trainer console's panels: sign-in, timer, tools, groups, cases, methods, archive (the join slide and
the projector's link: ui/presenter_console.py)."""

from __future__ import annotations

import os
import secrets
import socket
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st
import yaml
from pydantic import ValidationError

from kamcore.cases import SAME_NAME, cases
from kamcore.i18n import explain, t
from kamcore.methods.common import NAME_CHARS
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop, WorkshopError
from ui import data, session
from ui.text import plain, show_error
from ui.workshop import RECOVERY_KEY, TRAINER_KEY

CLIENT_KEY = "pin_fix.client"  # this browser session's identity for the PIN throttle when it has no address


def signed_in_workshop(lang: str) -> Workshop | None:
    """The workshop this tab signed in to with its PIN (or its recovery code), or the sign-in form."""
    code = st.session_state.get(TRAINER_KEY)
    if code:
        workshop = session.workshops().live(code)
        _show_recovery_code(workshop, lang)
        return workshop
    with st.form("signin"):
        code = st.text_input(t(lang, "console.code"), value=st.query_params.get("w", ""), max_chars=12,
                             key="signin.code")
        pin = st.text_input(t(lang, "create.pin"), type="password", max_chars=64, key="signin.pin")
        if st.form_submit_button(t(lang, "console.sign_in"), type="primary", icon=":material/key:"):
            _sign_in(lang, lambda: session.workshops().sign_in(code, pin, client=client_identity()))
    with st.expander(t(lang, "pin_fix.recovery_title"), icon=":material/lock_reset:"), st.form("recover"):
        workshop_code = st.text_input(t(lang, "console.code"), value=st.query_params.get("w", ""), max_chars=12,
                                      key="recover.workshop")
        recovery = st.text_input(t(lang, "pin_fix.recovery_code"), max_chars=40, key="recover.code")
        if st.form_submit_button(t(lang, "pin_fix.recover"), icon=":material/lock_open:"):
            _sign_in(lang, lambda: _recover(workshop_code, recovery))
    return None


def _sign_in(lang: str, attempt) -> None:
    try:
        st.session_state[TRAINER_KEY] = attempt().code
    except WorkshopError as error:
        show_error(lang, error)
        return
    st.rerun()


def _recover(code: str, recovery: str) -> Workshop:
    workshop = session.workshops().recover(code, recovery)
    st.session_state[RECOVERY_KEY] = session.workshops().issue_recovery_code(workshop)  # the used one is gone
    return workshop


def client_identity() -> str:
    """Who is trying PINs, for the throttle: the connection's address, else (on this machine) the
    browser session, so one guesser at the projector slows down only itself."""
    if address := st.context.ip_address:
        return f"ip:{address}"
    return f"session:{st.session_state.setdefault(CLIENT_KEY, secrets.token_hex(16))}"


def _show_recovery_code(workshop: Workshop, lang: str) -> None:
    recovery = st.session_state.get(RECOVERY_KEY)
    if not recovery:
        return
    with st.container(border=True):
        st.warning(t(lang, "pin_fix.recovery_shown", code=recovery, workshop=workshop.code), icon=":material/key:")
        if st.button(t(lang, "pin_fix.recovery_noted"), key="pin_fix.recovery_noted", icon=":material/check:"):
            st.session_state.pop(RECOVERY_KEY, None)
            st.rerun()


def base_url() -> str:
    """The address participants on the same network should open.

    KAM_PUBLIC_URL wins; else the address the trainer is using, unless that is this machine's
    loopback, in which case this machine's network address and the server's port (KAM_PUBLIC_PORT: the
    port of the proxy in front, set by `dev.py serve`)."""
    if configured := os.environ.get("KAM_PUBLIC_URL"):
        return configured.rstrip("/")
    seen = urlsplit(st.context.url or "")
    if seen.hostname and seen.hostname not in ("localhost", "127.0.0.1", "::1"):
        return f"{seen.scheme}://{seen.netloc}"
    return f"http://{_lan_address()}:{os.environ.get('KAM_PUBLIC_PORT') or st.get_option('server.port')}"


def _lan_address() -> str:
    """This machine's address on the local network (Streamlit's "Network URL"): the source address
    of the route out. Connecting a UDP socket sends nothing; without a network, "localhost"."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): routed like any outside address, never used
            return probe.getsockname()[0]
        except OSError:
            return "localhost"


def timer(workshop: Workshop, lang: str) -> None:
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    minutes = left.number_input(t(lang, "console.minutes"), 1, 180, 15, key="console.minutes")
    if right.button(t(lang, "console.start_timer"), key="console.start_timer", icon=":material/timer:"):
        end = datetime.now(UTC) + timedelta(minutes=minutes)
        session.workshops().update_settings(workshop, timer_end=end.isoformat())
        st.rerun()
    if workshop.timer_end and right.button(t(lang, "console.stop_timer"), key="console.stop_timer"):
        session.workshops().update_settings(workshop, timer_end=None)
        st.rerun()


def tools(workshop: Workshop, lang: str) -> None:
    """Open or lock each tool, reveal or hide its model answer; the server enforces the lock."""
    for tool_id in TOOLS:
        name, lock, reveal = st.columns([3, 2, 2])
        name.markdown(f"**{TOOLS[tool_id].name(lang)}**")
        lock.toggle(t(lang, "console.locked"), value=workshop.locked(tool_id), key=f"console.lock.{tool_id}",
                    on_change=_setting, args=(workshop, "locks", tool_id, f"console.lock.{tool_id}"))
        reveal.toggle(t(lang, "console.revealed"), value=workshop.revealed(tool_id), key=f"console.reveal.{tool_id}",
                      on_change=_setting, args=(workshop, "reveals", tool_id, f"console.reveal.{tool_id}"))


def _setting(workshop: Workshop, name: str, tool_id: str, widget_key: str) -> None:
    session.workshops().update_settings(workshop, **{name: {tool_id: st.session_state[widget_key]}})


def groups(workshop: Workshop, lang: str) -> None:
    progress = session.workshops().progress(workshop)
    if not progress:
        st.info(t(lang, "console.no_groups"), icon=":material/group_off:")
        return
    st.dataframe(pd.DataFrame([{
        t(lang, "compare.group"): g.name, t(lang, "access.join_key"): g.join_key,
        t(lang, "compare.accounts"): g.accounts,
        **{TOOLS[tool_id].name(lang): g.worksheets[tool_id].astimezone().strftime("%H:%M")
           if tool_id in g.worksheets else "—" for tool_id in TOOLS},
    } for g in progress]), hide_index=True, width="stretch", placeholder="")
    names = {g.id: g.name for g in progress}
    chosen = st.selectbox(t(lang, "compare.group"), list(names), format_func=names.get, key="console.group")
    rename, remove = st.columns(2, vertical_alignment="bottom")
    new_name = rename.text_input(t(lang, "console.new_name"), max_chars=NAME_CHARS, key="console.new_name")
    if rename.button(t(lang, "console.rename"), key="console.rename"):
        _act(lang, lambda: session.workshops().rename_group(workshop, chosen, new_name))
    sure = remove.checkbox(t(lang, "console.confirm_remove"), key="console.confirm_remove")
    if remove.button(t(lang, "console.remove"), key="console.remove", disabled=not sure, type="primary"):
        _act(lang, lambda: session.workshops().remove_group(workshop, chosen))


def load_case(workshop: Workshop, lang: str) -> None:
    available = cases()
    chosen = st.selectbox(t(lang, "console.case"), list(available), key="console.case",
                          format_func=lambda c: available[c].title(lang))
    st.caption(available[chosen].description(lang))
    st.caption(t(lang, "lang_fix.case_language"))
    clashes = session.workshops().case_clashes(workshop, chosen, lang)
    same_name = "keep_both"
    if clashes:  # never a silent twin: the trainer decides what a same-named account becomes
        names = t(lang, "common.list_separator").join(plain(g) for g in clashes)
        st.warning(t(lang, "console.case_clash", groups=names), icon=":material/content_copy:")
        same_name = st.radio(t(lang, "console.case_same_name"), SAME_NAME, key="console.case_same_name",
                             format_func=lambda choice: t(lang, f"console.case_{choice}"))
    if st.button(t(lang, "console.load_case"), key="console.load_case", icon=":material/cases:"):
        count, skipped = session.workshops().load_case(workshop, chosen, lang, same_name,
                                                       suffix=t(lang, "console.case_suffix"))
        st.success(t(lang, "console.case_loaded", count=count), icon=":material/check:")
        if skipped:
            st.warning(t(lang, "console.case_skipped", count=skipped), icon=":material/warning:")


def methods(workshop: Workshop, lang: str, tool_id: str) -> None:
    """The workshop's changes to a tool's methodology, as YAML over the defaults, validated the same way."""
    st.caption(t(lang, "console.methods_help", file=f"data/methods/{tool_id}.yaml"))
    current = yaml.safe_dump(workshop.overrides(tool_id), allow_unicode=True, sort_keys=False) \
        if workshop.overrides(tool_id) else ""
    text = st.text_area(t(lang, "console.overrides"), value=current, height=220, key=f"console.overrides.{tool_id}",
                        placeholder="portfolio:\n  x_cut: 6\nbands:\n  - id: key_account\n    min: 7.5")
    if st.button(t(lang, "console.save_overrides"), key="console.save_overrides", icon=":material/save:"):
        try:
            overrides = yaml.safe_load(text) or {}
            if not isinstance(overrides, dict):
                raise ValueError(t(lang, "console.overrides_not_mapping"))
            session.workshops().set_overrides(workshop, tool_id, overrides)
            st.success(t(lang, "console.overrides_saved"), icon=":material/check:")
        except ValidationError as error:
            for problem in explain(error, lang):
                st.error(plain(problem), icon=":material/error:")
        except (ValueError, yaml.YAMLError) as error:
            st.error(plain(str(error)), icon=":material/error:")


def archive(workshop: Workshop, lang: str) -> None:
    if st.toggle(t(lang, "console.archived"), value=workshop.archived, key="console.archived") != workshop.archived:
        session.workshops().set_archived(workshop, not workshop.archived)
        st.rerun()
    data.retention(workshop, lang)
    if st.button(t(lang, "console.sign_out"), key="console.sign_out", icon=":material/logout:"):
        st.session_state.pop(TRAINER_KEY, None)
        st.rerun()


def _act(lang: str, action) -> None:
    try:
        action()
        st.rerun()
    except ValidationError as error:
        st.error(plain(" ".join(explain(error, lang))), icon=":material/error:")
    except WorkshopError as error:
        show_error(lang, error)
