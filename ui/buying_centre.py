"""The relationship map page's panels: the people as one table, the organisation drawn as a graph (wide
and narrow), the coverage level, the gaps and the next contacts from the top down."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import buying_centre as bc
from kamcore.methods.common import NAME_CHARS, typed
from kamcore.tools.buying_centre import gap_lines, level_name, named, org_figure
from ui.components import autosave_table, chart, not_scored, tool_figures
from ui.text import plain
from ui.worksheet import WorksheetEditor

NOBODY = "-"  # "reports to no one" in the superior column (stored as None)
COLUMNS = ("name", "title", "role", "influence", "attitude", "strength", "owner", "reports_to")


def people(ws: WorksheetEditor, m: bc.BuyingCentreMethod, lang: str) -> None:
    """Everyone in the buying decision, one row each, saved on every edit; incomplete rows as drafts."""
    st.caption(t(lang, "l2a.centre.people_help"))
    roles = {r.id: r.name(lang) for r in m.roles}
    rows = ws.data["people"]
    names = {NOBODY: t(lang, "l2a.centre.no_superior"), **{p["key"]: p.get("name") or p["key"] for p in rows}}

    def number(column: str, scale: Any) -> Any:
        return st.column_config.NumberColumn(t(lang, f"l2a.centre.col.{column}"), min_value=scale.min,
                                             max_value=scale.max, step=1, format="%d")

    columns = {"key": None,
               "name": st.column_config.TextColumn(t(lang, "l2a.centre.col.name"), max_chars=NAME_CHARS),
               "title": st.column_config.TextColumn(t(lang, "l2a.centre.col.title"), max_chars=NAME_CHARS),
               "role": st.column_config.SelectboxColumn(t(lang, "l2a.centre.col.role"), options=list(roles),
                                                        format_func=roles.get, default="influencer"
                                                        if "influencer" in roles else m.roles[0].id),
               "influence": number("influence", m.influence_scale), "attitude": number("attitude", m.attitude_scale),
               "strength": number("strength", m.strength_scale),
               "owner": st.column_config.TextColumn(t(lang, "l2a.centre.col.owner"), max_chars=NAME_CHARS),
               "reports_to": st.column_config.SelectboxColumn(t(lang, "l2a.centre.col.reports_to"),
                                                              options=list(names), format_func=names.get,
                                                              default=NOBODY)}

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        kept = [r for r in edited if typed({c: r.get(c) for c in ("name", "title", "influence", "attitude",
                                                                 "strength", "owner")})]
        return {**ws.data, "people": [_row(r) for r in kept]}

    shown = [{**{c: p.get(c) for c in COLUMNS}, "key": p["key"], "reports_to": p.get("reports_to") or NOBODY}
             for p in rows]
    autosave_table(ws, "people", shown, columns, to_data, rebuild=True, drafts=_drafts(ws, m, lang))


def _row(r: dict[str, Any]) -> dict[str, Any]:
    def whole(value: Any) -> int | None:
        return None if value is None or value != value else int(value)  # NaN: an emptied cell

    return {"key": r.get("key") or bc.new_key(), "name": r.get("name") or "", "title": r.get("title") or "",
            "role": r.get("role"), "influence": whole(r.get("influence")), "attitude": whole(r.get("attitude")),
            "strength": whole(r.get("strength")), "owner": r.get("owner") or "",
            "reports_to": None if r.get("reports_to") in (None, NOBODY) else r["reports_to"]}


def _drafts(ws: WorksheetEditor, m: bc.BuyingCentreMethod, lang: str) -> list[tuple[str, list[str]]]:
    try:
        record = ws.tool.validate(ws.data, m)
    except ValidationError:
        return []  # evaluate() has shown why
    return [(p.name or t(lang, "draft.row", n=n + 1), p.missing()) for n, p in enumerate(record.people)
            if not p.complete()]


def _figures(data: dict[str, Any], result: bc.BuyingCentreResult, m: bc.BuyingCentreMethod, lang: str,
             width: str) -> tuple:
    counted = {**data, "people": [p for p in data["people"] if p["key"] in result.depth]}
    return (org_figure(counted, result, m, lang, narrow=width == "narrow"),)


def relationship_map(ws: WorksheetEditor, result: bc.BuyingCentreResult | None, m: bc.BuyingCentreMethod,
                     lang: str, narrow: bool) -> None:
    """The organisation as a graph, drawn for the screen's width, with the coverage level above it."""
    if result is None or not result.people:
        not_scored(lang, t(lang, "l2a.centre.level"), t(lang, "l2a.centre.first"))
        return
    _level(result, m, lang)
    chart(tool_figures(ws, _figures, "narrow" if narrow else "wide")[0], ws.key("org_map"))
    st.caption(t(lang, "l2a.centre.map_caption"))


def _level(result: bc.BuyingCentreResult, m: bc.BuyingCentreMethod, lang: str) -> None:
    level = m.level(result.level) if result.level else None
    with st.container(border=True):
        st.markdown(f"**{plain(t(lang, 'l2a.centre.level_of', level=level_name(result.level, m, lang)))}**"
                    + (f" · {plain(level.description(lang))}" if level else ""))
        st.caption(" → ".join(f"**{lv.name(lang)}**" if lv.id == result.level else lv.name(lang) for lv in m.levels))


def gaps(ws: WorksheetEditor, result: bc.BuyingCentreResult | None, m: bc.BuyingCentreMethod, lang: str) -> None:
    """The coverage gaps, and the next people to reach from the top down."""
    if result is None or not result.people:
        not_scored(lang, t(lang, "l2a.centre.gaps"), t(lang, "l2a.centre.first"))
        return
    _level(result, m, lang)
    found = gap_lines(ws.data, result, m, lang)
    for line in found:
        st.warning(line, icon=":material/link_off:")
    if not found:
        st.success(t(lang, "l2a.centre.no_gaps"), icon=":material/check_circle:")
    st.subheader(t(lang, "l2a.centre.next"))
    st.caption(t(lang, "l2a.centre.next_help"))
    if not result.next_contacts:
        st.caption(t(lang, "l2a.centre.all_reached"))
    people = {p["key"]: p for p in ws.data["people"]}
    for n, key in enumerate(result.next_contacts, start=1):
        p = people[key]
        st.markdown(f"{n}. **{plain(p['name'])}** · {plain(p.get('title') or '')} · {m.role(p['role']).name(lang)}"
                    f" · {t(lang, 'l2a.centre.col.influence')} {p['influence']:g} · "
                    f"{m.attitude(p['attitude']).name(lang)}")
    if result.reached:
        st.caption(f"{t(lang, 'l2a.centre.reached')}: {plain(named(result.reached, ws.data, lang))}")
