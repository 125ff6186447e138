"""The task timetable page's panels: key figures, the tasks table (with the noun check), the Gantt chart
(as wide as its days need; a phone scrolls it sideways) and the weekly review."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.clock import today
from kamcore.i18n import t
from kamcore.methods import task_timetable as tt
from kamcore.methods.common import LONG_NOTE_CHARS, NAME_CHARS, SHORT_TEXT_CHARS, as_date
from kamcore.tools.task_timetable import gantt
from ui.components import autosave_table
from ui.text import plain
from ui.worksheet import WorksheetEditor

FLASH = "timetable.flash"
SCROLL = "timetable-gantt-box"  # the container's key, and so its CSS class (st-key-…)
# the chart's element keeps the figure's width (Streamlit would fit it to the screen); its box scrolls sideways
_CSS = ("<style>.st-key-{key} {{ overflow-x: auto; }} .st-key-{key} [data-testid=stElementContainer] "
        "{{ min-width: {width}px; }}</style>")


def headline(result: tt.TimetableResult | None, lang: str) -> None:
    if result is None:
        return
    tasks, done, overdue = st.columns(3)
    tasks.metric(t(lang, "l2c.timetable.tasks_metric"), result.tasks)
    done.metric(t(lang, "l2c.timetable.done_metric"), result.done)
    overdue.metric(t(lang, "l2c.timetable.overdue_metric"), len(result.overdue))


def tasks(ws: WorksheetEditor, result: tt.TimetableResult | None, m: tt.TimetableMethod, lang: str) -> None:
    """The tasks, saved on every edit; a deliverable that reads like an activity gets a gentle hint."""
    statuses = {s.id: s.text(lang) for s in m.statuses}
    columns = {
        "key": None,
        "deliverable": st.column_config.TextColumn(m.field_label("deliverable", lang), max_chars=SHORT_TEXT_CHARS),
        "owner": st.column_config.TextColumn(m.field_label("owner", lang), max_chars=NAME_CHARS),
        "start": st.column_config.DateColumn(m.field_label("start", lang), format="YYYY-MM-DD"),
        "due": st.column_config.DateColumn(m.field_label("due", lang), format="YYYY-MM-DD"),
        "status": st.column_config.SelectboxColumn(m.field_label("status", lang), options=list(statuses),
                                                   format_func=statuses.get, default=m.statuses[0].id),
        "support": st.column_config.TextColumn(m.field_label("support", lang), max_chars=NAME_CHARS),
    }
    rows = [{**r, "start": as_date(r.get("start")), "due": as_date(r.get("due"))} for r in ws.data["tasks"]]

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        return tt.from_table(ws.data, edited)

    autosave_table(ws, "tasks", rows, columns, to_data, rebuild=True, drafts=_drafts(ws, m, lang))
    by_key = {r["key"]: r for r in ws.data["tasks"]}
    for key in (result.verb_like if result else []):
        st.info(t(lang, "l2c.timetable.verb_hint", deliverable=plain(by_key[key]["deliverable"])),
                icon=":material/lightbulb:")
    for key in (result.backwards if result else []):
        st.warning(t(lang, "l2c.timetable.backwards", deliverable=plain(by_key[key]["deliverable"])),
                   icon=":material/event_busy:")


def _drafts(ws: WorksheetEditor, m: tt.TimetableMethod, lang: str) -> list[tuple[str, list[str]]]:
    try:
        rows = ws.tool.validate(ws.data, m).tasks
    except ValidationError:
        return []
    return [(x.deliverable or t(lang, "draft.row", n=n + 1), x.missing()) for n, x in enumerate(rows)
            if not x.complete()]


def gantt_chart(ws: WorksheetEditor, m: tt.TimetableMethod, lang: str) -> None:
    """The Gantt chart at its own width inside a box that scrolls sideways: on a phone the days keep
    their width instead of being squashed."""
    try:
        complete = tt.complete_rows(ws.tool.validate(ws.data, m).tasks)
    except ValidationError:
        return
    if not complete:
        st.info(t(lang, "l2c.timetable.no_tasks"), icon=":material/info:")
        return
    figure = gantt(complete, m, lang, today())
    st.html(_CSS.format(key=SCROLL, width=figure.layout.width))
    st.caption(t(lang, "l2c.timetable.scroll_hint"))
    with st.container(key=SCROLL):
        st.plotly_chart(figure, key="timetable.gantt", width="content", config={"displayModeBar": False})


def _items(diff: tt.Diff, lang: str) -> list[tuple[str, list[str]]]:
    return [(t(lang, "l2c.timetable.changes_done"), [plain(i.deliverable) for i in diff.done]),
            (t(lang, "l2c.timetable.changes_slipped"), [t(lang, "l2c.timetable.slipped_item",
                                                          deliverable=plain(i.deliverable), days=i.days)
                                                        for i in diff.slipped]),
            (t(lang, "l2c.timetable.changes_new"), [plain(i.deliverable) for i in diff.new]),
            (t(lang, "l2c.timetable.changes_overdue"), [t(lang, "l2c.timetable.overdue_item",
                                                          deliverable=plain(i.deliverable), days=i.days)
                                                        for i in diff.overdue]),
            (t(lang, "l2c.timetable.changes_dropped"), [plain(i.deliverable) for i in diff.dropped])]


def changes(diff: tt.Diff, lang: str) -> None:
    """What changed, one line per kind of change that has any."""
    if diff.empty:
        st.caption(t(lang, "l2c.timetable.nothing_changed"))
        return
    st.markdown("\n".join(f"- **{label}** ({len(items)}): {t(lang, 'common.list_separator').join(items)}"
                          for label, items in _items(diff, lang) if items))


def review(ws: WorksheetEditor, result: tt.TimetableResult | None, m: tt.TimetableMethod, lang: str) -> None:
    """What changed since the last review; this week's review (date, notes) saved as a snapshot; the
    reviews before, newest first, each with what changed since the one before it."""
    for message in st.session_state.pop(FLASH, []):
        st.success(message, icon=":material/check_circle:")
    if result is None:
        return
    last = result.reviews[-1] if result.reviews else None
    with st.container(border=True, key="timetable-pending"):
        since = t(lang, "l2c.timetable.since_last", date=last.date.isoformat()) if last else \
            t(lang, "l2c.timetable.since_none")
        st.markdown(f"**{since}**")
        changes(result.pending, lang)
    on = st.date_input(t(lang, "l2c.timetable.review_date"), value=today(), key=ws.key("review", "date"),
                         format="YYYY-MM-DD", disabled=ws.disabled)
    notes = st.text_area(t(lang, "l2c.timetable.review_notes"), key=ws.key("review", "notes"),
                         max_chars=LONG_NOTE_CHARS, disabled=ws.disabled)
    st.button(t(lang, "l2c.timetable.run_review"), key=ws.key("review", "save"), type="primary",
              icon=":material/event_available:", disabled=ws.disabled or on is None, on_click=_review,
              args=(ws, m, on, notes, lang))
    if result.reviews:
        st.markdown(f"#### {t(lang, 'l2c.timetable.history')}")
    for r in reversed(result.reviews):
        with st.container(border=True):
            st.markdown(f"**{t(lang, 'l2c.timetable.review')} {r.date.isoformat()}**")
            if r.notes:
                st.caption(plain(r.notes))
            changes(r, lang)


def _review(ws: WorksheetEditor, m: tt.TimetableMethod, on: Any, notes: str, lang: str) -> None:
    if ws.commit(tt.review(ws.data, on, notes, m)):
        ws.rebuild()
        st.session_state[FLASH] = [t(lang, "l2c.timetable.reviewed", date=on.isoformat())]
