"""The console's room controls: timer, announcement, "everyone go to", the model answers, and method
changes through a form (YAML stays the advanced path; both are validated by Workshops.set_overrides)."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import catalog, explain, t, term
from kamcore.method_form import MethodField, editable_fields, overrides_for
from kamcore.tools import TOOLS
from kamcore.workshop import ANNOUNCEMENT_CHARS, TIMER_MAX_MINUTES, Workshop, WorkshopError
from ui import session
from ui.text import plain
from ui.timer import countdown


def timer(workshop: Workshop, lang: str) -> None:
    """Start, pause, carry on or stop the exercise timer every participant page and the projector show."""
    countdown(workshop.countdown, lang)
    clock = workshop.countdown
    with st.container(horizontal=True, vertical_alignment="bottom", key="room-timer-controls"):
        minutes = st.number_input(t(lang, "console.minutes"), 1, TIMER_MAX_MINUTES, 15, key="console.minutes",
                                  width=160)
        st.button(t(lang, "console.start_timer"), key="console.start_timer", icon=":material/timer:",
                  on_click=_act, args=(lang, lambda: session.workshops().start_timer(
                      workshop, st.session_state.get("console.minutes", minutes))))
        if clock.running:
            st.button(t(lang, "room.pause"), key="room.pause", icon=":material/pause:",
                      on_click=_act, args=(lang, lambda: session.workshops().pause_timer(workshop)))
        elif clock.left is not None:
            st.button(t(lang, "room.resume"), key="room.resume", icon=":material/play_arrow:",
                      on_click=_act, args=(lang, lambda: session.workshops().resume_timer(workshop)))
        if clock.seconds_left() is not None:
            st.button(t(lang, "console.stop_timer"), key="console.stop_timer", icon=":material/stop:",
                      on_click=_act, args=(lang, lambda: session.workshops().stop_timer(workshop)))


def announcement(workshop: Workshop, lang: str) -> None:
    """A short message shown as a banner on every participant page until cleared."""
    if workshop.announcement:
        st.info(plain(workshop.announcement), icon=":material/campaign:")
    with st.form("room.announce", border=False, clear_on_submit=True):
        text = st.text_input(t(lang, "room.announcement"), max_chars=ANNOUNCEMENT_CHARS, key="room.announcement",
                             placeholder=t(lang, "room.announcement_hint"))
        send, clear = st.columns(2)
        if send.form_submit_button(t(lang, "room.announce"), icon=":material/campaign:", type="primary"):
            _act(lang, lambda: session.workshops().announce(workshop, text))
        if clear.form_submit_button(t(lang, "room.clear_announcement"), icon=":material/clear:",
                                    disabled=not workshop.announcement):
            _act(lang, lambda: session.workshops().clear_announcement(workshop))


def go_to(workshop: Workshop, lang: str) -> None:
    """Ask everyone to open a tool: a banner with its link on every participant page, never a forced move."""
    with st.container(horizontal=True, vertical_alignment="bottom", key="room-go-to-controls"):
        tool_id = st.selectbox(t(lang, "room.go_to_tool"), list(TOOLS), key="room.go_to_tool",
                               format_func=lambda i: TOOLS[i].name(lang))
        st.button(t(lang, "room.send_everyone"), key="room.send", icon=":material/arrow_forward:",
                  on_click=_act, args=(lang, lambda: session.workshops().send_to(workshop, tool_id)))
        if workshop.go_to:
            st.button(t(lang, "room.stop_sending"), key="room.stop_sending", icon=":material/clear:",
                      on_click=_act, args=(lang, lambda: session.workshops().send_to(workshop, None)))
    if workshop.go_to:
        st.caption(t(lang, "room.sending", tool=TOOLS[workshop.go_to].name(lang)))


def model_answers(workshop: Workshop, lang: str, pages: dict[str, Any]) -> None:
    """Open a tool as the trainer's own group (the model answers); the page says how to come back."""
    with st.container(horizontal=True, vertical_alignment="bottom", key="room-model-controls"):
        tool_id = st.selectbox(t(lang, "room.model_tool"), list(TOOLS), key="room.model_tool",
                               format_func=lambda i: TOOLS[i].name(lang))
        if st.button(t(lang, "console.model_answer"), key="console.model_answer", icon=":material/edit_note:"):
            session.fill_in_model_answers(workshop.code)  # in this tab's session only: no token in any URL
            st.switch_page(pages[tool_id], query_params={"w": workshop.code})
    st.caption(t(lang, "room.model_help"))


def _act(lang: str, action) -> None:
    try:
        action()
    except ValidationError as error:
        st.session_state["room.problems"] = explain(error, lang)
    except WorkshopError as error:
        st.session_state["room.problems"] = [error.text(lang)]


def problems() -> None:
    for problem in st.session_state.pop("room.problems", []):
        st.error(plain(problem), icon=":material/error:")


# ---- method changes through a form ------------------------------------------------------------------

def method_form(workshop: Workshop, lang: str, tool_id: str) -> None:
    """The tool's weights, cut-offs, labels and strategies as the workshop has them; Save validates the
    whole method with the changes, exactly as the YAML path does, and keeps nothing on a problem."""
    overrides = workshop.overrides(tool_id)
    current = TOOLS[tool_id].method(overrides or None).model_dump(mode="json")
    fields = editable_fields(current)
    if not fields:
        st.caption(t(lang, "room.nothing_to_set"))
        return
    sections: dict[str, list[MethodField]] = {}
    for field in fields:
        sections.setdefault(field.section, []).append(field)
    values: dict[tuple, Any] = {}
    with st.form(f"room.method.{tool_id}", border=False):
        for section, in_section in sections.items():
            with st.expander(_word(section, lang), expanded=False):
                for field in in_section:
                    values[field.path] = _field_input(tool_id, field, lang)
        saved = st.form_submit_button(t(lang, "console.save_overrides"), icon=":material/save:", type="primary")
    if not saved:
        return
    changed = {path: value for path, value in values.items()
               if value != next(f.value for f in fields if f.path == path)}
    if not changed:
        st.info(t(lang, "room.nothing_changed"), icon=":material/info:")
        return
    try:
        session.workshops().set_overrides(workshop, tool_id, overrides_for(overrides, changed))
    except ValidationError as error:
        for problem in explain(error, lang):
            st.error(plain(problem), icon=":material/error:")
        return
    st.success(t(lang, "console.overrides_saved"), icon=":material/check:")


def _word(step: str, lang: str) -> str:
    """A step of a method file's path in words: this form's own names, else the course's terms."""
    own = f"room.field.{step}"
    return t(lang, own) if own in catalog("en") else term(step, lang)


def _field_input(tool_id: str, field: MethodField, lang: str) -> Any:
    # the YAML editor's key prefix: what a trainer types here is the method's text in both languages
    key = f"console.overrides.form.{tool_id}.{field.name}"
    label = field.label(lang, _word)
    if field.is_text:
        zh, en = st.columns(2)
        return {"zh": zh.text_input(f"{label} · 中文", value=field.value["zh"], key=f"{key}.zh", max_chars=400),
                "en": en.text_input(f"{label} · English", value=field.value["en"], key=f"{key}.en",
                                    max_chars=400)}
    return st.number_input(label, value=float(field.value), key=key, step=0.5, format="%g")
