"""The monitoring meeting page's panels: start a meeting (each account's progress taken from its
pipeline), the meeting's progress, situation, problems and countermeasures, its actions raised and
carried over, every action, and the minutes as a one-page download."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from kamcore.clock import today
from kamcore.export.book import money
from kamcore.i18n import t
from kamcore.methods import monitoring_meeting as mm
from kamcore.methods import pipeline as pl
from kamcore.methods.common import LONG_NOTE_CHARS, NAME_CHARS, SHORT_TEXT_CHARS, as_date
from kamcore.tools.monitoring_meeting import change_text, minutes, stage_text
from ui.components import autosave_table
from ui.live import group_accounts
from ui.session import Context
from ui.text import plain
from ui.worksheet import WorksheetEditor

FLASH = "meeting.flash"
CHOSEN = "meeting.chosen"


def progress_now(ctx: Context) -> list[dict[str, Any]]:
    """Each of the group's accounts as its pipeline worksheet shows it now."""
    accounts = [(a.key, a.name) for a in group_accounts(ctx.workspace)]
    pipelines = {}
    for key, _ in accounts:
        saved = ctx.workspace.worksheet(pl.TOOL_ID, key)
        pipelines[key] = saved.data if saved else None
    return mm.account_progress(accounts, pipelines, ctx.method(pl.TOOL_ID))


def start(ctx: Context, ws: WorksheetEditor, lang: str) -> None:
    """A date and a button: a new meeting, with each account's progress from its pipeline."""
    for message in st.session_state.pop(FLASH, []):
        st.success(message, icon=":material/check_circle:")
    when, go = st.columns([3, 2], vertical_alignment="bottom")
    on = when.date_input(t(lang, "l2c.meeting.new_date"), value=today(), key=ws.key("new", "date"),
                         format="YYYY-MM-DD", disabled=ws.disabled)
    go.button(t(lang, "l2c.meeting.hold"), key=ws.key("new", "hold"), type="primary", icon=":material/add:",
              disabled=ws.disabled or on is None, on_click=_hold, args=(ctx, ws, on, lang), width="stretch")


def _hold(ctx: Context, ws: WorksheetEditor, on: Any, lang: str) -> None:
    data = mm.hold(ws.data, on, progress_now(ctx))
    if ws.commit(data):
        ws.rebuild()
        st.session_state[CHOSEN] = data["meetings"][-1]["key"]
        st.session_state[FLASH] = [t(lang, "l2c.meeting.held", date=on.isoformat())]


def chosen(ws: WorksheetEditor, result: mm.MonitoringResult | None, lang: str) -> mm.MeetingView | None:
    """The meeting the reader looks at: the latest until they pick another."""
    if not result or not result.meetings:
        st.info(t(lang, "l2c.meeting.none_yet"), icon=":material/info:")
        return None
    views = {x.key: x for x in result.meetings}
    if st.session_state.get(CHOSEN) not in views:
        st.session_state[CHOSEN] = result.meetings[-1].key
    key = st.selectbox(t(lang, "l2c.meeting.choose"), list(reversed(views)), key=CHOSEN,
                       format_func=lambda k: views[k].date.isoformat())
    return views[key]


def meeting(ctx: Context, ws: WorksheetEditor, view: mm.MeetingView, result: mm.MonitoringResult,
            m: mm.MonitoringMethod, lang: str) -> None:
    """Progress per account, the situation, problems and countermeasures, and the actions."""
    index = next(n for n, x in enumerate(ws.data["meetings"]) if x["key"] == view.key)
    st.markdown(f"**{t(lang, 'l2c.meeting.progress')}**")
    if view.accounts:
        st.dataframe(pd.DataFrame([{
            m.field_label("account", lang): a.account,
            m.field_label("stage", lang): stage_text(a.stage, lang, ctx.method(pl.TOOL_ID)) if a.deals
            else t(lang, "l2c.meeting.no_pipeline"),
            m.field_label("weighted", lang): money(a.weighted, lang),
            m.field_label("change", lang): change_text(a.change, lang) + (
                f" · {t(lang, 'l2c.meeting.stage_moved', moved=a.stages_moved)}" if a.stages_moved else "")}
            for a in view.accounts]), hide_index=True, width="stretch", key="meeting.progress")
    else:
        st.caption(t(lang, "l2c.meeting.no_accounts"))
    st.button(t(lang, "l2c.meeting.refresh"), key=ws.key("refresh", view.key), icon=":material/sync:",
              disabled=ws.disabled, on_click=_refresh, args=(ctx, ws, view.key))
    for name in ("business", "problems", "countermeasures"):
        path = ["meetings", index, name]
        key = ws.field_key("text", path)
        st.text_area(m.field_label(name, lang), value=ws.data["meetings"][index][name], key=key, height=90,
                     max_chars=LONG_NOTE_CHARS, disabled=ws.disabled, on_change=ws.set_from_widget, args=(path, key))
    actions_of(ws, view, m, lang)


