"""The self-analysis's record: each group's relationship by level as a heat map (projector) and as bars
(comparison), its workbook sheet (history, the levels with their mean, resources with the committed count,
opportunities and threats) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.export.book import Book, Worksheet, bar_chart, cell, quoted
from kamcore.export.slide import Slide, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import self_analysis as sa
from kamcore.presenter import LABEL, text_width
from kamcore.tool import Entry, Nav, Progress, Score, Tool
from kamcore.tools.lecture1 import heatmap_figure, series_comparison


def _names(ids: list[str], m: sa.SelfMethod, lang: str) -> str:
    return t(lang, "common.list_separator").join(m.name_of("levels", i)(lang) for i in ids)


def _mean(r: sa.SelfResult) -> str:
    return "—" if r.relationship_mean is None else f"{r.relationship_mean:.1f}"


def summary(e: Entry, m: sa.SelfMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l2a.self.history"): t(lang, "l2a.self.won_lost", wins=r.wins, losses=r.losses),
            t(lang, "l2a.self.relationship_mean"): _mean(r), t(lang, "l2a.self.weak"): _names(r.weak, m, lang) or "—",
            t(lang, "l2a.self.committed"): f"{r.committed} / {r.resources}",
            t(lang, "l2a.self.factors"): t(lang, "l2a.self.opp_threats", opportunities=r.opportunities,
                                           threats=r.threats)}


def _levels(e: Entry, m: sa.SelfMethod) -> list[float]:
    return [e.data["relationship"].get(lv.id, 0) for lv in m.levels]


def figure(found: list[Entry], m: sa.SelfMethod, lang: str) -> go.Figure:
    """The room's relationships: a row per group, a column per level, coloured by its rating."""
    rows = [entry_label(e) for e in found]
    values = [[e.data["relationship"].get(lv.id) for lv in m.levels] for e in found]
    texts = [["—" if v is None else f"{v:g}" for v in row] for row in values]
    return heatmap_figure(rows, [lv.name(lang) for lv in m.levels], values, texts, m.scale.min, m.scale.max,
                          label_px=max(text_width(r, LABEL) for r in rows))


def sheet(book: Book, ws: Worksheet, e: Entry, m: sa.SelfMethod, lang: str) -> None:
    """The history with wins and losses counted, the levels with their mean, the resources with the
    committed ones counted, the opportunities and threats."""
    data, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    row = 2
    book.table(ws, row, [t(lang, f"l2a.self.col.{c}") for c in ("what", "outcome", "year", "why")],
               [[h["what"], m.name_of("outcomes", h["outcome"])(lang), h.get("year"), h.get("why", "")]
                for h in data["history"]])
    outcomes = f"{cell(row + 1, 1)}:{cell(row + max(1, len(data['history'])), 1)}"
    row += len(data["history"]) + 2
    for n, (outcome, value) in enumerate(((m.outcomes[0], r.wins), (m.outcomes[1], r.losses)), start=row):
        book.put(ws, n, 0, outcome.name(lang))
        book.formula(ws, n, 1, f"=COUNTIF({outcomes},{quoted(outcome.name(lang))})", value)
    row += 3
    book.table(ws, row, [t(lang, "l2a.self.level"), t(lang, "l2a.self.rating"), t(lang, "l2a.self.note")],
               [[lv.name(lang), data["relationship"].get(lv.id), data.get("relationship_notes", {}).get(lv.id, "")]
                for lv in m.levels])
    first, last = row + 1, row + len(m.levels)
    bar_chart(book, ws, "bar", t(lang, "l2a.self.relationship"), (first, last), 1, cell(2, 6), (0, m.scale.max))
    book.put(ws, last + 1, 0, t(lang, "l2a.self.relationship_mean"))
    if r.relationship_mean is not None:
        book.formula(ws, last + 1, 1, f"=AVERAGE({cell(first, 1)}:{cell(last, 1)})", r.relationship_mean)
    row = last + 3
    yes = t(lang, "l2a.self.marked")
    book.table(ws, row, [t(lang, f"l2a.self.col.{c}") for c in ("kind", "resource", "owner", "committed")],
               [[m.name_of("resource_kinds", x["kind"])(lang), x["what"], x["owner"], yes if x["committed"] else ""]
                for x in data["resources"]])
    last = row + max(1, len(data["resources"]))
    book.put(ws, last + 1, 0, t(lang, "l2a.self.committed"))
    book.formula(ws, last + 1, 1, f"=COUNTIF({cell(row + 1, 3)}:{cell(last, 3)},{quoted(yes)})", r.committed)
    row = last + 3
    book.table(ws, row, [t(lang, "l2a.self.col.kind"), t(lang, "l2a.self.col.factor")],
               [[m.name_of("factor_kinds", f["kind"])(lang), f["text"]] for f in data["factors"]])


def slide(e: Entry, m: sa.SelfMethod, lang: str) -> Slide:
    """The finding: our record with the account and where the relationship is weak; the levels' ratings."""
    r, data = e.result, e.data
    uncommitted = [x["what"] for x in data["resources"] if x["key"] in r.uncommitted]
    return Slide(t(lang, "l2a.self.finding", account=e.account or e.group, wins=r.wins, losses=r.losses,
                   weak=_names(r.weak, m, lang) or t(lang, "l2a.self.no_weak")),
                 lines(*(f"{m.name_of('outcomes', h['outcome'])(lang)}: {h['what']} · {h['why']}"
                         for h in data["history"] if h.get("why")),
                       t(lang, "l2a.self.uncommitted_line",
                         resources=t(lang, "common.list_separator").join(uncommitted)) if uncommitted else None),
                 bars=([lv.name(lang) for lv in m.levels], {t(lang, "l2a.self.rating"): _levels(e, m)}),
                 value_range=(0, m.scale.max), decimals=0,
                 notes=notes(lang, t(lang, "l2a.self.method"), t(lang, "l2a.self.formula", weak=f"{m.weak_max:g}")),
                 actions=[t(lang, "l2a.self.action_commit", resource=x) for x in uncommitted][:3],
                 caption=caption(t(lang, "l2a.self.name"), e.account))


def progress(inp: sa.SelfInput, result: sa.SelfResult | None, m: sa.SelfMethod, lang: str) -> Progress:
    """Each level's rating; the verdict: the mean and the weak levels."""
    scores = tuple(Score(t(lang, "l2a.self.relationship"), lv.name(lang), inp.relationship.get(lv.id))
                   for lv in m.levels)
    if result is None or result.relationship_mean is None:
        return Progress(scores)
    return Progress(scores, t(lang, "l2a.self.verdict", mean=_mean(result),
                              weak=_names(result.weak, m, lang) or t(lang, "l2a.self.no_weak")))


TOOL = Tool(sa.TOOL_ID, sa.SelfInput, sa.method, sa.evaluate, sa.example_input, "account", sa.counted,
            name=lambda lang: t(lang, "l2a.self.name"), short=lambda lang: t(lang, "l2a.self.short"),
            nav=Nav("develop", "self_improvement", "app_pages/self_analysis.py"), summary=summary, figure=figure,
            sheet=sheet, slide=slide, blank=sa.blank_input, progress=progress,
            comparison=series_comparison(lambda m, lang: [lv.name(lang) for lv in m.levels], _levels,
                                         lambda m: (0, m.scale.max), decimals=0))
