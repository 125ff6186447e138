"""The pieces every tool's workbook sheet is written with: the workbook and its formats, Excel
formula builders for the course's rules (weighted sums, bands, quadrants), a column allocator that
names blocks of columns instead of counting offsets, and native charts.

Typed text is always written as text: the workbook is opened with strings_to_formulas off, and
text goes through write_string, so a group named '=HYPERLINK(…)' stays a harmless string."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_cell_to_rowcol
from xlsxwriter.utility import xl_rowcol_to_cell as cell
from xlsxwriter.worksheet import Worksheet

from kamcore.engines import Side
from kamcore.export import design
from kamcore.i18n import t
from kamcore.methods.common import Criterion, MatrixSpec, criterion_name

FONT = design.FONT
__all__ = ["Book", "Columns", "Worksheet", "at_least", "bands_formula", "bar_chart", "cell", "money", "name_of",
           "quadrant_formula", "quoted", "scatter_chart", "sheet_name", "side_mark", "weighted", "literal_series_name"]

SHEET_NAME = 31  # Excel's limit on a sheet's name
FIRST_WIDTH, WIDTH = 28, 10  # columns A and B onwards, in characters
HEAD_LINE = 13.5  # points per line of a table's head
ROW_PIXELS = 20
A4 = 9  # xlsxwriter's paper code


def money(value: float, lang: str) -> str:
    """An amount as a slide or a contents line shows it: thousands separated, with the currency."""
    return f"{value:,.0f} {t(lang, 'takehome.currency')}"


def sheet_name(name: str, taken: set[str]) -> str:
    """A legal sheet name (no []:*?/\\, at most 31 characters) cut at a word boundary where a word
    would be cut, with a number added only when another sheet already has the name."""
    clean = " ".join("".join(" " if ch in "[]:*?/\\" else ch for ch in name).split()).strip("'") or "Sheet"
    candidate, n = _cut(clean, SHEET_NAME), 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate = _cut(clean, SHEET_NAME - len(suffix)) + suffix
        n += 1
    return candidate


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return (head[:space] if text[limit] != " " and space >= limit // 3 else head).rstrip(" ·-_,")


class Book:
    """A workbook being written, with the few formats every sheet uses. Every sheet prints on one A4
    landscape page with its charts; a contents sheet (when the book has a title) links every sheet."""

    def __init__(self, lang: str = "en", title: str = ""):
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {"strings_to_formulas": False, "strings_to_urls": False,
                                                    "in_memory": True})
        self.lang = lang
        base = {"font_name": FONT, "font_size": 10}
        calc = {"bg_color": "#" + design.CALC_FILL}
        currency = '#,##0 "' + t(lang, "takehome.currency").replace('"', "") + '"'
        self.title = self.wb.add_format({**base, "bold": True, "font_size": 14, "font_color": "#" + design.PRIMARY})
        self.head = self.wb.add_format({**base, "bold": True, "bg_color": "#" + design.HEAD_FILL, "border": 1,
                                        "text_wrap": True, "valign": "top"})
        self.text = self.wb.add_format({**base, "text_wrap": True, "valign": "top"})
        self.number = self.wb.add_format({**base, "num_format": "0.0"})
        self.integer = self.wb.add_format({**base, "num_format": "#,##0"})
        self.money = self.wb.add_format({**base, "num_format": currency})
        self.calc = self.wb.add_format({**base, **calc, "num_format": "0.0"})
        self.calc_integer = self.wb.add_format({**base, **calc, "num_format": "#,##0"})
        self.calc_money = self.wb.add_format({**base, **calc, "num_format": currency})
        self.calc_text = self.wb.add_format({**base, **calc})
        self.link = self.wb.add_format({**base, "font_color": "#" + design.PRIMARY, "underline": 1})
        self.names: set[str] = set()
        self._extents: dict[str, tuple[int, int]] = {}  # sheet → the last row and column a chart reaches
        self._listed: list[tuple[Worksheet, str]] = []  # the sheets the contents link, with what each holds
        self._contents = self._contents_sheet(title) if title else None

    def sheet(self, name: str, caption: str = "") -> Worksheet:
        """A new sheet with a legal, unique name, set up to print on one A4 landscape page; `caption`
        says on the contents sheet what it holds."""
        candidate = sheet_name(name, self.names)
        self.names.add(candidate.lower())
        sheet = self.wb.add_worksheet(candidate)
        sheet.set_column(0, 0, FIRST_WIDTH)
        sheet.set_column(1, 30, WIDTH)
        _print_setup(sheet)
        self._listed.append((sheet, caption))
        return sheet

    def put(self, sheet: Worksheet, row: int, col: int, value: Any, fmt=None) -> None:
        """A value as itself: text always as text (never a formula), numbers as numbers (whole numbers
        without decimals, others with one)."""
        if value is None or value == "":
            sheet.write_blank(row, col, None, fmt or self.text)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, fmt or (self.integer if isinstance(value, int) else self.number))
        else:
            sheet.write_string(row, col, str(value), fmt or self.text)

    def formula(self, sheet: Worksheet, row: int, col: int, formula: str, value: Any, fmt=None) -> None:
        if fmt is None:
            number = isinstance(value, int | float) and not isinstance(value, bool)
            fmt = (self.calc_integer if isinstance(value, int) else self.calc) if number else self.calc_text
        sheet.write_formula(row, col, formula, fmt, value)

    def table(self, sheet: Worksheet, row: int, headers: list[str], rows: list[list[Any]],
              formats: dict[int, Any] | None = None) -> int:
        """Headers and value rows from `row` (`formats` by column, e.g. money); returns the row after the table."""
        formats = formats or {}
        lines = max((len(design.wrap(h, 10, _pixels(col) * 0.75 - 6, bold=True)) for col, h in enumerate(headers)),
                    default=1)
        sheet.set_row(row, HEAD_LINE * lines + 3)  # viewers do not grow a row for wrapped text on their own
        for col, header in enumerate(headers):
            sheet.write_string(row, col, header, self.head)
        for r, values in enumerate(rows, start=row + 1):
            for col, value in enumerate(values):
                self.put(sheet, r, col, value, formats.get(col))
        return row + 1 + len(rows)

    def labelled(self, sheet: Worksheet, row: int, pairs: list[tuple[str, Any]]) -> list[str]:
        """Label and value rows from `row` (the course's numbers a sheet's formulas read); returns the
        value cells as absolute references, in order."""
        for n, (label, value) in enumerate(pairs, start=row):
            self.put(sheet, n, 0, label)
            self.put(sheet, n, 1, value)
        return [cell(n, 1, True, True) for n in range(row, row + len(pairs))]

    def insert_chart(self, sheet: Worksheet, anchor: str, chart: Any, width: int = 480, height: int = 288) -> None:
        """A chart at `anchor`, `width` × `height` pixels, inside the sheet's printed page."""
        chart.set_size({"width": width, "height": height})
        sheet.insert_chart(anchor, chart)
        row, col = xl_cell_to_rowcol(anchor)
        last_row = row + -(-height // ROW_PIXELS)
        last_col, left = col, _pixels(col)
        while left < width:
            last_col += 1
            left += _pixels(last_col)
        rows, cols = self._extents.get(sheet.name, (0, 0))
        self._extents[sheet.name] = (max(rows, last_row), max(cols, last_col))

    def close(self) -> bytes:
        for sheet, _ in self._listed:
            rows, cols = self._extents.get(sheet.name, (0, 0))
            sheet.print_area(0, 0, max(rows, sheet.dim_rowmax or 0), max(cols, sheet.dim_colmax or 0))
        if self._contents is not None:
            self._fill_contents()
        self.wb.close()
        return self.buffer.getvalue()

    def _contents_sheet(self, title: str) -> Worksheet:
        name = sheet_name(t(self.lang, "takehome.contents"), self.names)
        self.names.add(name.lower())
        sheet = self.wb.add_worksheet(name)
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 1, 70)
        _print_setup(sheet)
        sheet.write_string(0, 0, title, self.title)
        return sheet

    def _fill_contents(self) -> None:
        sheet = self._contents
        sheet.write_string(2, 0, t(self.lang, "takehome.contents_sheet"), self.head)
        sheet.write_string(2, 1, t(self.lang, "takehome.contents_what"), self.head)
        for row, (listed, caption) in enumerate(self._listed, start=3):
            target = "internal:'" + listed.name.replace("'", "''") + "'!A1"
            sheet.write_url(row, 0, target, self.link, string=listed.name)
            sheet.write_string(row, 1, caption, self.text)
        sheet.print_area(0, 0, 3 + len(self._listed), 1)


