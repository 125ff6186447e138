"""The closing strategy page's panels: the position and the suggestion, the group's choice with its
reason, the competitors weakest first, and the success story."""

from __future__ import annotations

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import closing_strategy as cs
from kamcore.methods.common import NAME_CHARS, NOTE_CHARS, SHORT_TEXT_CHARS
from kamcore.methods.position import Position
from ui.components import verdict
from ui.position import position_panel
from ui.session import Context
from ui.worksheet import WorksheetEditor

SUGGESTED = "#0072B2"


def choose(ctx: Context, ws: WorksheetEditor, m: cs.ClosingMethod, position: Position) -> None:
    lang = ctx.lang
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.subheader(t(lang, "l2d.close.position"))
        position_panel(ctx, position, "closing_strategy.links")
    with right:
        suggested = cs.suggest(position, m)
        if suggested:
            s = m.strategy(suggested)
            verdict(lang, t(lang, "l2d.close.suggested"), s.label, s.when, SUGGESTED)
        _choice(ws, m, suggested, lang)
    order = position.weak_first()
    if order:
        st.subheader(t(lang, "l2d.close.order"))
        st.markdown(" → ".join(f"**{s.name}** ({s.score:.2f})" for s in order))
        st.caption(m.weak_first(lang))


def _choice(ws: WorksheetEditor, m: cs.ClosingMethod, suggested: str | None, lang: str) -> None:
    strategies = {s.id: s for s in m.strategies}
    key = ws.field_key("chosen", ["chosen"])
    chosen = st.radio(t(lang, "l2d.close.chosen"), list(strategies), key=key, disabled=ws.disabled,
                      index=list(strategies).index(ws.data["chosen"]) if ws.data["chosen"] else None,
                      format_func=lambda s: strategies[s].label(lang), captions=[s.description(lang)
                                                                                 for s in strategies.values()],
                      on_change=ws.set_from_widget, args=(["chosen"], key))
    if chosen and suggested and chosen != suggested:
        st.info(t(lang, "l2d.close.differs", suggested=strategies[suggested].label(lang)), icon=":material/help:")
    key = ws.field_key("reason", ["reason"])
    st.text_area(t(lang, "l2d.close.reason"), value=ws.data["reason"], key=key, max_chars=NOTE_CHARS, height=90,
                 disabled=ws.disabled, on_change=ws.set_from_widget, args=(["reason"], key))


def story(ws: WorksheetEditor, lang: str) -> None:
    """The success story to copy (复制成功故事)."""
    st.caption(t(lang, "l2d.close.story_help"))
    for name in cs.STORY:
        path = ["story", name]
        key = ws.field_key(name, path)
        st.text_input(t(lang, f"l2d.close.story_{name}"), value=ws.data["story"].get(name, ""), key=key,
                      max_chars=NAME_CHARS if name == "title" else SHORT_TEXT_CHARS, disabled=ws.disabled,
                      on_change=ws.set_from_widget, args=(path, key))
