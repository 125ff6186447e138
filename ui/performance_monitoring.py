"""The performance-monitoring page's panels: the dashboard of the four controls, and one tab per
control (the KPIs with the period, the actions, the assumptions, the planning-process checklist)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import account_strategy as strategy
from kamcore.methods import performance_monitoring as pm
from kamcore.methods.common import NAME_CHARS, SHORT_TEXT_CHARS
from kamcore.store import Account
from kamcore.tools.performance_monitoring import first_text, pct, status_text
from ui.components import apply_delta, autosave_table, evaluate, not_scored
from ui.layout import wide_dataframe
from ui.session import Context
from ui.text import plain
from ui.worksheet import WorksheetEditor

ALERT = {"red": st.error, "amber": st.warning, "green": st.success, None: st.info}
COLORS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", None: "#999999"}


def with_plan(ctx: Context, ws: WorksheetEditor, account: Account,
              result: pm.MonitoringResult | None) -> tuple[dict[str, Any] | None, pm.MonitoringResult | None]:
    """The account's strategy (None when it has none) and the result with its objectives and actions
    read along, as the exports read them."""
    saved = ctx.workspace.worksheet(pm.PLAN, account.key)
    if saved is None or result is None:
        return None, result
    return saved.data, evaluate(ws.tool, {**ws.data, "sources": {pm.PLAN: saved.data}}, ctx.lang,
                                ctx.overrides(pm.TOOL_ID))


def _plan_part(plan: dict[str, Any] | None, read: Any) -> list[Any]:
    try:
        return read(plan) if plan else []
    except ValueError:  # a strategy that no longer validates: its own page says why
        return []


def dashboard(ws: WorksheetEditor, result: pm.MonitoringResult | None, m: pm.MonitoringMethod, lang: str) -> None:
    """The four controls' statuses, each with the figure behind it, and the one to act on first."""
    if result is None or not result.kpis or ws.data.get("elapsed_months") is None:
        not_scored(lang, t(lang, "l3a.pm.tab_dashboard"), t(lang, "l3a.pm.first"))
        return
    first = result.act_first[0] if result.act_first else None
    status = result.control(first).status if first else "green"
    ALERT[status](first_text(result, m, lang) + (f" {m.control(first).action(lang)}" if first else ""),
                  icon=":material/flag:")
    st.caption(t(lang, "l3a.pm.elapsed_share", share=pct(result.elapsed_share)))
    for row in (result.controls[:2], result.controls[2:]):
        for column, control in zip(st.columns(2), row, strict=True):
            with column.container(border=True):
                st.markdown(f"<span style='color:{COLORS[control.status]}'>●</span> "
                            f"**{m.control(control.id).name(lang)}** · {status_text(control.status, m, lang)}",
                            unsafe_allow_html=True)
                st.caption(m.control(control.id).question(lang))
                st.caption(_detail(control, result, ws.data, m, lang))


def _detail(control: pm.Control, r: pm.MonitoringResult, data: dict[str, Any], m: pm.MonitoringMethod,
            lang: str) -> str:
    if control.id == "performance":
        return t(lang, "l3a.pm.perf_detail", count=len(r.kpis), value=pct(control.value))
    if control.id == "implementation":
        due = [a for a in r.actions if a.due]
        if not due:
            return t(lang, "l3a.pm.impl_nothing_due") if r.actions else t(lang, "l3a.pm.unrecorded")
        return t(lang, "l3a.pm.impl_detail", due=len(due), behind=sum(a.behind for a in due), value=pct(control.value))
    if control.id == "strategic":
        statuses = [a["status"] for a in data["assumptions"] if a.get("assumption") and a.get("status")]
        return t(lang, "l3a.pm.strat_detail", **{s: statuses.count(s) for s in ("valid", "at_risk", "invalid")})
    answers = data["process"]
    return t(lang, "l3a.pm.process_detail", met=sum(answers.values()), total=len(m.process_items))


def _period(ws: WorksheetEditor, m: pm.MonitoringMethod, lang: str) -> None:
    period, elapsed, start = st.columns(3)
    key = ws.field_key("start", ["period_start"])
    value = ws.data.get("period_start")
    start.date_input(t(lang, "l3a.pm.period_start"), value=None if value is None else pd.Timestamp(value).date(),
                     key=key, disabled=ws.disabled, format="YYYY-MM-DD", on_change=_set_date,
                     args=(ws, ["period_start"], key))
    key = ws.field_key("period", ["period_months"])
    period.number_input(t(lang, "l3a.pm.period"), min_value=1, max_value=36, step=1,
                        value=int(ws.data.get("period_months") or 12), key=key, disabled=ws.disabled,
                        on_change=ws.set_from_widget, args=(["period_months"], key))
    key = ws.field_key("elapsed", ["elapsed_months"])
    value = ws.data.get("elapsed_months")
    elapsed.number_input(t(lang, "l3a.pm.elapsed"), min_value=0.0, max_value=36.0, step=1.0, format="%g",
                         value=None if value is None else float(value), key=key, disabled=ws.disabled,
                         on_change=ws.set_from_widget, args=(["elapsed_months"], key))


