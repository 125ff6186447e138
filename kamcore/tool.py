"""The Tool record: everything about one course tool in one place. What it takes and computes, how
its worksheet is summarised, compared, drawn for the projector and exported, and where it sits in
the app's navigation. The projector, the comparisons, the exports and the app iterate records;
none of them asks for a tool by its id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import plotly.graph_objects as go
from pydantic import BaseModel

from kamcore.export.book import Book, Worksheet
from kamcore.export.slide import Slide

Scope = Literal["group", "account"]  # a group's portfolio worksheet, or one per account


@dataclass(frozen=True)
class Entry:
    """One group's computed worksheet."""

    group: str
    account: str
    data: dict[str, Any]
    result: BaseModel
    group_id: int = 0
    account_key: str = ""  # the store's key of the account ("" for a group's portfolio worksheet)


@dataclass(frozen=True)
class CriterionScore:
    """One score a group gave: on which account (its key and name), on which criterion (an id unique
    within the tool, e.g. "vulnerability.price_pressure"), named in the reader's language."""

    account_key: str
    account: str
    criterion: str
    label: str
    score: float


@dataclass(frozen=True)
class Table:
    """A table the projector shows under a tool's figure; `flag` names the column that marks rows
    to discuss."""

    title: str
    rows: list[dict[str, Any]]
    flag: str | None = None


SECTIONS = ("prepare", "develop", "maintain", "global")  # the course's four lectures, in order (nav.<section>)


@dataclass(frozen=True)
class Nav:
    """Where the tool's page sits: a section of the course (nav.<section>), a Material icon, and the
    page script; its url path is the tool's id."""

    section: str
    icon: str
    page: str
    before: str = ""  # the tool it is listed before (a declared tool placed in the course's order); else last


@dataclass(frozen=True)
class Score:
    """One scored criterion of a worksheet: `value` None while the group has not scored it."""

    section: str  # the list it belongs to (attractiveness, drivers, an item, ...), in the reader's language
    criterion: str
    value: float | None
    account: str = ""  # the row (an account, an item) it scores, where a worksheet scores several


@dataclass(frozen=True)
class Progress:
    """How far a worksheet is: every criterion it scores (scored or not) and its verdict once scored."""

    scores: tuple[Score, ...] = ()
    verdict: str | None = None

    @property
    def scored(self) -> int:
        return sum(s.value is not None for s in self.scores)

    @property
    def total(self) -> int:
        return len(self.scores)


Summary = Callable[[Entry, Any, str], dict[str, Any]]  # (entry, method, lang) -> key figures and verdict
Figure = Callable[[list[Entry], Any, str], go.Figure | None]  # every group's entries on one figure
Tables = Callable[[list[Entry], Any, str], list[Table]]
SheetWriter = Callable[[Book, Worksheet, Entry, Any, str], None]
SlideWriter = Callable[[Entry, Any, str], Slide]
ComparisonSlide = Callable[[list[Entry], Any, str, str], Slide]  # (entries, method, lang, title)
# (the worksheet as validated, the result of its scored part or None, method, lang)
ProgressOf = Callable[[Any, BaseModel | None, Any, str], Progress]
CriterionScores = Callable[[Entry, Any, str], list[CriterionScore]]  # every score one worksheet gives


def no_scores(e: Entry, m: Any, lang: str) -> list[CriterionScore]:
    return []


def no_tables(found: list[Entry], m: Any, lang: str) -> list[Table]:
    return []


def no_progress(inp: Any, result: BaseModel | None, m: Any, lang: str) -> Progress:
    return Progress()


@dataclass(frozen=True)
class Tool:
    id: str
    input_model: type[BaseModel]
    method: Callable[..., Any]  # (overrides=None) -> the tool's validated method spec
    evaluate: Callable[[Any, Any], BaseModel]
    example: Callable[..., dict[str, Any]]  # (method, example_id=None, lang="en") -> the worked example
    scope: Scope
    counted: Callable[[Any, Any], BaseModel | None]  # (input, method) -> the part that counts, None: not scored
    name: Callable[[str], str]  # (lang) -> the tool's name in navigation, comparisons and exports
    short: Callable[[str], str]  # (lang) -> a short name that fits a workbook sheet's tab
    nav: Nav
    summary: Summary
    figure: Figure
    sheet: SheetWriter
    slide: SlideWriter
    comparison: ComparisonSlide
    tables: Tables = no_tables
    kind: str = ""  # the declared kind (data/methods/<id>.yaml `kind:`) a generic page renders; "" for its own
    blank: Callable[[Any], dict[str, Any]] | None = field(default=None)  # (method) -> an empty worksheet
    progress: ProgressOf = no_progress  # what is scored of what there is to score, and the verdict
    # Other tools whose worksheets for the same account (a group-scoped tool's own worksheet) this one is
    # read with: exports and the projector hand them in as data["sources"] (kamcore.reads.read_along).
    reads: tuple[str, ...] = ()

    def progress_of(self, data: dict[str, Any], method: Any, lang: str) -> Progress:
        """The worksheet's progress; a worksheet that no longer fits the method counts nothing."""
        try:
            return self.progress(self.validate(data, method), self.verdict_of(data, method), method, lang)
        except ValueError:  # ValidationError is a ValueError
            return Progress()

    def verdict_of(self, data: dict[str, Any], method: Any) -> BaseModel | None:
        """The result of the worksheet's scored part, None while nothing is scored (or it does not compute)."""
        try:
            counted = self.counted_data(data, method)
            return None if counted is None else self.run(counted, method)
        except ValueError:
            return None
    criterion_scores: CriterionScores = no_scores  # what the room's disagreement compares, group against group

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
