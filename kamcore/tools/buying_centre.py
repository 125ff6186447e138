"""The buying centre's record: the organisation as a graph (people by level, sized by influence, coloured
by attitude, our owners linked to the contacts they hold), how many people each group reaches (projector,
comparison), the coverage gaps, its workbook sheet (the people, reached as a formula, the gaps) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, bar_figure, chart_text
from kamcore.export.book import Book, Worksheet, bar_chart, cell, quoted
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import buying_centre as bc
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool

OWNER_COLOR = "#0550ae"


def level_name(level: str | None, m: bc.BuyingCentreMethod, lang: str) -> str:
    return m.level(level).name(lang) if level else t(lang, "l2a.centre.no_level")


def people_of(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["key"]: p for p in data["people"]}


def named(keys: list[str], data: dict[str, Any], lang: str) -> str:
    people = people_of(data)
    return t(lang, "common.list_separator").join(people[k]["name"] for k in keys if k in people)


def gap_lines(data: dict[str, Any], r: bc.BuyingCentreResult, m: bc.BuyingCentreMethod, lang: str) -> list[str]:
    """Each coverage gap as a sentence, the most serious first."""
    gaps = []
    if r.deciders_against:
        gaps.append(t(lang, "l2a.centre.gap_decider", names=named(r.deciders_against, data, lang)))
    if r.no_decider:
        gaps.append(t(lang, "l2a.centre.gap_no_decider"))
    if r.unreached_key:
        gaps.append(t(lang, "l2a.centre.gap_unreached", names=named(r.unreached_key, data, lang),
                      influence=f"{m.high_influence:g}"))
    if r.single_threaded:
        gaps.append(t(lang, "l2a.centre.gap_single"))
    return gaps


def summary(e: Entry, m: bc.BuyingCentreMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l2a.centre.people"): r.people, t(lang, "l2a.centre.reached"): len(r.reached),
            t(lang, "l2a.centre.level"): level_name(r.level, m, lang), t(lang, "l2a.centre.gaps"): r.gaps,
            t(lang, "l2a.centre.next"): named(r.next_contacts, e.data, lang) or "—"}


def figure(found: list[Entry], m: bc.BuyingCentreMethod, lang: str) -> go.Figure:
    """How many of the people each group lists it reaches."""
    return bar_figure([entry_label(e) for e in found], [len(e.result.reached) for e in found],
                      title=t(lang, "l2a.centre.reached"), height=380, groups=[e.group for e in found])


def tables(found: list[Entry], m: bc.BuyingCentreMethod, lang: str) -> list[Table]:
    flag = t(lang, "l2a.centre.gaps")
    rows = [{t(lang, "compare.group"): entry_label(e), t(lang, "l2a.centre.level"): level_name(e.result.level, m, lang),
             flag: " · ".join(gap_lines(e.data, e.result, m, lang))} for e in found]
    return [Table(t(lang, "l2a.centre.gaps_title"), rows, flag=flag)]


# ---- the organisation as a graph ---------------------------------------------------------------------

def positions(data: dict[str, Any], r: bc.BuyingCentreResult) -> dict[str, tuple[float, float]]:
    """Each complete person's place: their level down the page, and across it a tidy tree (each person
    centred over the people reporting to them, every subtree on its own stretch, so no lines cross)."""
    people = [p for p in data["people"] if p["key"] in r.depth]
    below: dict[str | None, list[str]] = {}
    for p in people:
        below.setdefault(p.get("reports_to") if p.get("reports_to") in r.depth else None, []).append(p["key"])
    leaves: dict[str, int] = {}

    def width(key: str) -> int:
        leaves[key] = sum(width(k) for k in below.get(key, [])) or 1
        return leaves[key]

    total = sum(width(k) for k in below.get(None, [])) or 1
    place: dict[str, tuple[float, float]] = {}

    def lay(keys: list[str], start: float) -> None:
        for key in keys:
            place[key] = ((start + leaves[key] / 2) / total, -r.depth[key])
            lay(below.get(key, []), start)
            start += leaves[key]

    lay(below.get(None, []), 0)
    return place


def org_figure(data: dict[str, Any], r: bc.BuyingCentreResult, m: bc.BuyingCentreMethod, lang: str,
               narrow: bool = False) -> go.Figure:
    """The organisation: reporting lines grey, people sized by influence and coloured by attitude (a thick
    ring: reached), our owners in a row below, a dashed line to each contact they hold, thicker when stronger."""
    place = positions(data, r)
    people = [p for p in data["people"] if p["key"] in place]
    bottom = min((y for _, y in place.values()), default=0) - 1.3
    held: dict[str, list[float]] = {}
    for p in people:
        if p.get("owner"):
            held.setdefault(p["owner"], []).append(place[p["key"]][0])
    owners = sorted(held, key=lambda o: sum(held[o]) / len(held[o]))  # under their contacts: fewer crossings
    owner_at = {o: ((n + 0.5) / len(owners), bottom) for n, o in enumerate(owners)}
    traces: list[dict[str, Any]] = []
    for p in people:
        if p.get("reports_to") in place:
            (x0, y0), (x1, y1) = place[p["reports_to"]], place[p["key"]]
            traces.append(dict(type="scatter", x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip",
                               line=dict(color="#c9d1d9", width=2), showlegend=False))
        if p.get("owner"):
            (x0, y0), (x1, y1) = owner_at[p["owner"]], place[p["key"]]
            traces.append(dict(type="scatter", x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip",
                               line=dict(color=OWNER_COLOR, width=1 + (p.get("strength") or 0), dash="dot"),
                               opacity=0.45, showlegend=False))
    size = 16 if narrow else 22

    def diameter(p: dict[str, Any]) -> float:
        return size + size / 2 * (p["influence"] - m.influence_scale.min)

    for attitude in m.attitudes:
        group = [p for p in people if p["attitude"] == attitude.value]
        if not group:
            continue
        traces.append(dict(
            type="scatter", mode="markers+text", name=chart_text(attitude.name(lang)),
            x=[place[p["key"]][0] for p in group], y=[place[p["key"]][1] for p in group],
            hovertext=[chart_text(f"{p['name']} · {p.get('title') or ''} · {m.role(p['role']).name(lang)}")
                       for p in group], hoverinfo="text",
            marker=dict(size=[diameter(p) for p in group],
                        color=attitude.color, line=dict(color=[("#111" if p["key"] in r.reached else "#fff")
                                                               for p in group], width=3))))
    if owners:
        traces.append(dict(type="scatter", mode="markers+text", name=chart_text(t(lang, "l2a.centre.our_side")),
                           x=[owner_at[o][0] for o in owners], y=[bottom] * len(owners),
                           text=[chart_text(o) for o in owners], textposition="bottom center",
                           textfont=dict(size=11 if narrow else 13, color=OWNER_COLOR), hoverinfo="skip",
                           marker=dict(symbol="square", size=14, color=OWNER_COLOR)))
    rows = -bottom + 1
    labels = [dict(x=place[p["key"]][0], y=place[p["key"]][1], yshift=-diameter(p) / 2 - 3,
                   yanchor="top", text=_label(p, m, lang, narrow), showarrow=False, bgcolor="rgba(255,255,255,0.85)",
                   font=dict(size=11 if narrow else 13, color="#24292f"), borderpad=1) for p in people]
    return go.Figure(data=traces, layout=dict(annotations=labels,
        height=int(150 + (105 if narrow else 120) * rows), font=dict(family=FONT), plot_bgcolor="white",
        margin=dict(l=4, r=4, t=10, b=10), hovermode="closest",
        xaxis=dict(visible=False, range=[-0.02, 1.02], fixedrange=True),
        yaxis=dict(visible=False, range=[bottom - 0.6, 0.45], fixedrange=True),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, font=dict(size=11 if narrow else 13))))


def _label(p: dict[str, Any], m: bc.BuyingCentreMethod, lang: str, narrow: bool) -> str:
    name = p["name"] if not narrow or len(p["name"]) <= 12 else p["name"][:11] + "…"
    return f"{chart_text(name)}<br><span style='font-size:0.85em'>{chart_text(m.role(p['role']).name(lang))}</span>"


# ---- workbook and slide --------------------------------------------------------------------------------

def sheet(book: Book, ws: Worksheet, e: Entry, m: bc.BuyingCentreMethod, lang: str) -> None:
    """The people with their roles and scores, whether we reach each (a formula over owner and strength),
    the level and the gaps."""
    data, r = e.data, e.result
    people = people_of(data)
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    (cut,) = book.labelled(ws, 2, [(t(lang, "l2a.centre.reach_strength"), m.reach_strength)])
    header = 4
    book.table(ws, header, [t(lang, f"l2a.centre.col.{c}") for c in
                            ("name", "title", "role", "influence", "attitude", "strength", "owner", "reports_to",
                             "reached")],
               [[p["name"], p.get("title", ""), m.role(p["role"]).name(lang), p["influence"], p["attitude"],
                 p.get("strength"), p.get("owner", ""), people.get(p.get("reports_to") or "", {}).get("name", ""),
                 None] for p in data["people"]])
    yes = t(lang, "l2a.centre.marked")
    for n, p in enumerate(data["people"], start=header + 1):
        book.formula(ws, n, 8, f"=IF(AND(LEN({cell(n, 6)})>0,N({cell(n, 5)})>={cut}),{quoted(yes)},\"\")",
                     yes if p["key"] in r.reached else "")
    if data["people"]:
        bar_chart(book, ws, "bar", t(lang, "l2a.centre.col.influence"), (header + 1, header + len(data["people"])), 3,
                  cell(2, 10), (0, m.influence_scale.max))
    row = header + len(data["people"]) + 2
    book.labelled(ws, row, [(t(lang, "l2a.centre.level"), level_name(r.level, m, lang)),
                            (t(lang, "l2a.centre.next"), named(r.next_contacts, data, lang))])
    for n, gap in enumerate(gap_lines(data, r, m, lang), start=row + 3):
        book.put(ws, n, 0, gap)


def slide(e: Entry, m: bc.BuyingCentreMethod, lang: str) -> Slide:
    """The finding: the coverage level and the gaps; each person's influence beside our relationship."""
    r, data = e.result, e.data
    people = data["people"]
    gaps = gap_lines(data, r, m, lang)
    return Slide(t(lang, "l2a.centre.finding", account=e.account or e.group, level=level_name(r.level, m, lang),
                   reached=len(r.reached), people=r.people),
                 lines(*gaps),
                 bars=([p["name"] for p in people],
                       {t(lang, "l2a.centre.col.influence"): [p["influence"] for p in people],
                        t(lang, "l2a.centre.col.strength"): [p.get("strength") or 0 for p in people]}),
                 value_range=(0, max(m.influence_scale.max, m.strength_scale.max)), decimals=0,
                 notes=notes(lang, t(lang, "l2a.centre.method"), t(lang, "l2a.centre.formula",
                                                                   strength=f"{m.reach_strength:g}",
                                                                   influence=f"{m.high_influence:g}")),
                 actions=[t(lang, "l2a.centre.action_next", name=people_of(data)[k]["name"])
                          for k in r.next_contacts][:3],
                 caption=caption(t(lang, "l2a.centre.name"), e.account))


def progress(inp: bc.BuyingCentreInput, result: bc.BuyingCentreResult | None, m: bc.BuyingCentreMethod,
             lang: str) -> Progress:
    """Our relationship strength with each person listed; the verdict: the level and the gaps."""
    scores = tuple(Score(t(lang, "l2a.centre.col.strength"), p.name or t(lang, "draft.row", n=n + 1), p.strength)
                   for n, p in enumerate(inp.people))
    if result is None:
        return Progress(scores)
    return Progress(scores, t(lang, "l2a.centre.verdict", level=level_name(result.level, m, lang), gaps=result.gaps))


TOOL = Tool(bc.TOOL_ID, bc.BuyingCentreInput, bc.method, bc.evaluate, bc.example_input, "account", bc.counted,
            name=lambda lang: t(lang, "l2a.centre.name"), short=lambda lang: t(lang, "l2a.centre.short"),
            nav=Nav("develop", "diversity_3", "app_pages/buying_centre.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=bc.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l2a.centre.reached"), lambda e: len(e.result.reached),
                                      decimals=0))
