"""The partnership model's record: every group's account on the propensity-to-partner matrix, its
workbook sheet (drivers, facilitators, the bands and the matrix as cells) and its slide."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kamcore.charts import Point, _band_edges, propensity_figure
from kamcore.export.book import FONT, Book, Worksheet, bands_formula, cell, side_mark
from kamcore.export.slide import Region, Slide, caption, lines, notes, scatter_comparison
from kamcore.i18n import t
from kamcore.methods import partnership as ps
from kamcore.tool import CriterionScore, Entry, Nav, Progress, Score, Tool


def summary(e: Entry, m: ps.PartnershipMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "ps.drivers_us"): r.drivers_us, t(lang, "ps.drivers_customer"): r.drivers_customer,
            t(lang, "ps.facilitators"): r.facilitators, t(lang, "ps.verdict"): m.outcome(r.verdict).label(lang),
            t(lang, "compare.asymmetry"): "⚠" if r.asymmetry else ""}


def figure(found: list[Entry], m: ps.PartnershipMethod, lang: str) -> go.Figure:
    points = [Point(e.account or e.group, e.result.facilitators, e.result.drivers, group=e.group)
              for e in found]  # the group by its colour and the legend
    return propensity_figure(m, points, lang, t(lang, "ps.facilitators"), t(lang, "ps.drivers_decision"))


def criterion_scores(e: Entry, m: ps.PartnershipMethod, lang: str) -> list[CriterionScore]:
    """The drivers as each side sees them, and the facilitators."""
    return [CriterionScore(e.account_key, e.account, f"{field}.{factor.id}", f"{t(lang, f'ps.{field}')}: "
                           f"{factor.name(lang)}", e.data[field][factor.id])
            for field, factors in (("drivers_us", m.drivers), ("drivers_customer", m.drivers),
                                   ("facilitators", m.facilitators))
            for factor in factors if factor.id in e.data[field]]


def sheet(book: Book, ws: Worksheet, e: Entry, m: ps.PartnershipMethod, lang: str) -> None:
    data, r = e.data, e.result
    ws.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    book.table(ws, 2, [t(lang, "ps.drivers"), t(lang, "ps.side_us"), t(lang, "ps.side_customer")],
               [[d.name(lang), data["drivers_us"][d.id], data["drivers_customer"][d.id]] for d in m.drivers])
    first, last = 3, 2 + len(m.drivers)
    total = last + 1
    book.put(ws, total, 0, t(lang, "xlsx.total"))
    book.formula(ws, total, 1, f"=SUM({cell(first, 1)}:{cell(last, 1)})", r.drivers_us)
    book.formula(ws, total, 2, f"=SUM({cell(first, 2)}:{cell(last, 2)})", r.drivers_customer)
    decision = total + 1
    book.put(ws, decision, 0, t(lang, "ps.drivers_decision"))
    rule = "MIN" if m.decision_rule == "lower" else "AVERAGE"
    book.formula(ws, decision, 1, f"={rule}({cell(total, 1)},{cell(total, 2)})", r.drivers)
    row = decision + 2
    book.table(ws, row, [t(lang, "ps.facilitators"), t(lang, "comp.rating")],
               [[f.name(lang), data["facilitators"][f.id]] for f in m.facilitators] +
               [[f"+ {f.name(lang)}", m.bonus_points if f.id in data["bonus"] else 0] for f in m.bonus_facilitators])
    f_total = row + 1 + len(m.facilitators) + len(m.bonus_facilitators)
    book.put(ws, f_total, 0, t(lang, "xlsx.total"))
    book.formula(ws, f_total, 1, f"=SUM({cell(row + 1, 1)}:{cell(f_total - 1, 1)})", r.facilitators)
    # bands and the matrix, as cells
    row = f_total + 2
    bands = sorted(m.bands, key=lambda b: b.min if b.min is not None else float("-inf"))
    book.table(ws, row, [t(lang, "xlsx.band"), t(lang, "xlsx.from"), ""],
               [[b.id, b.min, side_mark(b.side)] if b.min is not None else [b.id] for b in bands])
    band_rows = f"{cell(row + 1, 0, True, True)}:{cell(row + len(bands), 0, True, True)}"
    cuts = [(cell(n, 1, True, True), b.side, b.id) for n, b in enumerate(bands, start=row + 1)
            if b.min is not None][::-1]  # highest first
    row += len(bands) + 2
    ids = [b.id for b in bands]
    book.table(ws, row, [t(lang, "xlsx.matrix"), *ids], [[d, *[m.outcome(m.matrix[d][f]).label(lang)
                                                                for f in ids]] for d in ids])
    matrix = f"{cell(row + 1, 1, True, True)}:{cell(row + len(ids), len(ids), True, True)}"
    row += len(ids) + 2
    lookup = lambda value: bands_formula(value, cuts, bands[0].id)  # noqa: E731
    book.put(ws, row, 0, t(lang, "xlsx.driver_band"))
    book.formula(ws, row, 1, "=" + lookup(cell(decision, 1)), r.driver_band)
    book.put(ws, row + 1, 0, t(lang, "xlsx.facilitator_band"))
    book.formula(ws, row + 1, 1, "=" + lookup(cell(f_total, 1)), r.facilitator_band)
    book.put(ws, row + 2, 0, t(lang, "ps.verdict"))
    book.formula(ws, row + 2, 1, f"=INDEX({matrix},MATCH({cell(row, 1)},{band_rows},0),"
                                 f"MATCH({cell(row + 1, 1)},{band_rows},0))", m.outcome(r.verdict).label(lang))
    chart = book.wb.add_chart({"type": "column"})
    for col, side in ((1, t(lang, "ps.side_us")), (2, t(lang, "ps.side_customer"))):
        chart.add_series({"name": side, "categories": [ws.name, first, 0, last, 0],
                          "values": [ws.name, first, col, last, col]})
    chart.set_title({"name": t(lang, "ps.drivers"), "name_font": {"name": FONT}})
    book.insert_chart(ws, "E3", chart)


def regions(m: ps.PartnershipMethod, lang: str) -> tuple[list[Region], tuple[tuple[float, float], ...]]:
    """The propensity matrix's cells as shaded regions (as the projector draws them), and its scales."""
    per_driver = len(m.drivers)
    drivers = _band_edges(m.bands, per_driver * m.driver_scale.min, per_driver * m.driver_scale.max)
    most = len(m.facilitators) * m.facilitator_scale.max + m.bonus_points * len(m.bonus_facilitators)
    facilitators = _band_edges(m.bands, len(m.facilitators) * m.facilitator_scale.min, most)
    cells = [Region(f"{d}_{f}", m.outcome(m.matrix[d][f]).short(lang), m.outcome(m.matrix[d][f]).color, fx0, fx1,
                    dy0, dy1) for d, (dy0, dy1) in drivers.items() for f, (fx0, fx1) in facilitators.items()]
    ranges = ((min(v[0] for v in facilitators.values()), max(v[1] for v in facilitators.values())),
              (min(v[0] for v in drivers.values()), max(v[1] for v in drivers.values())))
    return cells, ranges


