"""A worksheet field's name for a person: row and criterion names rather than keys."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from kamcore.i18n import Text, catalog, t
from kamcore.merge import Row


def spec_names(method: Any, lang: str) -> dict[str, str]:
    """Every id the method names (criteria, factors, categories, options …) with its name in `lang`."""
    names: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, list | tuple):
            for item in node:
                walk(item)
        elif isinstance(node, BaseModel):
            label = getattr(node, "name", None) or getattr(node, "label", None)
            if isinstance(getattr(node, "id", None), str) and isinstance(label, Text):
                names.setdefault(node.id, label(lang))
            for field in type(node).model_fields:
                walk(getattr(node, field))

    walk(method)
    return names


def describe(data: dict[str, Any], path: tuple[Any, ...], method: Any, lang: str) -> str:
    """'华东精密机械 · 吸引力 · 未来销售额和利润' for ('accounts', Row(k), 'attractiveness', 'future_sales_profit')."""
    names = {**spec_names(method, lang), **_typed_names(data)}
    fields = catalog(lang)
    words, node = [], data
    for step in path:
        if isinstance(step, Row):
            rows = node if isinstance(node, list) else []
            node = next((r for r in rows if isinstance(r, dict) and step.key in (r.get("key"), r.get("id"))), {})
            words.append(node.get("name") or node.get("player") or names.get(step.key) or t(lang, "worksheet.a_row"))
        else:
            node = node.get(step, {}) if isinstance(node, dict) else {}
            words.append(names.get(step) or fields.get(f"fields.{step}", ""))
    return " · ".join(w for w in words if w) or t(lang, "worksheet.a_field")


def _typed_names(data: dict[str, Any]) -> dict[str, str]:
    """Names a group gave its own criteria."""
    return {c["id"]: c["name"] for value in data.values() if isinstance(value, list)
            for c in value if isinstance(c, dict) and isinstance(c.get("id"), str) and c.get("name")}
