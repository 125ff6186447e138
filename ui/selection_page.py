"""The selection page, for every tool that is account selection over its own method (selection, and
global account selection with its global criteria): score candidate accounts, place them on the two
matrices, test the weights. `prefix` keeps each page's own widget keys apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import selection as sel
from kamcore.tools import TOOLS
from ui import selection as panels
from ui.accounts import add_account
from ui.components import row_picker, worksheet_result
from ui.layout import tabbed, titled
from ui.model_answer import model_answer
from ui.session import Context
from ui.text import plain
from ui.worksheet import WorksheetEditor


def page(ctx: Context, tool_id: str, prefix: str, intro: Callable[[Any, str], None] | None = None) -> None:
    lang, tool = ctx.lang, TOOLS[tool_id]
    m = ctx.method(tool_id)
    ws = WorksheetEditor(ctx.workspace, tool, m, lang, blank=lambda: sel.blank_input(m))

    st.title(m.title(lang))
    st.info(m.exercise_prompt(lang), icon=":material/groups:")
    if intro:
        intro(m, lang)
    with st.expander(t(lang, "selection.how_it_works"), icon=":material/school:"):
        st.markdown(t(lang, "selection.method_text", shift=f"{m.sensitivity_shift:g}"))
        example = st.selectbox(t(lang, "selection.example"), [e.id for e in m.examples], key=f"{prefix}.example",
                               format_func=lambda i: next(e.title(lang) for e in m.examples if e.id == i))
        if st.button(t(lang, "common.load_example"), key=f"{prefix}.load_example", icon=":material/download:",
                     disabled=ws.disabled):
            panels.load_example(ctx, ws, m, example)
            st.rerun()
    panels.sync_accounts(ctx, ws, m)
    ws.status()
    model_answer(ctx, tool_id)
    if not ws.data["accounts"]:
        add_account(ctx, first=True)
        st.stop()

    index = row_picker(ws.data["accounts"], f"{prefix}.account")
    chosen, name = ws.data["accounts"][index]["key"], ws.data["accounts"][index]["name"]

    def chosen_in(result: Any) -> tuple[Any, Any]:
        """The chosen account's result, and what it still lacks while it is not fully scored."""
        if not result:
            return None, None
        return (next((a for a in result.accounts if a.key == chosen), None),
                next((u for u in result.unscored if u.key == chosen), None))

    def score() -> None:
        titled(t(lang, "selection.accounts"), panels.accounts_table, ctx, ws, m, lang)
        row_picker(ws.data["accounts"], f"{prefix}.account", t(lang, "selection.score_account"))
        ws.panel("score", scoring)

    def scoring() -> None:
        """The chosen account's scores and what they make of it: a score picked reruns this alone."""
        chosen_result, chosen_waiting = chosen_in(worksheet_result(ws))
        if chosen_result:
            panels.summary_line(chosen_result, m, lang)
        elif chosen_waiting:
            with st.container(key="sel-waiting"):  # one line on a phone: the first score comes next
                panels.waiting(chosen_waiting, lang)
        inputs, outcome = st.columns([3, 2], gap="large")
        with inputs:
            panels.score_form(ws, m, lang, index)
        with outcome:
            st.subheader(plain(name))
            if chosen_result:
                panels.account_verdict(chosen_result, m, lang)

    def results() -> None:
        result = worksheet_result(ws)
        chosen_result, _ = chosen_in(result)
        if result:
            panels.unscored_list(result, lang)
        if result and result.accounts:
            panels.results_table(result, m, lang)
            panels.matrices(ws, lang, chosen)
            if chosen_result:
                titled(t(lang, "selection.formulas", account=plain(name)), panels.formulas, chosen_result, lang)
            titled(t(lang, "sensitivity.title"), panels.sensitivity, result, ws, m, lang)

    def criteria() -> None:
        st.caption(t(lang, "criteria.explain"))
        panels.criteria_tables(ws, m, lang)

    def screening() -> None:
        panels.screening(ws, m, lang)

    tabbed(f"{prefix}.tab", {t(lang, "selection.tab_score"): score, t(lang, "selection.tab_results"): results,
                             t(lang, "selection.tab_criteria"): criteria, t(lang, "screen.title"): screening})


def global_criteria(m: Any, lang: str) -> None:
    """Which attractiveness criteria the global version adds, and their weights."""
    added = [f"{c.name(lang)} ({c.weight:g})" for c in m.attractiveness_criteria if m.is_global(c.id)]
    st.caption(t(lang, "l4a.global_criteria", names=t(lang, "common.list_separator").join(added)))
