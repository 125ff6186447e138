"""The account plan's record: the plan in sections of labelled lines, each line naming the tool it comes
from (what the page, the workbook sheet and the slide all show), how many of its sections each group
has filled (projector, comparison), and what is still empty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from kamcore.charts import bar_figure
from kamcore.export.book import Book, Worksheet, bar_chart, cell
from kamcore.export.slide import Slide, bar_comparison, caption, lines, notes
from kamcore.i18n import t
from kamcore.kinds.base import entry_label
from kamcore.methods import account_plan as ap
from kamcore.methods import account_strategy as st
from kamcore.methods import partnership as ps
from kamcore.methods import selection as sel
from kamcore.methods.sources import ACCOUNT
from kamcore.tool import Entry, Nav, Progress, Score, Table, Tool


@dataclass(frozen=True)
class Line:
    label: str
    value: str
    source: str  # the tool id it was made in ("" : the plan's own)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    lines: list[Line]
    empty: str  # what to do while it has no lines


def _number(value: float) -> str:
    return f"{value:,.0f}"


def _choice(m: Any, what: str, value: str | None, lang: str) -> str:
    choice = m.choice(what, value) if value else None
    return choice.text(lang) if choice else ""


def _analysis(p: ap.Plan, lang: str, methods: dict[str, Any]) -> list[Line]:
    a, found = p.analysis, []
    sm, pm = methods.get(sel.TOOL_ID) or sel.method(), methods.get(ps.TOOL_ID) or ps.method()
    if a.attractiveness is not None:
        found += [Line(t(lang, "l2b.plan.attractiveness"), f"{a.attractiveness:.2f} · {sm.band(a.band).label(lang)}",
                       sel.TOOL_ID),
                  Line(t(lang, "l2b.plan.portfolio"), sm.portfolio.category(a.portfolio).label(lang), sel.TOOL_ID)]
    if a.partnership:
        found.append(Line(t(lang, "l2b.plan.partnership"), pm.outcome(a.partnership).label(lang), ps.TOOL_ID))
    if a.our_rank is not None:
        found.append(Line(t(lang, "l2b.plan.rank"), t(lang, "l2b.plan.rank_value", rank=a.our_rank,
                                                       suppliers=a.suppliers), "competition"))
        separator = t(lang, "common.list_separator")
        if a.advantages:
            found.append(Line(t(lang, "l2b.plan.advantages"), separator.join(a.advantages), "competition"))
        if a.gaps:
            found.append(Line(t(lang, "l2b.plan.gaps"), separator.join(
                t(lang, "l2b.plan.gap", benefit=g.benefit, ours=f"{g.ours:g}", competitor=g.competitor,
                  theirs=f"{g.theirs:g}") for g in a.gaps), "competition"))
    if a.contacts:
        found.append(Line(t(lang, "l2b.plan.contacts"), t(lang, "common.list_separator").join(a.contacts),
                          "buying_centre"))
    return found


def _objectives(p: ap.Plan, lang: str, m: st.StrategyMethod) -> list[Line]:
    found = []
    if p.strategic or p.direction:
        direction = " · ".join(x for x in (_choice(m, "directions", p.direction, lang),
                                           _choice(m, "stages", p.stage, lang)) if x)
        found.append(Line(m.label("strategic", lang), " — ".join(x for x in (p.strategic, direction) if x),
                          st.TOOL_ID))
    for o in p.objectives:
        target = f"{o.baseline:g} → {o.target:g} {o.unit}".strip() if o.baseline is not None and o.target is not None \
            else ""
        found.append(Line(m.label("statement", lang), " · ".join(x for x in (
            o.statement, target, o.due.isoformat() if o.due else "", "SMART ✓" if o.smart else "") if x), st.TOOL_ID))
    found += [Line(c.text(lang), p.focus[c.id], st.TOOL_ID) for c in m.cells if c.id in p.focus]
    if p.levers:
        found.append(Line(m.label("levers", lang), t(lang, "common.list_separator").join(
            _choice(m, "levers", x, lang) for x in p.levers), st.TOOL_ID))
    return found


def _positioning(p: ap.Plan, lang: str, m: st.StrategyMethod) -> list[Line]:
    found = [Line(t(lang, f"l2b.plan.{q}"), t(lang, "common.list_separator").join(getattr(p.value, q)),
                  "value_proposition") for q in ("q1", "q2", "q3", "q4") if getattr(p.value, q)]
    for slot in m.slots:
        if p.positioning.slots[slot.id]:
            found.append(Line(slot.text(lang), p.positioning.slots[slot.id], p.positioning.origin[slot.id]))
    if found:
        found.append(Line(t(lang, "l2b.strategy.statement"), p.positioning.statement,
                          st.TOOL_ID if p.positioning.written else ""))
    return found


def sections(p: ap.Plan, m: ap.PlanMethod, lang: str, methods: dict[str, Any] | None = None) -> list[Section]:
    """The plan top to bottom, each section's lines in the reader's language with the tool each comes from."""
    methods = methods or {}
    sm = methods.get(st.TOOL_ID) or st.method()
    actions = [Line(a.action, " · ".join(x for x in (a.owner, f"{a.start} – {a.end}", _number(a.cost or 0), a.kpi)
                                         if x), st.TOOL_ID) for a in p.actions]
    resources = [Line(_choice(sm, "functions", r.function, lang), " · ".join(x for x in (
        r.commitment, r.head, t(lang, "l2b.plan.agreed" if r.agreed else "l2b.plan.not_agreed")) if x), st.TOOL_ID)
        for r in p.resources]
    budget = [Line(q.quarter, t(lang, "l2b.plan.quarter_line", revenue=_number(q.revenue), costs=_number(q.costs),
                                contribution=_number(q.revenue - q.costs)), st.TOOL_ID) for q in p.budget]
    if p.budget:
        budget.append(Line(t(lang, "l2b.strategy.total"), t(lang, "l2b.plan.quarter_line", **{
            k: _number(p.totals[k]) for k in ("revenue", "costs", "contribution")}), st.TOOL_ID))
    content = {"analysis": _analysis(p, lang, methods), "objectives": _objectives(p, lang, sm),
               "positioning": _positioning(p, lang, sm), "actions": actions, "resources": resources,
               "budget": budget}
    return [Section(s.id, s.title(lang), content[s.id], s.empty(lang)) for s in m.sections]


def plan_of(e: Entry, lang: str | None = None) -> ap.Plan:
    """The entry's plan; worded in `lang` (benefits' names, the positioning statement) when given."""
    return e.result if lang is None else ap.assemble(ap.PlanInput.model_validate(e.data), lang)


def filled(e: Entry) -> int:
    return sum(plan_of(e).filled.values())


def summary(e: Entry, m: ap.PlanMethod, lang: str) -> dict[str, Any]:
    p = plan_of(e, lang)
    return {t(lang, "l2b.plan.filled"): f"{filled(e)} / {len(ap.SECTIONS)}",
            t(lang, "l2b.plan.owner"): p.owner or "—",
            t(lang, "l2b.plan.empty_sections"): t(lang, "common.list_separator").join(
                m.section(s).title(lang) for s, done in p.filled.items() if not done) or "—"}


def figure(found: list[Entry], m: ap.PlanMethod, lang: str) -> go.Figure:
    return bar_figure([entry_label(e) for e in found], [filled(e) for e in found], title=t(lang, "l2b.plan.filled"),
                      height=380, groups=[e.group for e in found]).update_yaxes(range=[0, len(ap.SECTIONS) + 0.5],
                                                                                 dtick=1)


def tables(found: list[Entry], m: ap.PlanMethod, lang: str) -> list[Table]:
    empty = t(lang, "l2b.plan.empty_sections")
    rows = [{t(lang, "compare.group"): entry_label(e), empty: t(lang, "common.list_separator").join(
        m.section(s).title(lang) for s, done in plan_of(e).filled.items() if not done)}
        for e in found if not all(plan_of(e).filled.values())]
    return [Table(t(lang, "l2b.plan.empty_sections"), rows, flag=empty)] if rows else []


def sheet(book: Book, ws: Worksheet, e: Entry, m: ap.PlanMethod, lang: str) -> None:
    """The plan as it reads on its page: its own fields, then each section's lines with where they come from."""
    p = plan_of(e, lang)
    ws.write_string(0, 0, f"{m.title(lang)} · {entry_label(e)}", book.title)
    book.labelled(ws, 2, [(t(lang, "l2b.plan.owner"), p.owner), (t(lang, "l2b.plan.review"),
                                                                 p.review.isoformat() if p.review else ""),
                          (t(lang, "l2b.plan.summary"), p.summary)])
    drawn = sections(p, m, lang)
    book.table(ws, 6, [t(lang, "l2b.plan.sections"), t(lang, "l2b.plan.lines")], [[s.title, len(s.lines)]
                                                                                  for s in drawn])
    bar_chart(book, ws, "bar", t(lang, "l2b.plan.lines"), (7, 6 + len(drawn)), 1, cell(2, 4))
    row = 8 + len(drawn)
    for s in drawn:
        ws.write_string(row, 0, s.title, book.head)
        rows = [[x.label, x.value, _source_name(x.source, lang)] for x in s.lines] or [[s.empty, "", ""]]
        row = book.table(ws, row + 1, [t(lang, "l2b.plan.item"), t(lang, "l2b.plan.value"),
                                       t(lang, "l2b.plan.source")], rows) + 1


