"""The deck's layout, one for every slide: 16:9, the finding as the title, the chart on the left with
at most three supporting lines beside it, a matrix's quadrants shaded and named behind its native
chart, value axes from the scale's minimum, the method and its formula in the speaker notes, and a
footer naming the tool and the account. Every size is in one place here; text is sized to fit its box."""

from __future__ import annotations

import io
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from kamcore.export import design
from kamcore.export.design import FONT, INK, MUTED, PRIMARY
from kamcore.export.slide import MAX_LINES, Region, Slide

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13⅓ × 7½ inches: 16:9
MARGIN = Inches(0.5)
INSET = Inches(0.08)  # a text box's inner margin on every side
TITLE = (MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.15))
RULE_TOP = Inches(1.5)
BODY_TOP, BODY_HEIGHT = Inches(1.75), Inches(5.05)
CHART_WIDTH = Inches(7.9)
SIDE_LEFT = MARGIN + CHART_WIDTH + Inches(0.3)
FOOTER = (MARGIN, Inches(6.98), WIDTH - 2 * MARGIN, Inches(0.36))
PLOT = (0.1, 0.04, 0.86, 0.8)  # a matrix's plot area inside its chart (x, y, width, height as fractions)
TITLE_SIZE, TITLE_MIN = 28, 18
LINE_SIZE, LINE_MIN = 18, 11
LABEL_SIZE = 13
MAX_ACTIONS = 8

Box = tuple[int, int, int, int]


class Deck:
    def __init__(self):
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.layout = self.prs.slide_layouts[5]  # title only: the title stays a title (outline view, screen readers)
        _number_parts_by_counting(self.prs.part.package)

    def title(self, title: str, details: list[str]) -> None:
        """The opening slide: the account (or the workshop) large, then who, where and when."""
        slide = self.prs.slides.add_slide(self.layout)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.28))
        _fill(bar, PRIMARY)
        text(slide, (Inches(0.9), Inches(2.2), WIDTH - Inches(1.8), Inches(1.7)), [title], 40, 24, bold=True,
             anchor=MSO_ANCHOR.BOTTOM, shape=slide.shapes.title)
        text(slide, (Inches(0.9), Inches(4.1), WIDTH - Inches(1.8), Inches(1.9)), [d for d in details if d], 22, 14,
             color=MUTED, name="details")

    def add(self, spec: Slide) -> None:
        slide = self.prs.slides.add_slide(self.layout)
        text(slide, TITLE, [spec.title], TITLE_SIZE, TITLE_MIN, bold=True, anchor=MSO_ANCHOR.BOTTOM,
             shape=slide.shapes.title)
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, RULE_TOP, Inches(1.4), Inches(0.06))
        _fill(rule, PRIMARY)
        has_chart = bool(spec.scatter or spec.bars)
        shown = spec.lines[:MAX_LINES]
        chart_box = (MARGIN, BODY_TOP, CHART_WIDTH if shown else WIDTH - 2 * MARGIN, BODY_HEIGHT)
        if spec.scatter:
            matrix(slide, spec, chart_box)
        elif spec.bars:
            bars(slide, spec, chart_box)
        if shown:
            left = SIDE_LEFT if has_chart else MARGIN
            text(slide, (left, BODY_TOP, WIDTH - MARGIN - left, BODY_HEIGHT), shown, LINE_SIZE, LINE_MIN,
                 gap=0.8, name="lines", bullet=True)
        if spec.caption:
            text(slide, FOOTER, [spec.caption], 10, 8, color=MUTED, name="footer")
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes

    def closing(self, title: str, actions: list[str]) -> None:
        """The last slide: the next actions the tools produced, numbered."""
        slide = self.prs.slides.add_slide(self.layout)
        text(slide, TITLE, [title], TITLE_SIZE, TITLE_MIN, bold=True, anchor=MSO_ANCHOR.BOTTOM,
             shape=slide.shapes.title)
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, RULE_TOP, Inches(1.4), Inches(0.06))
        _fill(rule, PRIMARY)
        unique = list(dict.fromkeys(a for a in actions if a))[:MAX_ACTIONS]
        box = (MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, BODY_HEIGHT)
        numbered = [f"{n}. {design.shortened(a, LINE_MIN, _points(box[2] - 2 * INSET), 2)}"
                    for n, a in enumerate(unique, start=1)]
        text(slide, box, numbered or ["—"], LINE_SIZE, LINE_MIN, gap=0.5, name="actions")

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _number_parts_by_counting(package: Any) -> None:
    """python-pptx names each new part (slide, chart, notes, workbook) by walking every part there is,
    which makes a deck's cost grow with the square of its slides; a deck written here only ever adds
    parts, so counting per name pattern gives the same names."""
    taken = {str(p.partname) for p in package.iter_parts()}
    counts: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        n = counts.get(tmpl, 0) + 1
        while tmpl % n in taken:
            n += 1
        counts[tmpl] = n
        taken.add(tmpl % n)
        return PackURI(tmpl % n)

    package.next_partname = next_partname


