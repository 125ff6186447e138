"""A worksheet field's name for a person: row and criterion names rather than keys."""

from __future__ import annotations

from typing import Any

from kamcore.i18n import t, term
from kamcore.merge import Row


def describe(data: dict[str, Any], path: tuple[Any, ...], lang: str) -> str:
    """'华东精密机械 · 吸引力评分 · 未来销售额和利润' for
    ('accounts', Row(k), 'attractiveness', 'future_sales_profit')."""
    typed = _typed_names(data)
    words, node = [], data
    for step in path:
        if isinstance(step, Row):
            rows = node if isinstance(node, list) else []
            node = next((r for r in rows if isinstance(r, dict) and step.key in (r.get("key"), r.get("id"))), {})
            words.append(node.get("name") or node.get("player") or typed.get(step.key) or term(step.key, lang))
        else:
            node = node.get(step, {}) if isinstance(node, dict) else {}
            words.append(typed.get(step) or term(step, lang))
    return " · ".join(w for w in words if w) or t(lang, "worksheet.a_field")


def _typed_names(data: dict[str, Any]) -> dict[str, str]:
    """Names a group gave its own criteria."""
    return {c["id"]: c["name"] for value in data.values() if isinstance(value, list)
            for c in value if isinstance(c, dict) and isinstance(c.get("id"), str) and c.get("name")}
