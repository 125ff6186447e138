"""The value strategy and SPIN planner's record: each group's planned questions by type (projector,
comparison), the balance flags, its workbook sheet (the questions and answers, the plan and the role-play's
tally by type as formulas, the shares) and its slide (plan beside what the observer heard)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import FONT, chart_text
from kamcore.export.book import Book, Worksheet, bar_chart, cell, quoted
from kamcore.export.slide import Slide, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import value_strategy as vs
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool
from kamcore.tools.lecture1 import series_comparison


def flags_text(tally: vs.Tally, m: vs.ValueStrategyMethod, lang: str) -> list[str]:
    return [t(lang, f"l2a.spin.flag.{f}", share=f"{m.balance.max_situation_share:g}") for f in tally.flags]


def balance_word(tally: vs.Tally, lang: str) -> str:
    if not tally.total:
        return "—"
    return t(lang, "l2a.spin.balanced") if tally.balanced else t(lang, "l2a.spin.unbalanced")


def counts_line(tally: vs.Tally, m: vs.ValueStrategyMethod) -> str:
    return " · ".join(f"{ty.short} {tally.counts[ty.id]}" for ty in m.types)


def ratio(tally: vs.Tally) -> str:
    return "—" if tally.ratio is None else f"{tally.ratio:.2f}"


def summary(e: Entry, m: vs.ValueStrategyMethod, lang: str) -> dict[str, Any]:
    r = e.result
    unbalanced = [p.contact for p in r.plans if not p.tally.balanced]
    return {t(lang, "l2a.spin.planned"): counts_line(r.planned, m),
            t(lang, "l2a.spin.balance"): balance_word(r.planned, lang),
            t(lang, "l2a.spin.unbalanced_contacts"): t(lang, "common.list_separator").join(unbalanced) or "—",
            t(lang, "l2a.spin.answered"): f"{r.answered} / {r.planned.total}",
            t(lang, "l2a.spin.observed"): counts_line(r.observed, m), t(lang, "l2a.spin.ratio"): ratio(r.observed)}


def _planned(e: Entry, m: vs.ValueStrategyMethod) -> list[float]:
    return [e.result.planned.counts[ty.id] for ty in m.types]


def figure(found: list[Entry], m: vs.ValueStrategyMethod, lang: str) -> go.Figure:
    """Each group's planned questions, stacked by type."""
    labels = [chart_text(entry_label(e)) for e in found]
    return go.Figure(data=[dict(type="bar", name=chart_text(ty.name(lang)), x=labels,
                                y=[e.result.planned.counts[ty.id] for e in found], marker=dict(color=ty.color))
                           for ty in m.types],
                     layout=dict(barmode="stack", height=380, font=dict(family=FONT), plot_bgcolor="white",
                                 margin=dict(l=10, r=10, t=10, b=10), legend=dict(orientation="h", y=-0.15),
                                 yaxis=dict(gridcolor="#eee", rangemode="tozero")))


def tables(found: list[Entry], m: vs.ValueStrategyMethod, lang: str) -> list[Table]:
    flag = t(lang, "l2a.spin.balance")
    rows = [{t(lang, "compare.group"): entry_label(e), t(lang, "l2a.spin.contact"): p.contact,
             t(lang, "l2a.spin.planned"): counts_line(p.tally, m),
             flag: " · ".join(flags_text(p.tally, m, lang))} for e in found for p in e.result.plans]
    return [Table(t(lang, "l2a.spin.plans_title"), rows, flag=flag)] if rows else []


