"""The congruence model's record: every group's profile on one radar over the trainer's reference,
its workbook sheet (the gap rules as formulas, a radar chart) and its slide."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import plotly.graph_objects as go

from kamcore.export.book import FONT, Book, Worksheet, cell, quoted
from kamcore.export.design import headline
from kamcore.export.slide import Slide, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import congruence as cg
from kamcore.tool import Entry, Nav, Progress, Score, Tool
from kamcore.tools.lecture1 import radar_figure, series_comparison, tool_names


def _names(ids: list[str], m: cg.CongruenceMethod, lang: str) -> str:
    return t(lang, "common.list_separator").join(m.element(i).name(lang) for i in ids)


def _scores(e: Entry, m: cg.CongruenceMethod) -> list[float]:
    return [e.data["scores"][x.id] for x in m.elements]


def summary(e: Entry, m: cg.CongruenceMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {**{x.name(lang): f"{e.data['scores'][x.id]:g}" for x in m.elements},
            t(lang, "l1a.congruence.gaps"): r.gaps,
            t(lang, "l1a.congruence.priorities"): _names(r.priorities, m, lang) or t(lang, "l1a.congruence.none")}


def _reference(m: cg.CongruenceMethod, lang: str) -> tuple[str, list[float]]:
    return m.reference.label(lang), [m.reference.scores[x.id] for x in m.elements]


def figure(found: list[Entry], m: cg.CongruenceMethod, lang: str) -> go.Figure:
    """Every group's profile overlaid on one radar, the trainer's reference dashed."""
    return radar_figure([x.name(lang) for x in m.elements], [(e.group, _scores(e, m)) for e in found], m.scale,
                        _reference(m, lang), height=520)


def sheet(book: Book, ws: Worksheet, e: Entry, m: cg.CongruenceMethod, lang: str) -> None:
    """The rules' cut-offs, each element's score with its justification and the reference, whether it is
    low (a formula), every pair's distance and whether it is a gap (formulas), and a radar chart."""
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group}", book.title)
    low_max, gap_min = book.labelled(ws, 2, [(t(lang, "l1a.congruence.low_max"), m.low_max),
                                             (t(lang, "l1a.congruence.gap_min"), m.gap_min)])
    header = 5
    book.table(ws, header, [t(lang, "l1a.congruence.element"), t(lang, "kinds.score"),
                            m.reference.label(lang), t(lang, "l1a.congruence.low"), t(lang, "l1a.congruence.note")],
               [[x.name(lang), e.data["scores"][x.id], m.reference.scores[x.id], None,
                 e.data["notes"].get(x.id, "")] for x in m.elements])
    rows = {x.id: header + 1 + n for n, x in enumerate(m.elements)}
    yes = t(lang, "l1a.congruence.marked")
    for x in m.elements:
        r = rows[x.id]
        book.formula(ws, r, 3, f"=IF({cell(r, 1)}<={low_max},{quoted(yes)},\"\")",
                     yes if x.id in e.result.low else "")
    row = header + len(m.elements) + 2
    pairs = list(combinations(m.elements, 2))
    book.table(ws, row, [t(lang, "l1a.congruence.pair"), t(lang, "l1a.congruence.distance"),
                         t(lang, "l1a.congruence.gap")], [[f"{a.name(lang)} – {b.name(lang)}"] for a, b in pairs])
    found = {frozenset((p.high, p.low)) for p in e.result.pairs}
    for n, (a, b) in enumerate(pairs, start=row + 1):
        distance = abs(e.data["scores"][a.id] - e.data["scores"][b.id])
        book.formula(ws, n, 1, f"=ABS({cell(rows[a.id], 1)}-{cell(rows[b.id], 1)})", distance)
        book.formula(ws, n, 2, f"=IF({cell(n, 1)}>={gap_min},{quoted(yes)},\"\")",
                     yes if frozenset((a.id, b.id)) in found else "")
    total = row + len(pairs) + 1
    book.put(ws, total, 0, t(lang, "l1a.congruence.pair_gaps"))
    book.formula(ws, total, 2, f"=COUNTIF({cell(row + 1, 2)}:{cell(total - 1, 2)},{quoted(yes)})", len(found))
    book.put(ws, total + 1, 0, t(lang, "l1a.congruence.priorities"))
    book.put(ws, total + 1, 1, _names(e.result.priorities, m, lang) or t(lang, "l1a.congruence.none"))
    chart = book.wb.add_chart({"type": "radar"})
    first, last = rows[m.elements[0].id], rows[m.elements[-1].id]
    for col, name in ((1, e.group), (2, m.reference.label(lang))):
        chart.add_series({"name": name, "categories": [ws.name, first, 0, last, 0],
                          "values": [ws.name, first, col, last, col]})
        chart.series[-1]["name"], chart.series[-1]["name_formula"] = name, None  # typed text, never a formula
    chart.set_title({"name": m.title(lang), "name_font": {"name": FONT}})
    chart.set_y_axis({"min": m.scale.min, "max": m.scale.max, "major_unit": 1})
    book.insert_chart(ws, cell(total + 3, 0), chart, 480, 360)


