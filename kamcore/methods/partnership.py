"""The partnership model (合作伙伴关系模型, Lambert, Emmelhainz & Gardner): drivers on both sides and
facilitators give a partnership type through the propensity-to-partner matrix; the components the
type calls for are set beside the group's current ones; outcomes and the course's cautions are kept."""

from __future__ import annotations

import statistics
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import (
    BandSpec,
    Id,
    InputModel,
    MethodSpec,
    Note,
    Scale,
    SpecModel,
    band_id,
    check_band_list,
    check_scores,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "partnership"


# ---- methodology --------------------------------------------------------------------------------

class Driver(SpecModel):
    id: Id
    name: Text
    prompts: list[Text]


class Factor(SpecModel):
    id: Id
    name: Text
    meaning: Text


class Outcome(SpecModel):
    """A verdict: arm's length or a partnership type, with its place on the components' scale."""

    id: Id
    label: Text
    short: Text  # fits a cell of the matrix chart
    description: Text
    level: int = Field(ge=0)
    color: str


class Component(SpecModel):
    id: Id
    name: Text
    settings: dict[Id, Text]  # outcome id → what this component looks like at that level


class CheckItem(SpecModel):
    id: Id
    text: Text
    warning: Text


class ExpectedOutcome(SpecModel):
    id: Id
    group: Literal["financial", "process", "competitive"]
    name: Text



class PartnershipMethod(MethodSpec):
    tool: Literal["partnership"]
    driver_scale: Scale
    drivers: list[Driver] = Field(min_length=1)
    facilitator_scale: Scale
    facilitators: list[Factor] = Field(min_length=1)
    bonus_facilitators: list[Factor]
    bonus_points: float = Field(default=1, ge=0)
    decision_rule: Literal["lower", "mean"] = "lower"
    asymmetry_gap: float = Field(gt=0)
    bands: list[BandSpec]
    matrix: dict[Id, dict[Id, Id]]  # driver band → facilitator band → outcome
    outcomes: list[Outcome] = Field(min_length=2)
    components: list[Component] = Field(min_length=1)
    expected_outcomes: list[ExpectedOutcome]
    cautions: list[CheckItem]
    unsuited: list[CheckItem]

    _bands = field_validator("bands")(check_band_list)

    @model_validator(mode="after")
    def _matrix_complete(self) -> PartnershipMethod:
        bands, outcomes = {b.id for b in self.bands}, {o.id for o in self.outcomes}
        if set(self.matrix) != bands or any(set(row) != bands for row in self.matrix.values()):
            raise ValueError(f"the matrix needs a cell for every pair of bands {sorted(bands)}")
        if unknown := {cell for row in self.matrix.values() for cell in row.values()} - outcomes:
            raise ValueError(f"the matrix names unknown outcomes {sorted(unknown)}")
        for component in self.components:
            if set(component.settings) != outcomes:
                raise ValueError(f"component {component.id} needs a setting for every outcome")
        return self

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == outcome_id)

    def band(self, band: str) -> BandSpec:
        return next(b for b in self.bands if b.id == band)


def method(overrides: dict[str, Any] | None = None) -> PartnershipMethod:
    return load_method(TOOL_ID, PartnershipMethod, overrides)


def blank_input(m: PartnershipMethod) -> dict[str, Any]:
    """A worksheet with nothing scored yet: no verdict before the group has thought."""
    return {
        "drivers_us": {}, "drivers_customer": {}, "facilitators": {},
        "bonus": [], "components": {}, "expected": {}, "cautions": [], "unsuited": [],
    }


# ---- input ----------------------------------------------------------------------------------------

class PartnershipInput(InputModel):
    drivers_us: dict[Id, float]
    drivers_customer: dict[Id, float]
    facilitators: dict[Id, float]
    bonus: list[Id] = []
    components: dict[Id, Id] = {}  # component id → outcome id whose setting matches today's practice
    expected: dict[Id, Note] = {}  # expected outcome id → target or note
    cautions: list[Id] = []
    unsuited: list[Id] = []

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> PartnershipInput:
        m = method_in(info, method)
        for field, factors, scale in (("drivers_us", m.drivers, m.driver_scale),
                                      ("drivers_customer", m.drivers, m.driver_scale),
                                      ("facilitators", m.facilitators, m.facilitator_scale)):
            setattr(self, field, check_scores(getattr(self, field), ids_of(factors), scale, field))
        _known(self.bonus, [f.id for f in m.bonus_facilitators], "bonus")
        _known(list(self.components), [c.id for c in m.components], "components")
        _known(list(self.components.values()), [o.id for o in m.outcomes], "components")
        _known(list(self.expected), [e.id for e in m.expected_outcomes], "expected")
        _known(self.cautions, [c.id for c in m.cautions], "cautions")
        _known(self.unsuited, [c.id for c in m.unsuited], "unsuited")
        return self