def _source_name(tool_id: str, lang: str) -> str:
    from kamcore.tools import TOOLS  # the registry imports this module

    return TOOLS[tool_id].name(lang) if tool_id in TOOLS else ""


def slide(e: Entry, m: ap.PlanMethod, lang: str) -> Slide:
    """The plan in one slide: how many sections are filled, the strategic objective, the positioning
    statement and the budget; what is still empty as the next actions."""
    p = plan_of(e, lang)
    empty = [m.section(s).empty(lang) for s, done in p.filled.items() if not done]
    budget = t(lang, "l2b.strategy.budget_line", revenue=round(p.totals["revenue"]),
               contribution=round(p.totals["contribution"])) if p.totals else None
    return Slide(t(lang, "l2b.plan.finding", account=e.account or e.group, filled=filled(e), total=len(ap.SECTIONS)),
                 lines(p.strategic, p.positioning.statement if any(p.positioning.slots[s] for s in st.SLOTS) else None,
                       budget, p.summary),
                 bars=([m.section(s).title(lang) for s in ap.SECTIONS],
                       {t(lang, "l2b.plan.filled"): [1.0 if p.filled[s] else 0.0 for s in ap.SECTIONS]}),
                 value_range=(0, 1), decimals=0,
                 notes=notes(lang, t(lang, "l2b.plan.method"), t(lang, "l2b.plan.formula")),
                 actions=empty[:3], caption=caption(t(lang, "l2b.plan.name"), e.account))


