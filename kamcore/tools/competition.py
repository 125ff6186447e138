"""The competitive ranking's record: our weighted score for the room, its workbook sheet (threats,
the benefits rated per supplier with their classes, the suppliers ranked) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Columns, Worksheet, at_least, bar_chart, cell, name_of, quoted
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import competition as comp
from kamcore.methods.common import criterion_name
from kamcore.tool import CriterionScore, Entry, Nav, Progress, Score, Tool


def our_score(e: Entry) -> float:
    return round(next(s.score for s in e.result.suppliers if s.key == comp.US), 2)


def summary(e: Entry, m: comp.CompetitionMethod, lang: str) -> dict[str, Any]:
    r = e.result
    count = lambda c: sum(b.classification == c for b in r.benefits)  # noqa: E731
    return {t(lang, "comp.our_rank"): r.our_rank, t(lang, "comp.weighted"): our_score(e),
            m.category("differential_advantage").label(lang): count("differential_advantage"),
            m.category("vulnerability").label(lang): count("vulnerability"),
            t(lang, "comp.priority"): sum(x.priority for x in r.threats)}


def figure(found: list[Entry], m: comp.CompetitionMethod, lang: str) -> go.Figure:
    values = [our_score(e) for e in found]
    return bar_figure([f"{e.group} · {e.account}" for e in found], values, title=t(lang, "comp.weighted"),
                      height=380, groups=[e.group for e in found])


def criterion_scores(e: Entry, m: comp.CompetitionMethod, lang: str) -> list[CriterionScore]:
    """Every benefit as rated for every supplier (ours, and each competitor the groups share by key)."""
    names = {comp.US: e.data.get("us_name") or t(lang, "comp.us"),
             **{c["key"]: c["name"] for c in e.data["competitors"]}}
    return [CriterionScore(e.account_key, e.account, f"benefit.{supplier}.{b['id']}",
                           f"{name_of(b, m.benefits, lang)} · {names.get(supplier, supplier)}", ratings[b["id"]])
            for supplier, ratings in e.data["ratings"].items() for b in e.data["benefits"] if b["id"] in ratings]


# ---- the workbook sheet: threshold, threats, benefits × suppliers, the ranking ----------------------

def sheet(book: Book, ws: Worksheet, e: Entry, m: comp.CompetitionMethod, lang: str) -> None:
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    (threshold,) = book.labelled(ws, 2, [(t(lang, "xlsx.priority_threshold"), m.priority_threat)])
    row = _threats(book, ws, e, m, lang, 4, threshold)
    suppliers = [comp.US, *(c["key"] for c in e.data["competitors"])]
    names = {comp.US: e.data.get("us_name") or t(lang, "comp.us"),
             **{c["key"]: c["name"] for c in e.data["competitors"]}}
    cols, first, last = _benefits(book, ws, e, m, lang, row, suppliers, names)
    _ranking(book, ws, e, lang, last + 2, suppliers, names, cols, (first, last))


def _threats(book: Book, ws: Worksheet, e: Entry, m: comp.CompetitionMethod, lang: str, row: int,
             threshold: str) -> int:
    """Each threat's likelihood × impact, and priority at or above the threshold; returns the next free row."""
    types = {c.id: c.label(lang) for c in m.competitor_types}
    threats = e.data["threats"]
    book.table(ws, row, [t(lang, "comp.type"), t(lang, "comp.player"), t(lang, "comp.likelihood"),
                         t(lang, "comp.impact"), t(lang, "comp.threat"), t(lang, "comp.priority")],
               [[types[x["type"]], x["player"], x["likelihood"], x["impact"]] for x in threats])
    scored = {(x.player, x.type): x for x in e.result.threats}
    priority = t(lang, "comp.priority")
    for n, x in enumerate(threats, start=row + 1):
        threat = scored[(x["player"], x["type"])]
        book.formula(ws, n, 4, f"={cell(n, 2)}*{cell(n, 3)}", threat.score)
        book.formula(ws, n, 5, f'=IF({at_least(cell(n, 4), threshold, m.priority_side)},{quoted(priority)},"")',
                     priority if threat.priority else "")
    return row + len(threats) + 2


def _benefits(book: Book, ws: Worksheet, e: Entry, m: comp.CompetitionMethod, lang: str, header: int,
              suppliers: list[str], names: dict[str, str]) -> tuple[Columns, int, int]:
    """The benefits with their weights and each supplier's rating, then per benefit the best rival's
    rating, our gap and rank, and its class; returns the columns and the benefit rows."""
    cols = Columns()
    cols.add("benefit", [t(lang, "comp.benefit")])
    cols.add("weight", [t(lang, "criteria.weight")])
    cols.add("ratings", [names[k] for k in suppliers])
    for name, key in (("best", "xlsx.best_rival_rating"), ("gap", "comp.gap"), ("rank", "comp.our_benefit_rank"),
                      ("class", "comp.class")):
        cols.add(name, [t(lang, key)])
    benefits = e.data["benefits"]
    book.table(ws, header, cols.headers, [[name_of(b, m.benefits, lang), b["weight"],
                                           *[e.data["ratings"][k][b["id"]] for k in suppliers]] for b in benefits])
    first, last = header + 1, header + len(benefits)
    weights = f"{cell(first, cols.one('weight'), True, True)}:{cell(last, cols.one('weight'), True, True)}"
    for r, b in zip(range(first, last + 1), e.result.benefits, strict=True):
        _benefit_row(book, ws, r, b, m, lang, cols, weights)
    return cols, first, last