def slide(e: Entry, m: ps.PartnershipMethod, lang: str) -> Slide:
    """The finding: the partnership type the scores call for; the scores and the course's cautions."""
    r = e.result
    outcome = m.outcome(r.verdict)
    cells, ranges = regions(m, lang)
    cautions = [item.warning(lang) for item in m.cautions + m.unsuited if item.id in r.warnings]
    below = [c for c in r.components if c.status == "below" and c.recommended]
    components = {c.id: c for c in m.components}
    return Slide(t(lang, "takehome.finding.partnership", account=e.account, verdict=outcome.label(lang)),
                 lines(f"{t(lang, 'ps.drivers_us')} {r.drivers_us:g} · {t(lang, 'ps.drivers_customer')} "
                       f"{r.drivers_customer:g} · {t(lang, 'ps.facilitators')} {r.facilitators:g}",
                       t(lang, "ps.asymmetry", gap=f"{abs(r.drivers_us - r.drivers_customer):g}") if r.asymmetry
                       else None, outcome.description(lang), *cautions),
                 scatter={e.account or e.group: [(r.facilitators, r.drivers)]},
                 axes=(t(lang, "ps.facilitators"), t(lang, "ps.drivers_decision")), ranges=ranges, regions=cells,
                 notes=notes(lang, t(lang, "takehome.method.partnership"), t(lang, "takehome.formula_of.partnership")),
                 actions=[f"{components[c.id].name(lang)}: {components[c.id].settings[c.recommended](lang)}"
                          for c in below if c.id in components][:3],
                 caption=caption(t(lang, "nav.partnership"), e.account))


def progress(inp: ps.PartnershipInput, result: ps.PartnershipResult | None, m: ps.PartnershipMethod,
             lang: str) -> Progress:
    """Every driver as we see it and as the customer sees it, every facilitator; the outcome once scored."""
    scores = [Score(t(lang, "ps.drivers_us"), d.name(lang), inp.drivers_us.get(d.id)) for d in m.drivers]
    scores += [Score(t(lang, "ps.drivers_customer"), d.name(lang), inp.drivers_customer.get(d.id)) for d in m.drivers]
    scores += [Score(t(lang, "ps.facilitators"), f.name(lang), inp.facilitators.get(f.id)) for f in m.facilitators]
    verdict = m.outcome(result.verdict).label(lang) if result is not None and result.verdict else None
    return Progress(tuple(scores), verdict)


TOOL = Tool(ps.TOOL_ID, ps.PartnershipInput, ps.method, ps.evaluate, ps.example_input, "account", ps.counted,
            name=lambda lang: t(lang, "nav.partnership"), short=lambda lang: t(lang, "xlsx.short.partnership"),
            nav=Nav("maintain", "handshake", "app_pages/partnership.py"), summary=summary, figure=figure,
            criterion_scores=criterion_scores,
            sheet=sheet, slide=slide, comparison=scatter_comparison(slide), blank=ps.blank_input, progress=progress)
