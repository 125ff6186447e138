"""Field-level changes to a worksheet, merged onto whatever is stored now.

A device sends what its person changed: the difference between the version it last saw (its base)
and what it shows now. Rows of a table (list items with a `key` or an `id`) are addressed by that
key, not by position, so two devices adding, removing or editing different rows never collide.
Only a field that someone else changed since the base is a conflict.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
ROW_IDS = ("key", "id")

Path = tuple[Any, ...]  # dict keys, and Row(...) for a keyed list item


@dataclass(frozen=True)
class Row:
    """A list item addressed by its key."""

    key: str

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True)
class Change:
    path: Path
    old: Any
    new: Any


@dataclass(frozen=True)
class Conflict:
    path: Path
    mine: Any
    theirs: Any


def _row_id(item: Any) -> str | None:
    if isinstance(item, dict):
        for name in ROW_IDS:
            if isinstance(item.get(name), str):
                return item[name]
    return None


def _keyed(items: Any) -> dict[str, Any] | None:
    """{key: item} for a list whose items all have distinct keys, else None (a list is then one value)."""
    keys = [_row_id(item) for item in items]
    if None in keys or len(set(keys)) != len(keys):
        return None
    return dict(zip(keys, items, strict=True))


def _rows_of(base: Any, new: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Both lists as {key: row} when they are tables of keyed rows (either may be empty), else None."""
    if not (isinstance(base, list) and isinstance(new, list)) or not (base or new):
        return None
    before, after = _keyed(base) if base else {}, _keyed(new) if new else {}
    return None if before is None or after is None else (before, after)


def diff(base: Any, new: Any, path: Path = ()) -> list[Change]:
    """The field-level changes that turn `base` into `new`."""
    if isinstance(base, dict) and isinstance(new, dict):
        changes = []
        for name in [*base, *(k for k in new if k not in base)]:
            changes += diff(base.get(name, MISSING), new.get(name, MISSING), (*path, name))
        return changes
    rows = _rows_of(base, new)
    if rows is not None:
        before, after = rows
        changes = []
        for key in [*before, *(k for k in after if k not in before)]:
            changes += diff(before.get(key, MISSING), after.get(key, MISSING), (*path, Row(key)))
        return changes
    return [] if base == new else [Change(path, base, new)]


def _container(data: Any, path: Path) -> tuple[Any, Any] | None:
    """The dict or list holding the last step of `path`, and that step; None if a parent is gone."""
    node = data
    for step in path[:-1]:
        node = _child(node, step)
        if node is MISSING:
            return None
    return node, path[-1]


def _child(node: Any, step: Any) -> Any:
    if isinstance(step, Row):
        rows = node if isinstance(node, list) else []
        return next((item for item in rows if _row_id(item) == step.key), MISSING)
    return node.get(step, MISSING) if isinstance(node, dict) else MISSING


def value_at(data: Any, path: Path) -> Any:
    found = _container(data, path)
    return MISSING if found is None else _child(*found)


def _put(data: Any, path: Path, value: Any) -> bool:
    found = _container(data, path)
    if found is None:
        return False
    node, step = found
    if isinstance(step, Row):
        if not isinstance(node, list):
            return False
        index = next((i for i, item in enumerate(node) if _row_id(item) == step.key), None)
        if value is MISSING:
            if index is not None:
                node.pop(index)
        elif index is None:
            node.append(copy.deepcopy(value))
        else:
            node[index] = copy.deepcopy(value)
    elif value is MISSING:
        node.pop(step, None)
    else:
        node[step] = copy.deepcopy(value)
    return True


def apply(current: dict[str, Any], changes: list[Change], force: bool = False) -> tuple[dict[str, Any], list[Conflict]]:
    """`changes` made on top of `current`. A change whose field someone else changed meanwhile is a
    conflict (unless `force`: keep mine); a change inside a row someone else removed is dropped."""
    merged = copy.deepcopy(current)
    conflicts = []
    for change in changes:
        now = value_at(merged, change.path)
        if now == change.new:
            continue
        if now != change.old and not force:
            if now is MISSING and _row_removed(merged, change.path):
                continue
            conflicts.append(Conflict(change.path, change.new, now))
            continue
        _put(merged, change.path, change.new)
    return merged, conflicts


def _row_removed(data: Any, path: Path) -> bool:
    """Whether a row on the way to `path` no longer exists."""
    return any(isinstance(step, Row) and value_at(data, path[:i + 1]) is MISSING for i, step in enumerate(path))


def touched(changes: list[Change]) -> list[Path]:
    return [change.path for change in changes]