def slide(e: Entry, m: cg.CongruenceMethod, lang: str) -> Slide:
    """The finding: how many gaps and where to start; the scores against the reference."""
    r = e.result
    if r.priorities:
        first = m.element(r.priorities[0])
        title = t(lang, "l1a.congruence.finding_gaps", group=e.group, count=r.gaps, element=first.name(lang),
            action=headline(first.priority(lang), lang))
    else:
        title = t(lang, "l1a.congruence.finding_fit", group=e.group)
    pairs = [f"{m.element(p.high).name(lang)} {e.data['scores'][p.high]:g} – {m.element(p.low).name(lang)} "
             f"{e.data['scores'][p.low]:g}" for p in r.pairs]
    return Slide(title, lines(t(lang, "l1a.congruence.pairs_line", pairs="; ".join(pairs)) if pairs else None,
                              t(lang, "l1a.congruence.low_line", names=_names(r.low, m, lang)) if r.low else None,
                              *(f"{m.element(i).name(lang)}: {e.data['notes'][i]}" for i in r.priorities
                                if e.data["notes"].get(i))),
                 bars=([x.name(lang) for x in m.elements],
                       {e.group: _scores(e, m), m.reference.label(lang): _reference(m, lang)[1]}),
                 value_range=(m.scale.min, m.scale.max), decimals=0,
                 notes=notes(lang, t(lang, "l1a.congruence.method"), t(lang, "l1a.congruence.formula",
                                                                        low=f"{m.low_max:g}", gap=f"{m.gap_min:g}")),
                 actions=[f"{m.element(i).name(lang)}: {m.element(i).priority(lang)}"
                          + (f" ({names})" if (names := tool_names(m.element(i).tools, lang, ", ")) else "")
                          for i in r.priorities][:3],
                 caption=caption(t(lang, "l1a.congruence.name"), e.group))


def progress(inp: cg.CongruenceInput, result: cg.CongruenceResult | None, m: cg.CongruenceMethod,
             lang: str) -> Progress:
    scores = tuple(Score(t(lang, "l1a.congruence.name"), x.name(lang), inp.scores.get(x.id)) for x in m.elements)
    if result is None or result.missing:
        return Progress(scores)
    verdict = (t(lang, "l1a.congruence.verdict_gaps", names=_names(result.priorities, m, lang))
               if result.priorities else t(lang, "l1a.congruence.verdict_fit"))
    return Progress(scores, verdict)


TOOL = Tool(cg.TOOL_ID, cg.CongruenceInput, cg.method, cg.evaluate, cg.example_input, "group", cg.counted,
            name=lambda lang: t(lang, "l1a.congruence.name"), short=lambda lang: t(lang, "l1a.congruence.short"),
            nav=Nav("prepare", "hub", "app_pages/congruence.py"), summary=summary, figure=figure, sheet=sheet,
            slide=slide, comparison=series_comparison(lambda m, lang: [x.name(lang) for x in m.elements], _scores,
                                                      lambda m: (m.scale.min, m.scale.max), _reference, decimals=0),
            blank=cg.blank_input, progress=progress)
