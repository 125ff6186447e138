"""The global account programme plan's record: how far each group's plan meets the conditions for
launching its pilot (projector, comparison), the gaps left, the workbook sheet (the plan's tables with
counts and the conditions met as formulas) and the slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell, quoted
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import global_programme as gp
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool

COLUMNS = {"managers": ("country", "manager", "line"), "offers": ("offer", "action", "scope", "owner"),
           "phases": ("phase", "scope", "start", "end", "milestone"),
           "information": ("party", "need", "source", "frequency")}
CHOICE_OF = {column: what for (_, column), what in gp.CHOICES.items()}


def shown(m: gp.ProgrammeMethod, column: str, value: Any, lang: str) -> str:
    """A stored cell as a reader sees it: a choice by its label."""
    if column in CHOICE_OF or column == "coordination":
        choice = m.choice(CHOICE_OF.get(column, "coordination"), value)
        return choice.text(lang) if choice else ""
    return "" if value is None else str(value)


def verdict(r: gp.ProgrammeResult, lang: str) -> str:
    return t(lang, "l4b.programme.ready" if r.ready else "l4b.programme.not_ready")


def gaps(r: gp.ProgrammeResult, m: gp.ProgrammeMethod, lang: str) -> list[str]:
    return [m.check(c.id).gap(lang) for c in r.checks if not c.passed]


def phase_line(row: dict[str, Any], m: gp.ProgrammeMethod, lang: str) -> str:
    dates = " – ".join(d for d in (row.get("start"), row.get("end")) if d)
    return f"{shown(m, 'phase', row['phase'], lang)}: {row['scope']}" + (f" ({dates})" if dates else "")


def ordered_phases(e: Entry) -> list[dict[str, Any]]:
    by_key = {row["key"]: row for row in e.data["phases"]}
    return [by_key[k] for k in e.result.phases]


def summary(e: Entry, m: gp.ProgrammeMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {m.field_label("gam", lang): e.data["gam"], m.field_label("coordination", lang):
            shown(m, "coordination", e.data["coordination"], lang),
            m.field_label("managers", lang): len(r.countries),
            m.field_label("offers", lang): " · ".join(f"{a.text(lang)} {r.offers[a.id]}" for a in m.actions),
            m.field_label("phases", lang): " → ".join(shown(m, "phase", p["phase"], lang) for p in ordered_phases(e)),
            t(lang, "l4b.programme.checks"): f"{r.passed} / {len(r.checks)}", t(lang, "l4b.programme.verdict"):
            verdict(r, lang)}


def passed_of(e: Entry) -> int:
    return e.result.passed


def figure(found: list[Entry], m: gp.ProgrammeMethod, lang: str) -> go.Figure:
    """Every group's conditions met, out of the method's."""
    return bar_figure([entry_label(e) for e in found], [passed_of(e) for e in found],
                      title=t(lang, "l4b.programme.checks"), height=380,
                      groups=[e.group for e in found]).update_yaxes(range=[0, len(m.checks) + 0.5], dtick=1)


def tables(found: list[Entry], m: gp.ProgrammeMethod, lang: str) -> list[Table]:
    """The conditions each group's plan does not meet yet."""
    missing = t(lang, "l4b.programme.missing")
    rows = [{t(lang, "compare.group"): entry_label(e), missing: t(lang, "common.list_separator").join(
        m.check(c.id).text(lang) for c in e.result.checks if not c.passed)} for e in found if not e.result.ready]
    return [Table(t(lang, "l4b.programme.gaps_title"), rows, flag=missing)] if rows else []


def sheet(book: Book, ws: Worksheet, e: Entry, m: gp.ProgrammeMethod, lang: str) -> None:
    """The organisation, the four tables as typed, the counts per choice and the conditions as formulas
    over them, and how many are met."""
    data, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    cells = dict(zip(("gam", "sponsor", "coordination", "coordination_note"), book.labelled(
        ws, 2, [(m.field_label(f, lang), shown(m, f, data[f], lang)) for f in
                ("gam", "sponsor", "coordination", "coordination_note")]), strict=True))
    row, ranges = 7, {}
    for table, columns in COLUMNS.items():
        ws.write_string(row, 0, m.field_label(table, lang), book.head)
        rows = data[table]
        book.table(ws, row + 1, [m.field_label(c, lang) for c in columns],
                   [[shown(m, c, x.get(c), lang) for c in columns] for x in rows])
        ranges[table] = [f"{cell(row + 2, n)}:{cell(row + 1 + len(rows), n)}" if rows else None
                         for n in range(len(columns))]
        row += len(rows) + 3
    row = _counts(book, ws, row, ranges, r, m, lang)
    _checks(book, ws, row, cells, ranges, r, m, lang)


def _count(book: Book, ws: Worksheet, row: int, label: str, where: str | None, value: int) -> None:
    book.put(ws, row, 0, label)
    if where is None:
        book.put(ws, row, 1, 0)
    else:
        book.formula(ws, row, 1, f"=COUNTIF({where},{cell(row, 0)})", value)