def _set_date(ws: WorksheetEditor, path: list[str], key: str) -> None:
    value = st.session_state[key]
    ws.set_value(path, None if value is None else value.isoformat())


def _plan_table(ws: WorksheetEditor, name: str, base: list[dict[str, Any]], columns: dict[str, Any],
                typed: dict[str, str]) -> None:
    """The account plan's rows, read-only but for the columns typed here (`typed`: column → the
    worksheet's dict it is saved in, by the plan's row key)."""
    key = ws.table_key(name)
    st.data_editor(pd.DataFrame(base, columns=list(columns)), key=key, hide_index=True, width="stretch",
                   num_rows="fixed", placeholder="", column_config=columns,
                   column_order=[c for c, v in columns.items() if v],
                   disabled=True if ws.disabled else [c for c in columns if c not in typed],
                   on_change=_commit_plan, args=(ws, key, base, typed))


def _commit_plan(ws: WorksheetEditor, key: str, base: list[dict[str, Any]], typed: dict[str, str]) -> None:
    rows = apply_delta(base, st.session_state[key], list(base[0]))
    ws.commit({**ws.data, **{field: {r["key"]: r[column] for r in rows if _given(r[column])}
                             for column, field in typed.items()}})


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _drafts(ws: WorksheetEditor, m: pm.MonitoringMethod, table: str, name: str, lang: str) -> list:
    try:
        rows = getattr(ws.tool.validate(ws.data, m), table)
    except ValidationError:
        return []
    return [(getattr(r, name) or t(lang, "draft.row", n=n + 1), r.missing()) for n, r in enumerate(rows)
            if not r.complete()]


def performance(ws: WorksheetEditor, result: pm.MonitoringResult | None, m: pm.MonitoringMethod, lang: str,
                plan: dict[str, Any] | None = None) -> None:
    """The period, the account plan's objectives with their actuals, further KPIs as a table saved on
    every edit, and each KPI's pro-rata plan and attainment."""
    _period(ws, m, lang)
    green, amber = (m.band(b).min for b in ("green", "amber"))
    st.caption(t(lang, "l3a.pm.kpis_help") + " " + t(lang, "l3a.pm.bands_help", green=f"{green:g}",
                                                          amber=f"{amber:g}"))
    objectives = _plan_part(plan, strategy.objectives)
    if objectives:
        st.markdown(f"**{t(lang, 'l3a.pm.from_plan')}**")
        actuals, accrues = ws.data.get("plan_actuals", {}), ws.data.get("plan_pro_rata", {})
        base = [{"key": o.key, "name": o.statement, "unit": o.unit, "plan": o.target,
                 "pro_rata": accrues.get(o.key, o.metric == "revenue"), "actual": actuals.get(o.key)}
                for o in objectives]
        _plan_table(ws, "plan_kpis", base, {
            "key": None, "name": st.column_config.TextColumn(t(lang, "l3a.pm.kpi")),
            "unit": st.column_config.TextColumn(t(lang, "l3a.pm.unit")),
            "plan": st.column_config.NumberColumn(t(lang, "l3a.pm.plan"), format="localized"),
            "pro_rata": st.column_config.CheckboxColumn(t(lang, "l3a.pm.pro_rata")),
            "actual": st.column_config.NumberColumn(t(lang, "l3a.pm.actual"), min_value=0, max_value=pm.LIMIT,
                                                    format="localized")},
            {"actual": "plan_actuals", "pro_rata": "plan_pro_rata"})
        st.markdown(f"**{t(lang, 'l3a.pm.further_kpis')}**")
    kinds = {k.id: k.text(lang) for k in m.kpi_kinds}
    columns = {"key": None,
               "name": st.column_config.TextColumn(t(lang, "l3a.pm.kpi"), max_chars=NAME_CHARS),
               "kind": st.column_config.SelectboxColumn(t(lang, "l3a.pm.kind"), options=list(kinds),
                                                        format_func=kinds.get, default=m.kpi_kinds[-1].id),
               "plan": st.column_config.NumberColumn(t(lang, "l3a.pm.plan"), min_value=0, max_value=pm.LIMIT,
                                                     format="localized"),
               "actual": st.column_config.NumberColumn(t(lang, "l3a.pm.actual"), min_value=0, max_value=pm.LIMIT,
                                                       format="localized"),
               "pro_rata": st.column_config.CheckboxColumn(t(lang, "l3a.pm.pro_rata"), default=True)}
    autosave_table(ws, "kpis", ws.data["kpis"], columns, lambda rows: pm.from_table(ws.data, "kpis", rows),
                   rebuild=True, drafts=_drafts(ws, m, "kpis", "name", lang))
    if result is not None and result.kpis:
        frame = pd.DataFrame([{t(lang, "l3a.pm.kpi"): k.name,
                               t(lang, "l3a.pm.pro_rata_plan"): _figure(k.pro_rata_plan),
                               t(lang, "l3a.pm.actual"): _figure(k.actual),
                               t(lang, "l3a.pm.attainment"): pct(k.attainment),
                               t(lang, "l3a.pm.band"): status_text(k.band, m, lang)}
                              for k in result.kpis])
        wide_dataframe("l3a.pm.kpis", lang, frame)


