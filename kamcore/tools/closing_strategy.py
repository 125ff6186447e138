"""The closing strategy's record: every group's gap to the best competitor on the projector with the
strategy it chose, the workbook sheet (the position, the gap as a formula, the suggestion and the choice,
the competitors weakest first, the success story) and the slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import closing_strategy as cs
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool


def label(m: cs.ClosingMethod, strategy_id: str | None, lang: str) -> str:
    return m.strategy(strategy_id).label(lang) if strategy_id else "—"


def gap_text(gap: float | None, lang: str) -> str:
    if gap is None:
        return "—"
    return t(lang, "l2d.close.lead_by", gap=f"{-gap:.2f}") if gap <= 0 else t(lang, "l2d.close.behind_by",
                                                                              gap=f"{gap:.2f}")


def gap_of(e: Entry) -> float:
    return e.result.gap or 0.0


def rank_of(e: Entry) -> int:
    return e.result.our_rank or 0


def summary(e: Entry, m: cs.ClosingMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l2d.rank"): r.our_rank or "—", t(lang, "l2d.close.gap"): gap_text(r.gap, lang),
            t(lang, "l2d.close.suggested"): label(m, r.suggested, lang),
            t(lang, "l2d.close.chosen"): label(m, r.chosen, lang),
            t(lang, "l2d.close.story"): e.data["story"]["title"]}


def figure(found: list[Entry], m: cs.ClosingMethod, lang: str) -> go.Figure:
    """Each group's gap to the best competitor (below zero: it leads), named with the strategy it chose."""
    labels = [f"{entry_label(e)}<br>{label(m, e.result.chosen, lang)}" for e in found]
    return bar_figure(labels, [round(gap_of(e), 2) for e in found], title=t(lang, "l2d.close.gap_axis"), height=380,
                      groups=[e.group for e in found])


def tables(found: list[Entry], m: cs.ClosingMethod, lang: str) -> list[Table]:
    """The groups whose choice differs from what their position suggests: worth a question."""
    differs = t(lang, "l2d.close.differs_column")
    rows = [{t(lang, "compare.group"): entry_label(e),
             t(lang, "l2d.close.suggested"): label(m, e.result.suggested, lang),
             differs: label(m, e.result.chosen, lang)} for e in found if e.result.suggested and not e.result.follows]
    return [Table(t(lang, "l2d.close.differs_title"), rows, flag=differs)] if rows else []


def sheet(book: Book, ws: Worksheet, e: Entry, m: cs.ClosingMethod, lang: str) -> None:
    """The position as the ranking gave it, the gap to the best competitor as a formula, the suggestion and
    the choice, the competitors weakest first, and the success story."""
    data, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    suppliers = data["position"].get("suppliers", [])
    book.table(ws, 2, [t(lang, "l2d.supplier"), t(lang, "l2d.score"), t(lang, "l2d.place")],
               [[s["name"] or t(lang, "l2d.us"), s["score"], s["rank"]] for s in suppliers])
    row = 4 + len(suppliers)
    if suppliers:
        bar_chart(book, ws, "column", t(lang, "l2d.score"), (3, 2 + len(suppliers)), 1, cell(2, 4))
    us = next((n for n, s in enumerate(suppliers, start=3) if s["key"] == "us"), None)
    rivals = [n for n, s in enumerate(suppliers, start=3) if s["key"] != "us"]
    book.put(ws, row, 0, t(lang, "l2d.close.gap_axis"))
    if us is not None and rivals:
        book.formula(ws, row, 1, "=MAX(" + ",".join(cell(n, 1) for n in rivals) + f")-{cell(us, 1)}", round(r.gap, 4))
    pairs = [(t(lang, "l2d.close.advantages"), t(lang, "common.list_separator").join(data["position"].get(
                 "advantages", [])) or "—"),
             (t(lang, "l2d.close.suggested"), label(m, r.suggested, lang)),
             (t(lang, "l2d.close.chosen"), label(m, r.chosen, lang)), (t(lang, "l2d.close.reason"), data["reason"]),
             (t(lang, "l2d.close.order"), " → ".join(r.order) or "—"),
             *((t(lang, f"l2d.close.story_{k}"), data["story"][k]) for k in cs.STORY)]
    book.labelled(ws, row + 1, pairs)


def slide(e: Entry, m: cs.ClosingMethod, lang: str) -> Slide:
    """The finding: the strategy chosen from the position; why, whom first, and the story to copy."""
    r, data = e.result, e.data
    story = data["story"]
    suppliers = data["position"].get("suppliers", [])
    return Slide(t(lang, "l2d.close.finding", account=e.account or e.group, strategy=label(m, r.chosen, lang),
                   position=gap_text(r.gap, lang)),
                 lines(data["reason"] or m.strategy(r.chosen).description(lang),
                       t(lang, "l2d.close.order_line", order=" → ".join(r.order)) if r.order else None,
                       t(lang, "l2d.close.story_line", title=story["title"], result=story["result"])
                       if r.story else None),
                 bars=([s["name"] or t(lang, "l2d.us") for s in suppliers],
                       {t(lang, "l2d.score"): [s["score"] for s in suppliers]}) if suppliers else None,
                 value_range=(0, None), decimals=2,
                 notes=notes(lang, t(lang, "l2d.close.method"), t(lang, "l2d.close.formula")),
                 actions=[x for x in (story["apply"],) if x], caption=caption(t(lang, "l2d.close.name"), e.account))


def progress(inp: cs.ClosingInput, result: cs.ClosingResult | None, m: cs.ClosingMethod, lang: str) -> Progress:
    """The position read from the ranking, the strategy chosen, the success story told."""
    section = t(lang, "l2d.close.name")
    scores = (Score(section, t(lang, "l2d.close.position"), 1.0 if inp.position.known else None),
              Score(section, t(lang, "l2d.close.chosen"), 1.0 if inp.chosen else None),
              Score(section, t(lang, "l2d.close.story"), 1.0 if inp.story.told() else None))
    return Progress(scores, label(m, result.chosen, lang) if result is not None else None)


TOOL = Tool(cs.TOOL_ID, cs.ClosingInput, cs.method, cs.evaluate, cs.example_input, "account", cs.counted,
            name=lambda lang: t(lang, "l2d.close.name"), short=lambda lang: t(lang, "l2d.close.short"),
            nav=Nav("develop", "swords", "app_pages/closing_strategy.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=cs.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l2d.rank"), rank_of, decimals=0))
