"""The target-account analysis's record: how complete each group's analysis is (projector, comparison),
its workbook sheet (each part's fields, the sources with their dates, the completeness as formulas) and
its slide (the parts' completeness, the share of wallet, the stale sources)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import account_analysis as aa
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool


def percent(share: float) -> int:
    return round(100 * share)


def section_name(section_id: str, m: aa.AnalysisMethod, lang: str) -> str:
    return m.section_name(section_id, lang, t(lang, "l2a.analysis.sources"))


def names(ids: list[str], m: aa.AnalysisMethod, lang: str) -> str:
    return t(lang, "common.list_separator").join(m.source(i).name(lang) for i in ids)


def wallet(r: aa.AnalysisResult) -> str:
    return "—" if r.share_of_wallet is None else f"{r.share_of_wallet:.0f}%"


def summary(e: Entry, m: aa.AnalysisMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "l2a.analysis.complete"): f"{percent(r.share)}%",
            **{section_name(s.id, m, lang): f"{s.filled} / {s.total}" for s in r.sections},
            t(lang, "l2a.analysis.share_of_wallet"): wallet(r),
            t(lang, "l2a.analysis.stale"): names(r.stale, m, lang) or "—"}


def figure(found: list[Entry], m: aa.AnalysisMethod, lang: str) -> go.Figure:
    """Every group's analysis: how much of it is filled, in percent."""
    return bar_figure([entry_label(e) for e in found], [percent(e.result.share) for e in found],
                      title=t(lang, "l2a.analysis.complete_pct"), height=380,
                      groups=[e.group for e in found]).update_yaxes(range=[0, 110])


def tables(found: list[Entry], m: aa.AnalysisMethod, lang: str) -> list[Table]:
    """The parts each group has left incomplete, and its stale sources."""
    flag = t(lang, "l2a.analysis.stale")
    rows = [{t(lang, "compare.group"): entry_label(e), t(lang, "l2a.analysis.incomplete"):
             t(lang, "common.list_separator").join(section_name(s.id, m, lang) for s in e.result.sections
                                                   if s.filled < s.total) or "—",
             flag: names(e.result.stale, m, lang)} for e in found]
    return [Table(t(lang, "l2a.analysis.gaps_title"), rows, flag=flag)]


def _value(data: dict[str, Any], field: aa.FieldSpec) -> Any:
    return data.get({"text": "texts", "number": "numbers", "score": "scores"}[field.type], {}).get(field.id)


def sheet(book: Book, ws: Worksheet, e: Entry, m: aa.AnalysisMethod, lang: str) -> None:
    """Each part's fields and values, the sources with note and date, and per part the fields filled
    (counted by formulas over the value cells) out of its total."""
    data, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    row, ranges = 2, {}
    for section in m.sections:
        ws.write_string(row, 0, section.name(lang), book.head)
        book.table(ws, row + 1, [t(lang, "l2a.analysis.field"), t(lang, "l2a.analysis.value")],
                   [[f.label(lang), _value(data, f)] for f in section.fields])
        ranges[section.id] = f"{cell(row + 2, 1)}:{cell(row + 1 + len(section.fields), 1)}"
        row += len(section.fields) + 3
    sources = data.get("sources", {})
    ws.write_string(row, 0, t(lang, "l2a.analysis.sources"), book.head)
    book.table(ws, row + 1, [t(lang, "l2a.analysis.source"), t(lang, "l2a.analysis.note"),
                             t(lang, "l2a.analysis.date"), t(lang, "l2a.analysis.stale"),
                             t(lang, "l2a.analysis.filled")],
               [[s.name(lang), sources.get(s.id, {}).get("note", ""), sources.get(s.id, {}).get("date") or "",
                 "⚠" if s.id in r.stale else ""] for s in m.sources])
    first, last = row + 2, row + 1 + len(m.sources)
    for n, s in enumerate(m.sources, start=first):  # a source counts with both a note and a date
        done = s.id in sources and bool(sources[s.id].get("note")) and bool(sources[s.id].get("date"))
        book.formula(ws, n, 4, f"=IF(AND(LEN({cell(n, 1)})>0,LEN({cell(n, 2)})>0),1,0)", int(done))
    row = last + 2
    book.table(ws, row, [t(lang, "l2a.analysis.part"), t(lang, "l2a.analysis.filled"), t(lang, "l2a.analysis.total"),
                         t(lang, "l2a.analysis.complete_pct")], [])
    for n, done in enumerate(r.sections, start=row + 1):
        book.put(ws, n, 0, section_name(done.id, m, lang))
        counted = (f"=COUNTA({ranges[done.id]})" if done.id in ranges else f"=SUM({cell(first, 4)}:{cell(last, 4)})")
        book.formula(ws, n, 1, counted, done.filled)
        book.put(ws, n, 2, done.total)
        book.formula(ws, n, 3, f"=ROUND(100*{cell(n, 1)}/{cell(n, 2)},0)", percent(done.share))
    bar_chart(book, ws, "bar", t(lang, "l2a.analysis.complete_pct"), (row + 1, row + len(r.sections)), 3,
              cell(2, 4), (0, 100))


