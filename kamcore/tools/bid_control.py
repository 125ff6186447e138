"""Bid control's record: every group's share of the bid's points done on the projector with the price
options each chose, the workbook sheet (the checklist with its counts, and the price options whose prices
and margins are formulas over the cost and the reference) and the slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import bid_control as bc
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool


def row_text(row: dict[str, Any], m: bc.BidMethod, lang: str) -> str:
    return row.get("text") or m.item_text(row.get("item"), lang)


def option_label(m: bc.BidMethod, option_id: str | None, lang: str) -> str:
    return m.option(option_id).label(lang) if option_id else "—"


def chosen_option(r: bc.BidResult) -> bc.OptionResult | None:
    return next((o for o in r.options if o.id == r.chosen), None)


def price_line(r: bc.BidResult, m: bc.BidMethod, unit: str, lang: str) -> str:
    o = chosen_option(r)
    if o is None:
        return option_label(m, r.chosen, lang)
    return t(lang, "l2d.bid.price_line", option=m.option(o.id).label(lang), price=f"{o.price:,.2f}", unit=unit,
             pct=f"{o.margin_pct:.1f}")


def done_share(e: Entry) -> float:
    return round(100 * e.result.done / e.result.total) if e.result.total else 0


def summary(e: Entry, m: bc.BidMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "kinds.done"): f"{r.done} / {r.total}", t(lang, "kinds.overdue"): len(r.overdue),
            t(lang, "l2d.rank"): r.our_rank or "—", t(lang, "l2d.bid.suggested"): option_label(m, r.suggested, lang),
            t(lang, "l2d.bid.chosen"): price_line(r, m, e.data.get("unit", ""), lang)}


def figure(found: list[Entry], m: bc.BidMethod, lang: str) -> go.Figure:
    """Each group's share of the bid's points done."""
    return bar_figure([entry_label(e) for e in found], [done_share(e) for e in found],
                      title=t(lang, "kinds.done_share"), height=380,
                      groups=[e.group for e in found]).update_yaxes(range=[0, 100])


def tables(found: list[Entry], m: bc.BidMethod, lang: str) -> list[Table]:
    """Each group's chosen price option with its margin; flagged where it is below the minimum or the budget."""
    flag = t(lang, "l2d.bid.flags")
    rows = []
    for e in found:
        o = chosen_option(e.result)
        if o is not None:
            rows.append({t(lang, "compare.group"): entry_label(e),
                         t(lang, "l2d.bid.chosen"): m.option(o.id).label(lang),
                         t(lang, "l2d.bid.price"): o.price, t(lang, "l2d.bid.margin_pct"): o.margin_pct,
                         flag: flags(o, lang)})
    return [Table(t(lang, "l2d.bid.options_title"), rows, flag=flag)] if rows else []


def flags(o: bc.OptionResult, lang: str) -> str:
    return t(lang, "common.list_separator").join(t(lang, f"l2d.bid.{f}") for f in ("below_floor", "above_budget")
                                                 if getattr(o, f))


def sheet(book: Book, ws: Worksheet, e: Entry, m: bc.BidMethod, lang: str) -> None:
    """The checklist and its counts by status; the prices: the options' prices and margins as formulas."""
    data, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    rows = data["rows"]
    book.table(ws, 2, [t(lang, "kinds.item"), t(lang, "kinds.status"), t(lang, "kinds.owner"), t(lang, "kinds.due")],
               [[row_text(x, m, lang), m.status(x["status"]).label(lang), x.get("owner", ""), x.get("due") or ""]
                for x in rows])
    first, last = 3, 2 + len(rows)
    row = last + 2
    book.table(ws, row, [t(lang, "kinds.status"), t(lang, "kinds.count")], [])
    for n, s in enumerate(m.statuses, start=row + 1):
        book.put(ws, n, 0, s.label(lang))
        formula = f"=COUNTIF({cell(first, 1)}:{cell(last, 1)},{cell(n, 0)})" if rows else "=0"
        book.formula(ws, n, 1, formula, r.by_status[s.id])
    bar_chart(book, ws, "column", t(lang, "kinds.status"), (row + 1, row + len(m.statuses)), 1, cell(row, 5))
    _prices(book, ws, row + len(m.statuses) + 2, data, r, m, lang)


