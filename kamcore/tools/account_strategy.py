"""The six-element account strategy's record: how complete each group's strategy is (points of the
checker, projector and comparison), the elements still missing, the workbook sheet (the six elements
with the contribution and totals as formulas) and the slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import account_strategy as st
from kamcore.methods.sources import READS, read
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool


def checked(e: Entry, m: st.StrategyMethod, lang: str) -> st.StrategyResult:
    """The checker in the reader's language (the positioning statement is worded in it)."""
    inp = st.StrategyInput.model_validate(e.data, context={"method": m})
    return st.evaluate_with(inp, m, read(inp.sources, lang), lang)


def shown(m: st.StrategyMethod, what: str, value: Any, lang: str) -> str:
    choice = m.choice(what, value)
    return choice.text(lang) if choice else ""


def letters(c: st.SmartCheck, m: st.StrategyMethod) -> str:
    """The SMART letters an objective meets, a dot for each it misses: "S M · R T"."""
    return " ".join(s.letter if c.passed[s.id] else "·" for s in m.smart)


def gaps(r: st.StrategyResult, m: st.StrategyMethod, lang: str) -> list[str]:
    """What to do, element by element, then the objectives that are not SMART yet."""
    found = [m.element(e.id).gap(lang) for e in r.elements if not e.present]
    found += [t(lang, "l2b.strategy.not_smart", objective=c.statement, letters=letters(c, m))
              for c in r.objectives if not c.smart]
    if not r.positioning.complete:
        found.append(t(lang, "l2b.strategy.slots_missing", slots=t(lang, "common.list_separator").join(
            s.text(lang) for s in m.slots if not r.positioning.slots[s.id])))
    return found


def points_of(e: Entry) -> int:
    return e.result.points


def summary(e: Entry, m: st.StrategyMethod, lang: str) -> dict[str, Any]:
    r = checked(e, m, lang)
    return {t(lang, "l2b.strategy.points"): f"{r.points} / {r.possible}",
            m.label("direction", lang): shown(m, "directions", e.data.get("direction"), lang),
            t(lang, "l2b.strategy.smart_count"): f"{sum(c.smart for c in r.objectives)} / {len(r.objectives)}",
            t(lang, "l2b.strategy.missing"): t(lang, "common.list_separator").join(
                m.element(x).text(lang) for x in r.missing) or "—",
            m.label("contribution", lang): round(r.totals["contribution"])}


def figure(found: list[Entry], m: st.StrategyMethod, lang: str) -> go.Figure:
    """Every group's checker points."""
    return bar_figure([entry_label(e) for e in found], [points_of(e) for e in found],
                      title=t(lang, "l2b.strategy.points"), height=380, groups=[e.group for e in found])


def tables(found: list[Entry], m: st.StrategyMethod, lang: str) -> list[Table]:
    """The elements each group's strategy still lacks."""
    missing = t(lang, "l2b.strategy.missing")
    rows = [{t(lang, "compare.group"): entry_label(e), missing: t(lang, "common.list_separator").join(
        m.element(x).text(lang) for x in e.result.missing)} for e in found if e.result.missing]
    return [Table(t(lang, "l2b.strategy.gaps_title"), rows, flag=missing)] if rows else []


def sheet(book: Book, ws: Worksheet, e: Entry, m: st.StrategyMethod, lang: str) -> None:
    """The six elements as tables, the quarters' contribution and the totals as formulas, the checker."""
    data, r = e.data, checked(e, m, lang)
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    book.labelled(ws, 2, [(m.label("strategic", lang), data["strategic"]),
                          (m.label("direction", lang), shown(m, "directions", data["direction"], lang)),
                          (m.label("stage", lang), shown(m, "stages", data["stage"], lang))])
    row = _objectives(book, ws, 6, data, r, m, lang)
    ws.write_string(row, 0, m.label("focus", lang), book.head)
    row = book.table(ws, row + 1, [m.label("focus", lang), ""],
                     [[c.text(lang), data["focus"].get(c.id, "")] for c in m.cells]) + 1
    book.labelled(ws, row, [(m.label("levers", lang), t(lang, "common.list_separator").join(
        shown(m, "levers", x, lang) for x in data["levers"])), (m.label("levers_note", lang), data["levers_note"]),
        (t(lang, "l2b.strategy.statement"), r.positioning.statement)])
    row += 4
    row = _actions(book, ws, row, data, m, lang)
    ws.write_string(row, 0, m.label("resources", lang), book.head)
    row = book.table(ws, row + 1, [m.label(c, lang) for c in st.COLUMNS["resources"]],
                     [[shown(m, "functions", x["function"], lang), x["commitment"], x["head"], x["agreed"]]
                      for x in data["resources"]]) + 1
    row = _budget(book, ws, row, data, m, lang)
    book.table(ws, row, [t(lang, "l2b.strategy.element"), t(lang, "l2b.strategy.present")],
               [[m.element(x.id).text(lang), int(x.present)] for x in r.elements])
    bar_chart(book, ws, "bar", t(lang, "l2b.strategy.present"), (row + 1, row + len(r.elements)), 1, cell(2, 9),
              (0, 1))
    book.put(ws, row + len(r.elements) + 1, 0, t(lang, "l2b.strategy.points"))
    book.put(ws, row + len(r.elements) + 1, 1, f"{r.points} / {r.possible}")