# ---- text ------------------------------------------------------------------------------------------

def _points(emu: int) -> float:
    return emu / 12700


def text(slide: Any, box: Box, paragraphs: list[str], largest: int, smallest: int, bold: bool = False,
         color: str = INK, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, gap: float = 0.0, name: str = "",
         bullet: bool = False, align: PP_ALIGN | None = None, shape: Any = None) -> Any:
    """A text box whose paragraphs are sized to fit it: the largest size from `largest` down at which
    they do, else `smallest` with the paragraphs cut short. `gap` is the space between paragraphs, in
    lines; `shape` a placeholder to fill instead of a new box (a slide's title)."""
    x, y, cx, cy = box
    width, height = _points(cx - 2 * INSET), _points(cy - 2 * INSET)
    marks = ["▪ " if bullet else "" for _ in paragraphs]
    shown = [m + p for m, p in zip(marks, paragraphs, strict=True)]
    size = design.fitting_size(shown, width, height, largest, smallest, bold, gap * largest * design.LINE_SPACING)
    if design.text_height(shown, size, width, bold, gap * size * design.LINE_SPACING) > height:
        room = max(int(height // (size * design.LINE_SPACING * (1 + gap))) // max(len(shown), 1), 1)
        shown = [design.shortened(p, size, width, room, bold) for p in shown]
    if shape is None:
        shape = slide.shapes.add_textbox(x, y, cx, cy)
    else:
        shape.left, shape.top, shape.width, shape.height = x, y, cx, cy
    shape.name = name or shape.name
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, anchor
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = INSET
    for n, paragraph_text in enumerate(shown):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.alignment = align if align is not None else PP_ALIGN.LEFT
        paragraph._pPr.set("hangingPunct", "0")  # punctuation stays inside the box, where it was measured
        paragraph.line_spacing = design.LINE_SPACING * 0.8  # PowerPoint's single spacing is 1.2 × the size
        if n:
            paragraph.space_before = Pt(gap * size * design.LINE_SPACING)
        run = paragraph.add_run()
        run.text = paragraph_text
        _font(run.font, size, bold, color)
    return shape


def _font(font: Any, size: float, bold: bool = False, color: str = INK) -> None:
    font.size, font.bold, font.name = Pt(size), bold, FONT
    font.color.rgb = RGBColor.from_string(color)
    rpr = font._rPr
    for tag in ("a:ea", "a:cs"):  # the CJK and complex-script font too, not only the Latin one
        found = rpr.find(qn(tag))
        if found is None:
            found = etree.SubElement(rpr, qn(tag))
        found.set("typeface", FONT)


def _fill(shape: Any, color: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(color)
    shape.line.fill.background()
    shape.shadow.inherit = False


# ---- charts ----------------------------------------------------------------------------------------

def matrix(slide: Any, spec: Slide, box: Box) -> None:
    """A native XY chart over shaded, named regions: the regions are shapes behind the chart, placed on
    its plot area (fixed by a manual layout), and the chart itself is transparent."""
    x, y, cx, cy = box
    plot = (x + int(PLOT[0] * cx), y + int(PLOT[1] * cy), int(PLOT[2] * cx), int(PLOT[3] * cy))
    if spec.ranges:
        for region in spec.regions:
            shade(slide, region, spec.ranges, plot)
    data = XyChartData()
    for name, points in spec.scatter.items():
        series = data.add_series(name)
        for px, py in points:
            series.add_data_point(px, py)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, x, y, cx, cy, data).chart
    many = len(spec.scatter) > 1
    for n, series in enumerate(chart.plots[0].series):
        color = design.series_color(n) if many else design.ACCENT
        series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 14
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = RGBColor.from_string(color)
        series.marker.format.line.color.rgb = RGBColor.from_string("FFFFFF")
        series.format.line.fill.background()
        for point in series.points:  # each point named by its series: the account, or the group
            label = point.data_label
            label.text_frame.text = series.name
            _font(label.text_frame.paragraphs[0].runs[0].font, 12, True, INK)
            label.position = XL_LABEL_POSITION.ABOVE
    for n, (axis, title) in enumerate(((chart.category_axis, spec.axes[0]), (chart.value_axis, spec.axes[1]))):
        axis.has_title = True
        axis.axis_title.text_frame.text = title
        _font(axis.axis_title.text_frame.paragraphs[0].runs[0].font, 12, False, MUTED)
        axis.has_major_gridlines = False
        _font(axis.tick_labels.font, 11, False, MUTED)
        if spec.ranges:
            low, high = spec.ranges[n]
            axis.minimum_scale, axis.maximum_scale = low, high
            axis.major_unit = _step(high - low)
    chart.has_title = chart.has_legend = False
    _transparent(chart)
    _manual_plot_area(chart)
    chart.font.name, chart.font.size = FONT, Pt(11)


def shade(slide: Any, region: Region, ranges: tuple[tuple[float, float], tuple[float, float]], plot: Box) -> None:
    """A region's tinted rectangle and its name, at the region's place on the plot area."""
    (x_low, x_high), (y_low, y_high) = ranges
    px, py, pw, ph = plot
    left = px + int((region.x0 - x_low) / (x_high - x_low) * pw)
    right = px + int((region.x1 - x_low) / (x_high - x_low) * pw)
    top = py + int((y_high - region.y1) / (y_high - y_low) * ph)
    bottom = py + int((y_high - region.y0) / (y_high - y_low) * ph)
    if right <= left or bottom <= top:
        return
    rect = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, right - left, bottom - top)
    rect.name = f"quadrant:{region.id}"
    color = design.plain(region.color)
    _fill(rect, design.tint(color))
    on_top = region.y1 >= y_high  # names sit on the outer edge, away from the cut-offs where points crowd
    label_height = min(Inches(0.45), bottom - top)
    label_top = top if on_top else bottom - label_height
    outer = PP_ALIGN.LEFT if region.x0 <= x_low else PP_ALIGN.RIGHT if region.x1 >= x_high else PP_ALIGN.CENTER
    text(slide, (left, label_top, right - left, label_height), [region.label], LABEL_SIZE, 9, bold=True,
         color=color, anchor=MSO_ANCHOR.TOP if on_top else MSO_ANCHOR.BOTTOM, name=f"quadrant-label:{region.id}",
         align=outer)  # in the matrix's outer corners, where points crowd least


def bars(slide: Any, spec: Slide, box: Box) -> None:
    """Horizontal bars, the first category on top, the value axis from the scale's minimum."""
    categories, values = spec.bars
    data = CategoryChartData(number_format="0" if spec.decimals == 0 else "0." + "0" * spec.decimals)
    data.categories = list(reversed(categories))  # a bar chart draws its first category at the bottom
    for name, numbers in values.items():
        data.add_series(name, list(reversed(numbers)))
    kind = XL_CHART_TYPE.BAR_STACKED if spec.gantt else XL_CHART_TYPE.BAR_CLUSTERED
    chart = slide.shapes.add_chart(kind, *box, data).chart
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = not spec.gantt  # a stacked bar has no place outside its end for a label
    if plot.has_data_labels:
        plot.data_labels.number_format = data.number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        _font(plot.data_labels.font, 12, True, INK)
    for n, series in enumerate(plot.series):
        if spec.gantt and n == 0:
            series.format.fill.background()  # the start: invisible, so each bar begins on its day
            continue
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(design.series_color(n - spec.gantt))
    axis = chart.value_axis
    low, high = spec.value_range or (0, None)
    axis.minimum_scale = low
    if high is not None:
        axis.maximum_scale = high
        axis.major_unit = _step(high - low)
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(design.GRID)
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0", False
    _font(axis.tick_labels.font, 11, False, MUTED)
    _font(chart.category_axis.tick_labels.font, 12, False, INK)
    chart.has_title = False  # the slide's title says it
    chart.has_legend = len(values) > 1 + spec.gantt
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    chart.font.name, chart.font.size = FONT, Pt(11)


def _step(span: float) -> float:
    """A major unit that gives five to ten gridlines over `span`."""
    for step in (0.5, 1, 2, 5, 10, 20, 25, 50, 100):
        if span / step <= 10:
            return step
    return span / 5


def _transparent(chart: Any) -> None:
    """No fill and no border on the chart and its plot area, so the shaded regions behind show through."""
    space = chart._chartSpace
    chart_element = space.find(qn("c:chart"))
    for parent in (space, chart_element.find(qn("c:plotArea"))):
        old = parent.find(qn("c:spPr"))
        if old is not None:
            parent.remove(old)
        sppr = etree.Element(qn("c:spPr"))
        etree.SubElement(sppr, qn("a:noFill"))
        etree.SubElement(etree.SubElement(sppr, qn("a:ln")), qn("a:noFill"))
        if parent is space:
            chart_element.addnext(sppr)  # a chart space's spPr follows its chart, before txPr and externalData
        else:
            parent.append(sppr)  # a plot area's follows its axes


def _manual_plot_area(chart: Any) -> None:
    """The plot area's inner rectangle (the axes' box) fixed at PLOT, where the shading was drawn."""
    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    old = plot_area.find(qn("c:layout"))
    if old is not None:
        plot_area.remove(old)
    layout = etree.Element(qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    etree.SubElement(manual, qn("c:layoutTarget")).set("val", "inner")
    for tag in ("c:xMode", "c:yMode"):
        etree.SubElement(manual, qn(tag)).set("val", "edge")
    for tag, value in zip(("c:x", "c:y", "c:w", "c:h"), PLOT, strict=True):
        etree.SubElement(manual, qn(tag)).set("val", f"{value}")
    plot_area.insert(0, layout)


__all__ = ["Deck", "text"]
