"""The pieces every tool's workbook sheet is written with: the workbook and its formats, Excel
formula builders for the course's rules (weighted sums, bands, quadrants), a column allocator that
names blocks of columns instead of counting offsets, and native charts.

Typed text is always written as text: the workbook is opened with strings_to_formulas off, and
text goes through write_string, so a group named '=HYPERLINK(…)' stays a harmless string."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell as cell
from xlsxwriter.worksheet import Worksheet

from kamcore.engines import Side
from kamcore.methods.common import Criterion, MatrixSpec, criterion_name

FONT = "Microsoft YaHei"
__all__ = ["Book", "Columns", "Worksheet", "at_least", "bands_formula", "bar_chart", "cell", "name_of",
           "quadrant_formula", "quoted", "scatter_chart", "side_mark", "weighted", "literal_series_name"]


class Book:
    """A workbook being written, with the few formats every sheet uses."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {"strings_to_formulas": False, "strings_to_urls": False,
                                                    "in_memory": True})
        base = {"font_name": FONT, "font_size": 10}
        self.title = self.wb.add_format({**base, "bold": True, "font_size": 14})
        self.head = self.wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.text = self.wb.add_format({**base, "text_wrap": True, "valign": "top"})
        self.number = self.wb.add_format({**base, "num_format": "0.00"})
        self.calc = self.wb.add_format({**base, "num_format": "0.00", "bg_color": "#FFF2CC"})
        self.calc_text = self.wb.add_format({**base, "bg_color": "#FFF2CC"})
        self.names: set[str] = set()

    def sheet(self, name: str) -> Worksheet:
        """A new sheet with a legal, unique name (31 characters, no []:*?/\\)."""
        clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Sheet"
        candidate, n = clean, 2
        while candidate.lower() in self.names:
            candidate = f"{clean[:28]}~{n}"
            n += 1
        self.names.add(candidate.lower())
        sheet = self.wb.add_worksheet(candidate)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 30, 13)
        return sheet

    def put(self, sheet: Worksheet, row: int, col: int, value: Any, fmt=None) -> None:
        """A value as itself: text always as text (never a formula), numbers as numbers."""
        if value is None or value == "":
            sheet.write_blank(row, col, None, fmt or self.text)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, fmt or self.number)
        else:
            sheet.write_string(row, col, str(value), fmt or self.text)

    def formula(self, sheet: Worksheet, row: int, col: int, formula: str, value: Any) -> None:
        fmt = self.calc if isinstance(value, int | float) and not isinstance(value, bool) else self.calc_text
        sheet.write_formula(row, col, formula, fmt, value)

    def table(self, sheet: Worksheet, row: int, headers: list[str], rows: list[list[Any]]) -> int:
        """Headers and value rows from `row`; returns the row after the table."""
        for col, header in enumerate(headers):
            sheet.write_string(row, col, header, self.head)
        for r, values in enumerate(rows, start=row + 1):
            for col, value in enumerate(values):
                self.put(sheet, r, col, value)
        return row + 1 + len(rows)

    def labelled(self, sheet: Worksheet, row: int, pairs: list[tuple[str, Any]]) -> list[str]:
        """Label and value rows from `row` (the course's numbers a sheet's formulas read); returns the
        value cells as absolute references, in order."""
        for n, (label, value) in enumerate(pairs, start=row):
            self.put(sheet, n, 0, label)
            self.put(sheet, n, 1, value)
        return [cell(n, 1, True, True) for n in range(row, row + len(pairs))]

    def close(self) -> bytes:
        self.wb.close()
        return self.buffer.getvalue()


class Columns:
    """Blocks of a table's columns, named and laid out left to right: a sheet asks for a block by
    name (`cols["strength_us"]`) instead of counting `2 + len(a) + len(b) + i`."""

    def __init__(self):
        self._blocks: dict[str, list[int]] = {}
        self._headers: list[str] = []

    def add(self, name: str, headers: list[str]) -> list[int]:
        """A block of one column per header, after the blocks added before it."""
        start = len(self._headers)
        self._blocks[name] = list(range(start, start + len(headers)))
        self._headers += headers
        return self._blocks[name]

    def __getitem__(self, name: str) -> list[int]:
        return self._blocks[name]

    def one(self, name: str) -> int:
        """The single column of a one-column block."""
        (col,) = self._blocks[name]
        return col

    @property
    def headers(self) -> list[str]:
        return list(self._headers)


