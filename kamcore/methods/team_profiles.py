"""Team profiles (大客户团队的画像): each person on the group's key-account team rated against the
profile dimensions of their role (key account manager, regional sales, sales support); a gap is how
far a score falls short of the role's target level, shown per person and per role."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import (
    Anchors,
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Name,
    Note,
    Scale,
    SpecModel,
    check_choice,
    check_rows,
    check_scores,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "team_profiles"
MAX_PEOPLE = 60


class Dimension(SpecModel):
    id: Id
    name: Text
    definition: Text
    target: float  # the level the role needs


class ProfileRole(SpecModel):
    id: Id
    label: Text
    dimensions: list[Dimension] = Field(min_length=1)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)


class ProfilesMethod(MethodSpec):
    tool: Literal["team_profiles"]
    scale: Scale
    anchors: Anchors | None = None
    roles: list[ProfileRole] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ProfilesMethod:
        if len(set(ids_of(self.roles))) != len(self.roles):
            raise ValueError("roles: ids must be unique")
        for role in self.roles:
            if len(set(ids_of(role.dimensions))) != len(role.dimensions):
                raise ValueError(f"role {role.id}: dimension ids must be unique")
            if any(not self.scale.contains(d.target) for d in role.dimensions):
                raise ValueError(f"role {role.id}: a target lies on the scale")
        return self

    def role(self, role_id: str | None) -> ProfileRole | None:
        return next((r for r in self.roles if r.id == role_id), None)


def method(overrides: dict[str, Any] | None = None) -> ProfilesMethod:
    return load_method(TOOL_ID, ProfilesMethod, overrides)


def blank_input(m: ProfilesMethod) -> dict[str, Any]:
    return {"people": []}


class Person(DraftRow):
    """A person on the team; a draft until named and given a role, rated once every dimension of the role is."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("name", "role")
    key: Id
    name: Name = ""
    role: Id | None = None
    scores: dict[Id, float] = Field(default_factory=dict, max_length=40)
    note: Note = ""


class ProfilesInput(InputModel):
    people: list[Person] = Field(default_factory=list)

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> ProfilesInput:
        m = method_in(info, method)
        check_rows(self.people, MAX_PEOPLE, "people")
        for person in self.people:
            check_choice(person.role, ids_of(m.roles))
            role = m.role(person.role)
            # scores of another role's dimensions are kept while the role is unset, dropped once it is set
            ids = ids_of(role.dimensions) if role else list(person.scores)
            person.scores = check_scores(person.scores, ids, m.scale, person.name or person.key)
        return self


class PersonResult(BaseModel):
    key: str
    name: str
    role: str
    scores: dict[str, float]
    gaps: dict[str, float]  # dimension → how far below the target (only those below)
    gap_total: float
    at_target: int  # dimensions at or above target


class RoleResult(BaseModel):
    role: str
    people: int
    average: dict[str, float]  # dimension → the role's mean score
    gaps: dict[str, float]  # dimension → the role's mean shortfall below target (0 where none)


class ProfilesResult(BaseModel):
    people: list[PersonResult]  # fully rated people, in the group's order
    unrated: list[str]  # keys of people named with a role but not every dimension rated
    roles: list[RoleResult]  # roles with at least one rated person, in the method's order
    biggest: list[tuple[str, str, float]] = []  # (person key, dimension, gap), largest first


def rated(person: Person, m: ProfilesMethod) -> bool:
    role = m.role(person.role)
    return person.complete() and role is not None and all(d.id in person.scores for d in role.dimensions)


def person_result(person: Person, role: ProfileRole) -> PersonResult:
    gaps = {d.id: d.target - person.scores[d.id] for d in role.dimensions if person.scores[d.id] < d.target}
    return PersonResult(key=person.key, name=person.name, role=role.id, scores=dict(person.scores), gaps=gaps,
                        gap_total=math.fsum(gaps.values()), at_target=len(role.dimensions) - len(gaps))


def role_result(role: ProfileRole, people: list[PersonResult]) -> RoleResult:
    mine = [p for p in people if p.role == role.id]
    return RoleResult(role=role.id, people=len(mine),
                      average={d.id: math.fsum(p.scores[d.id] for p in mine) / len(mine) for d in role.dimensions},
                      gaps={d.id: math.fsum(p.gaps.get(d.id, 0) for p in mine) / len(mine) for d in role.dimensions})


def evaluate(inp: ProfilesInput, m: ProfilesMethod) -> ProfilesResult:
    people = [person_result(p, m.role(p.role)) for p in inp.people if rated(p, m)]
    roles = [role_result(r, people) for r in m.roles if any(p.role == r.id for p in people)]
    biggest = sorted(((p.key, d, g) for p in people for d, g in p.gaps.items()), key=lambda x: -x[2])
    return ProfilesResult(people=people, roles=roles, biggest=biggest,
                          unrated=[p.key for p in inp.people if p.complete() and not rated(p, m)])


def counted(inp: ProfilesInput, m: ProfilesMethod | None = None) -> ProfilesInput | None:
    m = m or method()
    people = [p for p in inp.people if rated(p, m)]
    return inp.model_copy(update={"people": people}) if people else None
