"""The buying centre and relationship map (关系策略): the account's people with their role in the buying
decision, influence, attitude to us, our relationship strength and who on our side owns the contact.
A person is reached when an owner holds the contact at least `reach_strength` strong. Coverage gaps: key
people (influence ≥ `high_influence`) we do not reach, a single-threaded relationship (at most one owner
reaches anyone), a decider against us, no decider named. The coverage level (点—面—体) is the highest level
whose thresholds hold; the next contacts are the unreached people from the top of the organisation down
(自上而下扫楼梯), the more influential first.

`target_contacts` gives another tool (the account plan) the people to position the plan towards."""

from __future__ import annotations

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
    Scale,
    SpecModel,
    check_choice,
    check_rows,
    check_scores,
    complete_rows,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "buying_centre"
MAX_PEOPLE = 40


class Role(SpecModel):
    id: Id
    name: Text
    description: Text


class Attitude(SpecModel):
    value: int
    name: Text
    color: str


class Level(SpecModel):
    id: Id
    name: Text
    description: Text
    min_reached: int = Field(ge=0)
    min_owners: int = Field(ge=0)
    decider: bool = False  # a decider must be among those reached


class BuyingCentreMethod(MethodSpec):
    tool: Literal["buying_centre"]
    roles: list[Role] = Field(min_length=1)
    influence_scale: Scale
    attitude_scale: Scale
    strength_scale: Scale
    attitudes: list[Attitude] = Field(min_length=2)
    high_influence: float
    reach_strength: float
    next_contacts: int = Field(ge=1, le=10)
    levels: list[Level] = Field(min_length=1)  # from the lowest to the highest

    @model_validator(mode="after")
    def _consistent(self) -> BuyingCentreMethod:
        if "decider" not in [r.id for r in self.roles]:
            raise ValueError("the roles need a 'decider'")
        if {a.value for a in self.attitudes} != set(self.attitude_scale.values):
            raise ValueError("every attitude on the scale needs its name and colour")
        return self

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def attitude(self, value: float) -> Attitude:
        return next(a for a in self.attitudes if a.value == value)

    def level(self, level_id: str) -> Level:
        return next(lv for lv in self.levels if lv.id == level_id)


def method(overrides: dict[str, Any] | None = None) -> BuyingCentreMethod:
    return load_method(TOOL_ID, BuyingCentreMethod, overrides)


def new_key() -> str:
    return f"p{uuid.uuid4().hex[:8]}"


def blank_input(m: BuyingCentreMethod) -> dict[str, Any]:
    return {"people": []}


class Person(DraftRow):
    REQUIRED: ClassVar[tuple[str, ...]] = ("name", "role", "influence", "attitude")
    key: Id
    name: Name = ""
    title: Name = ""
    role: Id | None = None
    influence: float | None = None
    attitude: float | None = None
    strength: float | None = None
    owner: Name = ""  # who on our side owns the contact ("" no one)
    reports_to: Id | None = None  # another person's key: draws the organisation


class BuyingCentreInput(InputModel):
    people: list[Person] = Field(default_factory=list)

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> BuyingCentreInput:
        m = method_in(info, method)
        check_rows(self.people, MAX_PEOPLE, "people")
        keys = {p.key for p in self.people}
        for person in self.people:
            check_choice(person.role, [r.id for r in m.roles])
            for field, scale in (("influence", m.influence_scale), ("attitude", m.attitude_scale),
                                 ("strength", m.strength_scale)):
                check_scores({field: getattr(person, field)}, [field], scale, person.name or "people")
            if person.reports_to not in keys or person.reports_to == person.key:
                person.reports_to = None  # a superior no longer listed: the person stays, at the top
        _break_cycles(self.people)
        return self