def _pixels(col: int) -> int:
    return int((FIRST_WIDTH if col == 0 else WIDTH) * 7 + 0.5) + 5


def _print_setup(sheet: Worksheet) -> None:
    """One A4 landscape page, the title row repeated, the sheet's name and the page in the footer."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 1)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.repeat_rows(0)
    sheet.set_footer("&L&A&R&P / &N")


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
    for n, (label, row) in enumerate(points):
        color = "#" + design.series_color(n)
        chart.add_series({"categories": [sheet.name, row, x_col, row, x_col],
                          "values": [sheet.name, row, y_col, row, y_col],
                          "marker": {"type": "circle", "size": 10, "fill": {"color": color},
                                     "border": {"color": "#FFFFFF"}},
                          "data_labels": {"series_name": True, "position": "above"}})
        literal_series_name(chart, label)
    chart.set_title({"name": title, "name_font": {"name": FONT}})
    chart.set_x_axis({"name": x_title, "min": x_range[0], "max": x_range[1], "name_font": {"name": FONT}})
    chart.set_y_axis({"name": y_title, "min": y_range[0], "max": y_range[1], "name_font": {"name": FONT}})
    chart.set_legend({"position": "bottom", "font": {"name": FONT}})
    book.insert_chart(sheet, anchor, chart, 560, 380)


def bar_chart(book: Book, sheet: Worksheet, kind: str, title: str, rows: tuple[int, int], col: int,
              anchor: str, scale: tuple[float, float | None] = (0, None)) -> None:
    """A native column or bar chart ('column', 'bar') of the values in `col` over `rows` (first, last),
    named by column A, its value axis from the scale's minimum (`scale`: minimum, maximum or None)."""
    first, last = rows
    chart = book.wb.add_chart({"type": kind})
    chart.add_series({"name": title, "categories": [sheet.name, first, 0, last, 0],
                      "values": [sheet.name, first, col, last, col], "data_labels": {"value": True},
                      "fill": {"color": "#" + design.PRIMARY}, "gap": 60})
    axis = {"min": scale[0], **({"max": scale[1]} if scale[1] is not None else {}),
            "major_gridlines": {"visible": True, "line": {"color": "#" + design.GRID}}}
    (chart.set_x_axis if kind == "bar" else chart.set_y_axis)(axis)
    if kind == "bar":
        chart.set_y_axis({"reverse": True})  # the first row on top, as in the table
    chart.set_title({"name": title, "name_font": {"name": FONT}})
    chart.set_legend({"none": True})
    book.insert_chart(sheet, anchor, chart)


def literal_series_name(chart: Any, text: str) -> None:
    """Name the chart's last series with typed text as a literal string. xlsxwriter reads a name that
    looks like `x!A1` as a formula reference (`+cmd|' /C calc'!A0` would be one), so the name is set
    after add_series, past that guess."""
    chart.series[-1]["name"], chart.series[-1]["name_formula"] = text, None
