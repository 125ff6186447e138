"""The course's methodology, loaded from data/methods/ and validated, with per-workshop overrides.

Every weight, scale, cut-off, label, strategy and coaching text lives in one YAML file per tool.
A trainer's overrides are a partial tree of the same shape, merged over the defaults and then
validated exactly like them, so a bad override never reaches a computation.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel

from kamcore.paths import METHODS

M = TypeVar("M", bound=BaseModel)


@cache
def _raw(tool_id: str) -> dict[str, Any]:
    with open(METHODS / f"{tool_id}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def merge(base: Any, change: Any) -> Any:
    """`change` applied over `base`: dicts merge key by key, lists of items with an `id` merge by id,
    anything else is replaced."""
    if isinstance(base, dict) and isinstance(change, dict):
        merged = dict(base)
        for key, value in change.items():
            merged[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    if _is_id_list(base) and _is_id_list(change):
        by_id = {item["id"]: item for item in change}
        merged = [merge(item, by_id.pop(item["id"])) if item["id"] in by_id else item for item in base]
        return merged + list(by_id.values())
    return copy.deepcopy(change)


def method_tree(tool_id: str) -> dict[str, Any]:
    """A copy of the tool's method file as written (for a method built over another tool's)."""
    return copy.deepcopy(_raw(tool_id))


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) and "id" in i for i in value)


def load_method(tool_id: str, model: type[M], overrides: dict[str, Any] | None = None) -> M:
    """The tool's validated methodology, with a workshop's overrides applied if given."""
    if not overrides:
        return _default(tool_id, model)
    return model.model_validate(merge(_raw(tool_id), overrides))


@cache
def _default(tool_id: str, model: type[M]) -> M:
    return model.model_validate(_raw(tool_id))