def slide(e: Entry, m: aa.AnalysisMethod, lang: str) -> Slide:
    """The finding: how complete the analysis is and which sources are stale; each part's completeness."""
    r = e.result
    missing = [section_name(s.id, m, lang) for s in r.sections if s.filled < s.total]
    return Slide(t(lang, "l2a.analysis.finding", account=e.account or e.group, pct=percent(r.share)),
                 lines(t(lang, "l2a.analysis.wallet_line", share=wallet(r)) if r.share_of_wallet is not None else None,
                       t(lang, "l2a.analysis.stale_line", sources=names(r.stale, m, lang), days=m.stale_days)
                       if r.stale else None,
                       t(lang, "l2a.analysis.missing_line", parts=t(lang, "common.list_separator").join(missing))
                       if missing else None),
                 bars=([section_name(s.id, m, lang) for s in r.sections],
                       {t(lang, "l2a.analysis.complete_pct"): [percent(s.share) for s in r.sections]}),
                 value_range=(0, 100), decimals=0,
                 notes=notes(lang, t(lang, "l2a.analysis.method"), t(lang, "l2a.analysis.formula",
                                                                     days=m.stale_days)),
                 actions=[t(lang, "l2a.analysis.action_stale", source=m.source(s).name(lang)) for s in r.stale][:3],
                 caption=caption(t(lang, "l2a.analysis.name"), e.account))


def progress(inp: aa.AnalysisInput, result: aa.AnalysisResult | None, m: aa.AnalysisMethod, lang: str) -> Progress:
    """Every field of every part and every source counts once filled; the verdict: how complete."""
    scores = [Score(s.name(lang), f.label(lang), 1.0 if inp.filled(f.id) else None) for s in m.sections
              for f in s.fields]
    scores += [Score(t(lang, "l2a.analysis.sources"), s.name(lang),
                     1.0 if s.id in inp.sources and inp.sources[s.id].filled else None) for s in m.sources]
    verdict = t(lang, "l2a.analysis.verdict", pct=percent(result.share)) if result is not None else None
    return Progress(tuple(scores), verdict)


TOOL = Tool(aa.TOOL_ID, aa.AnalysisInput, aa.method, aa.evaluate, aa.example_input, "account", aa.counted,
            name=lambda lang: t(lang, "l2a.analysis.name"), short=lambda lang: t(lang, "l2a.analysis.short"),
            nav=Nav("develop", "manage_search", "app_pages/account_analysis.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=aa.blank_input, progress=progress,
            comparison=bar_comparison(lambda lang: t(lang, "l2a.analysis.complete_pct"),
                                      lambda e: percent(e.result.share), lambda m: (0, 100), decimals=0))
