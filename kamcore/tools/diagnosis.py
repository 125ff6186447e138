"""The opening diagnosis's record: the room's profile as a heat map (each group's latest full round,
the change since the start beside each rating), where the room is stuck, its workbook sheet (the
rounds side by side, the change and the stuck flags as formulas) and its slide."""

from __future__ import annotations

import statistics
from typing import Any

import plotly.graph_objects as go

from kamcore.export.book import FONT, Book, Worksheet, cell, quoted
from kamcore.export.design import series_color
from kamcore.export.slide import Slide, caption, lines, notes
from kamcore.i18n import t
from kamcore.methods import diagnosis as dg
from kamcore.presenter import LABEL, text_width
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool
from kamcore.tools.lecture1 import heatmap_figure, series_comparison, tool_names


def _names(ids: list[str], m: dg.DiagnosisMethod, lang: str) -> str:
    return t(lang, "common.list_separator").join(m.item(i).name(lang) for i in ids)


def _latest(e: Entry) -> dict[str, float]:
    return e.data["rounds"][e.result.latest]["scores"]


def _latest_values(e: Entry, m: dg.DiagnosisMethod) -> list[float]:
    return [_latest(e)[i] for i in m.item_ids()]


def signed(delta: float) -> str:
    return f"{delta:+g}" if delta else "±0"


def summary(e: Entry, m: dg.DiagnosisMethod, lang: str) -> dict[str, Any]:
    r = e.result
    row: dict[str, Any] = {}
    for round_ in m.rounds:
        done = r.round(round_.id)
        row[f"{round_.name(lang)} · {t(lang, 'l1a.diagnosis.means')}"] = (
            f"{done.stages_mean:.1f} / {done.dilemmas_mean:.1f}" if done and done.complete else "—")
    latest = r.round(r.latest)
    row[t(lang, "l1a.diagnosis.stuck")] = _names(latest.stuck, m, lang) or t(lang, "l1a.diagnosis.nowhere")
    row[t(lang, "l1a.diagnosis.moved")] = t(lang, "common.list_separator").join(
        f"{m.item(c.item).name(lang)} {signed(c.delta)}" for c in r.changes if c.item in r.moved) or "—"
    row[t(lang, "l1a.diagnosis.actions")] = r.actions
    return row


def figure(found: list[Entry], m: dg.DiagnosisMethod, lang: str) -> go.Figure:
    """The room's profile: a row per group, a column per stage and dilemma, coloured by the latest full
    round's rating, with the change since the start beside it where both rounds are rated."""
    texts = []
    for e in found:
        moves = {c.item: c.delta for c in e.result.changes} if e.result.latest != m.rounds[0].id else {}
        texts.append([f"{_latest(e)[i]:g}" + (f" ({signed(moves[i])})" if moves.get(i) else "") for i in m.item_ids()])
    rows = [e.group for e in found]
    return heatmap_figure(rows, [i.name(lang) for i in m.items()], [_latest_values(e, m) for e in found], texts,
                          m.scale.min, m.scale.max, label_px=max(text_width(r, LABEL) for r in rows))


def tables(found: list[Entry], m: dg.DiagnosisMethod, lang: str) -> list[Table]:
    """Where the room is stuck: per stage and dilemma, how many groups are stuck there and the mean rating."""
    rows = []
    for item in m.items():
        ratings = [_latest(e)[item.id] for e in found]
        stuck = sum(r <= m.stuck_max for r in ratings)
        rows.append({t(lang, "l1a.diagnosis.item"): item.name(lang),
                     t(lang, "l1a.diagnosis.groups_stuck"): f"{stuck} / {len(found)}",
                     t(lang, "l1a.diagnosis.mean"): f"{statistics.fmean(ratings):.1f}",
                     t(lang, "l1a.diagnosis.tools"): tool_names(item.tools, lang, t(lang, "common.list_separator")),
                     "flag": "⚠" if stuck * 2 >= len(found) else ""})
    flag = t(lang, "l1a.diagnosis.room_stuck")
    return [Table(t(lang, "l1a.diagnosis.room_table"), [{**{k: v for k, v in r.items() if k != "flag"},
                                                          flag: r["flag"]} for r in rows], flag=flag)]