def _refresh(ctx: Context, ws: WorksheetEditor, key: str) -> None:
    if ws.commit(mm.refresh(ws.data, key, progress_now(ctx))):
        ws.rebuild()


def actions_of(ws: WorksheetEditor, view: mm.MeetingView, m: mm.MonitoringMethod, lang: str) -> None:
    by_key = {a["key"]: a for a in ws.data["actions"]}
    for title, keys in ((t(lang, "l2c.meeting.raised_here"), view.raised),
                        (t(lang, "l2c.meeting.carried_here"), view.carried)):
        st.markdown(f"**{title}**")
        lines = [f"- {plain(by_key[k]['action'])} — {plain(by_key[k]['owner'])}"
                 + (f" · {m.field_label('due', lang)} {by_key[k]['due']}" if by_key[k].get("due") else "")
                 + (f" · {m.field_label('closed', lang)} {by_key[k]['closed']}" if by_key[k].get("closed") else "")
                 for k in keys]
        st.markdown("\n".join(lines) if lines else t(lang, "l2c.meeting.none"))


def actions(ws: WorksheetEditor, result: mm.MonitoringResult | None, m: mm.MonitoringMethod, lang: str) -> None:
    """Every action, saved on every edit: open until it has a closed date."""
    if not result or not result.meetings:
        st.info(t(lang, "l2c.meeting.none_yet"), icon=":material/info:")
        return
    st.caption(t(lang, "l2c.meeting.actions_help"))
    meetings = {x.key: x.date.isoformat() for x in result.meetings}
    columns = {
        "key": None,
        "action": st.column_config.TextColumn(m.field_label("action", lang), max_chars=SHORT_TEXT_CHARS),
        "owner": st.column_config.TextColumn(m.field_label("owner", lang), max_chars=NAME_CHARS),
        "due": st.column_config.DateColumn(m.field_label("due", lang), format="YYYY-MM-DD"),
        "closed": st.column_config.DateColumn(m.field_label("closed", lang), format="YYYY-MM-DD"),
        "meeting": st.column_config.SelectboxColumn(m.field_label("meeting", lang), options=list(meetings),
                                                    format_func=meetings.get,
                                                    default=result.meetings[-1].key),
    }
    rows = [{**a, "due": as_date(a.get("due")), "closed": as_date(a.get("closed"))} for a in ws.data["actions"]]

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        return mm.from_table(ws.data, edited)

    autosave_table(ws, "actions", rows, columns, to_data, rebuild=True, drafts=_drafts(ws, m, lang))


def _drafts(ws: WorksheetEditor, m: mm.MonitoringMethod, lang: str) -> list[tuple[str, list[str]]]:
    try:
        rows = ws.tool.validate(ws.data, m).actions
    except ValidationError:
        return []
    return [(a.action or t(lang, "draft.row", n=n + 1), a.missing()) for n, a in enumerate(rows) if not a.complete()]


def minutes_panel(ctx: Context, ws: WorksheetEditor, view: mm.MeetingView, m: mm.MonitoringMethod,
                  lang: str) -> None:
    """The meeting's minutes as they will print, and the download."""
    group = ctx.workspace.display_name(lang)
    text = minutes(ws.data, view.key, m, lang, group)
    st.download_button(t(lang, "l2c.meeting.minutes_download"), text.encode("utf-8"), key="meeting.minutes",
                       file_name=f"minutes-{view.date.isoformat()}.md", mime="text/markdown",
                       icon=":material/download:")
    with st.container(border=True):
        st.markdown(_smaller(text))


def _smaller(markdown: str) -> str:
    """The minutes' headings three levels down, so the preview reads as a page, not a poster."""
    return "\n".join("###" + line if line.startswith("#") else line for line in markdown.splitlines())
