"""Target-account analysis (目标大客户的基础分析): what the group knows about the account, in the course's
five parts (basic information, strategic analysis, needs, purchasing, information sources). Each part's
completeness is the share of its fields filled; a source counts once it says what was learnt and when,
and one older than the method's `stale_days` is flagged. Share of wallet = our revenue / the account's
spend in the category."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import Id, InputModel, LongNote, MethodSpec, Note, Scale, SpecModel, check_scores, method_in
from kamcore.methods.common import example_input as example_input

TOOL_ID = "account_analysis"
Amount = Annotated[float, Field(ge=0, le=1e12)]
SOURCES = "sources"  # the fifth part's id: the information sources


class FieldSpec(SpecModel):
    id: Id
    type: Literal["text", "number", "score"]
    label: Text
    hint: Text | None = None


class SectionSpec(SpecModel):
    id: Id
    name: Text
    fields: list[FieldSpec] = Field(min_length=1)


class SourceSpec(SpecModel):
    id: Id
    name: Text
    hint: Text


class AnalysisMethod(MethodSpec):
    tool: Literal["account_analysis"]
    score_scale: Scale
    stale_days: int = Field(gt=0)
    sections: list[SectionSpec] = Field(min_length=1)
    sources: list[SourceSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> AnalysisMethod:
        ids = [f.id for f in self.fields()]
        if len(set(ids)) != len(ids):
            raise ValueError("field ids must be unique across the sections")
        if SOURCES in [s.id for s in self.sections]:
            raise ValueError(f"'{SOURCES}' is the information sources' part")
        return self

    def fields(self, kind: str | None = None) -> list[FieldSpec]:
        return [f for s in self.sections for f in s.fields if kind in (None, f.type)]

    def field(self, field_id: str) -> FieldSpec:
        return next(f for f in self.fields() if f.id == field_id)

    def source(self, source_id: str) -> SourceSpec:
        return next(s for s in self.sources if s.id == source_id)

    def section_name(self, section_id: str, lang: str, sources_name: str) -> str:
        if section_id == SOURCES:
            return sources_name
        return next(s for s in self.sections if s.id == section_id).name(lang)


def method(overrides: dict[str, Any] | None = None) -> AnalysisMethod:
    return load_method(TOOL_ID, AnalysisMethod, overrides)


def blank_input(m: AnalysisMethod) -> dict[str, Any]:
    return {"texts": {}, "numbers": {}, "scores": {}, "sources": {}}


class SourceNote(InputModel):
    note: Note = ""
    date: dt.date | None = None

    @property
    def filled(self) -> bool:
        return bool(self.note) and self.date is not None


class AnalysisInput(InputModel):
    texts: dict[Id, LongNote] = {}
    numbers: dict[Id, Amount] = {}
    scores: dict[Id, float] = {}
    sources: dict[Id, SourceNote] = {}

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> AnalysisInput:
        """Only the method's fields of each type are kept (a field the method no longer has is dropped)."""
        m = method_in(info, method)
        self.texts = {k: v for k, v in self.texts.items() if k in _ids(m, "text") and v}
        self.numbers = {k: v for k, v in self.numbers.items() if k in _ids(m, "number") and v is not None}
        self.scores = check_scores(self.scores, _ids(m, "score"), m.score_scale, "scores")
        self.sources = {k: v for k, v in self.sources.items() if k in [s.id for s in m.sources]
                        and (v.note or v.date)}
        return self

    def filled(self, field_id: str) -> bool:
        return field_id in self.texts or field_id in self.numbers or field_id in self.scores


def _ids(m: AnalysisMethod, kind: str) -> list[str]:
    return [f.id for f in m.fields(kind)]


class SectionDone(BaseModel):
    id: str
    filled: int
    total: int
    missing: list[str]  # field (or source) ids still blank

    @property
    def share(self) -> float:
        return self.filled / self.total


class AnalysisResult(BaseModel):
    sections: list[SectionDone]  # the method's parts in order, the sources last
    filled: int
    total: int
    share_of_wallet: float | None  # percent; None until revenue and a positive spend are given
    stale: list[str]  # sources dated more than stale_days before today
    undated: list[str]  # sources with a note but no date
    started: bool

    @property
    def share(self) -> float:
        return self.filled / self.total

    def section(self, section_id: str) -> SectionDone:
        return next(s for s in self.sections if s.id == section_id)


def completeness(inp: AnalysisInput, m: AnalysisMethod) -> list[SectionDone]:
    """Per part, how many of its fields are filled; the sources part counts sources with a note and a date."""
    done = [SectionDone(id=s.id, filled=sum(inp.filled(f.id) for f in s.fields), total=len(s.fields),
                        missing=[f.id for f in s.fields if not inp.filled(f.id)]) for s in m.sections]
    dated = [s.id for s in m.sources if s.id in inp.sources and inp.sources[s.id].filled]
    return [*done, SectionDone(id=SOURCES, filled=len(dated), total=len(m.sources),
                               missing=[s.id for s in m.sources if s.id not in dated])]


def stale_sources(inp: AnalysisInput, m: AnalysisMethod, today: dt.date) -> list[str]:
    limit = today - dt.timedelta(days=m.stale_days)
    return [s.id for s in m.sources if (note := inp.sources.get(s.id)) and note.date and note.date < limit]


def share_of_wallet(inp: AnalysisInput) -> float | None:
    revenue, spend = inp.numbers.get("revenue"), inp.numbers.get("spend")
    return None if revenue is None or not spend else 100 * revenue / spend


def evaluate(inp: AnalysisInput, m: AnalysisMethod, today: dt.date | None = None) -> AnalysisResult:
    sections = completeness(inp, m)
    filled = sum(s.filled for s in sections)
    return AnalysisResult(sections=sections, filled=filled, total=sum(s.total for s in sections),
                          share_of_wallet=share_of_wallet(inp), stale=stale_sources(inp, m, today or dt.date.today()),
                          undated=[k for k, v in inp.sources.items() if v.note and v.date is None],
                          started=filled > 0 or bool(inp.sources))


def counted(inp: AnalysisInput, m: AnalysisMethod | None = None) -> AnalysisInput | None:
    """The analysis once anything in it is filled."""
    return inp if evaluate(inp, m or method()).started else None
