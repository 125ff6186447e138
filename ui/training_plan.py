"""The 2+1+1 training plan page's panels: how the project reads "2+1+1", the profile gaps not planned
yet (from the group's team profiles) and the steps, with dates, owners, evidence and status."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import team_profiles as tp
from kamcore.methods import training_plan as plan
from kamcore.methods.common import NAME_CHARS, NOTE_CHARS, as_date, typed
from kamcore.store import PORTFOLIO
from kamcore.tools import TOOLS
from kamcore.tools.training_plan import dimension_name
from ui.components import autosave_table, not_scored
from ui.session import Context
from ui.text import plain
from ui.worksheet import WorksheetEditor


def reading(m: plan.PlanMethod, lang: str) -> None:
    with st.expander(t(lang, "l1b.plan.how"), icon=":material/school:", expanded=False):
        st.markdown(m.reading(lang))
        for phase in m.phases:
            st.markdown(f"- **{phase.label(lang)}**: {phase.evidence(lang)} · "
                        f"{t(lang, 'l1b.plan.days_after', days=phase.days)}")


def start(ws: WorksheetEditor, lang: str) -> dt.date:
    """When the follow-up starts (the default due dates count from it); today until the group sets it."""
    key = ws.key("start")
    saved = ws.data.get("start")
    value = dt.date.fromisoformat(saved) if saved else dt.date.today()
    st.date_input(t(lang, "l1b.plan.start"), value=value, key=key, disabled=ws.disabled,
                  on_change=ws.set_from_widget, args=(["start"], key))
    return value


def _profile_gaps(ctx: Context, ws: WorksheetEditor) -> tuple[list[tuple[str, str, str]], tp.ProfilesMethod]:
    """The group's team-profile gaps that no step of the plan addresses yet."""
    pm = ctx.method(tp.TOOL_ID)
    saved = ctx.workspace.worksheet(tp.TOOL_ID, PORTFOLIO)
    if saved is None:
        return [], pm
    try:
        profiles = TOOLS[tp.TOOL_ID].run(saved.data, pm)
        current = TOOLS[plan.TOOL_ID].validate(ws.data, ws.method)
    except ValidationError:
        return [], pm
    return plan.unplanned(profiles, pm, current), pm


def from_gaps(ctx: Context, ws: WorksheetEditor, m: plan.PlanMethod, begins: dt.date, lang: str) -> None:
    """The gaps from the team profiles still without a step, and one button to plan them all."""
    gaps, pm = _profile_gaps(ctx, ws)
    if not gaps:
        st.caption(t(lang, "l1b.plan.no_open_gaps"))
        return
    listed = t(lang, "common.list_separator").join(
        f"{person} · {pm.role(role).dimension(d).name(lang)}" for person, role, d in gaps)
    st.warning(t(lang, "l1b.plan.open_gaps", n=len(gaps), gaps=plain(listed)), icon=":material/trending_down:")
    rows = plan.rows_for_gaps(gaps, pm, m, begins, lang)
    st.button(t(lang, "l1b.plan.add_steps", n=len(rows)), key=ws.key("add_steps"), disabled=ws.disabled,
              icon=":material/playlist_add:", on_click=ws.set_value, args=(["rows"], [*ws.data["rows"], *rows]),
              kwargs={"rebuild": True})


def steps(ws: WorksheetEditor, m: plan.PlanMethod, lang: str) -> None:
    """Every step in one table; a step's person and gap stay linked to the profile while edited."""
    phases = {p.id: p.label(lang) for p in m.phases}
    statuses = {s.id: s.label(lang) for s in m.statuses}
    columns = {
        "key": None,
        "person": st.column_config.TextColumn(t(lang, "l1b.plan.person"), max_chars=NAME_CHARS),
        "phase": st.column_config.SelectboxColumn(t(lang, "l1b.plan.phase"), options=list(phases),
                                                  format_func=phases.get, default=next(iter(phases))),
        "action": st.column_config.TextColumn(t(lang, "l1b.plan.action"), max_chars=NOTE_CHARS),
        "due": st.column_config.DateColumn(t(lang, "l1b.plan.due")),
        "owner": st.column_config.TextColumn(t(lang, "l1b.plan.owner"), max_chars=NAME_CHARS),
        "status": st.column_config.SelectboxColumn(t(lang, "l1b.plan.status"), options=list(statuses),
                                                   format_func=statuses.get, default=next(iter(statuses))),
        "evidence": st.column_config.TextColumn(t(lang, "l1b.plan.evidence"), max_chars=NOTE_CHARS),
        "gap": st.column_config.TextColumn(t(lang, "l1b.plan.dimension"), disabled=True),
    }
    saved = {r["key"]: r for r in ws.data["rows"]}
    shown = [{**{c: r.get(c) for c in columns}, "due": as_date(r.get("due")), "gap": dimension_name(r, lang)}
             for r in ws.data["rows"]]

    def to_row(r: dict[str, Any]) -> dict[str, Any]:
        before = saved.get(r.get("key"), {})
        due = as_date(r.get("due"))
        return {"key": r.get("key") or f"r{uuid.uuid4().hex[:10]}", "person": r.get("person") or "",
                "role": before.get("role"), "dimension": before.get("dimension"), "phase": r.get("phase"),
                "action": r.get("action") or "", "owner": r.get("owner") or "",
                "due": due.isoformat() if due else None, "evidence": r.get("evidence") or "",
                "status": r.get("status")}

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        kept = [r for r in edited if typed(r, ignore=("key", "gap"))]
        return {**ws.data, "rows": [to_row(r) for r in kept]}

    labels = {"person": columns["person"]["label"], "phase": columns["phase"]["label"],
              "action": columns["action"]["label"], "due": columns["due"]["label"]}
    drafts = [(r.get("action") or t(lang, "draft.row", n=n + 1), [f for f in labels if not r.get(f)])
              for n, r in enumerate(ws.data["rows"]) if any(not r.get(f) for f in labels)]
    autosave_table(ws, "rows", shown, columns, to_data, rebuild=True, drafts=drafts)


def progress(ws: WorksheetEditor, result: plan.PlanResult | None, m: plan.PlanMethod, lang: str) -> None:
    if result is None:
        return
    if not result.total:
        not_scored(lang, t(lang, "l1b.plan.steps_done"), t(lang, "l1b.plan.steps_first"))
        return
    done, overdue, closed = st.columns(3)
    done.metric(t(lang, "l1b.plan.steps_done"), f"{result.done} / {result.total}")
    overdue.metric(t(lang, "l1b.plan.overdue"), len(result.overdue))
    closed.metric(t(lang, "l1b.plan.gaps_closed"), f"{result.closed} / {result.gaps}")
    if result.overdue:
        texts = {r["key"]: f"{r['person']}: {r['action']}" for r in ws.data["rows"]}
        st.warning(t(lang, "l1b.plan.overdue_rows", names=plain(t(lang, "common.list_separator").join(
            texts[k] for k in result.overdue))), icon=":material/schedule:")
    st.caption(t(lang, "l1b.plan.follow_up"))