def quoted(text: str) -> str:
    """A text as an Excel string literal."""
    return '"' + text.replace('"', '""') + '"'


def weighted(weight_cells: list[str], score_cells: list[str]) -> str:
    """Σ weight × score / 100 as a formula."""
    return "(" + "+".join(f"{w}*{s}" for w, s in zip(weight_cells, score_cells, strict=True)) + ")/100"


def at_least(value: str, cut: str, side: Side) -> str:
    """The test that a value is on a cut-off's high side, in Excel: its side (`>=` or `>`) decides a
    value exactly on it, as engines.above does in kamcore."""
    return f"{value}{side}{cut}"


def side_mark(side: Side) -> str:
    """A cut-off's side as a reader sees it beside the cut-off's label."""
    return "≥" if side == ">=" else ">"


def bands_formula(value: str, bands: list[tuple[str, Side, str]], last: str) -> str:
    """Nested IF over (cut-off cell, its side, label) highest first, then the catch-all label."""
    formula = quoted(last)
    for cut, side, label in reversed(bands):
        formula = f"IF({at_least(value, cut, side)},{quoted(label)},{formula})"
    return formula


def quadrant_formula(x: str, y: str, x_cut: str, y_cut: str, spec: MatrixSpec, lang: str) -> str:
    """The matrix's category label for (x, y), each cut-off with its own side."""
    label = lambda cell_id: quoted(spec.category(spec.cells[cell_id]).label(lang))  # noqa: E731
    high_y = at_least(y, y_cut, spec.y_side)
    return (f"IF({at_least(x, x_cut, spec.x_side)},IF({high_y},{label('high_high')},{label('high_low')}),"
            f"IF({high_y},{label('low_high')},{label('low_low')}))")


def name_of(criterion: dict[str, Any], specs: list[Any], lang: str) -> str:
    """A worksheet criterion's name: the group's own, else the method's in the reader's language."""
    return criterion_name(Criterion.model_validate(criterion), specs, lang)


def scatter_chart(book: Book, sheet: Worksheet, points: list[tuple[str, int]], x_col: int, y_col: int,
                  titles: tuple[str, str, str], x_range, y_range, anchor: str) -> None:
    """A native XY chart: one series per point (label, row), so each carries its name in the legend
    and label; `titles` are the chart's, the x axis's and the y axis's."""
    title, x_title, y_title = titles
    chart = book.wb.add_chart({"type": "scatter"})
    for label, row in points:
        chart.add_series({"categories": [sheet.name, row, x_col, row, x_col],
                          "values": [sheet.name, row, y_col, row, y_col],
                          "marker": {"type": "circle", "size": 10}, "data_labels": {"series_name": True}})
        literal_series_name(chart, label)
    chart.set_title({"name": title, "name_font": {"name": FONT}})
    chart.set_x_axis({"name": x_title, "min": x_range[0], "max": x_range[1], "name_font": {"name": FONT}})
    chart.set_y_axis({"name": y_title, "min": y_range[0], "max": y_range[1], "name_font": {"name": FONT}})
    chart.set_legend({"position": "bottom", "font": {"name": FONT}})
    chart.set_size({"width": 620, "height": 420})
    sheet.insert_chart(anchor, chart)


def bar_chart(book: Book, sheet: Worksheet, kind: str, title: str, rows: tuple[int, int], col: int,
              anchor: str) -> None:
    """A native column or bar chart ('column', 'bar') of the values in `col` over `rows` (first, last),
    named by column A."""
    first, last = rows
    chart = book.wb.add_chart({"type": kind})
    chart.add_series({"name": title, "categories": [sheet.name, first, 0, last, 0],
                      "values": [sheet.name, first, col, last, col], "data_labels": {"value": True}})
    chart.set_title({"name": title, "name_font": {"name": FONT}})
    chart.set_legend({"none": True})
    sheet.insert_chart(anchor, chart)


def literal_series_name(chart: Any, text: str) -> None:
    """Name the chart's last series with typed text as a literal string. xlsxwriter reads a name that
    looks like `x!A1` as a formula reference (`+cmd|' /C calc'!A0` would be one), so the name is set
    after add_series, past that guess."""
    chart.series[-1]["name"], chart.series[-1]["name_formula"] = text, None
