"""Global account selection (选择目标全球大客户): the account selection tool with the global criteria
(number of countries, share of purchasing centralised, our coverage of its countries) added as method
data. Its method is selection's file with data/methods/global_selection.yaml merged over it; its
input, computation and results are selection's own, so no scoring lives here."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from kamcore.catalog import merge, method_tree
from kamcore.methods import selection as sel
from kamcore.methods.common import Id, example_input

TOOL_ID = "global_selection"
BASE = sel.TOOL_ID
REPLACED = ("examples",)  # taken whole from the global file, not merged item by item with selection's


class GlobalSelectionMethod(sel.SelectionMethod):
    tool: Literal["global_selection"]  # type: ignore[assignment]
    global_criteria: list[Id] = Field(min_length=1)  # the attractiveness criteria the global version adds

    @model_validator(mode="after")
    def _global_criteria_are_scored(self) -> GlobalSelectionMethod:
        missing = set(self.global_criteria) - {c.id for c in self.attractiveness_criteria}
        if missing:
            raise ValueError(f"global criteria {sorted(missing)} are not attractiveness criteria")
        return self

    def is_global(self, criterion_id: str) -> bool:
        return criterion_id in self.global_criteria


def tree() -> dict[str, Any]:
    """Selection's method file with the global file merged over it (criteria by id)."""
    own = method_tree(TOOL_ID)
    merged = merge(method_tree(BASE), {k: v for k, v in own.items() if k not in REPLACED})
    return {**merged, **{k: own[k] for k in REPLACED if k in own}}


@cache
def _default() -> GlobalSelectionMethod:
    return GlobalSelectionMethod.model_validate(tree())


def method(overrides: dict[str, Any] | None = None) -> GlobalSelectionMethod:
    """The merged method, with a workshop's overrides of this tool applied if given."""
    return GlobalSelectionMethod.model_validate(merge(tree(), overrides)) if overrides else _default()


# the worksheet, its computation and its results are selection's
GlobalSelectionInput = sel.SelectionInput
evaluate = sel.evaluate
counted = sel.counted
blank_input = sel.blank_input
example_input = example_input
