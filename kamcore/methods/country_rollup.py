"""Country roll-up of a global account (全球大客户国家汇总): per country of the account, revenue against
the global plan, margin, share of wallet and service level; the account's totals, the gap to the plan,
and the countries below target. A CSV of country figures is read as screening reads a customer list.

Totals are what the country figures add up to: revenue and plan summed; margin weighted by revenue;
share of wallet as the revenue over the customer's spend (each country's revenue ÷ its share); service
level weighted by revenue. A country is below target when any of its figures is under the target."""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal

import pandas as pd
from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text, t
from kamcore.methods.common import (
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Name,
    SpecModel,
    check_keys,
    complete_rows,
    method_in,
)
from kamcore.methods.common import example_input as example_input
from kamcore.names import name_key
from kamcore.screening import FIRST_DATA_LINE, MappingError, read_upload

TOOL_ID = "country_rollup"
COLUMNS = ("country", "revenue", "plan", "margin", "share", "service")
TARGETS = ("attainment", "margin", "share", "service")  # attainment: revenue as % of plan
PERCENTS = ("margin", "share", "service")
LIMIT = 1e12
MAX_COUNTRIES = 200

Amount = Annotated[float, Field(ge=0, le=LIMIT)]
Margin = Annotated[float, Field(ge=-100, le=100)]  # a country may sell at a loss
Percent = Annotated[float, Field(ge=0, le=100)]


# ---- methodology --------------------------------------------------------------------------------

class Column(SpecModel):
    """A figure per country: its words (`text`, kept out of the criterion names error messages use, as
    global_programme.Choice explains), and the headers a CSV may give it (compared loosely)."""

    id: Literal[COLUMNS]  # type: ignore[valid-type]
    text: Text
    aliases: list[str] = Field(default_factory=list)


class TargetSpec(SpecModel):
    id: Literal[TARGETS]  # type: ignore[valid-type]
    text: Text
    default: float = Field(ge=0, le=200)


class RollupMethod(MethodSpec):
    tool: Literal["country_rollup"]
    columns: list[Column]
    targets: list[TargetSpec]

    @model_validator(mode="after")
    def _every_column_and_target(self) -> RollupMethod:
        if [c.id for c in self.columns] != list(COLUMNS):
            raise ValueError(f"columns are exactly {', '.join(COLUMNS)}, in that order")
        if sorted(t.id for t in self.targets) != sorted(TARGETS):
            raise ValueError(f"targets are exactly {', '.join(TARGETS)}")
        return self

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)

    def target(self, target_id: str) -> TargetSpec:
        return next(t for t in self.targets if t.id == target_id)


def method(overrides: dict[str, Any] | None = None) -> RollupMethod:
    return load_method(TOOL_ID, RollupMethod, overrides)


def new_key() -> str:
    return f"c{uuid.uuid4().hex[:8]}"


def blank_input(m: RollupMethod) -> dict[str, Any]:
    return {"unit": "", "targets": {t.id: t.default for t in m.targets}, "rows": []}


# ---- input ----------------------------------------------------------------------------------------

class CountryRow(DraftRow):
    """One country's figures; it counts once every figure is there."""

    REQUIRED: ClassVar[tuple[str, ...]] = COLUMNS
    key: Id
    country: Name = ""
    revenue: Amount | None = None
    plan: Amount | None = None
    margin: Margin | None = None
    share: Percent | None = None
    service: Percent | None = None


class RollupInput(InputModel):
    unit: Name = ""  # the currency or unit the amounts are in, as the group writes it
    targets: dict[Id, Annotated[float, Field(ge=0, le=200)]] = Field(default_factory=dict)
    rows: list[CountryRow] = Field(default_factory=list, max_length=MAX_COUNTRIES)

    @model_validator(mode="after")
    def _targets_of_the_method(self, info: ValidationInfo) -> RollupInput:
        m = method_in(info, method)
        self.targets = {t.id: self.targets.get(t.id, t.default) for t in m.targets}
        check_keys(self.rows, "rows")
        return self


# ---- results ---------------------------------------------------------------------------------------

class CountryResult(BaseModel):
    key: str
    country: str
    revenue: float
    plan: float
    gap: float  # revenue − plan
    attainment: float | None  # revenue as % of plan; None without a plan
    margin: float
    share: float
    service: float
    wallet: float | None  # the customer's spend there: revenue ÷ share; None when the share is 0
    below: list[str]  # the targets this country misses (ids of TARGETS)


