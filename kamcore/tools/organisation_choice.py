"""The organisation choice's record: every group's account groups on the totals' scale with the
structure each calls for, its workbook sheet (the factors, totals and structures as formulas, the
duties kept, both charts as tables) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, chart_text
from kamcore.export.book import Book, Worksheet, bands_formula, bar_chart, cell, side_mark
from kamcore.export.design import headline
from kamcore.export.slide import Slide, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import organisation_choice as oc
from kamcore.names import name_key
from kamcore.orgchart import Box
from kamcore.orgchart import figure as chart_figure
from kamcore.tool import CriterionScore, Entry, Nav, Progress, Score, Tool


def _label(e: Entry, seg: oc.SegmentResult) -> str:
    return f"{e.group} · {seg.name}" if seg.name else e.group


def totals_range(m: oc.OrganisationMethod) -> tuple[float, float]:
    return len(m.factors) * m.scale.min, len(m.factors) * m.scale.max


def segment_line(seg: oc.SegmentResult, m: oc.OrganisationMethod, lang: str) -> str:
    return t(lang, "l1b.org.segment_line", name=seg.name or "—", total=f"{seg.total:g}",
             structure=m.structure(seg.structure).label(lang))


def reason_texts(seg: oc.SegmentResult, m: oc.OrganisationMethod, lang: str) -> list[str]:
    factors = {f.id: f for f in m.factors}
    return [t(lang, "l1b.org.reason", factor=factors[r.factor].name(lang), score=f"{r.score:g}",
              text=getattr(factors[r.factor], r.side)(lang)) for r in seg.reasons]


def summary(e: Entry, m: oc.OrganisationMethod, lang: str) -> dict[str, Any]:
    r = e.result
    separator = t(lang, "common.list_separator")
    return {t(lang, "l1b.org.segments"): separator.join(segment_line(s, m, lang) for s in r.segments),
            t(lang, "l1b.org.adopted"): m.structure(r.adopted).label(lang) if r.adopted else "",
            t(lang, "l1b.org.duties_kept"): sum(r.duties_kept.values()),
            t(lang, "l1b.org.boxes_after"): len(e.data["after"])}


def figure(found: list[Entry], m: oc.OrganisationMethod, lang: str) -> go.Figure:
    """Each group's account groups as bars of their totals, coloured by the structure they call for and
    labelled with it and its band (not by group: the structure is the point of this view)."""
    rows = [(e, s) for e in found for s in e.result.segments]
    low, high = totals_range(m)
    text = [f"{s.total:g} · {m.structure(s.structure).label(lang)} ({oc.band_text(s.structure, m)})" for _, s in rows]
    return go.Figure(
        data=[go.Bar(x=[chart_text(_label(e, s)) for e, s in rows], y=[s.total for _, s in rows],
                     marker=dict(color=[m.structure(s.structure).color for _, s in rows]),
                     text=[chart_text(x) for x in text], textposition="outside")],
        layout=dict(title=dict(text=chart_text(t(lang, "l1b.org.total"))), height=380, font=dict(family=FONT),
                    margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="white", showlegend=False,
                    yaxis=dict(range=[low, high + (high - low) / 2], gridcolor="#eee")))


def boxes(units: list[dict[str, Any]], m: oc.OrganisationMethod, lang: str) -> list[Box]:
    shown = []
    for u in units:
        role = m.role(u.get("role"))
        shown.append(Box(u["key"], u.get("name") or "?", u.get("reports_to"), u.get("dotted_to"),
                         role.color if role else "#888888", role.label(lang) if role else ""))
    return shown


def org_chart(units: list[dict[str, Any]], m: oc.OrganisationMethod, lang: str, title: str = "") -> go.Figure:
    return chart_figure(boxes(units, m, lang), title, t(lang, "l1b.org.chart_empty"))


def duty_text(row: dict[str, Any], m: oc.OrganisationMethod, lang: str) -> str:
    duty = m.duty(row.get("item"))
    return row.get("text") or (duty.text(lang) if duty else "")


def sheet(book: Book, ws: Worksheet, e: Entry, m: oc.OrganisationMethod, lang: str) -> None:
    """Cut-offs, the six factors by account group, each total and its structure as formulas, then the
    responsibilities kept and both charts as tables (who reports to whom)."""
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group}", book.title)
    cuts = sorted(m.cutoffs(), key=lambda s: -s.min)
    refs = book.labelled(ws, 2, [(f"{s.label(lang)} {side_mark(s.side)}", s.min) for s in cuts])
    lightest = next(s for s in m.structures if s.min is None).label(lang)
    header = 3 + len(cuts)
    segments = e.data["segments"]
    book.table(ws, header, [t(lang, "l1b.org.factor"), *[s["name"] or "—" for s in segments]],
               [[f.name(lang), *[s["scores"][f.id] for s in segments]] for f in m.factors])
    first, last = header + 1, header + len(m.factors)
    total, verdict = last + 1, last + 2
    book.put(ws, total, 0, t(lang, "l1b.org.total"))
    book.put(ws, verdict, 0, t(lang, "l1b.org.structure"))
    for col, seg in enumerate(e.result.segments, start=1):
        book.formula(ws, total, col, f"=SUM({cell(first, col)}:{cell(last, col)})", seg.total)
        band = bands_formula(cell(total, col), [(ref, s.side, s.label(lang)) for ref, s in zip(refs, cuts,
                                                                                                   strict=True)],
                             lightest)
        book.formula(ws, verdict, col, "=" + band, m.structure(seg.structure).label(lang))
    row = verdict + 2  # the totals again as a column, for the chart beside them
    book.table(ws, row, [t(lang, "l1b.org.segment"), t(lang, "l1b.org.total")], [])
    for n, seg in enumerate(e.result.segments, start=row + 1):
        book.put(ws, n, 0, seg.name or "—")
        book.formula(ws, n, 1, f"={cell(total, n - row)}", seg.total)
    bar_chart(book, ws, "bar", t(lang, "l1b.org.total"), (row + 1, row + len(e.result.segments)), 1, cell(row, 5),
              totals_range(m))
    row += len(e.result.segments) + 2
    book.put(ws, row, 0, t(lang, "l1b.org.adopted"))
    book.put(ws, row, 1, m.structure(e.result.adopted).label(lang) if e.result.adopted else "")
    row += 2
    roles = {r.id: r.label(lang) for r in m.roles}
    row = book.table(ws, row, [t(lang, "l1b.org.role"), t(lang, "l1b.org.duty"), t(lang, "l1b.org.keep")],
                     [[roles.get(d["role"], ""), duty_text(d, m, lang), "✔" if d["keep"] else "✘"]
                      for d in e.data["duties"]]) + 1
    for chart in oc.CHARTS:
        units = e.data[chart]
        names = {u["key"]: u["name"] for u in units}
        row = book.table(ws, row, [t(lang, f"l1b.org.chart_{chart}"), t(lang, "l1b.org.role"),
                                   t(lang, "l1b.org.reports_to"), t(lang, "l1b.org.dotted_to")],
                         [[u["name"], roles.get(u.get("role"), ""), names.get(u.get("reports_to"), ""),
                           names.get(u.get("dotted_to"), "")] for u in units]) + 1


def slide(e: Entry, m: oc.OrganisationMethod, lang: str) -> Slide:
    """The finding: the structure the group adopts; each account group's total and the reasons."""
    r = e.result
    adopted = m.structure(r.adopted)
    first = r.segments[0]
    return Slide(t(lang, "l1b.org.finding", group=e.group, structure=adopted.label(lang)),
                 lines(*(segment_line(s, m, lang) for s in r.segments), *reason_texts(first, m, lang)),
                 bars=([s.name or e.group for s in r.segments],
                       {t(lang, "l1b.org.total"): [s.total for s in r.segments]}),
                 value_range=totals_range(m), decimals=0,
                 notes=notes(lang, m.exercise_prompt(lang), t(lang, "l1b.org.formula")),
                 actions=[f"{e.group}: {headline(adopted.advice(lang), lang)}"], caption=caption(m.title(lang)))