def sheet(book: Book, ws: Worksheet, e: Entry, m: dg.DiagnosisMethod, lang: str) -> None:
    """The cut-off, each stage and dilemma with both rounds' ratings and evidence, the change and the
    stuck flag of each round as formulas, the means, and the group's actions."""
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group}", book.title)
    (cut,) = book.labelled(ws, 2, [(t(lang, "l1a.diagnosis.stuck_max"), m.stuck_max)])
    start, end = m.rounds
    rounds = e.data["rounds"]
    header = 4
    book.table(ws, header, [t(lang, "l1a.diagnosis.item"), start.name(lang), end.name(lang),
                            t(lang, "l1a.diagnosis.change"), f"{t(lang, 'l1a.diagnosis.stuck')} · {start.name(lang)}",
                            f"{t(lang, 'l1a.diagnosis.stuck')} · {end.name(lang)}",
                            f"{t(lang, 'l1a.diagnosis.evidence')} · {start.name(lang)}",
                            f"{t(lang, 'l1a.diagnosis.evidence')} · {end.name(lang)}"],
               [[item.name(lang), rounds.get(start.id, {}).get("scores", {}).get(item.id),
                 rounds.get(end.id, {}).get("scores", {}).get(item.id), None, None, None,
                 rounds.get(start.id, {}).get("evidence", {}).get(item.id, ""),
                 rounds.get(end.id, {}).get("evidence", {}).get(item.id, "")] for item in m.items()])
    yes = t(lang, "l1a.congruence.marked")
    first = header + 1
    for n, item in enumerate(m.items(), start=first):
        scores = [rounds.get(r.id, {}).get("scores", {}).get(item.id) for r in m.rounds]
        if None not in scores:
            book.formula(ws, n, 3, f"={cell(n, 2)}-{cell(n, 1)}", scores[1] - scores[0])
        for col, score in ((1, scores[0]), (2, scores[1])):
            if score is not None:
                book.formula(ws, n, col + 3, f"=IF({cell(n, col)}<={cut},{quoted(yes)},\"\")",
                             yes if score <= m.stuck_max else "")
    row = first + len(m.items())
    for label, items in ((t(lang, "l1a.diagnosis.stages_mean"), m.stages), (t(lang, "l1a.diagnosis.dilemmas_mean"),
                                                                           m.dilemmas)):
        book.put(ws, row, 0, label)
        for col, round_ in ((1, start), (2, end)):
            done = e.result.round(round_.id)
            if done and done.complete:
                at = [first + m.items().index(i) for i in items]
                value = done.stages_mean if items is m.stages else done.dilemmas_mean
                book.formula(ws, row, col, f"=AVERAGE({cell(at[0], col)}:{cell(at[-1], col)})", value)
        row += 1
    chart, last = book.wb.add_chart({"type": "column"}), first + len(m.items()) - 1
    for col, round_ in ((1, start), (2, end)):
        chart.add_series({"name": round_.name(lang), "categories": [ws.name, first, 0, last, 0],
                          "values": [ws.name, first, col, last, col], "fill": {"color": "#" + series_color(col - 1)}})
    chart.set_title({"name": m.title(lang), "name_font": {"name": FONT}})
    chart.set_y_axis({"min": m.scale.min, "max": m.scale.max, "major_unit": 1})
    chart.set_legend({"position": "bottom", "font": {"name": FONT}})
    book.insert_chart(ws, cell(row + 3 + len(e.data["actions"]), 0), chart, 560, 300)
    book.table(ws, row + 1, [t(lang, "l1a.diagnosis.action"), t(lang, "l1a.diagnosis.for_item"),
                             t(lang, "l1a.diagnosis.tool"), t(lang, "kinds.owner")],
               [[a["text"], m.item(a["item"]).name(lang) if a.get("item") else "",
                 tool_names([a["tool"]], lang, "") if a.get("tool") else "", a.get("owner", "")]
                for a in e.data["actions"]])


def slide(e: Entry, m: dg.DiagnosisMethod, lang: str) -> Slide:
    """The finding: where the company is stuck (and what moved since the start); the ratings per round."""
    r = e.result
    latest = r.round(r.latest)
    title = (t(lang, "l1a.diagnosis.finding_stuck", group=e.group, items=_names(latest.stuck, m, lang))
             if latest.stuck else t(lang, "l1a.diagnosis.finding_clear", group=e.group))
    moved = t(lang, "common.list_separator").join(f"{m.item(c.item).name(lang)} {signed(c.delta)}"
                                                  for c in r.changes if c.item in r.moved)
    series = {rd.name(lang): [e.data["rounds"][rd.id]["scores"][i] for i in m.item_ids()]
              for rd in m.rounds if (done := r.round(rd.id)) and done.complete}
    suggested = tool_names(r.suggested, lang, t(lang, "common.list_separator"))
    return Slide(title, lines(t(lang, "l1a.diagnosis.moved_line", moves=moved) if moved else None,
                              t(lang, "l1a.diagnosis.suggested_line", tools=suggested) if suggested else None,
                              *(a["text"] for a in e.data["actions"])),
                 bars=([i.name(lang) for i in m.items()], series), value_range=(m.scale.min, m.scale.max), decimals=0,
                 notes=notes(lang, t(lang, "l1a.diagnosis.method"),
                             t(lang, "l1a.diagnosis.formula", stuck=f"{m.stuck_max:g}")),
                 actions=[a["text"] + (f" · {a['owner']}" if a.get("owner") else "") for a in e.data["actions"]][:3],
                 caption=caption(t(lang, "l1a.diagnosis.name"), e.group))


def progress(inp: dg.DiagnosisInput, result: dg.DiagnosisResult | None, m: dg.DiagnosisMethod,
             lang: str) -> Progress:
    """Every stage and dilemma of each round; the verdict: where the latest full round is stuck."""
    scores = tuple(Score(rd.name(lang), item.name(lang), inp.rounds.get(rd.id, dg.RoundInput()).scores.get(item.id))
                   for rd in m.rounds for item in m.items())
    if result is None or result.latest is None:
        return Progress(scores)
    stuck = result.round(result.latest).stuck
    verdict = (t(lang, "l1a.diagnosis.verdict_stuck", items=_names(stuck, m, lang)) if stuck
               else t(lang, "l1a.diagnosis.nowhere"))
    return Progress(scores, verdict)


TOOL = Tool(dg.TOOL_ID, dg.DiagnosisInput, dg.method, dg.evaluate, dg.example_input, "group", dg.counted,
            name=lambda lang: t(lang, "l1a.diagnosis.name"), short=lambda lang: t(lang, "l1a.diagnosis.short"),
            nav=Nav("prepare", "stethoscope", "app_pages/diagnosis.py"), summary=summary, figure=figure, tables=tables,
            sheet=sheet, slide=slide,
            comparison=series_comparison(lambda m, lang: [i.name(lang) for i in m.items()], _latest_values,
                                         lambda m: (m.scale.min, m.scale.max), decimals=0),
            blank=dg.blank_input, progress=progress)
