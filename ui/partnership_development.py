"""The partnership-development page's panels: the customer's seven steps with what the customer needs
from us and the supplier's view; the screening step and the cautions from the partnership model's own
worksheet for the account; the prerequisites scored, and whether to proceed."""

from __future__ import annotations

from typing import Any

import streamlit as st

from kamcore.i18n import t
from kamcore.methods import partnership as ps
from kamcore.methods import partnership_development as pd
from kamcore.methods.common import NOTE_CHARS
from kamcore.store import Account
from ui.components import not_scored, score_input, verdict
from ui.lecture1 import tool_links
from ui.lecture3 import fixed_table
from ui.session import Context
from ui.text import plain
from ui.worksheet import WorksheetEditor

ACCENT = {"proceed": "#1a7f37", "strengthen": "#bf8700", "hold": "#cf222e"}


def steps(ws: WorksheetEditor, m: pd.DevelopmentMethod, result: pd.DevelopmentResult | None, lang: str) -> None:
    """The step reached, then every step in one table: status and note beside the course's two views."""
    if result is not None:
        current = m.step(result.current) if result.current else None
        with st.container(border=True):
            st.markdown(f"**{t(lang, 'l3b.development.current')}** · "
                        f"{current.name(lang) if current else t(lang, 'l3b.development.all_done')}")
            if current:
                st.markdown(t(lang, "l3b.labelled", label=t(lang, "l3b.development.customer_needs"),
                              text=current.customer_needs(lang)))
                st.caption(t(lang, "l3b.labelled", label=t(lang, "l3b.development.supplier_view"),
                             text=current.supplier_view(lang)))
    statuses = {s.id: s.label(lang) for s in m.statuses}
    columns = {
        "id": None,
        "step": st.column_config.TextColumn(t(lang, "l3b.development.step"), disabled=True),
        "status": st.column_config.SelectboxColumn(t(lang, "l3b.development.status"), options=list(statuses),
                                                   format_func=statuses.get, default=m.statuses[0].id),
        "note": st.column_config.TextColumn(t(lang, "l3b.development.note"), max_chars=NOTE_CHARS),
        "customer_needs": st.column_config.TextColumn(t(lang, "l3b.development.customer_needs"), disabled=True),
        "supplier_view": st.column_config.TextColumn(t(lang, "l3b.development.supplier_view"), disabled=True),
    }
    saved = ws.data.get("steps", {})
    shown = [{"id": s.id, "step": f"{n}. {s.name(lang)}", "status": saved.get(s.id, {}).get("status"),
              "note": saved.get(s.id, {}).get("note", ""), "customer_needs": s.customer_needs(lang),
              "supplier_view": s.supplier_view(lang)} for n, s in enumerate(m.steps, start=1)]

    def to_data(edited: list[dict[str, Any]]) -> dict[str, Any]:
        entries = {r["id"]: {"status": r.get("status"), "note": r.get("note") or ""} for r in edited
                   if r.get("status") or r.get("note")}
        return {**ws.data, "steps": entries}

    fixed_table(ws, "steps", shown, columns, to_data)


def _partnership(ctx: Context, account: Account) -> tuple[pd.Screening, ps.PartnershipMethod]:
    pm = ctx.method(ps.TOOL_ID)
    saved = ctx.workspace.worksheet(ps.TOOL_ID, account.key)
    return pd.screening(saved.data if saved else None, pm), pm


