"""The connected account plan (大客户计划): one account's plan read top to bottom as the course teaches it
(analysis → objectives and focus → positioning → actions → resources → budget), assembled from what the
group did in the other tools. Nothing in it is typed twice: the plan's own worksheet holds only who owns
it, when it is reviewed next and its summary; every other field is read off its source tool's
worksheet for the same account (kamcore.methods.sources), so changing the source changes the plan."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods import account_strategy as st
from kamcore.methods.common import Id, InputModel, LongNote, MethodSpec, Name, SpecModel, complete_rows, criterion_name
from kamcore.methods.common import example_input as example_input
from kamcore.methods.sources import (
    BUYING_CENTRE,
    COMPETITION,
    PARTNERSHIP,
    SELECTION,
    STRATEGY,
    VALUE,
    account_of,
    contacts,
    read,
    source,
)

TOOL_ID = "account_plan"
SECTIONS = ("analysis", "objectives", "positioning", "actions", "resources", "budget")
READS = (SELECTION, VALUE, COMPETITION, PARTNERSHIP, BUYING_CENTRE, STRATEGY)
SOURCE_OF = {"attractiveness": SELECTION, "partnership": PARTNERSHIP, "competition": COMPETITION,
             "contacts": BUYING_CENTRE, "value": VALUE, "strategy": STRATEGY}


class SectionSpec(SpecModel):
    id: Literal[SECTIONS]  # type: ignore[valid-type]
    title: Text
    empty: Text  # what to do while the section has nothing


class PlanMethod(MethodSpec):
    tool: Literal["account_plan"]
    sections: list[SectionSpec]

    def section(self, section_id: str) -> SectionSpec:
        return next(s for s in self.sections if s.id == section_id)


def method(overrides: dict[str, Any] | None = None) -> PlanMethod:
    return load_method(TOOL_ID, PlanMethod, overrides)


def blank_input(m: PlanMethod | None = None) -> dict[str, Any]:
    return {"owner": "", "review": None, "summary": ""}


class PlanInput(InputModel):
    owner: Name = ""  # who owns the plan (the key account manager)
    review: dt.date | None = None  # when it is reviewed next
    summary: LongNote = ""  # the plan in a few sentences: what it asks of the company
    sources: dict[Id, dict[str, Any]] = Field(default_factory=dict)  # read along (kamcore.reads); never typed


# ---- the plan model --------------------------------------------------------------------------------

class Gap(BaseModel):
    benefit: str
    ours: float
    competitor: str
    theirs: float


class Analysis(BaseModel):
    attractiveness: float | None = None
    band: str | None = None  # the attractiveness band's id
    portfolio: str | None = None  # the portfolio matrix cell's category id
    partnership: str | None = None  # the partnership type's outcome id
    our_rank: int | None = None
    suppliers: int = 0
    leader: str | None = None  # the first-ranked supplier
    advantages: list[str] = []  # benefits where we lead on what matters
    gaps: list[Gap] = []  # benefits that matter where the best competitor leads us
    contacts: list[str] = []


class Quadrants(BaseModel):
    q1: list[str] = []
    q2: list[str] = []
    q3: list[str] = []
    q4: list[str] = []
    score: float | None = None


class Plan(BaseModel):
    account: str
    owner: str
    review: dt.date | None
    summary: str
    made: dict[str, bool]  # source tool id -> the group has work there that computes
    analysis: Analysis
    strategic: str = ""
    direction: str | None = None
    stage: str | None = None
    objectives: list[st.Target] = []
    focus: dict[str, str] = {}
    levers: list[str] = []
    value: Quadrants
    positioning: st.PositioningResult
    actions: list[st.Action] = []
    resources: list[st.Resource] = []
    budget: list[st.Quarter] = []
    totals: dict[str, float] = {}
    points: int | None = None
    possible: int | None = None

    @property
    def filled(self) -> dict[str, bool]:
        """Each section of the plan: does it hold anything yet."""
        a = self.analysis
        return {"analysis": a.attractiveness is not None or a.partnership is not None or a.our_rank is not None
                or bool(a.contacts),
                "objectives": bool(self.strategic or self.objectives or any(self.focus.values())),
                "positioning": any(getattr(self.value, q) for q in ("q1", "q2", "q3", "q4"))
                or any(self.positioning.slots[s] for s in st.SLOTS),
                "actions": bool(self.actions), "resources": bool(self.resources), "budget": bool(self.budget)}


def _analysis(records: dict[str, Any], account_key: str, lang: str, methods: dict[str, Any]) -> Analysis:
    found: dict[str, Any] = {"contacts": contacts(records, methods.get(BUYING_CENTRE))}
    selection = source(records, SELECTION, methods.get(SELECTION))
    if selection is not None:
        mine = next((a for a in selection.result.accounts if a.key == account_key), None)
        if mine is not None:
            found |= {"attractiveness": mine.attractiveness, "band": mine.band, "portfolio": mine.portfolio}
    partnership = source(records, PARTNERSHIP, methods.get(PARTNERSHIP))
    if partnership is not None:
        found["partnership"] = partnership.result.verdict
    ranking = source(records, COMPETITION, methods.get(COMPETITION))
    if ranking is not None and ranking.result.our_rank is not None:
        r, inp, m = ranking.result, ranking.input, ranking.method
        names = {b.id: criterion_name(b, m.benefits, lang) for b in inp.benefits}
        rivals = {s.key: s.name for s in r.suppliers}
        found |= {"our_rank": r.our_rank, "suppliers": len(r.suppliers), "leader": r.suppliers[0].name,
                  "advantages": [names[b.id] for b in r.benefits if b.classification == "differential_advantage"],
                  "gaps": [Gap(benefit=names[b.id], ours=b.ours, competitor=rivals.get(b.best_competitor, ""),
                               theirs=b.best_competitor_rating) for b in r.benefits
                           if b.classification == "vulnerability"]}
    elif ranking is not None:
        found["suppliers"] = len(ranking.result.suppliers)
    return Analysis(**found)


def _quadrants(records: dict[str, Any], methods: dict[str, Any]) -> Quadrants:
    value = source(records, VALUE, methods.get(VALUE))
    if value is None:
        return Quadrants()
    inp = value.input
    first = {"q1": "statement", "q2": "measure", "q3": "commitment", "q4": "kpi"}
    items = {q: [getattr(i, field) for i in getattr(inp, q) if getattr(i, field)] for q, field in first.items()}
    return Quadrants(**items, score=value.result.score if value.result.started else None)


def assemble(plan: PlanInput, lang: str = "en", methods: dict[str, Any] | None = None) -> Plan:
    """The account plan from the plan's own worksheet and the sources read along with it: every field
    taken from the tool that makes it, under that tool's method (a workshop's, where given)."""
    methods = methods or {}
    records = plan.sources
    key, name = account_of(records)
    strategy = source(records, STRATEGY, methods.get(STRATEGY))
    sm = strategy.method if strategy else st.method()
    sources = read(records, lang, methods)
    own = strategy.input.positioning if strategy else st.Positioning()
    placed = st.positioning(sources, own, sm.positioning_template(lang), lang)
    found: dict[str, Any] = {}
    if strategy is not None:
        inp, r = strategy.input, st.evaluate_with(strategy.input, sm, sources, lang)
        found = {"strategic": inp.strategic, "direction": inp.direction, "stage": inp.stage,
                 "objectives": st.objectives(records[STRATEGY], sm), "focus": {k: v for k, v in inp.focus.items() if v},
                 "levers": inp.levers, "actions": st.actions(records[STRATEGY], sm),
                 "resources": complete_rows(inp.resources), "budget": complete_rows(inp.budget),
                 "totals": r.totals, "points": r.points, "possible": r.possible}
    made = {tool: source(records, tool, methods.get(tool)) is not None for tool in READS}
    return Plan(account=name, owner=plan.owner, review=plan.review, summary=plan.summary, made=made,
                analysis=_analysis(records, key, lang, methods), value=_quadrants(records, methods),
                positioning=placed, **found)


def evaluate(inp: PlanInput, m: PlanMethod) -> Plan:
    return assemble(inp)


def counted(inp: PlanInput, m: PlanMethod | None = None) -> PlanInput | None:
    """The plan once it holds anything: its own fields, or work in a tool it reads."""
    if inp.owner or inp.summary or inp.review or any(k in inp.sources for k in READS):
        return inp
    return None

