"""The four-quadrant value proposition as a printable page: one self-contained HTML document,
A4 landscape, every typed text escaped (participants' text is never rendered as markup)."""

from __future__ import annotations

from html import escape

from kamcore.i18n import t
from kamcore.methods import value_proposition as vp

_STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Sans Pro", Arial, sans-serif;
       color: #1f2328; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 2mm; } .sub { color: #57606a; margin: 0 0 4mm; font-size: 10pt; }
.grid { display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: auto auto; gap: 4mm; }
.q { border: 2px solid #d0d7de; border-radius: 6px; padding: 3mm 4mm; min-height: 60mm; break-inside: avoid; }
.q h2 { font-size: 12pt; margin: 0 0 2mm; } .q .prompt { color: #57606a; font-size: 9pt; margin: 0 0 2mm; }
.q ul { margin: 0; padding-left: 5mm; font-size: 10.5pt; } .q li { margin-bottom: 1.5mm; }
.meta { color: #57606a; font-size: 9pt; } .score { font-size: 10pt; margin-top: 4mm; }
"""


def canvas_html(inp: vp.ValuePropositionInput, result: vp.ValuePropositionResult, m: vp.ValuePropositionMethod,
                lang: str, account: str) -> str:
    quadrants = "".join(_quadrant(q, getattr(inp, q), m, lang) for q in vp.QUADRANTS)
    return (f"<!DOCTYPE html><html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>"
            f"<title>{escape(m.title(lang))} · {escape(account)}</title><style>{_STYLE}</style></head><body>"
            f"<h1>{escape(m.title(lang))}</h1><p class='sub'>{escape(account)}</p>"
            f"<div class='grid'>{quadrants}</div>"
            f"<p class='score'>{escape(t(lang, 'vp.score'))}: {result.score:.0f} / 100 · "
            f"{escape(t(lang, 'vp.yearly_value'))}: {result.yearly_economic_value:,.0f}</p></body></html>")


def _quadrant(quadrant: str, items: list, m: vp.ValuePropositionMethod, lang: str) -> str:
    spec = m.quadrant(quadrant)
    lines = "".join(f"<li>{_item(quadrant, item, m, lang)}</li>" for item in items) or "<li>—</li>"
    return (f"<section class='q'><h2>{escape(spec.title(lang))}</h2><p class='prompt'>{escape(spec.prompt(lang))}</p>"
            f"<ul>{lines}</ul></section>")


def _item(quadrant: str, item, m: vp.ValuePropositionMethod, lang: str) -> str:
    head, value_type, basis = item_text(quadrant, item, m, lang)
    if quadrant != "q1":
        return escape(head)
    return (f"{escape(head)} <span class='meta'>({escape(value_type)})"
            f"{'<br>' + escape(basis) if basis else ''}</span>")


def item_text(quadrant: str, item, m: vp.ValuePropositionMethod, lang: str) -> tuple[str, str, str]:
    """An item as the canvas writes it: its line, and for Q1 its value type and calculation basis.
    A unit of the method shows its label in `lang`, never its id."""
    if quadrant == "q1":
        unit = m.unit(item.unit)
        amount = "" if item.number is None else f"{item.number:g} {unit.label(lang) if unit else item.unit}".strip()
        head = " · ".join(p for p in (item.statement, item.metric, amount) if p)
        return head, m.value_type(item.value_type).label(lang), item.basis
    return " · ".join(getattr(item, f) for f in vp.TEXT_FIELDS[quadrant] if getattr(item, f)), "", ""