def _benefit_row(book: Book, ws: Worksheet, r: int, b: Any, m: comp.CompetitionMethod, lang: str, cols: Columns,
                 weights: str) -> None:
    ours, *rivals = (cell(r, c) for c in cols["ratings"])
    label = lambda c: quoted(m.category(c).label(lang))  # noqa: E731
    shown = m.category(b.classification).label(lang)
    if not rivals:
        book.put(ws, r, cols.one("rank"), 1)
        book.formula(ws, r, cols.one("class"), f"={label('parity')}", shown)
        return
    rival_range = f"{rivals[0]}:{rivals[-1]}"
    best, gap = cell(r, cols.one("best")), cell(r, cols.one("gap"))
    book.formula(ws, r, cols.one("best"), f"=MAX({rival_range})", b.best_competitor_rating)
    book.formula(ws, r, cols.one("gap"), f"={ours}-{best}", b.gap)
    book.formula(ws, r, cols.one("rank"), f'=1+COUNTIF({rival_range},">"&{ours})', b.our_rank)
    high = f"{cell(r, cols.one('weight'))}>=AVERAGE({weights})"
    book.formula(ws, r, cols.one("class"), f"=IF({gap}=0,{label('parity')},IF({gap}>0,"
                                           f"IF({high},{label('differential_advantage')},{label('over_investment')}),"
                                           f"IF({high},{label('vulnerability')},{label('minor_weakness')})))", shown)


def _ranking(book: Book, ws: Worksheet, e: Entry, lang: str, row: int, suppliers: list[str], names: dict[str, str],
             cols: Columns, benefit_rows: tuple[int, int]) -> None:
    """Each supplier's weighted score over the benefits and its rank, and the chart of the scores."""
    first, last = benefit_rows
    weight = cols.one("weight")
    weights = f"{cell(first, weight, True, True)}:{cell(last, weight, True, True)}"
    book.table(ws, row, [t(lang, "comp.supplier"), t(lang, "comp.weighted"), t(lang, "selection.rank")], [])
    scores = {s.key: s for s in e.result.suppliers}
    score_range = f"{cell(row + 1, 1, True, True)}:{cell(row + len(suppliers), 1, True, True)}"
    for n, (key, column) in enumerate(zip(suppliers, cols["ratings"], strict=True), start=row + 1):
        book.put(ws, n, 0, names[key])
        book.formula(ws, n, 1, f"=SUMPRODUCT({weights},{cell(first, column)}:{cell(last, column)})/100",
                     scores[key].score)
        book.formula(ws, n, 2, f"=RANK({cell(n, 1)},{score_range})", scores[key].rank)
    bar_chart(book, ws, "bar", t(lang, "comp.weighted"), (row + 1, row + len(suppliers)), 1,
              cell(row + len(suppliers) + 2, 0))


# ---- the slide -------------------------------------------------------------------------------------

def slide(e: Entry, m: comp.CompetitionMethod, lang: str) -> Slide:
    """The finding: our rank among the suppliers; our differential advantages and vulnerabilities."""
    r = e.result
    names = {b["id"]: b.get("name") or next((s.name(lang) for s in m.benefits if s.id == b["id"]), b["id"])
             for b in e.data["benefits"]}
    by_class = {cls: [names[b.id] for b in r.benefits if b.classification == cls]
                for cls in ("differential_advantage", "vulnerability")}
    separator = t(lang, "common.list_separator")
    shown = [f"{m.category(cls).label(lang)}: {separator.join(found)}" for cls, found in by_class.items() if found]
    statement = e.data.get("positioning", {}).get("statement")
    threats = [x.player for x in r.threats if x.priority]
    return Slide(t(lang, "takehome.finding.competition", account=e.account, rank=r.our_rank, count=len(r.suppliers),
                   score=f"{our_score(e):.1f}"),
                 lines(*shown, f"{t(lang, 'comp.statement')}: {statement}" if statement else None),
                 bars=([s.name for s in r.suppliers], {t(lang, "comp.weighted"): [round(s.score, 2)
                                                                                 for s in r.suppliers]}),
                 value_range=(m.rating_scale.min, m.rating_scale.max),
                 notes=notes(lang, t(lang, "takehome.method.competition"), t(lang, "takehome.formula_of.competition")),
                 actions=[*(f"{name}: {m.category('vulnerability').strategy(lang)}"
                            for name in by_class["vulnerability"]),
                          *(t(lang, "takehome.action.threat", player=p) for p in threats[:2])],
                 caption=caption(t(lang, "nav.competition"), e.account))


def progress(inp: comp.CompetitionInput, result: comp.CompetitionResult | None, m: comp.CompetitionMethod,
             lang: str) -> Progress:
    """Every benefit rated for us and for each competitor; our rank once we are rated on every benefit."""
    suppliers = [(comp.US, inp.us_name or t(lang, "selection.us")), *((c.key, c.name) for c in inp.competitors)]
    scores = tuple(Score(name, criterion_name(b, m.benefits, lang), inp.ratings.get(key, {}).get(b.id))
                   for key, name in suppliers for b in inp.benefits)
    rank = result.our_rank if result is not None else None
    return Progress(scores, None if rank is None else f"{t(lang, 'comp.our_rank')}: {rank}")

TOOL = Tool(comp.TOOL_ID, comp.CompetitionInput, comp.method, comp.evaluate, comp.example_input, "account",
            comp.counted, name=lambda lang: t(lang, "nav.competition"),
            short=lambda lang: t(lang, "xlsx.short.competition"),
            nav=Nav("develop", "leaderboard", "app_pages/competition.py"), summary=summary, figure=figure,
            criterion_scores=criterion_scores, sheet=sheet, slide=slide,
            comparison=bar_comparison(lambda lang: t(lang, "comp.weighted"), our_score,
                                      lambda m: (m.rating_scale.min, m.rating_scale.max)),
            progress=progress)