def screening(ctx: Context, m: pd.DevelopmentMethod, account: Account) -> None:
    """The screening step as the partnership model scored it, and the course's cautions as ticked there."""
    lang = ctx.lang
    found, pm = _partnership(ctx, account)
    st.markdown(f"**{m.step(m.screening_step).name(lang)}** · {t(lang, 'l3b.development.from_partnership')}")
    if not found.found:
        st.info(t(lang, "l3b.development.screen_none"), icon=":material/info:")
    elif found.verdict is None:
        st.info(t(lang, "l3b.development.screen_missing"), icon=":material/info:")
    else:
        outcome = pm.outcome(found.verdict)
        verdict(lang, t(lang, "l3b.development.screen_verdict"), outcome.label, outcome.description,
                outcome.color)
        st.caption(t(lang, "l3b.development.screen_scores", drivers=f"{found.drivers:g}",
                     facilitators=f"{found.facilitators:g}"))
        if not found.partner:
            st.warning(t(lang, "l3b.development.screen_arms_length"), icon=":material/front_hand:")
    tool_links(ctx, [ps.TOOL_ID], key="l3b-development-links")
    checks(found, pm, lang)


def checks(found: pd.Screening, pm: ps.PartnershipMethod, lang: str) -> None:
    """The six cautions and the characteristics of accounts unsuited to partnership, each marked as the
    group ticked it on the partnership model's page."""
    for title, items, ticked in ((t(lang, "l3b.development.cautions"), pm.cautions, found.cautions),
                                 (t(lang, "l3b.development.unsuited"), pm.unsuited, found.unsuited)):
        st.markdown(f"**{title}**")
        st.markdown("\n".join(f"- :orange[:material/warning: **{item.text(lang)}**]" if item.id in ticked
                               else f"- :gray[{item.text(lang)}]" for item in items))
    if found.unsuited:
        st.error(t(lang, "l3b.development.unsuited_found", n=len(found.unsuited)), icon=":material/block:")
    elif found.cautions:
        st.warning(t(lang, "l3b.development.cautions_found", n=len(found.cautions)), icon=":material/warning:")
    st.caption(t(lang, "l3b.development.checks_where"))


def prerequisites(ws: WorksheetEditor, m: pd.DevelopmentMethod, result: pd.DevelopmentResult | None,
                  lang: str) -> None:
    inputs, outcome = st.columns([3, 2], gap="large")
    with inputs:
        for group in m.prerequisite_groups:
            st.markdown(f"**{group.label(lang)}**")
            for p in m.in_group(group.id):
                score_input(ws, ["scores", p.id], ws.data["scores"].get(p.id), m.scale.values, p.name(lang))
                _evidence(ws, p.id, lang)
    with outcome:
        _verdict(m, result, lang)


def _evidence(ws: WorksheetEditor, prerequisite: str, lang: str) -> None:
    key = ws.field_key("note", ["notes", prerequisite])
    label = t(lang, "l3b.development.evidence")
    st.text_input(label, value=ws.data.get("notes", {}).get(prerequisite, ""), key=key, max_chars=NOTE_CHARS,
                  label_visibility="collapsed", placeholder=label, disabled=ws.disabled,
                  on_change=ws.set_from_widget, args=(["notes", prerequisite], key))


def _verdict(m: pd.DevelopmentMethod, result: pd.DevelopmentResult | None, lang: str) -> None:
    if result is None:
        return
    if result.verdict is None:
        names = t(lang, "common.list_separator").join(p.name(lang) for p in m.prerequisites if p.id in result.missing)
        not_scored(lang, t(lang, "l3b.development.verdict"), t(lang, "l3b.development.score_first", names=plain(names)))
        return
    for group in m.prerequisite_groups:
        st.metric(group.label(lang), f"{result.means[group.id]:.2f}", help=t(lang, "l3b.development.mark",
                                                                              mark=f"{group.min_mean:g}"))
    chosen = m.verdict(result.verdict)
    verdict(lang, t(lang, "l3b.development.verdict"), chosen.label, chosen.advice, ACCENT[result.verdict])
    if result.weak:
        weak = t(lang, "common.list_separator").join(p.name(lang) for p in m.prerequisites if p.id in result.weak)
        st.caption(t(lang, "l3b.labelled", label=t(lang, "l3b.development.weak"), text=weak))
    st.caption(t(lang, "l3b.development.rule", each=f"{m.min_each:g}"))