class Totals(BaseModel):
    revenue: float
    plan: float
    gap: float
    attainment: float | None
    margin: float | None  # None while there is no revenue to weight by
    share: float | None
    service: float | None


class RollupResult(BaseModel):
    countries: list[CountryResult]  # in the worksheet's order
    totals: Totals
    flagged: list[str]  # keys of countries below any target
    duplicates: list[str]  # country names listed more than once (each row is still counted)
    drafts: int


def _percent(part: float, whole: float) -> float | None:
    return 100 * part / whole if whole else None


def _country(row: CountryRow, targets: dict[str, float]) -> CountryResult:
    attainment = _percent(row.revenue, row.plan)
    figures = {"attainment": attainment, "margin": row.margin, "share": row.share, "service": row.service}
    below = [t for t in TARGETS if figures[t] is not None and figures[t] < targets[t]]
    return CountryResult(key=row.key, country=row.country, revenue=row.revenue, plan=row.plan,
                         gap=row.revenue - row.plan, attainment=attainment, margin=row.margin, share=row.share,
                         service=row.service, wallet=100 * row.revenue / row.share if row.share else None,
                         below=below)


def totals(countries: list[CountryResult]) -> Totals:
    revenue, plan = math.fsum(c.revenue for c in countries), math.fsum(c.plan for c in countries)
    with_wallet = [c for c in countries if c.wallet is not None]
    return Totals(
        revenue=revenue, plan=plan, gap=revenue - plan, attainment=_percent(revenue, plan),
        margin=_percent(math.fsum(c.revenue * c.margin / 100 for c in countries), revenue),
        share=_percent(math.fsum(c.revenue for c in with_wallet), math.fsum(c.wallet for c in with_wallet)),
        service=math.fsum(c.revenue * c.service for c in countries) / revenue if revenue else None)


def evaluate(inp: RollupInput, m: RollupMethod) -> RollupResult:
    rows = complete_rows(inp.rows)
    countries = [_country(r, inp.targets) for r in rows]
    seen: dict[str, int] = {}
    for r in rows:
        seen[name_key(r.country)] = seen.get(name_key(r.country), 0) + 1
    duplicates = list(dict.fromkeys(r.country for r in rows if seen[name_key(r.country)] > 1))
    return RollupResult(countries=countries, totals=totals(countries), flagged=[c.key for c in countries if c.below],
                        duplicates=duplicates, drafts=len(inp.rows) - len(rows))


def from_table(data: dict[str, Any], edited: list[dict[str, Any]]) -> dict[str, Any]:
    """The worksheet with the countries as the page's table hands them back: rows left empty are no
    rows, an emptied cell (None or NaN) is no figure, and a new row gets its key."""
    def cell(value: Any) -> Any:
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else value

    kept = [r for r in edited if any(cell(r.get(c)) not in (None, "") for c in COLUMNS)]
    return {**data, "rows": [{"key": r.get("key") or new_key(), **{c: cell(r.get(c)) for c in COLUMNS},
                              "country": str(cell(r.get("country")) or "").strip()} for r in kept]}


def counted(inp: RollupInput, m: RollupMethod | None = None) -> RollupInput | None:
    """The complete countries (what projector and exports show); None while there is none."""
    rows = complete_rows(inp.rows)
    return inp.model_copy(update={"rows": rows}) if rows else None


# ---- importing a CSV (or workbook) of country figures ------------------------------------------------

@dataclass
class Imported:
    """Rows read from a file, ready to merge into a worksheet, and the lines left out with why."""

    rows: list[dict[str, Any]]
    problems: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)  # (line, message key, values)
    encoding: str = ""
    delimiter: str = ""

    def lines(self, m: RollupMethod, lang: str) -> list[str]:
        """Each line left out, with why, in the reader's language (figures by their label)."""
        return [t(lang, "l4b.rollup.import_line", line=line, reason=t(lang, key, **{
            k: m.column(v).text(lang) if k == "column" else v for k, v in values.items()}))
            for line, key, values in self.problems]


def _loose(header: str) -> str:
    """A header as compared with the aliases: without anything in brackets, units or punctuation."""
    header = re.sub(r"[(（\[].*?[)）\]]", "", str(header))
    return "".join(ch for ch in header.casefold() if ch.isalnum())


