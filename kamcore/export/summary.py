"""A printable one-page summary per account: the verdicts of every tool on one A4 page, to pin on a
wall. An HTML document the browser prints to PDF (File › Print): one page per account, the finding of
each tool's slide and its key figures, in the reader's language. Every text is escaped."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from kamcore.compare import Entry
from kamcore.export import design
from kamcore.i18n import t
from kamcore.tools import TOOLS

STYLE = f"""
@page {{ size: A4 portrait; margin: 14mm; }}
body {{ font-family: "Microsoft YaHei", "Noto Sans CJK SC", "PingFang SC", sans-serif; color: #{design.INK};
       margin: 0; }}
section {{ page-break-after: always; break-after: page; max-height: 269mm; overflow: hidden; }}
section:last-of-type {{ page-break-after: auto; break-after: auto; }}
header {{ border-top: 6px solid #{design.PRIMARY}; padding-top: 6mm; margin-bottom: 5mm; }}
h1 {{ font-size: 22pt; margin: 0 0 2mm; }}
.meta {{ color: #{design.MUTED}; font-size: 10pt; }}
.tool {{ border-left: 3px solid #{design.PRIMARY}; padding: 1mm 0 1mm 4mm; margin: 0 0 3.5mm; }}
.tool h2 {{ font-size: 9pt; color: #{design.MUTED}; margin: 0; font-weight: normal; text-transform: uppercase; }}
.tool p {{ font-size: 12pt; font-weight: bold; margin: 0.5mm 0 1mm; }}
.figures {{ font-size: 9pt; color: #{design.INK}; }}
.figures span {{ margin-right: 4mm; display: inline-block; }}
.hint {{ color: #{design.MUTED}; font-size: 9pt; }}
@media print {{ .hint {{ display: none; }} }}
"""
MAX_FIGURES = 5  # key figures per tool: what fits a line or two


def account_pages(group: str, workshop: str, entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any],
                  lang: str) -> str:
    """The HTML document: a page per account (a group's portfolio tools are on every account's page)."""
    accounts = list(dict.fromkeys(e.account for found in entries_by_tool.values() for e in found if e.account))
    pages = [_page(account, group, workshop, entries_by_tool, methods, lang) for account in accounts or [""]]
    title = html.escape(t(lang, "takehome.summary_title", account=group))
    return (f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{STYLE}</style></head><body>"
            f'<p class="hint">{html.escape(t(lang, "takehome.summary_print"))}</p>{"".join(pages)}</body></html>')


def _page(account: str, group: str, workshop: str, entries_by_tool: dict[str, list[Entry]],
          methods: dict[str, Any], lang: str) -> str:
    blocks = []
    for tool_id, found in entries_by_tool.items():
        tool = TOOLS[tool_id]
        for e in (e for e in found if e.account in ("", account)):
            m = methods[tool_id]
            finding = tool.slide(e, m, lang).title
            figures = [(k, v) for k, v in tool.summary(e, m, lang).items() if v not in ("", None)][:MAX_FIGURES]
            blocks.append(
                f'<div class="tool"><h2>{html.escape(tool.name(lang))}</h2><p>{html.escape(finding)}</p>'
                '<div class="figures">' + "".join(f"<span>{html.escape(str(k))}: <b>{html.escape(_shown(v))}</b>"
                                                  "</span>" for k, v in figures) + "</div></div>")
    meta = " · ".join(x for x in (t(lang, "takehome.group_line", group=group),
                                  t(lang, "takehome.workshop_line", workshop=workshop) if workshop else "",
                                  date.today().isoformat()) if x)
    heading = t(lang, "takehome.summary_title", account=account or group)
    body = "".join(blocks) or f"<p>{html.escape(t(lang, 'takehome.summary_empty'))}</p>"
    return (f"<section><header><h1>{html.escape(heading)}</h1><div class=\"meta\">{html.escape(meta)}</div>"
            f"</header>{body}</section>")


def _shown(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