def _figure(value: float) -> str:
    """A plan or an actual as read: thousands separated, at most two decimals."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def implementation(ws: WorksheetEditor, result: pm.MonitoringResult | None, m: pm.MonitoringMethod,
                   lang: str, plan: dict[str, Any] | None = None) -> None:
    st.caption(t(lang, "l3a.pm.actions_help"))
    actions = _plan_part(plan, strategy.actions)
    if actions:
        st.markdown(f"**{t(lang, 'l3a.pm.from_plan')}**")
        if not ws.data.get("period_start"):
            st.warning(t(lang, "l3a.pm.start_needed"), icon=":material/event:")
        done = ws.data.get("plan_done", {})
        base = [{"key": a.key, "action": a.action, "owner": a.owner, "end": a.end.isoformat(),
                 "done": done.get(a.key, 0.0)} for a in actions]
        _plan_table(ws, "plan_actions", base, {
            "key": None, "action": st.column_config.TextColumn(t(lang, "l3a.pm.action")),
            "owner": st.column_config.TextColumn(t(lang, "l3a.pm.owner")),
            "end": st.column_config.TextColumn(t(lang, "l3a.pm.end")),
            "done": st.column_config.NumberColumn(t(lang, "l3a.pm.done"), min_value=0, max_value=100, format="%g")},
            {"done": "plan_done"})
        st.markdown(f"**{t(lang, 'l3a.pm.further_actions')}**")
    columns = {"key": None,
               "action": st.column_config.TextColumn(t(lang, "l3a.pm.action"), max_chars=SHORT_TEXT_CHARS),
               "owner": st.column_config.TextColumn(t(lang, "l3a.pm.owner"), max_chars=NAME_CHARS),
               "due_month": st.column_config.NumberColumn(t(lang, "l3a.pm.due_month"), min_value=1, max_value=36,
                                                          step=1, format="%d"),
               "done": st.column_config.NumberColumn(t(lang, "l3a.pm.done"), min_value=0, max_value=100,
                                                     default=0, format="%g")}
    autosave_table(ws, "actions", ws.data["actions"], columns, lambda rows: pm.from_table(ws.data, "actions", rows),
                   rebuild=True, drafts=_drafts(ws, m, "actions", "action", lang))
    behind = [a.action for a in result.actions if a.behind] if result is not None else []
    if behind:
        st.warning(t(lang, "l3a.pm.behind") + ": " + plain(t(lang, "common.list_separator").join(behind)),
                   icon=":material/schedule:")


def strategic(ws: WorksheetEditor, m: pm.MonitoringMethod, lang: str) -> None:
    st.caption(t(lang, "l3a.pm.assumptions_help"))
    statuses = {s.id: s.text(lang) for s in m.statuses}
    columns = {"key": None,
               "assumption": st.column_config.TextColumn(t(lang, "l3a.pm.assumption"), max_chars=SHORT_TEXT_CHARS),
               "status": st.column_config.SelectboxColumn(t(lang, "l3a.pm.status"), options=list(statuses),
                                                          format_func=statuses.get, default=m.statuses[0].id)}
    autosave_table(ws, "assumptions", ws.data["assumptions"], columns,
                   lambda rows: pm.from_table(ws.data, "assumptions", rows), rebuild=True,
                   drafts=_drafts(ws, m, "assumptions", "assumption", lang))


def process(ws: WorksheetEditor, m: pm.MonitoringMethod, lang: str) -> None:
    """The planning-process checklist as one table of ticks, saved on every tick."""
    st.caption(t(lang, "l3a.pm.process_help"))
    answers = ws.data["process"]
    base = [{"id": i.id, "item": i.text(lang), "met": bool(answers.get(i.id))} for i in m.process_items]
    key = ws.table_key("process")
    st.data_editor(pd.DataFrame(base), key=key, hide_index=True, width="stretch", num_rows="fixed", placeholder="",
                   disabled=True if ws.disabled else ["item"], column_order=["item", "met"],
                   column_config={"item": st.column_config.TextColumn(t(lang, "l3a.pm.process_item")),
                                  "met": st.column_config.CheckboxColumn(t(lang, "l3a.pm.met"))},
                   on_change=_commit_process, args=(ws, key, base))


def _commit_process(ws: WorksheetEditor, key: str, base: list[dict[str, Any]]) -> None:
    rows = apply_delta(base, st.session_state[key], ["id", "item", "met"])
    ws.commit({**ws.data, "process": {r["id"]: bool(r["met"]) for r in rows}})
