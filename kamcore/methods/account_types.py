"""Key-account types and relationship natures (大客户的5种基本类型 / 大客户关系的3种性质): each of the
group's accounts is tagged with one type and one nature, each option with its definition, examples
and investment implication; the portfolio is summarised by type × nature. The lists are method data
a trainer replaces per workshop: no published list of the course's own was found."""

from __future__ import annotations

from collections import Counter
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import (
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Name,
    Note,
    SpecModel,
    check_choice,
    check_rows,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "account_types"
FIELDS = ("type", "nature")


class Option(SpecModel):
    """A type or a nature: its name, what it means, examples, and what it implies for our investment."""

    id: Id
    label: Text
    definition: Text
    examples: Text
    strategy: Text  # the investment implication


class AccountTypesMethod(MethodSpec):
    tool: Literal["account_types"]
    default_note: Text  # said on the page and in the docs: the lists are the product's default
    max_accounts: int = Field(default=50, ge=1, le=500)
    types: list[Option] = Field(min_length=1)
    natures: list[Option] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> AccountTypesMethod:
        for what in FIELDS:
            ids = ids_of(self.options(what))
            if len(set(ids)) != len(ids):
                raise ValueError(f"{what}s: ids must be unique")
        return self

    def options(self, field: str) -> list[Option]:
        return self.types if field == "type" else self.natures

    def option(self, field: str, option_id: str) -> Option:
        return next(o for o in self.options(field) if o.id == option_id)


def method(overrides: dict[str, Any] | None = None) -> AccountTypesMethod:
    return load_method(TOOL_ID, AccountTypesMethod, overrides)


def blank_input(m: AccountTypesMethod) -> dict[str, Any]:
    return {"accounts": []}


class TaggedAccount(DraftRow):
    """One of the group's accounts (by its key in the group's list) with its type and nature."""

    REQUIRED: ClassVar[tuple[str, ...]] = FIELDS
    key: Id
    name: Name = Field(min_length=1)
    type: Id | None = None
    nature: Id | None = None
    note: Note = ""


class AccountTypesInput(InputModel):
    accounts: list[TaggedAccount] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_options(self, info: ValidationInfo) -> AccountTypesInput:
        m = method_in(info, method)
        check_rows(self.accounts, m.max_accounts, "accounts")
        for account in self.accounts:
            for field in FIELDS:
                check_choice(getattr(account, field), ids_of(m.options(field)))
        return self


class AccountTypesResult(BaseModel):
    tagged: int  # accounts with both a type and a nature
    drafts: list[str]  # keys of accounts with only one of them
    grid: dict[str, dict[str, int]]  # type → nature → accounts
    by_type: dict[str, int]
    by_nature: dict[str, int]
    top: tuple[str, str] | None = None  # the most common (type, nature) cell, the first in the method's order on a tie


def evaluate(inp: AccountTypesInput, m: AccountTypesMethod) -> AccountTypesResult:
    rows = complete_rows(inp.accounts)
    cells = Counter((a.type, a.nature) for a in rows)
    grid = {ty.id: {na.id: cells[(ty.id, na.id)] for na in m.natures} for ty in m.types}
    order = [(ty.id, na.id) for ty in m.types for na in m.natures]
    top = max(order, key=lambda c: (cells[c], -order.index(c))) if rows else None
    return AccountTypesResult(
        tagged=len(rows), drafts=[a.key for a in inp.accounts if not a.complete() and (a.type or a.nature)],
        grid=grid, by_type={ty.id: sum(grid[ty.id].values()) for ty in m.types},
        by_nature={na.id: sum(grid[ty.id][na.id] for ty in m.types) for na in m.natures}, top=top)


def counted(inp: AccountTypesInput, m: AccountTypesMethod | None = None) -> AccountTypesInput | None:
    rows = complete_rows(inp.accounts)
    return inp.model_copy(update={"accounts": rows}) if rows else None


def tagged(data: dict[str, Any], key: str, name: str, field: str, value: Any) -> dict[str, Any]:
    """The worksheet with one field of one account set (the account joins the worksheet on its first tag)."""
    accounts = [dict(a) for a in data.get("accounts", [])]
    entry = next((a for a in accounts if a["key"] == key), None)
    if entry is None:
        entry = {"key": key, "name": name, "type": None, "nature": None, "note": ""}
        accounts.append(entry)
    entry[field] = value
    return {**data, "accounts": accounts}
