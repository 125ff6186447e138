"""The four-quadrant value proposition's record: its score for the room, its workbook sheet (units,
the quadrants with their checks, the score rules, the value mix) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Columns, Worksheet, bar_chart, cell, money
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import value_proposition as vp
from kamcore.tool import Entry, Nav, Progress, Score, Tool


def summary(e: Entry, m: vp.ValuePropositionMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "vp.score"): round(r.score), t(lang, "compare.balanced"): "✔" if r.balanced else "✘",
            t(lang, "vp.yearly_value"): round(r.yearly_economic_value),
            **{t(lang, f"vp.mix.{k}"): v for k, v in r.mix.items()}}


def figure(found: list[Entry], m: vp.ValuePropositionMethod, lang: str) -> go.Figure:
    values = [round(e.result.score) for e in found]
    return bar_figure([f"{e.group} · {e.account}" for e in found], values, title=t(lang, "vp.score"), height=380,
                      groups=[e.group for e in found])


# ---- the workbook sheet: units, the quadrants and their checks, the score, the mix ------------------

class _Quadrant:
    """A quadrant's table on the sheet: its columns and the rows its items took."""

    def __init__(self, quadrant: str, m: vp.ValuePropositionMethod, lang: str, first: int, count: int):
        self.cols = Columns()
        for f in vp.QUADRANT_FIELDS[quadrant]:
            self.cols.add(f, [t(lang, f"vp.field.{f}")])
        if quadrant == "q1":
            self.cols.add("quantified", [t(lang, "xlsx.quantified")])
            self.cols.add("money", [t(lang, "vp.yearly_value")])
        else:
            self.cols.add("complete", [t(lang, "xlsx.complete")])
        self.first, self.count = first, count

    def span(self, name: str) -> str:
        col = self.cols.one(name)
        return f"{cell(self.first, col)}:{cell(self.first + self.count - 1, col)}"

    def share(self, name: str, counter: str = "COUNTIF", test: str = ",TRUE") -> str:
        """The share of the quadrant's items that pass: COUNTIF(column, TRUE) / items, or 0 when it has none."""
        return f"{counter}({self.span(name)}{test})/{self.count}" if self.count else "0"


def sheet(book: Book, ws: Worksheet, e: Entry, m: vp.ValuePropositionMethod, lang: str) -> None:
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    units, row = _units(book, ws, m, lang, 2)
    quadrants: dict[str, _Quadrant] = {}
    for quadrant in vp.QUADRANTS:
        quadrants[quadrant], row = _quadrant(book, ws, e.data.get(quadrant, []), quadrant, m, lang, row, units)
    row = _score(book, ws, e.result, m, lang, row, quadrants)
    _mix(book, ws, e.result, lang, row + 1)


def _units(book: Book, ws: Worksheet, m: vp.ValuePropositionMethod, lang: str, row: int) -> tuple[str, int]:
    """The units and what each is worth per year; returns their range (for VLOOKUP) and the next row."""
    end = book.table(ws, row, [t(lang, "vp.field.unit"), t(lang, "xlsx.per_year")],
                     [[u.label(lang), u.money_per_year] for u in m.units], {1: book.money})
    return f"{cell(row + 1, 0, True, True)}:{cell(end - 1, 1, True, True)}", end + 2


def _quadrant(book: Book, ws: Worksheet, items: list[dict], quadrant: str, m: vp.ValuePropositionMethod, lang: str,
              row: int, units: str) -> tuple[_Quadrant, int]:
    """A quadrant's items as typed, then its check columns as formulas."""
    q = _Quadrant(quadrant, m, lang, row + 2, len(items))
    fields = vp.QUADRANT_FIELDS[quadrant]
    ws.write_string(row, 0, m.quadrant(quadrant).title(lang), book.title)
    book.table(ws, row + 1, q.cols.headers, [_shown(item, fields, quadrant, m, lang) for item in items])
    for r, item in enumerate(items, start=q.first):
        typed = {f: cell(r, q.cols.one(f)) for f in fields}
        if quadrant == "q1":
            quantified = item.get("number") is not None and bool(item.get("unit"))
            book.formula(ws, r, q.cols.one("quantified"), f'=AND({typed["number"]}<>"",{typed["unit"]}<>"")',
                         quantified)
            unit = m.unit(item["unit"]) if quantified else None
            book.formula(ws, r, q.cols.one("money"),
                         f'=IF({cell(r, q.cols.one("quantified"))},{typed["number"]}*IFERROR(VLOOKUP('
                         f'{typed["unit"]},{units},2,FALSE),0),0)',
                         item["number"] * unit.money_per_year if unit else 0, book.calc_money)
        else:
            book.formula(ws, r, q.cols.one("complete"),
                         "=AND(" + ",".join(f'{typed[f]}<>""' for f in vp.TEXT_FIELDS[quadrant]) + ")",
                         all(item.get(f) for f in vp.TEXT_FIELDS[quadrant]))
    return q, row + 2 + len(items) + 1


def _shown(item: dict, fields: tuple[str, ...], quadrant: str, m: vp.ValuePropositionMethod, lang: str) -> list[Any]:
    values = {f: item.get(f, "") for f in fields}
    if quadrant == "q1":
        values["value_type"] = m.value_type(item["value_type"]).label(lang)
        unit = m.unit(item.get("unit", ""))
        values["unit"] = unit.label(lang) if unit else item.get("unit", "")
    return list(values.values())


