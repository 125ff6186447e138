"""PowerPoint decks with native, editable charts: a group's account deck (a title slide, then a
slide per tool with its chart, verdict and strategy) and the workshop deck (a comparison slide per
tool, then each group's appendix)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.util import Emu, Inches, Pt

from kamcore.compare import Entry
from kamcore.i18n import t
from kamcore.methods import competition as comp
from kamcore.methods import value_proposition as vp

FONT = "Microsoft YaHei"  # LibreOffice and Linux viewers substitute an installed CJK font


@dataclass
class Slide:
    title: str
    lines: list[str] = field(default_factory=list)
    scatter: dict[str, list[tuple[float, float]]] | None = None  # series name → points
    axes: tuple[str, str] = ("", "")
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None  # x and y scale of a matrix
    bars: tuple[list[str], dict[str, list[float]]] | None = None  # categories, series name → values


# ---- what each tool's slide says -------------------------------------------------------------------

def _selection(e: Entry, m: Any, lang: str) -> Slide:
    r = e.result
    return Slide(
        t(lang, "nav.selection"),
        [f"{a.name}: {t(lang, 'selection.attractiveness')} {a.attractiveness:.2f} · {m.band(a.band).label(lang)} · "
         f"{m.portfolio.category(a.portfolio).label(lang)} — {m.portfolio.category(a.portfolio).strategy(lang)}"
         for a in r.accounts],
        scatter={a.name: [(a.strength, a.attractiveness)] for a in r.accounts},
        axes=(t(lang, "selection.strength"), t(lang, "selection.attractiveness")),
        ranges=((m.strength_scale.min, m.strength_scale.max), (m.attractiveness_scale.min, m.attractiveness_scale.max)))


def _value_proposition(e: Entry, m: Any, lang: str) -> Slide:
    r = e.result
    lines = [f"{t(lang, 'vp.score')}: {r.score:.0f} / 100",
             f"{t(lang, 'vp.yearly_value')}: {r.yearly_economic_value:,.0f}",
             t(lang, "vp.balanced") if r.balanced else t(lang, "vp.unbalanced")]
    for quadrant in vp.QUADRANTS:
        items = e.data.get(quadrant, [])
        texts = [next((v for v in i.values() if isinstance(v, str) and v and v not in ("economic", "functional")), "")
                 for i in items]
        lines.append(f"{m.quadrant(quadrant).title(lang)}: " + ("; ".join(x for x in texts if x) or "—"))
    order = ("functional", "economic_quantified", "economic_unquantified", "psychological")
    return Slide(f"{t(lang, 'nav.value_proposition')} · {e.account}", lines,
                 bars=([t(lang, f"vp.mix.{k}") for k in order], {t(lang, "vp.mix_title"): [r.mix[k] for k in order]}))


def _competition(e: Entry, m: Any, lang: str) -> Slide:
    r = e.result
    names = {b["id"]: b.get("name") or next((s.name(lang) for s in m.benefits if s.id == b["id"]), b["id"])
             for b in e.data["benefits"]}
    lines = [f"{t(lang, 'comp.our_rank')}: {r.our_rank}"]
    for cls in ("differential_advantage", "vulnerability"):
        found = [names[b.id] for b in r.benefits if b.classification == cls]
        if found:
            lines.append(f"{m.category(cls).label(lang)}: {', '.join(found)} — {m.category(cls).strategy(lang)}")
    statement = e.data.get("positioning", {}).get("statement")
    if statement:
        lines.append(f"{t(lang, 'comp.statement')}: {statement}")
    return Slide(f"{t(lang, 'nav.competition')} · {e.account}", lines,
                 bars=([s.name for s in r.suppliers], {t(lang, "comp.weighted"): [round(s.score, 2)
                                                                                 for s in r.suppliers]}))


def _partnership(e: Entry, m: Any, lang: str) -> Slide:
    r = e.result
    outcome = m.outcome(r.verdict)
    lines = [f"{t(lang, 'ps.verdict')}: {outcome.label(lang)} — {outcome.description(lang)}",
             f"{t(lang, 'ps.drivers_us')} {r.drivers_us:g} · {t(lang, 'ps.drivers_customer')} {r.drivers_customer:g}"
             f" · {t(lang, 'ps.facilitators')} {r.facilitators:g}"]
    if r.asymmetry:
        lines.append(t(lang, "ps.asymmetry", gap=f"{abs(r.drivers_us - r.drivers_customer):g}"))
    lines += [item.warning(lang) for item in m.cautions + m.unsuited if item.id in r.warnings]
    return Slide(f"{t(lang, 'nav.partnership')} · {e.account}", lines,
                 scatter={e.group: [(r.facilitators, r.drivers)]},
                 axes=(t(lang, "ps.facilitators"), t(lang, "ps.drivers_decision")),
                 ranges=((0, len(m.facilitators) * m.facilitator_scale.max
                          + len(m.bonus_facilitators) * m.bonus_points), (0, len(m.drivers) * m.driver_scale.max)))


def _purchasing(e: Entry, m: Any, lang: str) -> Slide:
    r = e.result
    lines = [f"{t(lang, 'pp.customer_sees', item=i.name)}: {m.kraljic.category(i.quadrant).label(lang)} — "
             f"{m.kraljic.category(i.quadrant).response(lang)}" for i in r.items if i.ours]
    lines.append(f"{t(lang, 'pp.we_see')}: {m.preferencing.category(r.our_view).label(lang)}")
    names = {i.key: i.name for i in r.items}
    lines += [f"{names[c.item]}: {next(x.prompt for x in m.clashes if (x.customer_view, x.our_view) == (c.customer_view, c.our_view))(lang)}"  # noqa: E501
              for c in r.clashes]
    return Slide(f"{t(lang, 'nav.purchasing_portfolio')} · {e.account}", lines,
                 scatter={i.name: [(i.supply_risk, i.profit_impact)] for i in r.items},
                 axes=(t(lang, "pp.supply_risk"), t(lang, "pp.profit_impact")),
                 ranges=((m.scale.min, m.scale.max), (m.scale.min, m.scale.max)))


SLIDES: dict[str, Callable[[Entry, Any, str], Slide]] = {
    "selection": _selection, "value_proposition": _value_proposition, "competition": _competition,
    "partnership": _partnership, "purchasing_portfolio": _purchasing,
}


def _comparison(tool_id: str, found: list[Entry], m: Any, lang: str) -> Slide:
    """All groups on one slide: the matrices as one scatter coloured by group, the rest as bars."""
    title = f"{t(lang, 'xlsx.compare')} · {t(lang, f'nav.{tool_id}')}"
    if tool_id in ("selection", "partnership", "purchasing_portfolio"):
        series: dict[str, list[tuple[float, float]]] = {}
        for e in found:
            slide = SLIDES[tool_id](e, m, lang)
            for points in slide.scatter.values():
                series.setdefault(e.group, []).extend(points)
        return Slide(title, [], scatter=series, axes=slide.axes, ranges=slide.ranges)
    labels = [f"{e.group} · {e.account}" for e in found]
    if tool_id == "value_proposition":
        return Slide(title, [], bars=(labels, {t(lang, "vp.score"): [round(e.result.score) for e in found]}))
    return Slide(title, [], bars=(labels, {t(lang, "comp.weighted"): [
        round(next(s.score for s in e.result.suppliers if s.key == comp.US), 2) for e in found]}))


# ---- drawing -----------------------------------------------------------------------------------------

class Deck:
    def __init__(self):
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(13.333), Inches(7.5)

    def title(self, title: str, subtitle: str) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[0])
        _text(slide.shapes.title.text_frame, title, 40, bold=True)
        _text(slide.placeholders[1].text_frame, subtitle, 20)

    def add(self, spec: Slide) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        _text(slide.shapes.title.text_frame, spec.title, 28, bold=True)
        has_chart = spec.scatter or spec.bars
        if has_chart:
            self._chart(slide, spec, Inches(0.4), Inches(1.4), Inches(7.2) if spec.lines else Inches(12.5),
                        Inches(5.7))
        if spec.lines:
            left = Inches(7.8) if has_chart else Inches(0.6)
            box = slide.shapes.add_textbox(left, Inches(1.4), self.prs.slide_width - left - Inches(0.4), Inches(5.7))
            frame = box.text_frame
            frame.word_wrap = True
            for n, line in enumerate(spec.lines):
                _text(frame, line, 14, new_paragraph=n > 0)

    @staticmethod
    def _chart(slide, spec: Slide, x: Emu, y: Emu, cx: Emu, cy: Emu) -> None:
        if spec.scatter:
            data = XyChartData()
            for name, points in spec.scatter.items():
                series = data.add_series(name)
                for px, py in points:
                    series.add_data_point(px, py)
            chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, x, y, cx, cy, data).chart
            for series in chart.plots[0].series:
                series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 16
            for n, (axis, title) in enumerate(((chart.category_axis, spec.axes[0]), (chart.value_axis, spec.axes[1]))):
                axis.has_title = True
                _text(axis.axis_title.text_frame, title, 12)
                if spec.ranges:
                    axis.minimum_scale, axis.maximum_scale = spec.ranges[n]
        else:
            categories, values = spec.bars
            data = CategoryChartData()
            data.categories = categories
            for name, numbers in values.items():
                data.add_series(name, numbers)
            chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, x, y, cx, cy, data).chart
            chart.plots[0].has_data_labels = True
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.font.name, chart.font.size = FONT, Pt(11)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _text(frame, text: str, size: int, bold: bool = False, new_paragraph: bool = False) -> None:
    paragraph = frame.add_paragraph() if new_paragraph else frame.paragraphs[0]
    if not new_paragraph:
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT


def group_deck(group: str, entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str) -> bytes:
    deck = Deck()
    deck.title(t(lang, "pptx.group_title", group=group), f"{t(lang, 'home.title')} · {date.today().isoformat()}")
    for tool_id, found in entries_by_tool.items():
        for e in found:
            deck.add(SLIDES[tool_id](e, methods[tool_id], lang))
    return deck.bytes()


def workshop_deck(title: str, by_group: dict[Any, dict[str, list[Entry]]], methods: dict[str, Any],
                  lang: str) -> bytes:
    """The comparison slides, then each group's appendix; `by_group` is keyed by GroupKey (id, name)."""
    deck = Deck()
    deck.title(title, f"{t(lang, 'home.title')} · {date.today().isoformat()}")
    for tool_id in SLIDES:
        found = [e for tools in by_group.values() for e in tools.get(tool_id, [])]
        if found:
            deck.add(_comparison(tool_id, found, methods[tool_id], lang))
    for group, tools in by_group.items():
        deck.title(t(lang, "pptx.group_title", group=group.name), title)
        for tool_id, found in tools.items():
            for e in found:
                deck.add(SLIDES[tool_id](e, methods[tool_id], lang))
    return deck.bytes()
