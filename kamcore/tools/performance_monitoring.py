"""Performance monitoring's record: every group's dashboard (the four controls' statuses and the one to
act on first) on the projector, KPI attainment as the comparison, the workbook sheet whose pro-rata
plans, attainments, bands, action flags and control statuses are live formulas, and the slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bands_formula, bar_chart, cell, quoted
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import performance_monitoring as pm
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool

COLORS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", None: "#999999"}


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def status_text(status: str | None, m: pm.MonitoringMethod, lang: str) -> str:
    return t(lang, "l3a.pm.unrecorded") if status is None else m.band(status).label(lang)


def control_line(c: pm.Control, m: pm.MonitoringMethod, lang: str) -> str:
    figure = f" ({pct(c.value)})" if c.value is not None else ""
    return f"{m.control(c.id).name(lang)}: {status_text(c.status, m, lang)}{figure}"


def first_text(r: pm.MonitoringResult, m: pm.MonitoringMethod, lang: str) -> str:
    """Which control to act on first, then which ("review implementation first, then …")."""
    if not r.act_first:
        return t(lang, "l3a.pm.none_first")
    names = [m.control(c).name(lang) for c in r.act_first]
    if len(names) == 1:
        return t(lang, "l3a.pm.first_only", first=names[0])
    return t(lang, "l3a.pm.first_then", first=names[0], then=t(lang, "common.list_separator").join(names[1:]))


def summary(e: Entry, m: pm.MonitoringMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {**{m.control(c.id).name(lang): f"{status_text(c.status, m, lang)}"
               + (f" {pct(c.value)}" if c.value is not None else "") for c in r.controls},
            t(lang, "l3a.pm.act_first"): first_text(r, m, lang)}


def lowest_attainment(e: Entry) -> float:
    return round(e.result.control("performance").value or 0, 1)


def figure(found: list[Entry], m: pm.MonitoringMethod, lang: str) -> go.Figure:
    """Every group's lowest KPI attainment, coloured by its band."""
    return bar_figure([entry_label(e) for e in found], [lowest_attainment(e) for e in found],
                      colors=[COLORS[e.result.control("performance").status] for e in found],
                      title=t(lang, "l3a.pm.lowest"), height=380)


def tables(found: list[Entry], m: pm.MonitoringMethod, lang: str) -> list[Table]:
    """One dashboard row per group: each control's status and what to act on first."""
    first = t(lang, "l3a.pm.act_first")
    rows = [{t(lang, "compare.group"): entry_label(e),
             **{m.control(c.id).name(lang): status_text(c.status, m, lang) for c in e.result.controls},
             first: first_text(e.result, m, lang)} for e in found]
    return [Table(t(lang, "l3a.pm.dashboard"), rows)] if rows else []


# ---- the workbook sheet ----------------------------------------------------------------------------

def _bands(m: pm.MonitoringMethod, lang: str, process: bool = False) -> list[tuple[str, Any]]:
    spec = m.process_bands if process else m.bands
    return [(f"{b.label(lang)} ≥", b.min) for b in spec if b.min is not None]


def sheet(book: Book, ws: Worksheet, e: Entry, m: pm.MonitoringMethod, lang: str) -> None:
    """Period and bands, the KPIs with pro-rata plan, attainment and band as formulas, the actions with
    their due and behind flags and the implementation figure as formulas, the assumptions, the process
    checklist with the share met as a formula, and the dashboard."""
    data, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    refs = book.labelled(ws, 2, [(t(lang, "l3a.pm.period"), data["period_months"]),
                                 (t(lang, "l3a.pm.elapsed"), data["elapsed_months"]), *_bands(m, lang)])
    period, elapsed, cuts = refs[0], refs[1], refs[2:]
    bands = [(cut, b.side, b.label(lang)) for cut, b in zip(cuts, [b for b in m.bands if b.min is not None],
                                                              strict=True)]
    last_band = next(b for b in m.bands if b.min is None).label(lang)
    row = 3 + len(refs)
    row = _kpis(book, ws, row, data, r, m, lang, (period, elapsed, bands, last_band))
    row = _actions(book, ws, row + 1, data, r, m, lang, (elapsed, bands, last_band))
    row = _assumptions(book, ws, row + 1, data, m, lang)
    row = _process(book, ws, row + 1, data, r, m, lang)
    book.put(ws, row + 1, 0, t(lang, "l3a.pm.act_first"))
    book.put(ws, row + 1, 1, first_text(r, m, lang))


def _kpis(book: Book, ws: Worksheet, row: int, data: dict[str, Any], r: pm.MonitoringResult, m: pm.MonitoringMethod,
          lang: str, refs: tuple) -> int:
    period, elapsed, bands, last_band = refs
    head = [t(lang, f"l3a.pm.{c}") for c in ("kpi", "plan", "actual", "pro_rata", "pro_rata_plan", "attainment",
                                             "band")]
    book.table(ws, row, head, [[k.name, k.plan, k.actual, 1 if k.pro_rata else 0] for k in r.kpis])
    for n, result in enumerate(r.kpis, start=row + 1):
        plan, actual, accrues = (cell(n, c) for c in (1, 2, 3))
        book.formula(ws, n, 4, f"=IF({accrues}=1,{plan}*{elapsed}/{period},{plan})", result.pro_rata_plan)
        book.formula(ws, n, 5, f"=IF({cell(n, 4)}>0,{actual}/{cell(n, 4)}*100,\"\")",
                     "" if result.attainment is None else result.attainment)
        band = bands_formula(cell(n, 5), bands, last_band)
        expected = "" if result.band is None else m.band(result.band).label(lang)
        green = m.band("green").label(lang)
        book.formula(ws, n, 6, f"=IF({cell(n, 5)}=\"\",IF({actual}>={cell(n, 4)},{quoted(green)},\"\"),{band})",
                     expected)
    if r.kpis:
        bar_chart(book, ws, "bar", t(lang, "l3a.pm.attainment"), (row + 1, row + len(r.kpis)), 5, cell(2, 8))
    return row + 1 + len(r.kpis)


