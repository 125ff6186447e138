"""Excel workbooks: one sheet per tool with the group's inputs and live formulas for every computed
score, each formula carrying kamcore's value as its cached result (every viewer shows the right
number before recalculating), the course's cut-offs in cells, and native Excel charts.

Each tool's record writes its own sheet (kamcore.export.book has the pieces); this module lays out
the workbooks."""

from __future__ import annotations

from typing import Any

from kamcore.compare import Entry, summary
from kamcore.export.book import Book
from kamcore.i18n import t
from kamcore.tools import TOOLS


def group_workbook(entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str,
                   prefix: str = "") -> bytes:
    """One group's workbook: a sheet per tool and account it has work in."""
    book = Book()
    add_group_sheets(book, entries_by_tool, methods, lang, prefix)
    return book.close()


def add_group_sheets(book: Book, entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str,
                     prefix: str = "") -> None:
    for tool_id, found in entries_by_tool.items():
        tool = TOOLS[tool_id]
        for e in found:
            label = tool.short(lang) + (f" {e.account}" if e.account else "")
            tool.sheet(book, book.sheet(f"{prefix}{label}"), e, methods[tool_id], lang)


def workshop_workbook(title: str, by_group: dict[Any, dict[str, list[Entry]]], methods: dict[str, Any],
                      lang: str) -> bytes:
    """The whole workshop: a comparison sheet per tool, then each group's appendix."""
    book = Book()
    for tool_id, tool in TOOLS.items():
        found = [e for tools in by_group.values() for e in tools.get(tool_id, [])]
        sheet = book.sheet(t(lang, "xlsx.compare") + " " + tool.short(lang))
        sheet.write_string(0, 0, f"{title} · {tool.name(lang)}", book.title)
        rows = summary(tool_id, found, methods[tool_id], lang)
        if rows:
            book.table(sheet, 2, list(rows[0]), [list(r.values()) for r in rows])
    for n, tools in enumerate(by_group.values(), start=1):
        add_group_sheets(book, tools, methods, lang, prefix=f"G{n} ")
    return book.close()