def _prices(book: Book, ws: Worksheet, row: int, data: dict[str, Any], r: bc.BidResult, m: bc.BidMethod,
            lang: str) -> None:
    cost, budget, reference, floor = book.labelled(ws, row, [
        (t(lang, "l2d.bid.cost"), data["cost"]), (t(lang, "l2d.bid.budget"), data["budget"]),
        (t(lang, "l2d.bid.reference"), data["reference"]), (t(lang, "l2d.bid.min_margin"), m.min_margin)])
    base_row = row + 4
    book.put(ws, base_row, 0, t(lang, "l2d.bid.base"))
    if r.base is not None:
        book.formula(ws, base_row, 1, f'=IF(ISNUMBER({reference}),{reference},{budget})', r.base)
    if not r.options:
        return
    base = cell(base_row, 1, True, True)
    head = base_row + 2
    book.table(ws, head, [t(lang, "l2d.bid.option"), t(lang, "l2d.bid.factor"), t(lang, "l2d.bid.price"),
                          t(lang, "l2d.bid.margin"), t(lang, "l2d.bid.margin_pct"), t(lang, "l2d.bid.below_floor"),
                          t(lang, "l2d.bid.above_budget")], [])
    for n, o in enumerate(r.options, start=head + 1):
        book.put(ws, n, 0, m.option(o.id).label(lang) + (" ✓" if o.id == r.chosen else ""))
        book.put(ws, n, 1, m.option(o.id).factor)
        book.formula(ws, n, 2, f"=ROUND({base}*{cell(n, 1)},2)", o.price)
        book.formula(ws, n, 3, f"=ROUND({cell(n, 2)}-{cost},2)", o.margin)
        book.formula(ws, n, 4, f"=ROUND(100*{cell(n, 3)}/{cell(n, 2)},1)", o.margin_pct)
        book.formula(ws, n, 5, f"={cell(n, 4)}<{floor}", o.below_floor)
        book.formula(ws, n, 6, f"=AND(ISNUMBER({budget}),{cell(n, 2)}>{budget})", o.above_budget)
    book.labelled(ws, head + len(r.options) + 2, [(t(lang, "l2d.rank"), r.our_rank or "—"),
                                                  (t(lang, "l2d.bid.suggested"), option_label(m, r.suggested, lang)),
                                                  (t(lang, "l2d.bid.chosen"), option_label(m, r.chosen, lang))])


def slide(e: Entry, m: bc.BidMethod, lang: str) -> Slide:
    """The finding: how much of the bid is in hand and the price chosen; the open points; the options' margins."""
    r, data = e.result, e.data
    done = {s.id for s in m.statuses if s.done}
    open_rows = [f"{row_text(x, m, lang)} — {m.status(x['status']).label(lang)}"
                 + "".join(f" · {v}" for v in (x.get("owner"), x.get("due")) if v)
                 for x in data["rows"] if x["status"] not in done]
    return Slide(t(lang, "l2d.bid.finding", account=e.account or e.group, done=r.done, total=r.total,
                   price=price_line(r, m, data.get("unit", ""), lang)),
                 lines(*open_rows),
                 bars=([m.option(o.id).label(lang) for o in r.options],
                       {t(lang, "l2d.bid.margin_pct"): [o.margin_pct for o in r.options]}) if r.options else None,
                 value_range=(0, None), decimals=1,
                 notes=notes(lang, t(lang, "l2d.bid.method"), t(lang, "l2d.bid.formula")),
                 actions=open_rows[:3], caption=caption(t(lang, "l2d.bid.name"), e.account))


def progress(inp: bc.BidInput, result: bc.BidResult | None, m: bc.BidMethod, lang: str) -> Progress:
    """Each point of the checklist once it has a status; the options once priced; the choice."""
    statuses = [s.id for s in m.statuses]
    scores = [Score(t(lang, "kinds.status"), row_text(x.model_dump(mode="json"), m, lang),
                    None if x.status is None else float(statuses.index(x.status) + 1)) for x in inp.rows]
    scores.append(Score(t(lang, "l2d.bid.prices"), t(lang, "l2d.bid.cost"), inp.cost))
    scores.append(Score(t(lang, "l2d.bid.prices"), t(lang, "l2d.bid.chosen"), 1.0 if inp.chosen else None))
    verdict = (f"{t(lang, 'kinds.done')}: {result.done} / {result.total}"
               + (f" · {option_label(m, result.chosen, lang)}" if result.chosen else "")) if result else None
    return Progress(tuple(scores), verdict)


TOOL = Tool(bc.TOOL_ID, bc.BidInput, bc.method, bc.evaluate, bc.example_input, "account", bc.counted,
            name=lambda lang: t(lang, "l2d.bid.name"), short=lambda lang: t(lang, "l2d.bid.short"),
            nav=Nav("develop", "gavel", "app_pages/bid_control.py"), summary=summary, figure=figure, tables=tables,
            sheet=sheet, slide=slide, blank=bc.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "kinds.done_share"), done_share, lambda m: (0, 100),
                                      decimals=0))
