"""Partnership development's record: the step each group's account has reached, the prerequisites'
scores and whether to proceed; its workbook sheet (the steps, the scores, each group's mean and the
verdict as formulas) and its slide."""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell, quoted
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import partnership_development as pd
from kamcore.tool import CriterionScore, Entry, Nav, Progress, Score, Tool


def mean_score(e: Entry) -> float:
    scores = e.data["scores"]
    return round(math.fsum(scores.values()) / len(scores), 2) if scores else 0


def step_name(m: pd.DevelopmentMethod, step_id: str | None, lang: str) -> str:
    return m.step(step_id).name(lang) if step_id else t(lang, "l3b.development.all_done")


def summary(e: Entry, m: pd.DevelopmentMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l3b.development.current"): step_name(m, r.current, lang),
            t(lang, "l3b.development.steps_done"): f"{r.done} / {len(m.steps)}",
            **{g.label(lang): round(r.means[g.id], 2) for g in m.prerequisite_groups},
            t(lang, "l3b.development.verdict"): m.verdict(r.verdict).label(lang)}


def figure(found: list[Entry], m: pd.DevelopmentMethod, lang: str) -> go.Figure:
    return bar_figure([f"{e.group} · {e.account}" for e in found], [mean_score(e) for e in found],
                      title=t(lang, "l3b.development.mean"), height=380,
                      groups=[e.group for e in found]).update_yaxes(range=[m.scale.min, m.scale.max])


def criterion_scores(e: Entry, m: pd.DevelopmentMethod, lang: str) -> list[CriterionScore]:
    scores = e.data["scores"]
    return [CriterionScore(e.account_key, e.account, p.id, p.name(lang), scores[p.id]) for p in m.prerequisites
            if p.id in scores]


def sheet(book: Book, ws: Worksheet, e: Entry, m: pd.DevelopmentMethod, lang: str) -> None:
    """The seven steps with status and note; the prerequisites' scores; each group's mean, the lowest
    score and the verdict as formulas over them and the method's marks."""
    r, data = e.result, e.data
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    steps = data["steps"]
    row = book.table(ws, 2, [t(lang, "l3b.development.step"), t(lang, "l3b.development.status"),
                             t(lang, "l3b.development.note"), t(lang, "l3b.development.customer_needs")],
                     [[s.name(lang), (m.status(steps.get(s.id, {}).get("status")) or m.statuses[0]).label(lang),
                       steps.get(s.id, {}).get("note", ""), s.customer_needs(lang)] for s in m.steps]) + 1
    header = row
    row = book.table(ws, header, [t(lang, "l3b.development.prerequisite"), t(lang, "l3b.development.group"),
                                  t(lang, "l3b.development.score")],
                     [[p.name(lang), m.group_label(p.group, lang), data["scores"][p.id]] for p in m.prerequisites])
    first, last = header + 1, row - 1
    row += 1
    marks = book.labelled(ws, row, [(f"{g.label(lang)} ≥", g.min_mean) for g in m.prerequisite_groups]
                          + [(t(lang, "l3b.development.min_each"), m.min_each)])
    row += len(marks) + 1
    mean_cells = []
    for n, g in enumerate(m.prerequisite_groups, start=row):
        book.put(ws, n, 0, f"{g.label(lang)} · {t(lang, 'l3b.development.mean')}")
        book.formula(ws, n, 1, f"=AVERAGEIF({cell(first, 1)}:{cell(last, 1)},{quoted(g.label(lang))},"
                               f"{cell(first, 2)}:{cell(last, 2)})", r.means[g.id])
        mean_cells.append(cell(n, 1))
    row += len(m.prerequisite_groups)
    book.put(ws, row, 0, t(lang, "l3b.development.lowest"))
    book.formula(ws, row, 1, f"=MIN({cell(first, 2)}:{cell(last, 2)})", min(data["scores"].values()))
    reached = ",".join(f"{mean}>={mark}" for mean, mark in zip(mean_cells, marks, strict=False))
    book.put(ws, row + 1, 0, t(lang, "l3b.development.verdict"))
    book.formula(ws, row + 1, 1, f"=IF({cell(row, 1)}<{marks[-1]},{quoted(m.verdict('hold').label(lang))},"
                                 f"IF(AND({reached}),{quoted(m.verdict('proceed').label(lang))},"
                                 f"{quoted(m.verdict('strengthen').label(lang))}))", m.verdict(r.verdict).label(lang))
    bar_chart(book, ws, "bar", t(lang, "l3b.development.score"), (first, last), 2, cell(row + 3, 0),
              scale=(m.scale.min, m.scale.max))


def slide(e: Entry, m: pd.DevelopmentMethod, lang: str) -> Slide:
    """The finding: the step reached and whether to proceed; what the customer needs now; the scores."""
    r = e.result
    verdict = m.verdict(r.verdict)
    step = m.step(r.current) if r.current else None
    short = [m.group_label(g, lang) for g in r.short]
    weak = [p.name(lang) for p in m.prerequisites if p.id in r.weak]
    separator = t(lang, "common.list_separator")
    return Slide(t(lang, "l3b.development.finding", account=e.account or e.group, step=step_name(m, r.current, lang),
                   verdict=verdict.label(lang)),
                 lines(t(lang, "l3b.labelled", label=t(lang, "l3b.development.customer_needs"),
                         text=step.customer_needs(lang)) if step else None,
                       t(lang, "l3b.labelled", label=t(lang, "l3b.development.weak"), text=separator.join(weak))
                       if weak else None,
                       t(lang, "l3b.labelled", label=t(lang, "l3b.development.below_mark"), text=separator.join(short))
                       if short else None,
                       verdict.advice(lang)),
                 bars=([p.name(lang) for p in m.prerequisites],
                       {t(lang, "l3b.development.score"): [e.data["scores"][p.id] for p in m.prerequisites]}),
                 value_range=(m.scale.min, m.scale.max),
                 notes=notes(lang, t(lang, "l3b.development.method"), t(lang, "l3b.development.formula",
                                                                        each=f"{m.min_each:g}")),
                 actions=[f"{e.account or e.group}: {verdict.advice(lang)}"],
                 caption=caption(t(lang, "l3b.development.name"), e.account))


def progress(inp: pd.DevelopmentInput, result: pd.DevelopmentResult | None, m: pd.DevelopmentMethod,
             lang: str) -> Progress:
    """Every prerequisite scored; the verdict once all are."""
    scores = tuple(Score(m.group_label(p.group, lang), p.name(lang), inp.scores.get(p.id)) for p in m.prerequisites)
    verdict = m.verdict(result.verdict).label(lang) if result is not None and result.verdict else None
    return Progress(scores, verdict)


TOOL = Tool(pd.TOOL_ID, pd.DevelopmentInput, pd.method, pd.evaluate, pd.example_input, "account", pd.counted,
            name=lambda lang: t(lang, "l3b.development.name"), short=lambda lang: t(lang, "l3b.development.short"),
            nav=Nav("maintain", "stairs", "app_pages/partnership_development.py"), summary=summary, figure=figure,
            criterion_scores=criterion_scores, sheet=sheet, slide=slide,
            comparison=bar_comparison(lambda lang: t(lang, "l3b.development.mean"), mean_score,
                                      lambda m: (m.scale.min, m.scale.max)),
            blank=pd.blank_input, progress=progress)
