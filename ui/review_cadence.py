"""The review-cadence page's panels: the start day, the year's calendar (with its .ics file), the
record of each review held, and the three reviews' cadence, attendees and agenda."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pandas as pd
import streamlit as st

from kamcore.i18n import t
from kamcore.methods import review_cadence as rc
from kamcore.methods.common import NOTE_CHARS, iso_day, typed
from kamcore.store import Account
from ui.components import autosave_table, not_scored
from ui.layout import wide_dataframe
from ui.worksheet import WorksheetEditor


def start(ws: WorksheetEditor, lang: str) -> None:
    """The calendar's first day: nothing planned until the group sets it."""
    key = ws.key("start")
    saved = ws.data.get("start")
    st.date_input(t(lang, "l3b.review.start"), value=dt.date.fromisoformat(saved) if saved else None, key=key,
                  disabled=ws.disabled, format="YYYY-MM-DD", on_change=ws.set_from_widget, args=(["start"], key))


def calendar(ws: WorksheetEditor, m: rc.ReviewMethod, result: rc.ReviewResult | None, account: Account,
             lang: str) -> None:
    if result is None:
        return
    if not result.calendar:
        not_scored(lang, t(lang, "l3b.review.calendar"), t(lang, "l3b.review.start_first"))
        return
    with st.container(horizontal=True, gap="large"):  # side by side on a phone too
        st.metric(t(lang, "l3b.review.held"), f"{result.counted_held} / {len(result.calendar)}", width="content")
        st.metric(t(lang, "l3b.review.overdue"), len(result.overdue), width="content")
        st.metric(t(lang, "l3b.review.next"), result.next.day.isoformat() if result.next else "—", width="content")
    records = {h["key"]: h for h in ws.data["held"]}
    planned, review, state = (t(lang, f"l3b.review.{c}") for c in ("planned", "review", "state"))
    wide_dataframe(f"{ws.tool.id}.calendar", lang, pd.DataFrame([{
        planned: p.day.isoformat(), review: m.review(p.review).name(lang),
        state: t(lang, f"l3b.review.state_{p.state}"),
        t(lang, "l3b.review.held_on"): records[p.held]["date"] if p.held else ""} for p in result.calendar]),
        main=[planned, review, state])
    if result.unplanned:
        st.caption(t(lang, "l3b.review.unplanned", n=len(result.unplanned)))
    st.download_button(t(lang, "l3b.review.ics"), rc.ics(result, m, account.name, lang, account.key),
                       file_name=f"reviews-{account.key}.ics", mime="text/calendar", icon=":material/event:",
                       key=ws.key("ics"), on_click="ignore")


def held(ws: WorksheetEditor, m: rc.ReviewMethod, lang: str) -> None:
    """Every review held in one table: which review, when, who came, the outcome and the actions."""
    reviews = {r.id: r.name(lang) for r in m.reviews}
    columns = {
        "key": None,
        "review": st.column_config.SelectboxColumn(t(lang, "l3b.review.review"), options=list(reviews),
                                                   format_func=reviews.get, default=m.reviews[0].id),
        "date": st.column_config.DateColumn(t(lang, "l3b.review.date"), format="YYYY-MM-DD"),
        "attendees": st.column_config.TextColumn(t(lang, "l3b.review.attendees"), max_chars=NOTE_CHARS),
        "outcome": st.column_config.TextColumn(t(lang, "l3b.review.outcome"), max_chars=NOTE_CHARS),
        "actions": st.column_config.TextColumn(t(lang, "l3b.review.actions"), max_chars=NOTE_CHARS),
    }
    shown = [{**{c: r.get(c) for c in columns}, "date": dt.date.fromisoformat(r["date"]) if r.get("date") else None}
             for r in ws.data["held"]]

    def to_row(r: dict[str, Any]) -> dict[str, Any]:
        return {"key": r.get("key") or f"h{uuid.uuid4().hex[:10]}", "review": r.get("review"),
                "date": iso_day(r.get("date")), "attendees": r.get("attendees") or "",
                "outcome": r.get("outcome") or "", "actions": r.get("actions") or ""}

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        return {**ws.data, "held": [to_row(r) for r in edited if typed(r, ignore=("key", "review"))]}

    drafts = [(r.get("outcome") or t(lang, "draft.row", n=n + 1), [f for f in ("review", "date") if not r.get(f)])
              for n, r in enumerate(ws.data["held"]) if not (r.get("review") and r.get("date"))]
    autosave_table(ws, "held", shown, columns, to_data, rebuild=True, drafts=drafts)


def agendas(m: rc.ReviewMethod, lang: str) -> None:
    for review in m.reviews:
        with st.container(border=True):
            st.markdown(f"**{review.name(lang)}** · {t(lang, 'l3b.review.every', n=review.cadence_months)}")
            attendees = review.attendees(lang)
            st.caption(t(lang, "l3b.labelled", label=t(lang, "l3b.review.usual_attendees"), text=attendees))
            st.markdown("\n".join(f"{n}. {item(lang)}" for n, item in enumerate(review.agenda, start=1)))
    st.caption(t(lang, "l3b.review.rule", days=m.tolerance_days, months=m.horizon_months))