def _score(book: Book, ws: Worksheet, result: Any, m: vp.ValuePropositionMethod, lang: str, row: int,
           q: dict[str, _Quadrant]) -> int:
    """Every rule's share met × its points, the score and the yearly value; returns the next free row."""
    book.table(ws, row, [t(lang, "vp.rule"), t(lang, "vp.points"), t(lang, "vp.met"), t(lang, "xlsx.earned")], [])
    present = lambda quadrant: "1" if q[quadrant].count else "0"  # noqa: E731
    share = {
        "q1_quantified": lambda: q["q1"].share("quantified"),
        "q1_basis": lambda: q["q1"].share("basis", counter="COUNTA", test=""),
        "q2_concrete": lambda: q["q2"].share("complete"),
        "q3_present": lambda: present("q3"),
        "q3_measurable": lambda: q["q3"].share("complete"),
        "q4_trackable": lambda: q["q4"].share("complete"),
        "has_psychological": lambda: present("q2"),
        "has_economic_money": lambda: f"IF(SUM({q['q1'].span('money')})>0,1,0)" if q["q1"].count else "0",
    }
    outcomes = {o.rule: o for o in result.rules}
    first, last = row + 1, row + len(m.rules)
    for n, rule in enumerate(m.rules, start=first):
        book.put(ws, n, 0, rule.label(lang))
        book.put(ws, n, 1, rule.points)
        book.formula(ws, n, 2, "=" + share[rule.id](), outcomes[rule.id].satisfied)
        book.formula(ws, n, 3, f"={cell(n, 1)}*{cell(n, 2)}", outcomes[rule.id].earned)
    total = last + 1
    book.put(ws, total, 0, t(lang, "vp.score"))
    book.formula(ws, total, 3, f"=100*SUM({cell(first, 3)}:{cell(last, 3)})/SUM({cell(first, 1)}:{cell(last, 1)})",
                 result.score)
    book.put(ws, total + 1, 0, t(lang, "vp.yearly_value"))
    book.formula(ws, total + 1, 3, f"=SUM({q['q1'].span('money')})" if q["q1"].count else "=0",
                 result.yearly_economic_value, book.calc_money)
    return total + 2


def _mix(book: Book, ws: Worksheet, result: Any, lang: str, row: int) -> None:
    end = book.table(ws, row, [t(lang, "vp.mix_title"), ""],
                     [[t(lang, f"vp.mix.{k}"), v] for k, v in result.mix.items()])
    bar_chart(book, ws, "column", t(lang, "vp.mix_title"), (row + 1, end - 1), 1, cell(row, 3))


# ---- the slide -------------------------------------------------------------------------------------

MIX_ORDER = ("functional", "economic_quantified", "economic_unquantified", "psychological")


def slide(e: Entry, m: vp.ValuePropositionMethod, lang: str) -> Slide:
    """The finding: the score and whether the proposition is balanced; the value in money and the mix."""
    r = e.result
    verdict = t(lang, "takehome.vp_balanced") if r.balanced else t(lang, "takehome.vp_unbalanced")
    hints = [h for h in (_hint(x, m, lang) for x in r.hints) if h]
    return Slide(t(lang, "takehome.finding.value_proposition", account=e.account, score=f"{r.score:.0f}",
                   verdict=verdict),
                 lines(t(lang, "takehome.line.vp_value", value=money(r.yearly_economic_value, lang)),
                       t(lang, "takehome.line.vp_mix", **{k: r.mix[k] for k in MIX_ORDER}),
                       *hints[:1]),
                 bars=([t(lang, f"vp.mix.{k}") for k in MIX_ORDER],
                       {t(lang, "vp.mix_title"): [r.mix[k] for k in MIX_ORDER]}), value_range=(0, None), decimals=0,
                 notes=notes(lang, t(lang, "takehome.method.value_proposition"),
                             t(lang, "takehome.formula_of.value_proposition")),
                 actions=[f"{e.account}: {h}" for h in hints[:2]],
                 caption=caption(t(lang, "nav.value_proposition"), e.account))


def _hint(hint: vp.Hint, m: vp.ValuePropositionMethod, lang: str) -> str:
    """A check's hint as the page words it: an empty quadrant's, or the rule's about an item."""
    if hint.rule == "empty":
        return m.quadrant(hint.quadrant).empty_hint(lang)
    rule = next((x for x in m.rules if x.id == hint.rule), None)
    return rule.hint(lang).format(n=hint.item) if rule and rule.hint else ""


def progress(inp: vp.ValuePropositionInput, result: vp.ValuePropositionResult | None,
             m: vp.ValuePropositionMethod, lang: str) -> Progress:
    """Nothing here is scored on a scale: each quadrant counts once it holds an item; the score once started."""
    scores = tuple(Score(t(lang, "vp.score"), q.title(lang), len(getattr(inp, q.id)) or None) for q in m.quadrants)
    started = result is not None and result.started
    return Progress(scores, f"{t(lang, 'vp.score')}: {round(result.score)}" if started else None)

TOOL = Tool(vp.TOOL_ID, vp.ValuePropositionInput, vp.method, vp.evaluate, vp.example_input, "account", vp.counted,
            name=lambda lang: t(lang, "nav.value_proposition"),
            short=lambda lang: t(lang, "xlsx.short.value_proposition"),
            nav=Nav("prepare", "diamond", "app_pages/value_proposition.py"), summary=summary, figure=figure,
            sheet=sheet, slide=slide, comparison=bar_comparison(lambda lang: t(lang, "vp.score"),
                                                                lambda e: round(e.result.score),
                                                                lambda m: (0, 100), decimals=0),
            blank=lambda m: vp.blank_input(), progress=progress)
