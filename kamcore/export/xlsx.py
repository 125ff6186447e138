"""Excel workbooks: a contents sheet linking every sheet, then one sheet per tool with the group's
inputs and live formulas for every computed score, each formula carrying kamcore's value as its
cached result (every viewer shows the right number before recalculating), the course's cut-offs in
cells, and native Excel charts. Every sheet prints on one A4 landscape page.

Each tool's record writes its own sheet (kamcore.export.book has the pieces); this module lays out
the workbooks."""

from __future__ import annotations

from datetime import date
from typing import Any

from kamcore.compare import Entry, summary
from kamcore.export.book import Book
from kamcore.export.collect import disagreements
from kamcore.i18n import t
from kamcore.tools import TOOLS


def group_workbook(entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str,
                   prefix: str = "", title: str = "") -> bytes:
    """One group's workbook: the contents, then a sheet per tool and account it has work in."""
    book = Book(lang, f"{title or t(lang, 'home.title')} · {date.today().isoformat()}")
    add_group_sheets(book, entries_by_tool, methods, lang, prefix)
    return book.close()


def add_group_sheets(book: Book, entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str,
                     prefix: str = "", group: str = "") -> None:
    for tool_id, found in entries_by_tool.items():
        tool = TOOLS[tool_id]
        for e in found:
            label = tool.short(lang) + (f" {e.account}" if e.account else "")
            caption = " · ".join(x for x in (group, tool.name(lang), e.account) if x)
            tool.sheet(book, book.sheet(f"{prefix}{label}", caption), e, methods[tool_id], lang)


def workshop_workbook(title: str, by_group: dict[Any, dict[str, list[Entry]]], methods: dict[str, Any],
                      lang: str) -> bytes:
    """The whole workshop: a comparison sheet per tool, the criteria the groups disagreed on, then each
    group's appendix."""
    book = Book(lang, f"{title} · {date.today().isoformat()}")
    everyone: dict[str, list[Entry]] = {}
    for tool_id, tool in TOOLS.items():
        found = [e for tools in by_group.values() for e in tools.get(tool_id, [])]
        everyone[tool_id] = found
        sheet = book.sheet(t(lang, "xlsx.compare") + " " + tool.short(lang),
                           f"{tool.name(lang)} · {t(lang, 'takehome.contents_compare')}")
        sheet.write_string(0, 0, f"{title} · {tool.name(lang)}", book.title)
        rows = summary(tool_id, found, methods[tool_id], lang)
        if rows:
            book.table(sheet, 2, list(rows[0]), [list(r.values()) for r in rows])
    _disagreements(book, everyone, methods, lang)
    for n, (group, tools) in enumerate(by_group.items(), start=1):
        add_group_sheets(book, tools, methods, lang, prefix=f"G{n} ", group=group.name)
    return book.close()


def _disagreements(book: Book, everyone: dict[str, list[Entry]], methods: dict[str, Any], lang: str) -> None:
    sheet = book.sheet(t(lang, "takehome.disagreed_sheet"), t(lang, "takehome.disagreed_caption"))
    sheet.write_string(0, 0, t(lang, "takehome.disagreed_caption"), book.title)
    found = disagreements({k: v for k, v in everyone.items() if v}, methods, lang)
    book.table(sheet, 2, [t(lang, "takehome.criterion"), t(lang, "takehome.tool"), t(lang, "takehome.spread")],
               [[d.criterion, d.tool, d.spread] for d in found])
