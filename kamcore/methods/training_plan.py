"""The "2+1+1" training plan (“2+1+1”大客户团队培训法): for each person's profile gap, the phases the
method defines (by default: learn, apply on a real account, review and pass), each with a due date,
an owner, the evidence that closes it and a status; kept for the follow-up after the course. A gap is
closed once its last phase is done."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods import team_profiles as tp
from kamcore.methods.common import (
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Name,
    Note,
    SpecModel,
    check_choice,
    check_rows,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "training_plan"
MAX_ROWS = 300


class Phase(SpecModel):
    id: Id
    label: Text
    action: Text  # the default action, with {dimension}
    evidence: Text  # the default evidence that closes the phase
    days: int = Field(ge=0, le=3650)  # due this many days after the plan's start


class Status(SpecModel):
    id: Id
    label: Text
    done: bool = False


class PlanMethod(MethodSpec):
    tool: Literal["training_plan"]
    reading: Text  # how the project reads "2+1+1" (no published definition was found)
    phases: list[Phase] = Field(min_length=1)
    statuses: list[Status] = Field(min_length=2)

    @model_validator(mode="after")
    def _consistent(self) -> PlanMethod:
        for what, ids in (("phases", ids_of(self.phases)), ("statuses", ids_of(self.statuses))):
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}: ids must be unique")
        if not any(s.done for s in self.statuses) or all(s.done for s in self.statuses):
            raise ValueError("at least one status means done, and at least one does not")
        return self

    def phase(self, phase_id: str | None) -> Phase | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def status(self, status_id: str | None) -> Status | None:
        return next((s for s in self.statuses if s.id == status_id), None)


def method(overrides: dict[str, Any] | None = None) -> PlanMethod:
    return load_method(TOOL_ID, PlanMethod, overrides)


def blank_input(m: PlanMethod) -> dict[str, Any]:
    return {"start": None, "rows": []}


class PlanRow(DraftRow):
    """One step for one person's gap: counts once it names the person, the phase, the action and its due date."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("person", "phase", "action", "due")
    key: Id
    person: Name = ""
    role: Id | None = None  # the profile role and dimension the gap is on (empty for a step the group adds)
    dimension: Id | None = None
    phase: Id | None = None
    action: Note = ""
    owner: Name = ""
    due: date | None = None
    evidence: Note = ""
    status: Id | None = None


class PlanInput(InputModel):
    start: date | None = None  # when the follow-up starts (the phases' due dates count from it)
    rows: list[PlanRow] = Field(default_factory=list)

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> PlanInput:
        m = method_in(info, method)
        check_rows(self.rows, MAX_ROWS, "rows")
        for row in self.rows:
            check_choice(row.phase, ids_of(m.phases))
            check_choice(row.status, ids_of(m.statuses))
        return self


class PlanResult(BaseModel):
    total: int  # complete rows
    drafts: int
    by_phase: dict[str, int]
    done: int
    overdue: list[str]  # keys of rows past due and not done
    people: list[str]  # who has a plan, in order of first appearance
    gaps: int  # (person, dimension) pairs planned
    closed: int  # of those, the ones whose last phase is done


def _done(row: PlanRow, m: PlanMethod) -> bool:
    status = m.status(row.status)
    return status is not None and status.done


def evaluate(inp: PlanInput, m: PlanMethod, today: date | None = None) -> PlanResult:
    today = today or date.today()
    rows = complete_rows(inp.rows)
    last = m.phases[-1].id
    gaps = {(r.person, r.dimension) for r in rows if r.dimension}
    closed = {(r.person, r.dimension) for r in rows if r.dimension and r.phase == last and _done(r, m)}
    return PlanResult(total=len(rows), drafts=len(inp.rows) - len(rows),
                      by_phase={p.id: sum(r.phase == p.id for r in rows) for p in m.phases},
                      done=sum(_done(r, m) for r in rows),
                      overdue=[r.key for r in rows if r.due < today and not _done(r, m)],
                      people=list(dict.fromkeys(r.person for r in rows)), gaps=len(gaps), closed=len(closed))


def counted(inp: PlanInput, m: PlanMethod | None = None) -> PlanInput | None:
    rows = complete_rows(inp.rows)
    return inp.model_copy(update={"rows": sorted(rows, key=lambda r: (r.due, r.person))}) if rows else None


def unplanned(profiles: tp.ProfilesResult, pm: tp.ProfilesMethod, inp: PlanInput) -> list[tuple[str, str, str]]:
    """The profile gaps (person name, role, dimension) that no row of the plan addresses yet."""
    planned = {(r.person, r.dimension) for r in inp.rows}
    return [(p.name, p.role, d) for p in profiles.people for d in p.gaps if (p.name, d) not in planned]


def rows_for_gaps(gaps: list[tuple[str, str, str]], pm: tp.ProfilesMethod, m: PlanMethod, start: date, lang: str,
                  owner: str = "") -> list[dict[str, Any]]:
    """One row per phase for each gap, with the method's default action, due date and evidence."""
    rows = []
    for person, role_id, dimension_id in gaps:
        role = pm.role(role_id)
        dimension = role.dimension(dimension_id) if role else None
        name = dimension.name(lang) if dimension else dimension_id
        for phase in m.phases:
            rows.append({"key": f"r{uuid.uuid4().hex[:10]}",
                         "person": person, "role": role_id, "dimension": dimension_id, "phase": phase.id,
                         "action": phase.action(lang).replace("{dimension}", name), "owner": owner,
                         "due": (start + timedelta(days=phase.days)).isoformat(), "evidence": phase.evidence(lang),
                         "status": m.statuses[0].id})
    return rows
