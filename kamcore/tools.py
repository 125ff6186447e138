"""The registry of course tools: what each one takes, how it computes, where its worksheet belongs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from kamcore.methods import competition, partnership, purchasing_portfolio, selection, value_proposition


@dataclass(frozen=True)
class Tool:
    id: str
    input_model: type[BaseModel]
    method: Callable[..., Any]  # (overrides=None) -> the tool's validated method spec
    evaluate: Callable[[Any, Any], BaseModel]
    example: Callable[..., dict[str, Any]]  # (method, example_id=None, lang="en") -> the worked example
    scope: Literal["group", "account"]  # a group's portfolio worksheet, or one per account
    counted: Callable[[Any, Any], BaseModel | None]  # (input, method) -> the part that counts, None: not scored

    def counted_data(self, data: Any, method: Any = None) -> dict[str, Any] | None:
        """The worksheet without drafts and unscored rows, as projector, comparisons and exports show
        it; None while nothing in it is scored. ValidationError when it does not validate."""
        method = method or self.method()
        model = self.counted(self.validate(data, method), method)
        return None if model is None else model.model_dump(mode="json")

    def validate(self, data: Any, method: Any = None) -> BaseModel:
        """The input model for `data`, checked against the (possibly overridden) methodology."""
        return self.input_model.model_validate(data, context={"method": method or self.method()})

    def run(self, data: Any, method: Any = None) -> BaseModel:
        method = method or self.method()
        return self.evaluate(self.validate(data, method), method)


TOOLS: dict[str, Tool] = {
    tool.id: tool
    for tool in (
        Tool(selection.TOOL_ID, selection.SelectionInput, selection.method, selection.evaluate,
             selection.example_input, "group", selection.counted),
        Tool(value_proposition.TOOL_ID, value_proposition.ValuePropositionInput, value_proposition.method,
             value_proposition.evaluate, value_proposition.example_input, "account", value_proposition.counted),
        Tool(competition.TOOL_ID, competition.CompetitionInput, competition.method, competition.evaluate,
             competition.example_input, "account", competition.counted),
        Tool(partnership.TOOL_ID, partnership.PartnershipInput, partnership.method, partnership.evaluate,
             partnership.example_input, "account", partnership.counted),
        Tool(purchasing_portfolio.TOOL_ID, purchasing_portfolio.PurchasingInput, purchasing_portfolio.method,
             purchasing_portfolio.evaluate, purchasing_portfolio.example_input, "account",
             purchasing_portfolio.counted),
    )
}