def comparison(found: list[Entry], m: oc.OrganisationMethod, lang: str, title: str) -> Slide:
    """Every group's account groups as bars of their totals on the same scale."""
    rows = [(e, s) for e in found for s in e.result.segments]
    return Slide(title, [], bars=([_label(e, s) for e, s in rows],
                                  {t(lang, "l1b.org.total"): [s.total for _, s in rows]}),
                 value_range=totals_range(m), decimals=0,
                 notes=notes(lang, m.exercise_prompt(lang), t(lang, "l1b.org.formula")))


def criterion_scores(e: Entry, m: oc.OrganisationMethod, lang: str) -> list[CriterionScore]:
    """Each account group's six factors; groups that name an account group alike (a shared case) are compared."""
    return [CriterionScore(s["key"], s["name"], f"{name_key(s['name'])}.{f.id}", f"{s['name']}: {f.name(lang)}",
                           s["scores"][f.id]) for s in e.data["segments"] for f in m.factors]


def progress(inp: oc.OrganisationInput, result: oc.OrganisationResult | None, m: oc.OrganisationMethod,
             lang: str) -> Progress:
    """Every factor of every account group; the adopted structure once one group is scored."""
    scores = tuple(Score(t(lang, "l1b.org.factors"), f.name(lang), s.scores.get(f.id), account=s.name or s.key)
                   for s in inp.segments for f in m.factors)
    adopted = result.adopted if result is not None else None
    return Progress(scores, m.structure(adopted).label(lang) if adopted else None)


TOOL = Tool(oc.TOOL_ID, oc.OrganisationInput, oc.method, oc.evaluate, oc.example_input, "group", oc.counted,
            name=lambda lang: t(lang, "l1b.org.name"), short=lambda lang: t(lang, "l1b.org.short"),
            nav=Nav("prepare", "account_tree", "app_pages/organisation_choice.py"), summary=summary, figure=figure,
            sheet=sheet, slide=slide, comparison=comparison, blank=oc.blank_input, progress=progress,
            criterion_scores=criterion_scores)