def _objectives(book: Book, ws: Worksheet, row: int, data: dict[str, Any], r: st.StrategyResult,
                m: st.StrategyMethod, lang: str) -> int:
    smart = {c.key: letters(c, m) for c in r.objectives}
    ws.write_string(row, 0, m.label("objectives", lang), book.head)
    return book.table(ws, row + 1, [*(m.label(c, lang) for c in st.COLUMNS["objectives"]), "SMART"],
                      [[o["statement"], shown(m, "metrics", o["metric"], lang), shown(m, "cells", o["focus"], lang),
                        o["baseline"], o["target"], o["unit"], o["due"], smart.get(o["key"], "")]
                       for o in data["objectives"]]) + 1


def _actions(book: Book, ws: Worksheet, row: int, data: dict[str, Any], m: st.StrategyMethod, lang: str) -> int:
    ws.write_string(row, 0, m.label("actions", lang), book.head)
    rows = data["actions"]
    end = book.table(ws, row + 1, [m.label(c, lang) for c in st.COLUMNS["actions"]],
                     [[a[c] for c in st.COLUMNS["actions"]] for a in rows], {4: book.money})
    book.put(ws, end, 3, t(lang, "l2b.strategy.total"))
    total = sum(a["cost"] or 0 for a in rows)
    if rows:
        book.formula(ws, end, 4, f"=SUM({cell(row + 2, 4)}:{cell(end - 1, 4)})", total, book.calc_money)
    else:
        book.put(ws, end, 4, 0)
    return end + 2


def _budget(book: Book, ws: Worksheet, row: int, data: dict[str, Any], m: st.StrategyMethod, lang: str) -> int:
    """Quarter, revenue, cost, contribution (= revenue − cost), investment; a totals row of sums."""
    ws.write_string(row, 0, m.label("budget", lang), book.head)
    head = [m.label(c, lang) for c in ("quarter", "revenue", "costs", "contribution", "investment")]
    book.table(ws, row + 1, head, [])
    first = row + 2
    quarters = data["budget"]
    for n, q in enumerate(quarters, start=first):
        book.put(ws, n, 0, q["quarter"])
        for col, name in ((1, "revenue"), (2, "costs"), (4, "investment")):
            book.put(ws, n, col, q[name], book.money)
        if q["revenue"] is not None and q["costs"] is not None:
            book.formula(ws, n, 3, f"={cell(n, 1)}-{cell(n, 2)}", q["revenue"] - q["costs"], book.calc_money)
    last = first + len(quarters)
    book.put(ws, last, 0, t(lang, "l2b.strategy.total"))
    contribution = [q["revenue"] - q["costs"] for q in quarters if q["revenue"] is not None and q["costs"] is not None]
    totals = {1: [q["revenue"] for q in quarters], 2: [q["costs"] for q in quarters], 3: contribution,
              4: [q["investment"] for q in quarters]}
    for col, values in totals.items():
        total = sum(v or 0 for v in values)
        if quarters:
            book.formula(ws, last, col, f"=SUM({cell(first, col)}:{cell(last - 1, col)})", total, book.calc_money)
        else:
            book.put(ws, last, col, 0)
    return last + 2


def slide(e: Entry, m: st.StrategyMethod, lang: str) -> Slide:
    """The finding: the checker's points and what is missing; the strategic objective, the positioning
    statement and the budget's contribution."""
    r, data = checked(e, m, lang), e.data
    todo = gaps(r, m, lang)
    return Slide(t(lang, "l2b.strategy.finding", account=e.account or e.group, points=r.points, possible=r.possible),
                 lines(data["strategic"], r.positioning.statement,
                       t(lang, "l2b.strategy.budget_line", revenue=round(r.totals["revenue"]),
                         contribution=round(r.totals["contribution"]))),
                 bars=([m.element(x.id).text(lang) for x in r.elements],
                       {t(lang, "l2b.strategy.present"): [1.0 if x.present else 0.0 for x in r.elements]}),
                 value_range=(0, 1), decimals=0,
                 notes=notes(lang, t(lang, "l2b.strategy.method"), t(lang, "l2b.strategy.formula")),
                 actions=todo[:3], caption=caption(t(lang, "l2b.strategy.name"), e.account))


def progress(inp: st.StrategyInput, result: st.StrategyResult | None, m: st.StrategyMethod,
             lang: str) -> Progress:
    """Each element counts once present; the verdict is the checker's points once anything is written."""
    found = st.evaluate(inp, m) if result is None else result
    scores = tuple(Score(t(lang, "l2b.strategy.elements"), m.element(x.id).text(lang), 1.0 if x.present else None)
                   for x in found.elements)
    verdict = None if result is None else t(lang, "l2b.strategy.points_line", points=result.points,
                                            possible=result.possible)
    return Progress(scores, verdict)


TOOL = Tool(st.TOOL_ID, st.StrategyInput, st.method, st.evaluate, st.example_input, "account", st.counted,
            name=lambda lang: t(lang, "l2b.strategy.name"), short=lambda lang: t(lang, "l2b.strategy.short"),
            nav=Nav("develop", "flag", "app_pages/account_strategy.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=st.blank_input, progress=progress, reads=READS,
            comparison=bar_comparison(lambda lang: t(lang, "l2b.strategy.points"), points_of,
                                      lambda m: (0, None), decimals=0))