def _break_cycles(people: list[Person]) -> None:
    """A chain of superiors that comes back to itself is cut where it closes (that person goes to the top)."""
    boss = {p.key: p for p in people}
    for person in people:
        seen, current = {person.key}, person
        while current.reports_to is not None:
            if current.reports_to in seen:
                current.reports_to = None
                break
            seen.add(current.reports_to)
            current = boss[current.reports_to]


class TargetContact(BaseModel):
    """A person at the account the plan is positioned towards."""

    key: str
    name: str
    role: str
    influence: float
    attitude: float


class BuyingCentreResult(BaseModel):
    people: int  # complete rows
    drafts: int
    reached: list[str]  # keys, in the table's order
    owners: list[str]  # our people who reach someone
    unreached_key: list[str]  # key people we do not reach
    single_threaded: bool
    deciders_against: list[str]
    no_decider: bool
    level: str | None  # the coverage level (点—面—体), None before anyone is reached
    next_contacts: list[str]  # top down: unreached people, the top of the organisation first
    depth: dict[str, int]  # each complete person's distance from the top

    @property
    def gaps(self) -> int:
        return len(self.unreached_key) + self.single_threaded + len(self.deciders_against) + self.no_decider


def reached(person: Person, m: BuyingCentreMethod) -> bool:
    return bool(person.owner) and person.strength is not None and person.strength >= m.reach_strength


def depths(people: list[Person]) -> dict[str, int]:
    """How many superiors above each person (a superior missing from the list counts as none)."""
    boss = {p.key: p.reports_to for p in people}

    def depth(key: str) -> int:
        n = 0
        while (key := boss.get(key)) is not None and n < len(boss):
            n += 1
        return n

    return {p.key: depth(p.key) for p in people}


def coverage_level(people: list[Person], m: BuyingCentreMethod) -> str | None:
    """The highest level (点—面—体) whose thresholds the reached people meet."""
    hit = [p for p in people if reached(p, m)]
    owners = {p.owner for p in hit}
    met = [lv.id for lv in m.levels if hit and len(hit) >= lv.min_reached and len(owners) >= lv.min_owners
           and (not lv.decider or any(p.role == "decider" for p in hit))]
    return met[-1] if met else None


def evaluate(inp: BuyingCentreInput, m: BuyingCentreMethod) -> BuyingCentreResult:
    people = complete_rows(inp.people)
    hit = [p for p in people if reached(p, m)]
    owners = list(dict.fromkeys(p.owner for p in hit))
    depth = depths(people)
    unreached = sorted((p for p in people if not reached(p, m)),
                       key=lambda p: (depth[p.key], -p.influence, p.name))
    return BuyingCentreResult(
        people=len(people), drafts=len(inp.people) - len(people), reached=[p.key for p in hit], owners=owners,
        unreached_key=[p.key for p in people if p.influence >= m.high_influence and not reached(p, m)],
        single_threaded=len(people) >= 2 and len(owners) <= 1,
        deciders_against=[p.key for p in people if p.role == "decider" and p.attitude < 0],
        no_decider=bool(people) and not any(p.role == "decider" for p in people),
        level=coverage_level(people, m), next_contacts=[p.key for p in unreached[:m.next_contacts]], depth=depth)


def target_contacts(record: BuyingCentreInput, min_influence: float | None = None) -> list[TargetContact]:
    """The account's contacts to position the plan towards, most influential first (then as listed):
    every complete person of a validated buying centre, or only those of at least `min_influence`
    (pass m.high_influence for the key people)."""
    people = [p for p in complete_rows(record.people) if min_influence is None or p.influence >= min_influence]
    ranked = sorted(enumerate(people), key=lambda np: (-np[1].influence, np[0]))
    return [TargetContact(key=p.key, name=p.name, role=p.role, influence=p.influence, attitude=p.attitude)
            for _, p in ranked]


def counted(inp: BuyingCentreInput, m: BuyingCentreMethod | None = None) -> BuyingCentreInput | None:
    """The complete people; None until there is one."""
    people = complete_rows(inp.people)
    return inp.model_copy(update={"people": people}) if people else None
