"""The account types and natures' record: the room's portfolio by type × nature (every group's count
in each cell), its workbook sheet (the tagged accounts and the grid as COUNTIFS formulas) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.export.book import Book, Worksheet, bar_chart, cell, quoted
from kamcore.export.slide import Slide, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import account_types as at
from kamcore.presenter import LABEL, text_width
from kamcore.tool import Entry, Nav, Progress, Score, Tool
from kamcore.tools.lecture1 import heatmap_figure, series_comparison

COUNT_COLORS = [[0, "#f6f8fa"], [1, "#54aeff"]]  # from none to the most accounts in one cell


def _top(e: Entry, m: at.AccountTypesMethod, lang: str) -> str:
    kind, nature = e.result.top
    return f"{m.option('type', kind).label(lang)} × {m.option('nature', nature).label(lang)}"


def summary(e: Entry, m: at.AccountTypesMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l1a.types.tagged"): r.tagged, t(lang, "l1a.types.top"): _top(e, m, lang),
            **{ty.label(lang): r.by_type[ty.id] for ty in m.types}}


def figure(found: list[Entry], m: at.AccountTypesMethod, lang: str) -> go.Figure:
    """The room's portfolio: a cell per type × nature, coloured by the room's count, each group's count in it."""
    values, texts = [], []
    for ty in m.types:
        values.append([sum(e.result.grid[ty.id][na.id] for e in found) for na in m.natures])
        texts.append(["\n".join(f"{e.group} {e.result.grid[ty.id][na.id]}" for e in found
                                 if e.result.grid[ty.id][na.id]) for na in m.natures])
    most = max((v for row in values for v in row), default=0)
    rows = [ty.label(lang) for ty in m.types]
    return heatmap_figure(rows, [na.label(lang) for na in m.natures], values, texts, 0, max(most, 1),
                          colors=COUNT_COLORS, label_px=max(text_width(r, LABEL) for r in rows))


def sheet(book: Book, ws: Worksheet, e: Entry, m: at.AccountTypesMethod, lang: str) -> None:
    """Each account with its type, nature, note and what the type implies; the portfolio grid counted
    from those rows by formulas; accounts per type as a chart."""
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group}", book.title)
    ws.write_string(1, 0, m.default_note(lang), book.text)
    accounts = e.data["accounts"]
    header = 3
    book.table(ws, header, [t(lang, "compare.account"), t(lang, "l1a.types.type"), t(lang, "l1a.types.nature"),
                            t(lang, "l1a.types.note"), t(lang, "l1a.types.investment")],
               [[a["name"], m.option("type", a["type"]).label(lang), m.option("nature", a["nature"]).label(lang),
                 a.get("note", ""), m.option("type", a["type"]).strategy(lang)] for a in accounts])
    first, last = header + 1, header + max(len(accounts), 1)
    row = last + 2
    book.table(ws, row, [t(lang, "l1a.types.type"), *(na.label(lang) for na in m.natures), t(lang, "xlsx.total")], [])
    types_range, natures_range = f"{cell(first, 1, True, True)}:{cell(last, 1, True, True)}", \
        f"{cell(first, 2, True, True)}:{cell(last, 2, True, True)}"
    for n, ty in enumerate(m.types, start=row + 1):
        book.put(ws, n, 0, ty.label(lang))
        for col, na in enumerate(m.natures, start=1):
            book.formula(ws, n, col, f"=COUNTIFS({types_range},{quoted(ty.label(lang))},{natures_range},"
                                     f"{quoted(na.label(lang))})", e.result.grid[ty.id][na.id])
        total = len(m.natures) + 1
        book.formula(ws, n, total, f"=SUM({cell(n, 1)}:{cell(n, len(m.natures))})", e.result.by_type[ty.id])
    bar_chart(book, ws, "bar", t(lang, "l1a.types.per_type"), (row + 1, row + len(m.types)), len(m.natures) + 1,
              cell(row + len(m.types) + 2, 0))


def slide(e: Entry, m: at.AccountTypesMethod, lang: str) -> Slide:
    """The finding: how many accounts and which type × nature dominates; accounts per type by nature."""
    r = e.result
    kind = m.option("type", r.top[0])
    return Slide(t(lang, "l1a.types.finding", group=e.group, count=r.tagged, top=_top(e, m, lang)),
                 lines(m.default_note(lang),
                       *(f"{a['name']}: {m.option('type', a['type']).label(lang)} × "
                         f"{m.option('nature', a['nature']).label(lang)}" for a in e.data["accounts"])),
                 bars=([ty.label(lang) for ty in m.types],
                       {na.label(lang): [r.grid[ty.id][na.id] for ty in m.types] for na in m.natures}),
                 value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "l1a.types.method"), t(lang, "l1a.types.formula")),
                 actions=[f"{kind.label(lang)}: {kind.strategy(lang)}"],
                 caption=caption(t(lang, "l1a.types.name"), e.group))


def progress(inp: at.AccountTypesInput, result: at.AccountTypesResult | None, m: at.AccountTypesMethod,
             lang: str) -> Progress:
    """Each account's type and nature (their place in the method's list); the dominant cell once any is tagged."""
    scores = []
    for a in inp.accounts:
        for field, label in (("type", t(lang, "l1a.types.type")), ("nature", t(lang, "l1a.types.nature"))):
            value = getattr(a, field)
            ids = [o.id for o in m.options(field)]
            scores.append(Score(label, label, None if value is None else float(ids.index(value) + 1), a.name))
    if result is None or result.top is None:
        return Progress(tuple(scores))
    kind, nature = result.top
    return Progress(tuple(scores), f"{m.option('type', kind).label(lang)} × {m.option('nature', nature).label(lang)}")


TOOL = Tool(at.TOOL_ID, at.AccountTypesInput, at.method, at.evaluate, at.example_input, "group", at.counted,
            name=lambda lang: t(lang, "l1a.types.name"), short=lambda lang: t(lang, "l1a.types.short"),
            nav=Nav("prepare", "category", "app_pages/account_types.py"), summary=summary, figure=figure, sheet=sheet,
            slide=slide, comparison=series_comparison(lambda m, lang: [ty.label(lang) for ty in m.types],
                                                      lambda e, m: [e.result.by_type[ty.id] for ty in m.types],
                                                      lambda m: (0, None), decimals=0),
            blank=at.blank_input, progress=progress)