def _counts(book: Book, ws: Worksheet, row: int, ranges: dict[str, list[str | None]], r: gp.ProgrammeResult,
            m: gp.ProgrammeMethod, lang: str) -> int:
    """The offers by action and the needs by party and by source, counted by formulas."""
    for title, choices, where, values in ((m.field_label("action", lang), m.actions, ranges["offers"][1], r.offers),
                                          (m.field_label("party", lang), m.parties, ranges["information"][0],
                                           r.information),
                                          (m.field_label("source", lang), m.sources, ranges["information"][2],
                                           r.sources)):
        book.table(ws, row, [title, t(lang, "kinds.count")], [])
        for n, choice in enumerate(choices, start=row + 1):
            _count(book, ws, n, choice.text(lang), where, values[choice.id])
        if title == m.field_label("party", lang):
            bar_chart(book, ws, "bar", title, (row + 1, row + len(choices)), 1, cell(row, 4))
        row += len(choices) + 2
    return row


def _checks(book: Book, ws: Worksheet, row: int, cells: dict[str, str], ranges: dict[str, list[str | None]],
            r: gp.ProgrammeResult, m: gp.ProgrammeMethod, lang: str) -> None:
    """Each condition: a formula where the sheet holds what decides it, else kamcore's answer."""
    def filled(where: str | None) -> str | None:
        return None if where is None else f"COUNTA({where})>0"

    required = [p.text(lang) for p in m.parties if p.required]
    party, source = ranges["information"][0], ranges["information"][2]
    financial = [s.text(lang) for s in m.sources if s.financial]
    formulas = {
        "gam": f"LEN({cells['gam']})>0", "coordination": f"LEN({cells['coordination']})>0",
        "managers": filled(ranges["managers"][0]), "offers": filled(ranges["offers"][0]),
        "informed": party and "AND(" + ",".join(f"COUNTIF({party},{quoted(p)})>0" for p in required) + ")",
        "financial": source and "OR(" + ",".join(f"COUNTIF({source},{quoted(s)})>0" for s in financial) + ")"}
    book.table(ws, row, [t(lang, "l4b.programme.checks"), t(lang, "l4b.programme.met")], [])
    first = row + 1
    for n, check in enumerate(r.checks, start=first):
        book.put(ws, n, 0, m.check(check.id).text(lang))
        if formulas.get(check.id):
            book.formula(ws, n, 1, "=" + formulas[check.id], check.passed)
        else:
            book.put(ws, n, 1, check.passed)
    last = first + len(r.checks) - 1
    book.put(ws, last + 1, 0, t(lang, "l4b.programme.checks"))
    book.formula(ws, last + 1, 1, f"=COUNTIF({cell(first, 1)}:{cell(last, 1)},TRUE)", r.passed)


def slide(e: Entry, m: gp.ProgrammeMethod, lang: str) -> Slide:
    """The finding: how many conditions the plan meets and whether the pilot can start; who runs it,
    the phases in order, and what is still to do."""
    r, data = e.result, e.data
    organisation = " · ".join(x for x in (f"{m.field_label('gam', lang)}: {data['gam']}" if data["gam"] else "",
                                         shown(m, "coordination", data["coordination"], lang),
                                         t(lang, "l4b.programme.countries_line", count=len(r.countries),
                                           names=t(lang, "common.list_separator").join(r.countries))) if x)
    return Slide(t(lang, "l4b.programme.finding", account=e.account or e.group, passed=r.passed,
                   total=len(r.checks), verdict=verdict(r, lang)),
                 lines(organisation, *(phase_line(p, m, lang) for p in ordered_phases(e)), *gaps(r, m, lang)),
                 bars=([p.text(lang) for p in m.parties], {m.field_label("information", lang): [r.information[p.id]
                                                                                           for p in m.parties]}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l4b.programme.method"), t(lang, "l4b.programme.formula")),
                 actions=gaps(r, m, lang)[:3], caption=caption(t(lang, "l4b.programme.name"), e.account))


def progress(inp: gp.ProgrammeInput, result: gp.ProgrammeResult | None, m: gp.ProgrammeMethod,
             lang: str) -> Progress:
    """Each condition for the pilot counts once met; the verdict once anything is planned."""
    if result is None:
        result = gp.evaluate(inp, m)
        shown_verdict = None
    else:
        shown_verdict = f"{result.passed} / {len(result.checks)} · {verdict(result, lang)}"
    scores = tuple(Score(t(lang, "l4b.programme.checks"), m.check(c.id).text(lang), 1.0 if c.passed else None)
                   for c in result.checks)
    return Progress(scores, shown_verdict)


TOOL = Tool(gp.TOOL_ID, gp.ProgrammeInput, gp.method, gp.evaluate, gp.example_input, "account", gp.counted,
            name=lambda lang: t(lang, "l4b.programme.name"), short=lambda lang: t(lang, "l4b.programme.short"),
            nav=Nav("global", "map", "app_pages/global_programme.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=gp.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l4b.programme.checks"), passed_of,
                                      lambda m: (0, len(m.checks)), decimals=0))