def _known(values: list[str], allowed: list[str], where: str) -> None:
    if unknown := sorted(set(values) - set(allowed)):
        raise PydanticCustomError("unknown_ids", "{where}: unknown {values}", {"where": where, "values": unknown})


# ---- results ---------------------------------------------------------------------------------------

class ComponentCheck(BaseModel):
    id: str
    recommended: str | None  # None until there is a verdict
    current: str | None
    status: Literal["match", "below", "above", "unset"]


class PartnershipResult(BaseModel):
    """The verdict and its numbers; all None (and `missing` says what to score) until every
    driver on both sides and every facilitator is scored."""

    drivers_us: float | None
    drivers_customer: float | None
    drivers: float | None  # the score used for the decision
    asymmetry: bool
    facilitators: float | None
    driver_band: str | None
    facilitator_band: str | None
    verdict: str | None
    components: list[ComponentCheck]
    warnings: list[str]  # ids of ticked cautions and unsuited characteristics
    missing: list[Literal["drivers_us", "drivers_customer", "facilitators"]] = []


SCORED_FIELDS = ("drivers_us", "drivers_customer", "facilitators")


def missing(inp: PartnershipInput, m: PartnershipMethod) -> list[str]:
    ids = {"drivers_us": [d.id for d in m.drivers], "drivers_customer": [d.id for d in m.drivers],
           "facilitators": [f.id for f in m.facilitators]}
    return [f for f in SCORED_FIELDS if set(ids[f]) - set(getattr(inp, f))]


def counted(inp: PartnershipInput, m: PartnershipMethod | None = None) -> PartnershipInput | None:
    """The worksheet if it is fully scored (what projector and exports show), else None."""
    return None if missing(inp, m or method()) else inp


def evaluate(inp: PartnershipInput, m: PartnershipMethod) -> PartnershipResult:
    if gaps := missing(inp, m):
        return PartnershipResult(
            drivers_us=None, drivers_customer=None, drivers=None, asymmetry=False, facilitators=None,
            driver_band=None, facilitator_band=None, verdict=None, missing=gaps,
            components=[ComponentCheck(id=c.id, recommended=None, current=inp.components.get(c.id), status="unset")
                        for c in m.components],
            warnings=[*inp.cautions, *inp.unsuited])
    us, customer = sum(inp.drivers_us.values()), sum(inp.drivers_customer.values())
    drivers = min(us, customer) if m.decision_rule == "lower" else statistics.fmean((us, customer))
    facilitators = sum(inp.facilitators.values()) + m.bonus_points * len(set(inp.bonus))
    driver_band, facilitator_band = band_id(drivers, m.bands), band_id(facilitators, m.bands)
    verdict = m.matrix[driver_band][facilitator_band]
    return PartnershipResult(
        drivers_us=us, drivers_customer=customer, drivers=drivers, asymmetry=abs(us - customer) >= m.asymmetry_gap,
        facilitators=facilitators, driver_band=driver_band, facilitator_band=facilitator_band, verdict=verdict,
        components=[_component(c.id, verdict, inp, m) for c in m.components],
        warnings=[*inp.cautions, *inp.unsuited],
    )


def _component(component_id: str, verdict: str, inp: PartnershipInput, m: PartnershipMethod) -> ComponentCheck:
    current = inp.components.get(component_id)
    if current is None:
        return ComponentCheck(id=component_id, recommended=verdict, current=None, status="unset")
    gap = m.outcome(current).level - m.outcome(verdict).level
    status = "match" if gap == 0 else ("above" if gap > 0 else "below")
    return ComponentCheck(id=component_id, recommended=verdict, current=current, status=status)
