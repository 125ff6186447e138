"""A workbook's formulas recalculated by a spreadsheet engine (the `formulas` package) and held to the
values kamcore cached in their cells."""

from datetime import datetime
from pathlib import Path

import formulas
import openpyxl
import pytest

SPREADSHEET_EPOCH = datetime(1899, 12, 30)  # a spreadsheet's day 0


def recalculated(path: Path) -> tuple[int, list[tuple[str, str, str, object, object]]]:
    """How many formula cells the workbook has, and those whose recalculated value is not kamcore's
    (sheet, cell, formula, recalculated, kamcore's)."""
    solved = formulas.ExcelModel().loads(str(path)).finish().calculate()
    cached, raw = openpyxl.load_workbook(path, data_only=True), openpyxl.load_workbook(path)
    checked, wrong = 0, []
    for sheet in raw.worksheets:
        for c in (c for row in sheet.iter_rows() for c in row if c.data_type == "f"):
            computed = solved[f"'[{path.name}]{sheet.title.upper()}'!{c.coordinate}"].value[0, 0]
            expected = cached[sheet.title][c.coordinate].value
            if not _same(computed, "" if expected is None else expected):  # an empty text reads back as None
                wrong.append((sheet.title, c.coordinate, c.value, computed, expected))
            checked += 1
    return checked, wrong


def _same(computed: object, expected: object) -> bool:
    if isinstance(expected, datetime):  # a cell formatted as a date reads back as one; the engine gives its number
        return float(computed) == (expected - SPREADSHEET_EPOCH).days
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return float(computed) == pytest.approx(expected)
    return str(computed).upper() == str(expected).upper()
