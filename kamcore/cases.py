"""Illustrative case accounts (data/cases/) a trainer loads into every group of a workshop."""

from __future__ import annotations

import contextlib
from functools import cache
from typing import Any

import yaml
from pydantic import Field, ValidationError

from kamcore.i18n import Text
from kamcore.methods.common import Id, SpecModel
from kamcore.methods.selection import blank_account, blank_input_criteria
from kamcore.paths import CASES
from kamcore.store import PORTFOLIO, Account, Store, VersionConflict
from kamcore.tools import TOOLS


class Case(SpecModel):
    id: Id
    title: Text
    description: Text
    account: Text
    worksheets: dict[str, dict[str, Any]] = Field(default_factory=dict)


@cache
def cases() -> dict[str, Case]:
    found = {}
    for path in sorted(CASES.glob("*.yaml")):
        with open(path, encoding="utf-8") as f:
            case = Case.model_validate(yaml.safe_load(f))
        found[case.id] = case
    return found


def load_case(store: Store, group_id: int, case: Case, lang: str, methods: dict[str, Any]) -> list[str]:
    """Give one group the case account: added to its selection worksheet, and the case's worksheets
    for the other tools where the group has none yet. Nothing the group wrote is replaced.
    Returns the tools whose case worksheet does not fit the group's criteria or the workshop's method."""
    account = Account(case.id, case.account(lang))
    store.upsert_accounts(group_id, [account])
    skipped = []
    for tool_id, data in case.worksheets.items():
        tool = TOOLS[tool_id]
        try:
            if tool.scope == "group":
                _add_to_portfolio(store, group_id, account, data, methods[tool_id])
            elif store.worksheet(group_id, tool_id, account.key) is None:
                _save_once(store, group_id, tool_id, tool.validate(data, methods[tool_id]), account.key)
        except ValidationError:
            skipped.append(tool_id)
    return skipped


def _add_to_portfolio(store: Store, group_id: int, account: Account, entry: dict[str, Any], method: Any) -> None:
    """The case account joins the group's candidates, scored on the group's own criteria: the case's
    score where the criterion is the same, not scored yet where the group uses one the case does not know."""
    saved = store.worksheet(group_id, "selection", PORTFOLIO)
    data = saved.data if saved else {**blank_input_criteria(method), "accounts": []}
    if any(a["key"] == account.key for a in data["accounts"]):
        return
    candidate = blank_account(method, account.name, data) | {"key": account.key}
    for field, dimension in (("attractiveness", "attractiveness_criteria"), ("csf_us", "strength_factors"),
                             ("csf_competitor", "strength_factors"), ("vulnerability", "vulnerability_factors")):
        known = entry.get(field, {})
        candidate[field] = {c["id"]: known[c["id"]] for c in data[dimension] if c["id"] in known}
    candidate.update({k: entry[k] for k in ("revenue", "strength_route", "stage") if k in entry})
    data = {**data, "accounts": [*data["accounts"], candidate]}
    model = TOOLS["selection"].validate(data, method)
    _save_once(store, group_id, "selection", model, PORTFOLIO, saved.version if saved else 0)


def _save_once(store: Store, group_id: int, tool_id: str, model, account_key: str, version: int = 0) -> None:
    with contextlib.suppress(VersionConflict):  # the group saved this very moment: its own work wins
        store.save_worksheet(group_id, tool_id, model, version, account_key)
