"""What the account strategy and the account plan read off a group's other tools for one account:
each source worksheet validated by its own tool's model and computed by its own method, so the plan
shows what the tool shows, and a worksheet that does not (yet) compute is simply not there.

`records` maps a tool id to its saved worksheet's data for the account (a group-scoped tool's whole
worksheet, e.g. selection's portfolio), plus ACCOUNT: {"key": ..., "name": ...} and, where the trainer
adjusted a source tool's method, ADJUSTED: {tool id: its overrides}."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from kamcore.i18n import t
from kamcore.methods import competition as comp
from kamcore.methods import partnership as ps
from kamcore.methods import selection as sel
from kamcore.methods import value_proposition as vp
from kamcore.methods.account_strategy import Sources
from kamcore.methods.common import criterion_name

ACCOUNT = "account"
ADJUSTED = "adjusted"  # records[ADJUSTED]: the workshop's overrides of the source tools' methods
SELECTION, VALUE, COMPETITION, PARTNERSHIP = sel.TOOL_ID, vp.TOOL_ID, comp.TOOL_ID, ps.TOOL_ID
BUYING_CENTRE, STRATEGY = "buying_centre", "account_strategy"
READS = (SELECTION, VALUE, COMPETITION, PARTNERSHIP, BUYING_CENTRE)  # what the strategy and the plan read
MODULES = {SELECTION: sel, VALUE: vp, COMPETITION: comp, PARTNERSHIP: ps}
INPUTS = {SELECTION: "SelectionInput", VALUE: "ValuePropositionInput", COMPETITION: "CompetitionInput",
          PARTNERSHIP: "PartnershipInput", BUYING_CENTRE: "BuyingCentreInput", STRATEGY: "StrategyInput"}


@dataclass(frozen=True)
class Source:
    """One tool's worksheet for the account: as validated, its result, and the method it was read under."""

    input: Any
    result: Any
    method: Any


def _module(tool_id: str) -> Any:
    if tool_id in MODULES:
        return MODULES[tool_id]
    try:
        return importlib.import_module(f"kamcore.methods.{tool_id}")
    except ModuleNotFoundError:  # a tool this installation does not have yet
        return None


def source(records: dict[str, Any], tool_id: str, method: Any = None) -> Source | None:
    """The tool's worksheet validated and computed, None when there is none or it does not compute."""
    data, module = records.get(tool_id), _module(tool_id)
    if not data or module is None:
        return None
    m = method or module.method(records.get(ADJUSTED, {}).get(tool_id) or None)
    try:
        inp = getattr(module, INPUTS[tool_id]).model_validate(data, context={"method": m})
        return Source(inp, module.evaluate(inp, m), m)
    except (ValidationError, ValueError, AttributeError):
        return None


def account_of(records: dict[str, Any]) -> tuple[str, str]:
    account = records.get(ACCOUNT) or {}
    return account.get("key", ""), account.get("name", "")


def contacts(records: dict[str, Any], method: Any = None) -> list[str]:
    """The buying centre's target contacts: its key people (influence at or above the method's high
    influence), most influential first; every complete person when none is key yet."""
    found, module = source(records, BUYING_CENTRE, method), _module(BUYING_CENTRE)
    if found is None or not hasattr(module, "target_contacts"):
        return []
    people = module.target_contacts(found.input, found.method.high_influence) or module.target_contacts(found.input)
    return [p.name for p in people]


def read(records: dict[str, Any], lang: str = "en", methods: dict[str, Any] | None = None) -> Sources:
    """The positioning's sources: target contacts, the ranking's rivals and advantages, the value proposition's
    quantified value, and the ranking's own statement slots the group typed."""
    methods = methods or {}
    _, name = account_of(records)
    ranking, value = source(records, COMPETITION, methods.get(COMPETITION)), source(records, VALUE,
                                                                                    methods.get(VALUE))
    rivals, offer, reasons, slots = [], "", [], {}
    if ranking is not None:
        inp, r, m = ranking.input, ranking.result, ranking.method
        rivals = [s.name for s in r.suppliers if s.key != comp.US]
        offer = inp.us_name
        reasons = [t(lang, "lang_fix.versus", benefit=criterion_name(b_in, m.benefits, lang), ours=f"{b.ours:g}",
                     theirs=f"{b.best_competitor_rating:g}")
                   for b in r.benefits if b.classification == "differential_advantage"
                   for b_in in inp.benefits if b_in.id == b.id]
        slots = {k: v for k, v in inp.positioning.model_dump().items() if k != "statement" and v}
    quantified = [i.statement for i in value.input.q1 if i.statement] if value is not None else []
    return Sources(account=name, contacts=contacts(records, methods.get(BUYING_CENTRE)), competitors=rivals,
                   value=quantified, offer=offer, reasons=reasons, slots=slots)
