"""The account plan page: the plan's own three fields, then the plan top to bottom as one printable block,
each section followed by links to the tools its lines were made in."""

from __future__ import annotations

import html

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import account_plan as ap
from kamcore.methods.common import LONG_NOTE_CHARS, NAME_CHARS
from kamcore.tools import TOOLS
from kamcore.tools.account_plan import Section, sections
from ui.worksheet import WorksheetEditor

# On paper (A4) the plan prints alone: no navigation, no controls, no links, sections kept whole.
PRINT = """<style>
@page { size: A4 portrait; margin: 14mm; }
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stAlert"], [data-testid="stPageLink"], [data-testid="stButton"], [data-testid="stPopover"],
  [data-testid="stSelectbox"], [data-testid="stTextInput"], [data-testid="stTextArea"], [data-testid="stDateInput"],
  [data-testid="stStatusWidget"], .kam-screen { display: none !important; }
  .block-container, [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  .kam-plan section { break-inside: avoid; }
}
.kam-plan { font-size: 0.95rem; line-height: 1.45; }
.kam-plan h3 { margin: 0.9rem 0 0.3rem; padding-bottom: 0.15rem; border-bottom: 2px solid #0072B2; font-size: 1.1rem; }
.kam-plan dl { display: grid; grid-template-columns: minmax(8rem, 30%) 1fr; gap: 0.2rem 0.8rem; margin: 0; }
.kam-plan dt { font-weight: 600; color: #333; }
.kam-plan dd { margin: 0; overflow-wrap: anywhere; }
.kam-plan .src { color: #666; font-size: 0.8rem; }
.kam-plan .empty { color: #8a5a00; font-style: italic; }
.kam-plan .head { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.3rem 1rem; }
@media (max-width: 640px) { .kam-plan dl { grid-template-columns: 1fr; } .kam-plan dd { margin-bottom: 0.4rem; } }
</style>"""


def own_fields(ws: WorksheetEditor, lang: str) -> None:
    """The only things typed on this page: who owns the plan, when it is reviewed next, its summary."""
    with st.expander(t(lang, "l2b.plan.own_fields"), expanded=not (ws.data.get("owner") or ws.data.get("summary")),
                     icon=":material/edit:"):
        left, right = st.columns(2)
        key = ws.field_key("owner", ["owner"])
        left.text_input(t(lang, "l2b.plan.owner"), value=ws.data.get("owner", ""), key=key, max_chars=NAME_CHARS,
                        disabled=ws.disabled, on_change=ws.set_from_widget, args=(["owner"], key))
        key = ws.field_key("review", ["review"])
        right.date_input(t(lang, "l2b.plan.review"), value=ap.PlanInput.model_validate(
            {"review": ws.data.get("review")}).review, key=key, disabled=ws.disabled, format="YYYY-MM-DD",
            on_change=_set_date, args=(ws, key))
        key = ws.field_key("summary", ["summary"])
        st.text_area(t(lang, "l2b.plan.summary"), value=ws.data.get("summary", ""), key=key,
                     max_chars=LONG_NOTE_CHARS, disabled=ws.disabled, on_change=ws.set_from_widget,
                     args=(["summary"], key))


def _set_date(ws: WorksheetEditor, key: str) -> None:
    day = st.session_state.get(key)
    ws.set_value(["review"], day.isoformat() if day else None)


def plan_of(data: dict, records: dict, methods: dict, lang: str) -> ap.Plan | None:
    try:
        return ap.assemble(ap.PlanInput.model_validate({**data, "sources": records}), lang, methods)
    except ValidationError:
        return None  # the page's top has said why


def _section(s: Section, lang: str) -> str:
    if not s.lines:
        body = f"<p class='empty'>{html.escape(s.empty)}</p>"
    else:
        body = "<dl>" + "".join(
            f"<dt>{html.escape(x.label)}</dt><dd>{html.escape(x.value)}"
            + (f" <span class='src'>· {html.escape(TOOLS[x.source].name(lang))}</span>" if x.source in TOOLS else "")
            + "</dd>" for x in s.lines) + "</dl>"
    return f"<section><h3>{html.escape(s.title)}</h3>{body}</section>"


def plan(p: ap.Plan, m: ap.PlanMethod, lang: str, methods: dict) -> None:
    """The plan in one block, then where to change each section's lines."""
    head = [(t(lang, "l2b.plan.account"), p.account), (t(lang, "l2b.plan.owner"), p.owner),
            (t(lang, "l2b.plan.review"), p.review.isoformat() if p.review else "")]
    parts = [f"<h2>{html.escape(m.title(lang))} · {html.escape(p.account)}</h2>",
             "<div class='head'>" + "".join(f"<div><b>{html.escape(k)}</b>: {html.escape(v or '—')}</div>"
                                            for k, v in head) + "</div>"]
    if p.summary:
        parts.append(f"<p>{html.escape(p.summary)}</p>")
    drawn = sections(p, m, lang, methods)
    parts += [_section(s, lang) for s in drawn]
    st.html(PRINT + "<div class='kam-plan'>" + "".join(parts) + "</div>")
    links(p, lang)


def links(p: ap.Plan, lang: str) -> None:
    """Where each part of the plan is made: one link per source tool, marked done or still to do."""
    st.markdown(f"**{t(lang, 'l2b.plan.made_where')}**")
    cols = st.columns(3)
    for n, tool_id in enumerate(t_id for t_id in ap.READS if t_id in TOOLS):
        done = p.made.get(tool_id, False)
        cols[n % 3].page_link(TOOLS[tool_id].nav.page, label=TOOLS[tool_id].name(lang),
                              icon=":material/check_circle:" if done else ":material/radio_button_unchecked:")