def _actions(book: Book, ws: Worksheet, row: int, data: dict[str, Any], r: pm.MonitoringResult,
             m: pm.MonitoringMethod, lang: str, refs: tuple) -> int:
    elapsed, bands, last_band = refs
    rows = r.actions
    head = [t(lang, f"l3a.pm.{c}") for c in ("action", "owner", "due_month", "done", "due", "behind")]
    book.table(ws, row, head, [[a.action, a.owner, a.due_month, a.done] for a in rows])
    for n, result in enumerate(rows, start=row + 1):
        book.formula(ws, n, 4, f"=IF({cell(n, 2)}<={elapsed},1,0)", int(result.due))
        book.formula(ws, n, 5, f"=IF(AND({cell(n, 4)}=1,{cell(n, 3)}<100),1,0)", int(result.behind))
    end = row + 1 + len(rows)
    implementation = r.control("implementation")
    if rows and implementation.value is not None:
        first, last = row + 1, end - 1
        book.put(ws, end, 0, t(lang, "l3a.pm.completion_due"))
        book.formula(ws, end, 3, f"=SUMIF({cell(first, 4)}:{cell(last, 4)},1,{cell(first, 3)}:{cell(last, 3)})/"
                                 f"COUNTIF({cell(first, 4)}:{cell(last, 4)},1)", implementation.value)
        book.formula(ws, end, 6, f"={bands_formula(cell(end, 3), bands, last_band)}",
                     m.band(implementation.status).label(lang))
        end += 1
    return end


def _assumptions(book: Book, ws: Worksheet, row: int, data: dict[str, Any], m: pm.MonitoringMethod,
                 lang: str) -> int:
    rows = [a for a in data["assumptions"] if a["assumption"] and a["status"]]
    return book.table(ws, row, [t(lang, "l3a.pm.assumption"), t(lang, "l3a.pm.status")],
                      [[a["assumption"], m.status(a["status"]).text(lang)] for a in rows])


def _process(book: Book, ws: Worksheet, row: int, data: dict[str, Any], r: pm.MonitoringResult,
             m: pm.MonitoringMethod, lang: str) -> int:
    answers = data["process"]
    end = book.table(ws, row, [t(lang, "l3a.pm.process_item"), t(lang, "l3a.pm.met")],
                     [[i.text(lang), 1 if answers.get(i.id) else 0] for i in m.process_items])
    process = r.control("process")
    if process.value is not None:
        first, last = row + 1, end - 1
        book.put(ws, end, 0, t(lang, "l3a.pm.share_met"))
        book.formula(ws, end, 1, f"=SUM({cell(first, 1)}:{cell(last, 1)})/{len(m.process_items)}*100", process.value)
        end += 1
    return end


def slide(e: Entry, m: pm.MonitoringMethod, lang: str) -> Slide:
    """The finding: which control to act on first; the four statuses; KPI attainment as bars."""
    r = e.result
    perf = r.control("performance")
    return Slide(t(lang, "l3a.pm.finding", account=e.account or e.group, status=status_text(perf.status, m, lang),
                   attainment=pct(perf.value), first=first_text(r, m, lang)),
                 lines(*(control_line(c, m, lang) for c in r.controls[1:])),
                 bars=([k.name for k in r.kpis], {t(lang, "l3a.pm.attainment"): [k.attainment or 0 for k in r.kpis]}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l3a.pm.method"), t(lang, "l3a.pm.formula")),
                 actions=[m.control(c).action(lang) for c in r.act_first[:1]],
                 caption=caption(t(lang, "l3a.pm.name"), e.account))


def progress(inp: pm.MonitoringInput, result: pm.MonitoringResult | None, m: pm.MonitoringMethod,
             lang: str) -> Progress:
    """Each control counts once something is recorded for it; the verdict is what to act on first."""
    kpis, actions = pm.all_rows(inp)
    recorded = {"performance": inp.elapsed_months is not None and any(k.complete() for k in kpis),
                "implementation": any(a.complete() for a in actions),
                "strategic": any(a.complete() for a in inp.assumptions), "process": bool(inp.process)}
    scores = tuple(Score(t(lang, "l3a.pm.controls"), m.control(c).name(lang), 1.0 if recorded[c] else None)
                   for c in pm.CONTROLS)
    return Progress(scores, None if result is None else first_text(result, m, lang))


TOOL = Tool(pm.TOOL_ID, pm.MonitoringInput, pm.method, pm.evaluate, pm.example_input, "account", pm.counted,
            name=lambda lang: t(lang, "l3a.pm.name"), short=lambda lang: t(lang, "l3a.pm.short"),
            nav=Nav("maintain", "monitor_heart", "app_pages/performance_monitoring.py"), summary=summary, figure=figure,
            tables=tables, reads=(pm.PLAN,), sheet=sheet, slide=slide, blank=pm.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l3a.pm.lowest"), lowest_attainment, decimals=0))