def progress(inp: ap.PlanInput, result: ap.Plan | None, m: ap.PlanMethod, lang: str) -> Progress:
    """Each section counts once it holds anything."""
    p = ap.evaluate(inp, m) if result is None else result
    scores = tuple(Score(t(lang, "l2b.plan.sections"), m.section(s).title(lang), 1.0 if done else None)
                   for s, done in p.filled.items())
    verdict = None if result is None else f"{sum(p.filled.values())} / {len(ap.SECTIONS)}"
    return Progress(scores, verdict)


def example(m: ap.PlanMethod, example_id: str | None = None, lang: str = "en") -> dict[str, Any]:
    """The plan's own lines, read along with every source tool's worked example for the first account
    the selection example scores: the plan as the course's worked examples make it."""
    from kamcore.tools import TOOLS  # the registry imports this module

    records = {tool_id: TOOLS[tool_id].example(TOOLS[tool_id].method(), lang=lang)
               for tool_id in ap.READS if tool_id in TOOLS}
    first = records[sel.TOOL_ID]["accounts"][0]
    return {**ap.example_input(m, example_id, lang),
            "sources": {**records, ACCOUNT: {"key": first["key"], "name": first["name"]}}}


TOOL = Tool(ap.TOOL_ID, ap.PlanInput, ap.method, ap.evaluate, example, "account", ap.counted,
            name=lambda lang: t(lang, "l2b.plan.name"), short=lambda lang: t(lang, "l2b.plan.short"),
            nav=Nav("develop", "description", "app_pages/account_plan.py"), summary=summary, figure=figure,
            tables=tables, sheet=sheet, slide=slide, blank=ap.blank_input, progress=progress, reads=ap.READS,
            comparison=bar_comparison(lambda lang: t(lang, "l2b.plan.filled"), filled,
                                      lambda m: (0, len(ap.SECTIONS)), decimals=0))