def mapped_columns(headers: list[str], m: RollupMethod) -> dict[str, str]:
    """Which header holds which figure, found by the figure's id, its label in either language or an alias."""
    loose = {_loose(h): h for h in headers}
    found = {}
    for column in m.columns:
        names = [column.id, column.text.zh, column.text.en, *column.aliases]
        header = next((loose[_loose(n)] for n in names if _loose(n) in loose), None)
        if header is not None:
            found[column.id] = header
    return found


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def number(value: Any) -> float | None:
    """A cell as a number: '1,234.5', '12,5' (a decimal comma), '35%' and '¥ 1 200' all read; None otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = re.sub(r"[\s%％¥￥$€£]", "", str(value))
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    try:
        result = float(text)
    except ValueError:
        return None
    return result if math.isfinite(result) else None


_RANGES = {"revenue": (0, LIMIT), "plan": (0, LIMIT), "margin": (-100, 100), "share": (0, 100),
           "service": (0, 100)}


def _row(values: dict[str, Any]) -> tuple[dict[str, Any] | None, tuple[str, dict[str, Any]] | None]:
    """A file's line as a worksheet row, or the problem with it (message key and values)."""
    country = "" if values["country"] is None or pd.isna(values["country"]) else str(values["country"]).strip()
    if not country:
        return None, ("l4b.rollup.import_no_country", {})
    row: dict[str, Any] = {"key": new_key(), "country": country[:120]}
    for column, (low, high) in _RANGES.items():
        figure = number(values[column])
        if figure is None or not low <= figure <= high:
            if high == LIMIT:
                return None, ("l4b.rollup.import_bad_amount", {"country": country[:120], "column": column})
            return None, ("l4b.rollup.import_bad_value", {"country": country[:120], "column": column,
                                                          "low": f"{low:g}", "high": f"{high:g}"})
        row[column] = figure
    return row, None


class MissingColumns(MappingError):
    """A file without a column for some figures: named by their ids here, by their labels in words."""

    def __init__(self, missing: list[str], headers: list[str]):
        super().__init__("l4b.rollup.import_columns", missing=", ".join(missing), headers=", ".join(headers)[:200])
        self.missing = missing

    def in_words(self, m: RollupMethod, lang: str) -> str:
        return t(lang, self.key, **{**self.values, "missing": t(lang, "common.list_separator").join(
            m.column(c).text(lang) for c in self.missing)})


class NothingToImport(MappingError):
    """A file read whole whose every line has a problem: the lines and why travel with the refusal."""

    def __init__(self, imported: Imported, lines: int):
        super().__init__("l4b.rollup.import_nothing", lines=lines)
        self.imported = imported


def read_countries(path_or_buffer: Any, name: str, m: RollupMethod) -> Imported:
    """Country figures from a CSV (any encoding and delimiter screening reads) or a workbook. Lines
    with a missing or impossible figure, or a country the file lists again, are left out with their
    line; a file without the columns, or without one usable line, is refused (MappingError)."""
    table = read_upload(path_or_buffer, name)
    frame = table.frame
    headers = [str(c) for c in frame.columns]
    found = mapped_columns(headers, m)
    if missing := [c for c in COLUMNS if c not in found]:
        raise MissingColumns(missing, headers)
    if len(frame) > MAX_COUNTRIES:
        raise MappingError("l4b.rollup.import_too_many", rows=len(frame), limit=MAX_COUNTRIES)
    imported = Imported([], [], table.encoding, table.delimiter)
    seen: set[str] = set()
    records = frame[[found[c] for c in COLUMNS]].to_numpy(dtype=object).tolist()
    for line, values in enumerate(records, start=FIRST_DATA_LINE):
        row, problem = _row(dict(zip(COLUMNS, values, strict=True)))
        if row is not None and name_key(row["country"]) in seen:
            row, problem = None, ("l4b.rollup.import_repeated", {"country": row["country"]})
        if row is None:
            imported.problems.append((line, *problem))
            continue
        seen.add(name_key(row["country"]))
        imported.rows.append(row)
    if not imported.rows:
        raise NothingToImport(imported, len(records))
    return imported


def merged(data: dict[str, Any], imported: list[dict[str, Any]]) -> dict[str, Any]:
    """The worksheet with the imported countries: a country it has already (compared as names are)
    takes the file's figures and keeps its row; the others are added at the end."""
    rows = [dict(r) for r in data.get("rows", [])]
    at = {name_key(r.get("country") or ""): n for n, r in enumerate(rows) if r.get("country")}
    for row in imported:
        n = at.get(name_key(row["country"]))
        if n is None:
            rows.append(row)
        else:
            rows[n] = {**row, "key": rows[n]["key"], "country": rows[n]["country"]}
    return {**data, "rows": rows}
