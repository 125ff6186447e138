"""The method settings a trainer may change through a form rather than YAML: weights, cut-offs, labels
and strategies. A form's values become overrides of the same shape the YAML path writes (lists of items
with an `id` are addressed by id), so both are validated the same way (Workshops.set_overrides)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kamcore.catalog import merge

NUMBERS = {"weight", "x_cut", "y_cut"}  # anywhere in a method
BAND_NUMBERS = {"min"}  # only within a list of bands (elsewhere `min` is a scale's end)
TEXTS = {"label", "strategy"}  # {zh, en} texts
SKIPPED = {"examples"}  # worked examples are worksheets, not settings

Step = str | tuple[str, str]  # a dict key, or ("id", the id of an item in a list)


@dataclass(frozen=True)
class MethodField:
    path: tuple[Step, ...]
    value: Any  # a number, or {"zh": ..., "en": ...}
    names: tuple[dict[str, str] | None, ...] = ()  # per step, the item's own {zh, en} name where it has one

    def label(self, lang: str, word: Callable[[str, str], str]) -> str:
        """The field in words: items by their own names, other steps by `word(step, lang)`."""
        steps = []
        for step, name in zip(self.path, self.names or (None,) * len(self.path), strict=True):
            steps.append(name[lang] if name else word(step[1] if isinstance(step, tuple) else step, lang))
        return " › ".join(steps)

    @property
    def is_text(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def name(self) -> str:
        """The field's place in the method file, as a trainer reading the YAML would find it."""
        return " › ".join(step[1] if isinstance(step, tuple) else step for step in self.path)

    @property
    def section(self) -> str:
        return self.path[0] if isinstance(self.path[0], str) else self.path[0][1]


def editable_fields(method: dict[str, Any]) -> list[MethodField]:
    """The method's (a model_dump's) weights, cut-offs, labels and strategies, in file order."""
    found: list[MethodField] = []
    _walk(method, (), (), found)
    return found


def _text_of(item: dict[str, Any]) -> dict[str, str] | None:
    for key in ("name", "label", "title"):
        value = item.get(key)
        if isinstance(value, dict) and {"zh", "en"} <= set(value):
            return value
    return None


def _walk(node: Any, path: tuple[Step, ...], names: tuple, found: list[MethodField]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in SKIPPED:
                continue
            here = (*path, key)
            in_bands = bool(path) and path[-2:-1] == ("bands",)
            if key in TEXTS and isinstance(value, dict) and set(value) >= {"zh", "en"}:
                found.append(MethodField(here, {"zh": value["zh"], "en": value["en"]}, (*names, None)))
            elif isinstance(value, int | float) and not isinstance(value, bool) and (
                    key in NUMBERS or (key in BAND_NUMBERS and in_bands)):
                found.append(MethodField(here, value, (*names, None)))
            else:
                _walk(value, here, (*names, None), found)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and "id" in item:
                _walk(item, (*path, ("id", str(item["id"]))), (*names, _text_of(item)), found)


def overrides_for(existing: dict[str, Any], changed: dict[tuple[Step, ...], Any]) -> dict[str, Any]:
    """The workshop's overrides with the form's changed values added (the YAML path's shape)."""
    result = existing
    for path, value in changed.items():
        result = merge(result, _nested(path, value)) if result else _nested(path, value)
    return result


def _nested(path: tuple[Step, ...], value: Any) -> Any:
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(step, tuple):
        inner = _nested(rest, value)
        return [{"id": step[1], **inner}]
    return {step: _nested(rest, value)}
