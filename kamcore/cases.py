"""Illustrative case accounts (data/cases/) a trainer loads into every group of a workshop."""

from __future__ import annotations

import contextlib
from functools import cache
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError

from kamcore.i18n import Text, localized
from kamcore.methods.common import Id, SpecModel
from kamcore.methods.selection import blank_account, blank_input_criteria
from kamcore.names import distinct_name, name_key
from kamcore.paths import CASES
from kamcore.store import PORTFOLIO, Account, Store, VersionConflict
from kamcore.tools import TOOLS

MODULES = ("preparation", "development", "maintenance", "global")  # the course's modules, in order


class Case(SpecModel):
    """A case account; its worksheets' texts are written {zh: ..., en: ...} and loaded in one language."""

    id: Id
    module: Literal[MODULES]  # type: ignore[valid-type]
    title: Text
    description: Text  # the brief the trainer reads out
    account: Text
    worksheets: dict[str, dict[str, Any]] = Field(default_factory=dict)


@cache
def cases() -> dict[str, Case]:
    found = {}
    for path in sorted(CASES.glob("*.yaml")):
        with open(path, encoding="utf-8") as f:
            case = Case.model_validate(yaml.safe_load(f))
        found[case.id] = case
    return dict(sorted(found.items(), key=lambda item: MODULES.index(item[1].module)))


SAME_NAME = ("replace", "keep_both")  # what loading a case does where a group has an account of its name


def load_case(store: Store, group_id: int, case: Case, lang: str, methods: dict[str, Any],
              same_name: str = "keep_both", suffix: str = "") -> list[str]:
    """Give one group the case account, in `lang`: added to its selection worksheet, and the case's worksheets
    for the other tools where the group has none yet.

    Where the group already has an account of the case's name, `same_name` says what happens: "replace"
    scores that account with the case, "keep_both" adds the case under a distinct name ('name (suffix)').
    Returns the tools whose case worksheet does not fit the group's criteria or the workshop's method."""
    account = _case_account(store, group_id, case, lang, same_name, suffix)
    store.upsert_accounts(group_id, [account])
    skipped = []
    for tool_id, data in localized(case.worksheets, lang).items():
        tool = TOOLS[tool_id]
        try:
            if tool.scope == "group":
                _add_to_portfolio(store, group_id, account, data, methods[tool_id], replace=same_name == "replace")
            elif store.worksheet(group_id, tool_id, account.key) is None:
                _save_once(store, group_id, tool_id, tool.validate(data, methods[tool_id]), account.key)
        except ValidationError:
            skipped.append(tool_id)
    return skipped


def same_named(store: Store, group_id: int, case: Case, lang: str) -> Account | None:
    """The group's account with the case account's name but not loaded from the case, if any."""
    wanted = name_key(case.account(lang))
    return next((a for a in store.accounts(group_id) if name_key(a.name) == wanted and a.key != case.id), None)


def _case_account(store: Store, group_id: int, case: Case, lang: str, same_name: str, suffix: str) -> Account:
    twin = same_named(store, group_id, case, lang)
    if twin is None:
        return Account(case.id, case.account(lang))
    if same_name == "replace":
        return twin
    taken = {name_key(a.name) for a in store.accounts(group_id) if a.key != case.id}
    return Account(case.id, distinct_name(f"{case.account(lang)} ({suffix or case.id})", taken))


def _add_to_portfolio(store: Store, group_id: int, account: Account, entry: dict[str, Any], method: Any,
                      replace: bool = False) -> None:
    """The case account joins the group's candidates, scored on the group's own criteria: the case's
    score where the criterion is the same, not scored yet where the group uses one the case does not know.
    An entry the group has for the account already is kept, unless `replace`."""
    saved = store.worksheet(group_id, "selection", PORTFOLIO)
    data = saved.data if saved else {**blank_input_criteria(method), "accounts": []}
    if any(a["key"] == account.key for a in data["accounts"]) and not replace:
        return
    data = {**data, "accounts": [a for a in data["accounts"] if a["key"] != account.key]}
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
