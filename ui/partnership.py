"""The partnership page's panels: drivers and facilitators, the verdict on the matrix, components,
expected outcomes and the course's checks before partnering."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from kamcore.charts import Point, propensity_figure
from kamcore.i18n import t
from kamcore.methods import partnership as ps
from kamcore.methods.common import NOTE_CHARS
from ui.components import bound_slider, chart, not_scored, tool_figures, verdict
from ui.worksheet import WorksheetEditor

STATUS_ICON = {"match": "✔", "below": "▲", "above": "▼", "unset": "·"}


def drivers(ws: WorksheetEditor, m: ps.PartnershipMethod, lang: str) -> None:
    st.caption(t(lang, "ps.drivers_help"))
    us, customer = st.columns(2)
    us.markdown(f"**{t(lang, 'ps.side_us')}**")
    customer.markdown(f"**{t(lang, 'ps.side_customer')}**")
    for driver in m.drivers:
        prompts = " · ".join(p(lang) for p in driver.prompts)
        with us:
            bound_slider(ws, ["drivers_us", driver.id], m.driver_scale, driver.name(lang), prompts)
        with customer:
            bound_slider(ws, ["drivers_customer", driver.id], m.driver_scale, driver.name(lang), prompts)


def facilitators(ws: WorksheetEditor, m: ps.PartnershipMethod, lang: str) -> None:
    st.caption(t(lang, "ps.facilitators_help"))
    left, right = st.columns(2)
    for i, factor in enumerate(m.facilitators):
        with (left if i % 2 == 0 else right):
            bound_slider(ws, ["facilitators", factor.id], m.facilitator_scale, factor.name(lang), factor.meaning(lang))
    key = ws.key("bonus")
    names = {f.id: f.name(lang) for f in m.bonus_facilitators}
    st.pills(t(lang, "ps.bonus", points=f"{m.bonus_points:g}"), list(names), selection_mode="multi",
             default=ws.data["bonus"], format_func=names.get, key=key, disabled=ws.disabled,
             **ws.bound(ws.set_from_widget, ["bonus"], key),
             help=" · ".join(f"{f.name(lang)}: {f.meaning(lang)}" for f in m.bonus_facilitators))


def summary(result: ps.PartnershipResult, m: ps.PartnershipMethod, lang: str) -> None:
    if result.verdict is None:
        missing = t(lang, "common.list_separator").join(t(lang, f"ps.{f}") for f in result.missing)
        not_scored(lang, t(lang, "ps.verdict"), t(lang, "draft.ps_first", what=missing))
        for warning in result.warnings:
            item = next(c for c in m.cautions + m.unsuited if c.id == warning)
            st.warning(item.warning(lang), icon=":material/report:")
        return
    outcome = m.outcome(result.verdict)
    verdict(lang, t(lang, "ps.verdict"), outcome.label, outcome.description, outcome.color)
    cols = st.columns(3)
    cols[0].metric(t(lang, "ps.drivers_us"), f"{result.drivers_us:g}")
    cols[1].metric(t(lang, "ps.drivers_customer"), f"{result.drivers_customer:g}")
    cols[2].metric(t(lang, "ps.facilitators"), f"{result.facilitators:g}")
    st.caption(t(lang, f"ps.rule_{m.decision_rule}", score=f"{result.drivers:g}",
                 band=m.band(result.driver_band).label(lang), fband=m.band(result.facilitator_band).label(lang)))
    if result.asymmetry:
        st.warning(t(lang, "ps.asymmetry", gap=f"{abs(result.drivers_us - result.drivers_customer):g}"),
                   icon=":material/balance:")
    for warning in result.warnings:
        item = next(c for c in m.cautions + m.unsuited if c.id == warning)
        st.warning(item.warning(lang), icon=":material/report:")


def matrix(ws: WorksheetEditor, lang: str) -> None:
    chart(tool_figures(ws, _matrix_figure)[0], "ps.matrix")


def _matrix_figure(data: dict, result: ps.PartnershipResult, m: ps.PartnershipMethod,
                   lang: str) -> tuple[go.Figure]:
    """The propensity-to-partner matrix with the group's position."""
    return (propensity_figure(m, [Point(t(lang, "ps.you_are_here"), result.facilitators, result.drivers)], lang,
                              t(lang, "ps.facilitators"), t(lang, "ps.drivers_decision")),)


def components(ws: WorksheetEditor, result: ps.PartnershipResult, m: ps.PartnershipMethod, lang: str) -> None:
    if result.verdict is None:
        missing = t(lang, "common.list_separator").join(t(lang, f"ps.{f}") for f in result.missing)
        not_scored(lang, t(lang, "ps.verdict"), t(lang, "draft.ps_first", what=missing))
        return
    st.caption(t(lang, "ps.components_help", verdict=m.outcome(result.verdict).label(lang)))
    outcomes = [o.id for o in m.outcomes]
    for check, component in zip(result.components, m.components, strict=True):
        key = ws.key("component", component.id)
        name, today, advice = st.columns([2, 3, 3])
        name.markdown(f"**{component.name(lang)}**")
        today.selectbox(t(lang, "ps.today"), outcomes, index=outcomes.index(check.current) if check.current else None,
                        format_func=lambda o, c=component: f"{m.outcome(o).short(lang)} · {c.settings[o](lang)}",
                        key=key, placeholder=t(lang, "ps.choose_today"), label_visibility="collapsed",
                        on_change=ws.set_from_widget, args=(["components", component.id], key))
        text = f"{STATUS_ICON[check.status]} {component.settings[check.recommended](lang)}"
        (advice.markdown if check.status in ("match", "unset") else advice.warning)(
            f"{t(lang, 'ps.recommended')}: {text}" + ("" if check.status in ("match", "unset")
                                                        else f" — {t(lang, f'ps.status_{check.status}')}"))


def expected_outcomes(ws: WorksheetEditor, m: ps.PartnershipMethod, lang: str) -> None:
    st.caption(t(lang, "ps.outcomes_help"))
    for group in ("financial", "process", "competitive"):
        st.markdown(f"**{t(lang, f'ps.outcome_{group}')}**")
        for outcome in (o for o in m.expected_outcomes if o.group == group):
            key = ws.key("expected", outcome.id)
            st.text_input(outcome.name(lang), value=ws.data["expected"].get(outcome.id, ""), key=key,
                          max_chars=NOTE_CHARS, placeholder=t(lang, "ps.outcome_placeholder"), disabled=ws.disabled,
                          on_change=ws.set_from_widget, args=(["expected", outcome.id], key))


def checklist(ws: WorksheetEditor, m: ps.PartnershipMethod, lang: str, field: str) -> None:
    for item in getattr(m, field):
        key = ws.key(field, item.id)
        st.checkbox(item.text(lang), value=item.id in ws.data[field], key=key, disabled=ws.disabled,
                    on_change=ws.set_member, args=([field], item.id, key))

