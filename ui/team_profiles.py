"""The team profiles page's panels: the people on the team, one person's ratings against their role's
profile, and the gaps per person and per role."""

from __future__ import annotations

import uuid
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kamcore.charts import FONT, chart_text
from kamcore.i18n import t
from kamcore.methods import team_profiles as tp
from kamcore.methods.common import NAME_CHARS, NOTE_CHARS, typed
from kamcore.tools.team_profiles import gap_lines
from ui.components import anchors_caption, autosave_table, chart, not_scored, row_picker, score_input, tool_figures
from ui.layout import wide_dataframe
from ui.text import plain
from ui.worksheet import WorksheetEditor


def profiles(m: tp.ProfilesMethod, lang: str) -> None:
    with st.expander(t(lang, "l1b.team.how"), icon=":material/school:"):
        for role in m.roles:
            st.markdown(f"**{role.label(lang)}**: " + t(lang, "common.list_separator").join(
                f"{d.name(lang)} ({t(lang, 'l1b.team.target')} {d.target:g})" for d in role.dimensions))
        anchors_caption(lang, m.anchors)


def people(ws: WorksheetEditor, m: tp.ProfilesMethod, lang: str) -> None:
    """The team in a table (name, role, note); scores stay with each person through edits."""
    roles = {r.id: r.label(lang) for r in m.roles}
    columns = {"key": None, "name": st.column_config.TextColumn(t(lang, "l1b.team.person"), max_chars=NAME_CHARS),
               "role": st.column_config.SelectboxColumn(t(lang, "l1b.team.role"), options=list(roles),
                                                        format_func=roles.get, default=m.roles[0].id),
               "note": st.column_config.TextColumn(t(lang, "l1b.team.note"), max_chars=NOTE_CHARS)}
    scores = {p["key"]: p.get("scores", {}) for p in ws.data["people"]}

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        kept = [r for r in edited if typed(r, ignore=("key",))]
        return {**ws.data, "people": [{"key": r.get("key") or f"p{uuid.uuid4().hex[:8]}", "name": r.get("name") or "",
                                       "role": r.get("role"), "note": r.get("note") or "",
                                       "scores": scores.get(r.get("key"), {})} for r in kept]}

    rows = [{"key": p["key"], "name": p.get("name", ""), "role": p.get("role"), "note": p.get("note", "")}
            for p in ws.data["people"]]
    drafts = [(p.get("name") or t(lang, "draft.row", n=n + 1), [f for f in ("name", "role") if not p.get(f)])
              for n, p in enumerate(ws.data["people"]) if not (p.get("name") and p.get("role"))]
    autosave_table(ws, "people", rows, columns, to_data, rebuild=True, drafts=drafts)
    if not ws.data["people"]:
        st.caption(t(lang, "l1b.team.people_first"))


def rate(ws: WorksheetEditor, m: tp.ProfilesMethod, lang: str) -> None:
    """One person at a time: the dimensions of their role as pills."""
    ready = [(n, p) for n, p in enumerate(ws.data["people"]) if p.get("name") and m.role(p.get("role"))]
    if not ready:
        return
    named = [{"key": p["key"], "name": f"{p['name']} · {m.role(p['role']).label(lang)}"} for _, p in ready]
    n, person = ready[row_picker(named, ws.key("person_pick"), t(lang, "l1b.team.rate_who"))]
    for d in m.role(person["role"]).dimensions:
        score_input(ws, ["people", n, "scores", d.id], person.get("scores", {}).get(d.id), m.scale.values,
                    f"{d.name(lang)} · {t(lang, 'l1b.team.target')} {d.target:g}", d.definition(lang))


def _role_figures(data: dict, result: tp.ProfilesResult, m: tp.ProfilesMethod, lang: str) -> tuple[go.Figure, ...]:
    """Per role: the mean score on each dimension as a bar, the target as a mark across it."""
    figures = []
    for rr in result.roles:
        dims = m.role(rr.role).dimensions
        names = [chart_text(d.name(lang)) for d in dims]
        means = [round(rr.average[d.id], 2) for d in dims]
        figures.append(go.Figure(
            data=[go.Bar(name=chart_text(t(lang, "l1b.team.mean")), y=names, x=means, orientation="h",
                         marker_color="#0072B2", text=[f"{v:.1f}" for v in means], textposition="inside"),
                  go.Scatter(name=chart_text(t(lang, "l1b.team.target")), y=names, x=[d.target for d in dims],
                             mode="markers", marker=dict(symbol="line-ns-open", size=26, color="#D55E00",
                                                         line=dict(width=3)))],
            layout=dict(height=90 + 44 * len(dims), font=dict(family=FONT), plot_bgcolor="white",
                        margin=dict(l=10, r=10, t=10, b=10), legend=dict(orientation="h", y=-0.15),
                        xaxis=dict(range=[0, m.scale.max + 0.3], gridcolor="#eee"),
                        yaxis=dict(autorange="reversed"))))
    return tuple(figures)


def gaps(ws: WorksheetEditor, result: tp.ProfilesResult | None, m: tp.ProfilesMethod, lang: str) -> None:
    """Per person: each rating with its shortfall; per role: the means against the targets."""
    if result is None:
        return
    if not result.people:
        not_scored(lang, t(lang, "l1b.team.gaps"), t(lang, "l1b.team.rate_first"))
        return
    if result.biggest:
        st.warning(f"**{t(lang, 'l1b.team.biggest')}**\n\n" + "\n".join(f"- {plain(line)}" for line in
                                                                      gap_lines(result, m, lang)),
                   icon=":material/trending_down:")
    figures = tool_figures(ws, _role_figures)
    for rr, figure in zip(result.roles, figures, strict=True):
        role = m.role(rr.role)
        st.subheader(f"{role.label(lang)} · {t(lang, 'l1b.team.people_n', n=rr.people)}")
        rows = []
        for p in (p for p in result.people if p.role == role.id):
            cells = {d.name(lang): (f"{p.scores[d.id]:g} (−{p.gaps[d.id]:g})" if d.id in p.gaps
                                    else f"{p.scores[d.id]:g} ✔") for d in role.dimensions}
            rows.append({t(lang, "l1b.team.person"): p.name, **cells, t(lang, "l1b.team.gap_total"): p.gap_total})
        wide_dataframe(f"team_profiles.{role.id}", lang, pd.DataFrame(rows))
        chart(figure, ws.key("role_chart", role.id))
    if result.unrated:
        st.caption(t(lang, "l1b.team.unrated", n=len(result.unrated)))
