"""PowerPoint decks with native, editable charts, in one language: a group's account deck (a title
slide, a slide per tool whose title is its finding, and the next actions) and the workshop deck (a
comparison slide per tool, the criteria where the groups disagreed, then each group's appendix).
Each tool's record says what its slides hold; kamcore.export.deck lays them out."""

from __future__ import annotations

from datetime import date
from typing import Any

from kamcore.compare import Entry
from kamcore.export.collect import disagreements
from kamcore.export.deck import Deck
from kamcore.export.slide import Slide, comparison_title, lines
from kamcore.i18n import t
from kamcore.tools import TOOLS

MAX_DISAGREEMENTS = 12  # the widest gaps a slide's chart shows


def _slides(entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str) -> list[Slide]:
    return [TOOLS[tool_id].slide(e, methods[tool_id], lang) for tool_id, found in entries_by_tool.items()
            for e in found]


def _accounts(entries_by_tool: dict[str, list[Entry]]) -> list[str]:
    return list(dict.fromkeys(e.account for found in entries_by_tool.values() for e in found if e.account))


def group_deck(group: str, entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str,
               workshop: str = "") -> bytes:
    """The title (the account, the group, the workshop, the date), a slide per tool and account, and the
    next actions."""
    deck = Deck()
    accounts = _accounts(entries_by_tool)
    separator = t(lang, "common.list_separator")
    deck.title(separator.join(accounts) or t(lang, "pptx.group_title", group=group),
               [t(lang, "takehome.group_line", group=group),
                t(lang, "takehome.workshop_line", workshop=workshop) if workshop else t(lang, "home.title"),
                date.today().isoformat()])
    slides = _slides(entries_by_tool, methods, lang)
    for spec in slides:
        deck.add(spec)
    deck.closing(t(lang, "takehome.closing_title"), [a for spec in slides for a in spec.actions])
    return deck.bytes()


def workshop_deck(title: str, by_group: dict[Any, dict[str, list[Entry]]], methods: dict[str, Any],
                  lang: str) -> bytes:
    """The comparison slides and the criteria the groups disagreed on, then each group's appendix;
    `by_group` is keyed by GroupKey (id, name)."""
    deck = Deck()
    deck.title(title, [t(lang, "home.title"), t(lang, "takehome.groups", count=len(by_group)),
                       date.today().isoformat()])
    everyone: dict[str, list[Entry]] = {}
    for tool_id, tool in TOOLS.items():
        found = [e for tools in by_group.values() for e in tools.get(tool_id, [])]
        if found:
            everyone[tool_id] = found
            deck.add(tool.comparison(found, methods[tool_id], lang, comparison_title(tool.name(lang), lang)))
    deck.add(disagreement_slide(everyone, methods, lang))
    for group, tools in by_group.items():
        deck.title(t(lang, "pptx.group_title", group=group.name), [title])
        for spec in _slides(tools, methods, lang):
            deck.add(spec)
    return deck.bytes()


def disagreement_slide(everyone: dict[str, list[Entry]], methods: dict[str, Any], lang: str) -> Slide:
    """The criteria where the groups' scores lay furthest apart, as the projector flags them."""
    found = disagreements(everyone, methods, lang)
    if not found:
        return Slide(t(lang, "takehome.agreed_title"), [t(lang, "takehome.agreed_line")],
                     caption=t(lang, "takehome.disagreed_caption"))
    shown = found[:MAX_DISAGREEMENTS]
    return Slide(t(lang, "takehome.disagreed_title", count=len(found)),
                 lines(*(t(lang, "takehome.disagreed_line", criterion=d.criterion, tool=d.tool,
                           spread=f"{d.spread:.1f}") for d in shown)),
                 bars=([d.criterion for d in shown], {t(lang, "takehome.spread"): [d.spread for d in shown]}),
                 value_range=(0, None), notes=t(lang, "takehome.disagreed_notes"),
                 caption=t(lang, "takehome.disagreed_caption"))
