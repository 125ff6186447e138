"""PowerPoint decks with native, editable charts: a group's account deck (a title slide, then a
slide per tool with its chart, verdict and strategy) and the workshop deck (a comparison slide per
tool, then each group's appendix). Each tool's record says what its slides hold; this module draws them."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.util import Emu, Inches, Pt

from kamcore.compare import Entry
from kamcore.export.slide import Slide, comparison_title
from kamcore.i18n import t
from kamcore.tools import TOOLS

FONT = "Microsoft YaHei"  # LibreOffice and Linux viewers substitute an installed CJK font


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
            deck.add(TOOLS[tool_id].slide(e, methods[tool_id], lang))
    return deck.bytes()


def workshop_deck(title: str, by_group: dict[Any, dict[str, list[Entry]]], methods: dict[str, Any],
                  lang: str) -> bytes:
    """The comparison slides, then each group's appendix; `by_group` is keyed by GroupKey (id, name)."""
    deck = Deck()
    deck.title(title, f"{t(lang, 'home.title')} · {date.today().isoformat()}")
    for tool_id, tool in TOOLS.items():
        found = [e for tools in by_group.values() for e in tools.get(tool_id, [])]
        if found:
            deck.add(tool.comparison(found, methods[tool_id], lang, comparison_title(tool.name(lang), lang)))
    for group, tools in by_group.items():
        deck.title(t(lang, "pptx.group_title", group=group.name), title)
        for tool_id, found in tools.items():
            for e in found:
                deck.add(TOOLS[tool_id].slide(e, methods[tool_id], lang))
    return deck.bytes()
