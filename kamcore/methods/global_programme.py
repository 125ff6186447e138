"""The global account programme plan (全球大客户方案规划): who runs the programme (the global account
manager, the country managers and how they are coordinated), which products and services are
harmonised across countries or developed for the account, the phases from pilot to roll-out, and the
information each party needs from the information system and the financial system that monitor it.

The plan is checked against the course's conditions for launching it (the method file lists them);
every condition met, the programme is ready for its pilot."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import (
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Name,
    Note,
    ShortText,
    SpecModel,
    check_choice,
    check_tables,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "global_programme"
TABLES = ("managers", "offers", "phases", "information")
CHECKS = ("gam", "managers", "coordination", "offers", "pilot_first", "informed", "financial")
MAX_ROWS = 100


# ---- methodology --------------------------------------------------------------------------------

class Choice(SpecModel):
    """One of the plan's choices. Its words are `text`, not `label` or `name`: none of these is a scored
    criterion, and the map by which error messages name criteria (kamcore.i18n) must not take generic ids
    such as 'sponsor' or 'scope' from this tool."""

    id: Id
    text: Text
    description: Text | None = None


class Phase(Choice):
    order: int = Field(ge=1)  # pilot 1, roll-out 2 …: a phase may not start before one of a lower order


class Party(Choice):
    required: bool = True  # the plan names what this party needs before it is ready


class Source(Choice):
    financial: bool = False  # the financial system that monitors the programme


class FieldLabel(SpecModel):
    """A field's or a column's words, as the page and the sheet name it."""

    id: Id
    text: Text


class CheckSpec(SpecModel):
    id: Literal[CHECKS]  # type: ignore[valid-type]
    text: Text  # the condition, as met
    gap: Text  # what to do while it is not


class ProgrammeMethod(MethodSpec):
    tool: Literal["global_programme"]
    fields: list[FieldLabel]
    coordination: list[Choice] = Field(min_length=1)
    lines: list[Choice] = Field(min_length=1)  # how a country manager reports to the global account manager
    actions: list[Choice] = Field(min_length=1)  # harmonise or develop
    phases: list[Phase] = Field(min_length=2)
    parties: list[Party] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    frequencies: list[Choice] = Field(min_length=1)
    checks: list[CheckSpec]

    @model_validator(mode="after")
    def _consistent(self) -> ProgrammeMethod:
        for what in ("coordination", "lines", "actions", "phases", "parties", "sources", "frequencies", "fields"):
            ids = [c.id for c in getattr(self, what)]
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}: ids must be unique")
        if sorted(c.id for c in self.checks) != sorted(CHECKS):
            raise ValueError(f"checks are exactly {', '.join(CHECKS)}")
        if not any(s.financial for s in self.sources):
            raise ValueError("one source is the financial system (financial: true)")
        if min(p.order for p in self.phases) != 1 or sum(p.order == 1 for p in self.phases) != 1:
            raise ValueError("exactly one phase, the pilot, has order 1")
        return self

    def field_label(self, field_id: str, lang: str) -> str:
        return next(f.text(lang) for f in self.fields if f.id == field_id)

    def choice(self, what: str, choice_id: str | None) -> Choice | None:
        return next((c for c in getattr(self, what) if c.id == choice_id), None)

    def check(self, check_id: str) -> CheckSpec:
        return next(c for c in self.checks if c.id == check_id)

    @property
    def pilot(self) -> Phase:
        return next(p for p in self.phases if p.order == 1)


def method(overrides: dict[str, Any] | None = None) -> ProgrammeMethod:
    return load_method(TOOL_ID, ProgrammeMethod, overrides)


def new_key() -> str:
    return f"r{uuid.uuid4().hex[:8]}"


def blank_input(m: ProgrammeMethod) -> dict[str, Any]:
    return {"gam": "", "sponsor": "", "coordination": None, "coordination_note": "",
            **{table: [] for table in TABLES}}


# ---- input ----------------------------------------------------------------------------------------

class ManagerRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("country", "manager")
    key: Id
    country: Name = ""
    manager: Name = ""
    line: Id | None = None


class OfferRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("offer", "action")
    key: Id
    offer: ShortText = ""
    action: Id | None = None
    scope: ShortText = ""
    owner: Name = ""


class PhaseRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("phase", "scope")
    key: Id
    phase: Id | None = None
    scope: ShortText = ""  # the countries (or business units) it covers
    start: dt.date | None = None
    end: dt.date | None = None
    milestone: ShortText = ""


class InfoRow(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("party", "need", "source")
    key: Id
    party: Id | None = None
    need: ShortText = ""
    source: Id | None = None
    frequency: Id | None = None


CHOICES = {("managers", "line"): "lines", ("offers", "action"): "actions", ("phases", "phase"): "phases",
           ("information", "party"): "parties", ("information", "source"): "sources",
           ("information", "frequency"): "frequencies"}


class ProgrammeInput(InputModel):
    gam: Name = ""  # the global account manager
    sponsor: Name = ""  # the executive sponsor
    coordination: Id | None = None
    coordination_note: Note = ""
    managers: list[ManagerRow] = Field(default_factory=list, max_length=MAX_ROWS)
    offers: list[OfferRow] = Field(default_factory=list, max_length=MAX_ROWS)
    phases: list[PhaseRow] = Field(default_factory=list, max_length=MAX_ROWS)
    information: list[InfoRow] = Field(default_factory=list, max_length=MAX_ROWS)

    @model_validator(mode="after")
    def _choices_of_the_method(self, info: ValidationInfo) -> ProgrammeInput:
        m = method_in(info, method)
        check_choice(self.coordination, ids_of(m.coordination))
        check_tables(self, m, TABLES, CHOICES)
        return self


# ---- results ---------------------------------------------------------------------------------------

class Check(BaseModel):
    id: str
    passed: bool


class ProgrammeResult(BaseModel):
    checks: list[Check]  # in the method's order
    passed: int
    ready: bool  # every condition met: the pilot can start
    countries: list[str]  # the countries with a named manager
    offers: dict[str, int]  # by action
    phases: list[str]  # keys of the complete phases, in the order they run
    information: dict[str, int]  # needs by party
    sources: dict[str, int]  # needs by source
    uninformed: list[str]  # parties the method requires whose needs the plan does not name
    out_of_order: list[str]  # phase keys that start before a phase they follow, or end before they start
    drafts: int


def _ordered(phases: list[PhaseRow], m: ProgrammeMethod) -> list[PhaseRow]:
    order = {p.id: p.order for p in m.phases}
    return sorted(phases, key=lambda p: (order[p.phase], p.start or dt.date.max))


def out_of_order(phases: list[PhaseRow], m: ProgrammeMethod) -> list[str]:
    """Phases that end before they start, or start before a phase of a lower order starts."""
    order = {p.id: p.order for p in m.phases}
    wrong = [p.key for p in phases if p.start and p.end and p.end < p.start]
    for p in phases:
        earlier = [q.start for q in phases if order[q.phase] < order[p.phase] and q.start]
        if p.start and earlier and p.start < min(earlier) and p.key not in wrong:
            wrong.append(p.key)
    return wrong


def evaluate(inp: ProgrammeInput, m: ProgrammeMethod) -> ProgrammeResult:
    managers, offers = complete_rows(inp.managers), complete_rows(inp.offers)
    phases, needs = complete_rows(inp.phases), complete_rows(inp.information)
    wrong = out_of_order(phases, m)
    informed = {r.party for r in needs}
    uninformed = [p.id for p in m.parties if p.required and p.id not in informed]
    financial = {s.id for s in m.sources if s.financial}
    passed = {"gam": bool(inp.gam), "managers": bool(managers), "coordination": inp.coordination is not None,
              "offers": bool(offers), "pilot_first": any(p.phase == m.pilot.id for p in phases) and not wrong,
              "informed": not uninformed, "financial": any(r.source in financial for r in needs)}
    checks = [Check(id=c.id, passed=passed[c.id]) for c in m.checks]
    drafts = sum(len(getattr(inp, table)) for table in TABLES) - len(managers + offers + phases + needs)
    return ProgrammeResult(
        checks=checks, passed=sum(c.passed for c in checks), ready=all(c.passed for c in checks),
        countries=[r.country for r in managers],
        offers={a.id: sum(r.action == a.id for r in offers) for a in m.actions},
        phases=[p.key for p in _ordered(phases, m)],
        information={p.id: sum(r.party == p.id for r in needs) for p in m.parties},
        sources={s.id: sum(r.source == s.id for r in needs) for s in m.sources}, uninformed=uninformed,
        out_of_order=wrong, drafts=drafts)


DATES = ("start", "end")


def from_table(data: dict[str, Any], table: str, columns: tuple[str, ...], edited: list[dict[str, Any]]
               ) -> dict[str, Any]:
    """The worksheet with one of its tables as the page hands it back: rows left empty are no rows,
    an emptied cell (None or NaN) is empty, dates are kept as ISO text, and a new row gets its key."""
    choices = {c for _, c in CHOICES}

    def cell(column: str, value: Any) -> Any:
        if value is None or value != value:  # NaN is not equal to itself
            return None if column in choices or column in DATES else ""
        if column in DATES:
            day = value if isinstance(value, dt.date) else _date(value)
            return day.isoformat() if day else None
        return value

    rows = [{c: cell(c, r.get(c)) for c in columns} | {"key": r.get("key") or new_key()} for r in edited]
    return {**data, table: [r for r in rows if any(r[c] not in (None, "") for c in columns)]}


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value not in ("", None) else None
    except ValueError:
        return None


def counted(inp: ProgrammeInput, m: ProgrammeMethod | None = None) -> ProgrammeInput | None:
    """The plan's complete rows (what projector and exports show); None while nothing is planned."""
    tables = {table: complete_rows(getattr(inp, table)) for table in TABLES}
    if not (inp.gam or inp.coordination or any(tables.values())):
        return None
    return inp.model_copy(update=tables)
