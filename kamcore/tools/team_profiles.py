"""The team profiles' record: every group's mean shortfall per role and dimension, its workbook sheet
(one block per role: targets, each person's ratings, the gaps and the role's means as formulas) and
its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, chart_text, group_colors
from kamcore.export.book import Book, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import team_profiles as tp
from kamcore.tool import Entry, Nav, Progress, Score, Tool


def dimension_label(role_id: str, dimension_id: str, m: tp.ProfilesMethod, lang: str) -> str:
    role = m.role(role_id)
    dimension = role.dimension(dimension_id) if role else None
    return f"{role.label(lang)} · {dimension.name(lang)}" if dimension else dimension_id


def gap_lines(r: tp.ProfilesResult, m: tp.ProfilesMethod, lang: str, limit: int = 3) -> list[str]:
    """The largest gaps, person by person: 'Wang Lei: boundary-spanning … −2'."""
    names = {p.key: p for p in r.people}
    return [t(lang, "l1b.team.gap_line", person=names[key].name,
              dimension=dimension_label(names[key].role, dimension, m, lang).split(" · ")[-1], gap=f"{gap:g}")
            for key, dimension, gap in r.biggest[:limit]]


def per_person(e: Entry) -> float:
    people = e.result.people
    return round(sum(p.gap_total for p in people) / len(people), 2) if people else 0


def summary(e: Entry, m: tp.ProfilesMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l1b.team.people_rated"): len(r.people),
            t(lang, "l1b.team.gaps"): sum(len(p.gaps) for p in r.people),
            t(lang, "l1b.team.gap_per_person"): per_person(e),
            t(lang, "l1b.team.biggest"): t(lang, "common.list_separator").join(gap_lines(r, m, lang))}


def figure(found: list[Entry], m: tp.ProfilesMethod, lang: str) -> go.Figure:
    """Each group's mean shortfall below target per role and dimension, side by side."""
    colors = group_colors([e.group for e in found])
    fig = go.Figure()
    for e in found:
        pairs = [(role.role, d) for role in e.result.roles for d in role.gaps]
        gaps = {(role.role, d): g for role in e.result.roles for d, g in role.gaps.items()}
        fig.add_trace(go.Bar(name=chart_text(e.group), x=[chart_text(dimension_label(r, d, m, lang)) for r, d in pairs],
                             y=[round(gaps[p], 2) for p in pairs], marker=dict(color=colors[e.group][0]),
                             customdata=[chart_text(e.group)] * len(pairs)))
    return fig.update_layout(
        title=dict(text=chart_text(t(lang, "l1b.team.role_gap"))), height=420, font=dict(family=FONT),
        barmode="group", plot_bgcolor="white", margin=dict(l=10, r=10, t=40, b=10),
        yaxis=dict(gridcolor="#eee", rangemode="tozero"), legend=dict(orientation="h"))


def sheet(book: Book, ws: Worksheet, e: Entry, m: tp.ProfilesMethod, lang: str) -> None:
    """Per role: each dimension's target, each person's ratings and total gap (a formula), the role's means."""
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group}", book.title)
    row = 2
    people = {p["key"]: p for p in e.data["people"]}
    for role_result in e.result.roles:
        role = m.role(role_result.role)
        mine = [p for p in e.result.people if p.role == role.id]
        dims = role.dimensions
        book.table(ws, row, [role.label(lang), *[d.name(lang) for d in dims], t(lang, "l1b.team.gap_total")],
                   [[t(lang, "l1b.team.target"), *[d.target for d in dims]],
                    *[[p.name, *[people[p.key]["scores"][d.id] for d in dims]] for p in mine]])
        target = row + 1
        first, last = target + 1, target + len(mine)
        for n, p in enumerate(mine, start=first):
            terms = ",".join(f"MAX(0,{cell(target, c, row_abs=True)}-{cell(n, c)})" for c in range(1, len(dims) + 1))
            book.formula(ws, n, len(dims) + 1, f"=SUM({terms})", p.gap_total)
        mean = last + 1
        book.put(ws, mean, 0, t(lang, "l1b.team.role_mean"))
        for c, d in enumerate(dims, start=1):
            book.formula(ws, mean, c, f"=AVERAGE({cell(first, c)}:{cell(last, c)})", role_result.average[d.id])
        row = mean + 2
    if e.result.people:
        first = row + 1
        book.table(ws, row, [t(lang, "l1b.team.person"), t(lang, "l1b.team.gap_total")],
                   [[p.name, p.gap_total] for p in e.result.people])
        bar_chart(book, ws, "bar", t(lang, "l1b.team.gap_total"), (first, first + len(e.result.people) - 1), 1,
                  cell(row, 4))


def slide(e: Entry, m: tp.ProfilesMethod, lang: str) -> Slide:
    """The finding: the biggest gaps and who has them; the roles' mean shortfalls as bars."""
    r = e.result
    pairs = [(role.role, d, g) for role in r.roles for d, g in role.gaps.items()]
    top = gap_lines(r, m, lang)
    title = (t(lang, "l1b.team.finding", group=e.group, gaps=sum(len(p.gaps) for p in r.people), people=len(r.people))
             if top else t(lang, "l1b.team.finding_none", group=e.group))
    return Slide(title, lines(*top),
                 bars=([dimension_label(ro, d, m, lang) for ro, d, _ in pairs],
                       {t(lang, "l1b.team.role_gap"): [round(g, 2) for *_, g in pairs]}),
                 value_range=(0, None), notes=notes(lang, m.exercise_prompt(lang), t(lang, "l1b.team.formula")),
                 actions=[f"{e.group}: {line}" for line in top], caption=caption(m.title(lang)))


def progress(inp: tp.ProfilesInput, result: tp.ProfilesResult | None, m: tp.ProfilesMethod,
             lang: str) -> Progress:
    """Every dimension of every person's role; the number of gaps once someone is fully rated."""
    scores = tuple(Score(m.role(p.role).label(lang), d.name(lang), p.scores.get(d.id), account=p.name)
                   for p in inp.people if m.role(p.role) for d in m.role(p.role).dimensions)
    people = result.people if result is not None else []
    verdict = t(lang, "l1b.team.gaps_count", n=sum(len(p.gaps) for p in people)) if people else None
    return Progress(scores, verdict)


TOOL = Tool(tp.TOOL_ID, tp.ProfilesInput, tp.method, tp.evaluate, tp.example_input, "group", tp.counted,
            name=lambda lang: t(lang, "l1b.team.name"), short=lambda lang: t(lang, "l1b.team.short"),
            nav=Nav("prepare", "badge", "app_pages/team_profiles.py"), summary=summary, figure=figure, sheet=sheet,
            slide=slide, comparison=bar_comparison(lambda lang: t(lang, "l1b.team.gap_per_person"), per_person),
            blank=tp.blank_input, progress=progress)