def sheet(book: Book, ws: Worksheet, e: Entry, m: vs.ValueStrategyMethod, lang: str) -> None:
    """The questions with their answers, then per type the questions planned (counted by formulas), the
    taps heard in the role-play and the shares."""
    data, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    pains = data.get("pains", [])
    row = 2
    if pains:
        row = book.table(ws, row, [t(lang, "l2a.spin.pain")], [[p["text"]] for p in pains]) + 1
    questions = data["questions"]
    book.table(ws, row, [t(lang, f"l2a.spin.col.{c}") for c in ("contact", "type", "question", "answer")],
               [[q["contact"], m.type(q["type"]).name(lang), q["text"], q.get("answer", "")] for q in questions])
    types = f"{cell(row + 1, 1)}:{cell(row + max(1, len(questions)), 1)}"
    row += len(questions) + 2
    book.table(ws, row, [t(lang, "l2a.spin.type"), t(lang, "l2a.spin.planned"), t(lang, "l2a.spin.observed")], [])
    first = row + 1
    for n, ty in enumerate(m.types, start=first):
        book.put(ws, n, 0, ty.name(lang))
        book.formula(ws, n, 1, f"=COUNTIF({types},{quoted(ty.name(lang))})", r.planned.counts[ty.id])
        book.put(ws, n, 2, r.observed.counts[ty.id])
    last = first + len(m.types) - 1
    bar_chart(book, ws, "column", t(lang, "l2a.spin.planned"), (first, last), 1, cell(row, 5))
    book.put(ws, last + 1, 0, t(lang, "l2a.spin.situation_share"))
    for col, tally in ((1, r.planned), (2, r.observed)):
        if tally.total:
            book.formula(ws, last + 1, col, f"=ROUND(100*{cell(first, col)}/SUM({cell(first, col)}:"
                                            f"{cell(last, col)}),1)", round(tally.situation_share, 1))
    book.put(ws, last + 2, 0, t(lang, "l2a.spin.ratio"))
    for col, tally in ((1, r.planned), (2, r.observed)):
        if tally.ratio is not None:
            book.formula(ws, last + 2, col, f"=ROUND(({cell(first + 2, col)}+{cell(first + 3, col)})/"
                                            f"({cell(first, col)}+{cell(first + 1, col)}),2)", round(tally.ratio, 2))
    outcome = m.name_of("outcomes", data["observed"].get("outcome"))
    book.labelled(ws, last + 4, [(t(lang, "l2a.spin.outcome"), outcome(lang) if outcome else ""),
                                 (t(lang, "l2a.spin.seconds"), round(data["observed"].get("elapsed", 0)))])


def slide(e: Entry, m: vs.ValueStrategyMethod, lang: str) -> Slide:
    """The finding: how many questions are planned and whether the plan is balanced; plan beside the role-play."""
    r = e.result
    series = {t(lang, "l2a.spin.planned"): _planned(e, m)}
    if r.observed.total:
        series[t(lang, "l2a.spin.observed")] = [r.observed.counts[ty.id] for ty in m.types]
    flags = flags_text(r.planned, m, lang) + [f"{t(lang, 'l2a.spin.observed')}: {f}"
                                              for f in flags_text(r.observed, m, lang)]
    return Slide(t(lang, "l2a.spin.finding", account=e.account or e.group, total=r.planned.total,
                   balance=balance_word(r.planned, lang)),
                 lines(*flags, *(f"{p.contact}: {counts_line(p.tally, m)}" for p in r.plans)),
                 bars=([ty.name(lang) for ty in m.types], series), value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l2a.spin.method"), t(lang, "l2a.spin.formula",
                                                                 share=f"{m.balance.max_situation_share:g}")),
                 actions=flags[:3], caption=caption(t(lang, "l2a.spin.name"), e.account))


def progress(inp: vs.ValueStrategyInput, result: vs.ValueStrategyResult | None, m: vs.ValueStrategyMethod,
             lang: str) -> Progress:
    """Each contact's plan counts once balanced; the verdict: the whole plan's balance."""
    plans = vs.plans([q for q in inp.questions if q.complete()], m)
    scores = tuple(Score(t(lang, "l2a.spin.balance"), p.contact, 1.0 if p.tally.balanced else None) for p in plans)
    if result is None or not result.planned.total:
        return Progress(scores)
    return Progress(scores, balance_word(result.planned, lang))


TOOL = Tool(vs.TOOL_ID, vs.ValueStrategyInput, vs.method, vs.evaluate, vs.example_input, "account", vs.counted,
            name=lambda lang: t(lang, "l2a.spin.name"), short=lambda lang: t(lang, "l2a.spin.short"),
            nav=Nav("develop", "record_voice_over", "app_pages/value_strategy.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=vs.blank_input, progress=progress,
            comparison=series_comparison(lambda m, lang: [ty.name(lang) for ty in m.types], _planned,
                                         lambda m: (0, None), decimals=0))
