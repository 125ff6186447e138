"""The global account selection tool's record: selection's facets (summary, portfolio matrix, workbook
sheet with live formulas, slide, progress, disagreement) over the merged global method, under the
global tool's own name."""

from __future__ import annotations

from dataclasses import replace

from kamcore.export.slide import Slide, caption, notes, scatter_comparison
from kamcore.i18n import t
from kamcore.methods import global_selection as gs
from kamcore.tool import Entry, Nav, Tool
from kamcore.tools import selection


def slide(e: Entry, m: gs.GlobalSelectionMethod, lang: str) -> Slide:
    """Selection's slide, captioned and annotated as the global selection."""
    return replace(selection.slide(e, m, lang), caption=caption(t(lang, "l4a.nav_global_selection"), e.group),
                   notes=notes(lang, t(lang, "l4a.selection_method"), t(lang, "takehome.formula_of.selection")))


TOOL = Tool(gs.TOOL_ID, gs.GlobalSelectionInput, gs.method, gs.evaluate, gs.example_input, "group", gs.counted,
            name=lambda lang: t(lang, "l4a.nav_global_selection"), short=lambda lang: t(lang, "l4a.short_selection"),
            nav=Nav("global", "travel_explore", "app_pages/global_selection.py"), summary=selection.summary,
            figure=selection.figure, criterion_scores=selection.criterion_scores, sheet=selection.sheet, slide=slide,
            comparison=scatter_comparison(slide), blank=gs.blank_input, progress=selection.progress)
