"""The continuous-attention page's panels: where the account stands today, and one table of the
course's practices with owner, cadence and last done (next due and state computed)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import attention_checklist as ac
from kamcore.methods.common import NAME_CHARS, as_date, iso_day
from ui.components import not_scored
from ui.lecture3 import fixed_table
from ui.text import plain
from ui.worksheet import WorksheetEditor


def state(lang: str, state_id: str) -> str:
    return t(lang, f"l3b.attention.state_{state_id}")  # no emoji: a table's canvas may lack the font


def standing(m: ac.AttentionMethod, result: ac.AttentionResult | None, lang: str) -> None:
    if result is None:
        return
    if not result.done:
        not_scored(lang, t(lang, "l3b.attention.on_track"), t(lang, "l3b.attention.first"))
        return
    with st.container(horizontal=True, gap="large"):  # side by side on a phone too
        st.metric(t(lang, "l3b.attention.on_track"), f"{result.on_track} / {len(result.practices)}", width="content")
        st.metric(t(lang, "l3b.attention.state_overdue"), result.by_state["overdue"], width="content")
        st.metric(t(lang, "l3b.attention.state_never"), result.by_state["never"], width="content")
    if result.overdue:
        names = t(lang, "common.list_separator").join(m.practice(p).text(lang) for p in result.overdue)
        st.warning(t(lang, "l3b.attention.flagged", n=len(result.overdue), names=plain(names)),
                   icon=":material/notification_important:")


def entries(rows: list[dict[str, Any]], m: ac.AttentionMethod) -> dict[str, dict[str, Any]]:
    """The table's rows as the worksheet keeps them: only practices with something typed, a cadence
    kept only where it differs from the practice's default."""
    found = {}
    for r in rows:
        cadence = r.get("cadence") if r.get("cadence") != m.practice(r["id"]).cadence else None
        entry = {"owner": r.get("owner") or "", "last_done": iso_day(r.get("last_done")), "cadence": cadence}
        if entry["owner"] or entry["last_done"] or cadence:
            found[r["id"]] = entry
    return found


def practices(ws: WorksheetEditor, m: ac.AttentionMethod, result: ac.AttentionResult | None, lang: str) -> None:
    cadences = {c.id: c.label(lang) for c in m.cadences}
    columns = {
        "id": None,
        "practice": st.column_config.TextColumn(t(lang, "l3b.attention.practice"), disabled=True),
        "owner": st.column_config.TextColumn(t(lang, "l3b.attention.owner"), max_chars=NAME_CHARS),
        "last_done": st.column_config.DateColumn(t(lang, "l3b.attention.last_done"), format="YYYY-MM-DD"),
        "cadence": st.column_config.SelectboxColumn(t(lang, "l3b.attention.cadence"), options=list(cadences),
                                                    format_func=cadences.get, default=m.cadences[0].id),
        "next_due": st.column_config.TextColumn(t(lang, "l3b.attention.next_due"), disabled=True),
        "state": st.column_config.TextColumn(t(lang, "l3b.attention.state"), disabled=True),
        "group": st.column_config.TextColumn(t(lang, "l3b.attention.group"), disabled=True),
    }
    saved = ws.data.get("practices", {})
    status = {p.id: p for p in result.practices} if result is not None else {}
    shown = [{"id": p.id, "practice": p.text(lang), "owner": saved.get(p.id, {}).get("owner", ""),
              "last_done": as_date(saved.get(p.id, {}).get("last_done")),
              "cadence": saved.get(p.id, {}).get("cadence") or p.cadence,
              "next_due": status[p.id].next_due.isoformat() if p.id in status and status[p.id].next_due else "",
              "state": state(lang, status[p.id].state) if p.id in status else "",
              "group": m.group(p.group).label(lang)} for p in m.practices]
    fixed_table(ws, "practices", shown, columns, lambda edited: {**ws.data, "practices": entries(edited, m)},
                main=["practice", "last_done", "state"])
    st.caption(t(lang, "l3b.attention.how", soon=m.due_soon_days))
