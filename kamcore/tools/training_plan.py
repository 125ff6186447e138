"""The 2+1+1 training plan's record: every group's share of steps done, its workbook sheet (the steps by
due date, whether each is done as a formula over its status, the count per phase) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell, quoted
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import team_profiles as tp
from kamcore.methods import training_plan as plan
from kamcore.tool import Entry, Nav, Progress, Score, Tool

SHOWN = 3  # open steps a slide lists


def dimension_name(row: dict[str, Any], lang: str) -> str:
    role = tp.method().role(row.get("role"))
    dimension = role.dimension(row.get("dimension") or "") if role else None
    return dimension.name(lang) if dimension else ""


def done_share(e: Entry) -> float:
    return round(100 * e.result.done / e.result.total) if e.result.total else 0


def summary(e: Entry, m: plan.PlanMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l1b.plan.steps_done"): f"{r.done} / {r.total}", t(lang, "l1b.plan.overdue"): len(r.overdue),
            t(lang, "l1b.plan.gaps_closed"): f"{r.closed} / {r.gaps}", t(lang, "l1b.plan.people"): len(r.people)}


def figure(found: list[Entry], m: plan.PlanMethod, lang: str) -> go.Figure:
    return bar_figure([e.group for e in found], [done_share(e) for e in found], title=t(lang, "l1b.plan.done_share"),
                      height=380, groups=[e.group for e in found]).update_yaxes(range=[0, 100])


def step_text(row: dict[str, Any], m: plan.PlanMethod, lang: str) -> str:
    phase = m.phase(row["phase"])
    return f"{row['person']} · {phase.label(lang) if phase else ''} · {row['action']} · {row['due']}"


def sheet(book: Book, ws: Worksheet, e: Entry, m: plan.PlanMethod, lang: str) -> None:
    """The steps by due date, whether each is done (a formula over its status), the count per phase."""
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group}", book.title)
    rows = e.data["rows"]
    done_labels = [s.label(lang) for s in m.statuses if s.done]
    status = {s.id: s.label(lang) for s in m.statuses}
    phases = {p.id: p.label(lang) for p in m.phases}
    book.table(ws, 2, [t(lang, "l1b.plan.person"), t(lang, "l1b.plan.dimension"), t(lang, "l1b.plan.phase"),
                       t(lang, "l1b.plan.action"), t(lang, "l1b.plan.owner"), t(lang, "l1b.plan.due"),
                       t(lang, "l1b.plan.evidence"), t(lang, "l1b.plan.status"), t(lang, "l1b.plan.done")],
               [[r["person"], dimension_name(r, lang), phases[r["phase"]], r["action"], r["owner"], r["due"],
                 r["evidence"], status.get(r.get("status"), "")] for r in rows])
    first, last = 3, 2 + len(rows)
    for n, r in enumerate(rows, start=first):
        done = m.status(r.get("status"))
        book.formula(ws, n, 8, "=OR(" + ",".join(f"{cell(n, 7)}={quoted(label)}" for label in done_labels) + ")",
                     bool(done and done.done))
    row = last + 2
    book.table(ws, row, [t(lang, "l1b.plan.phase"), t(lang, "l1b.plan.count")], [])
    for n, p in enumerate(m.phases, start=row + 1):
        book.put(ws, n, 0, p.label(lang))
        book.formula(ws, n, 1, f"=COUNTIF({cell(first, 2)}:{cell(last, 2)},{cell(n, 0)})", e.result.by_phase[p.id])
    bar_chart(book, ws, "column", t(lang, "l1b.plan.phase"), (row + 1, row + len(m.phases)), 1, cell(row, 3))


def slide(e: Entry, m: plan.PlanMethod, lang: str) -> Slide:
    """The finding: steps done and overdue; the next open steps with their owners."""
    r = e.result
    done = {s.id for s in m.statuses if s.done}
    open_steps = [step_text(x, m, lang) for x in e.data["rows"] if x.get("status") not in done]
    return Slide(t(lang, "l1b.plan.finding", group=e.group, done=r.done, total=r.total, overdue=len(r.overdue)),
                 lines(*open_steps),
                 bars=([p.label(lang) for p in m.phases], {t(lang, "l1b.plan.count"): [r.by_phase[p.id]
                                                                                      for p in m.phases]}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, m.reading(lang), t(lang, "l1b.plan.formula")),
                 actions=open_steps[:SHOWN], caption=caption(m.title(lang)))


def progress(inp: plan.PlanInput, result: plan.PlanResult | None, m: plan.PlanMethod, lang: str) -> Progress:
    """Each step counts once it is complete; the steps done once any is."""
    scores = tuple(Score(t(lang, "l1b.plan.phase"), r.action or t(lang, "draft.row", n=n + 1),
                         1.0 if r.complete() else None, account=r.person) for n, r in enumerate(inp.rows))
    verdict = (t(lang, "l1b.plan.done_of", done=result.done, total=result.total)
               if result is not None and result.total else None)
    return Progress(scores, verdict)


TOOL = Tool(plan.TOOL_ID, plan.PlanInput, plan.method, plan.evaluate, plan.example_input, "group", plan.counted,
            name=lambda lang: t(lang, "l1b.plan.name"), short=lambda lang: t(lang, "l1b.plan.short"),
            nav=Nav("prepare", "school", "app_pages/training_plan.py"), summary=summary, figure=figure, sheet=sheet,
            slide=slide, comparison=bar_comparison(lambda lang: t(lang, "l1b.plan.done_share"), done_share,
                                                   lambda m: (0, 100), decimals=0),
            blank=plan.blank_input, progress=progress)
