"""Screening a whole customer base for key-account candidates: the selection tool's attractiveness
scoring, bands, gate and matrices, vectorised over a table of customers.

Rows with bad values are reported by their line in the file (the header is line 1) and left out;
every other row is scored exactly as the selection tool scores an account."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import reduce

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from kamcore.errors import UserError
from kamcore.export.csv_safe import DANGEROUS_STARTS
from kamcore.i18n import t
from kamcore.methods import selection as sel
from kamcore.methods.common import Criterion, Scale, criterion_name

FIRST_DATA_LINE = 2  # line 1 is the header


class MappingError(UserError, ValueError):
    """Columns that do not give what screening needs, or (UnreadableTable) a list that cannot be read."""


@dataclass
class Mapping:
    """Which column holds what: the account name, each attractiveness criterion, and optionally a
    business-strength score (0–10) and a vulnerability score (1–5)."""

    name: str
    criteria: dict[str, str]  # criterion id → column
    strength: str | None = None
    vulnerability: str | None = None


@dataclass
class Screened:
    table: pd.DataFrame  # the scored rows, best first
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, reason), in file order


def guess_mapping(columns: list[str], m: sel.SelectionMethod, criteria: list[dict] | None = None) -> Mapping:
    """Columns named like the criteria (their id, or their name in either language) map by themselves."""
    lowered = {c.strip().lower(): c for c in columns}
    found = {}
    for criterion in criteria or [{"id": c.id} for c in m.attractiveness_criteria]:
        spec = next((s for s in m.attractiveness_criteria if s.id == criterion["id"]), None)
        names = [criterion["id"], criterion.get("name", "")] + ([spec.name.zh, spec.name.en] if spec else [])
        column = next((lowered[n.lower()] for n in names if n and n.lower() in lowered), None)
        if column:
            found[criterion["id"]] = column
    name = next((lowered[n] for n in ("name", "account", "customer", "客户", "客户名称", "名称") if n in lowered),
                columns[0] if columns else "")
    return Mapping(name, found, lowered.get("strength"), lowered.get("vulnerability"))


def weighted_scores(values: np.ndarray, weights: np.ndarray, scale: Scale) -> tuple[np.ndarray, np.ndarray]:
    """Σ weight × score / 100 per row, and which cells are unusable (not a number or off the scale)."""
    bad = ~((values >= scale.min) & (values <= scale.max))  # NaN fails both comparisons
    return values @ weights / 100.0, bad


def screen(frame: pd.DataFrame, mapping: Mapping, criteria: list[dict], m: sel.SelectionMethod,
           lang: str) -> Screened:
    ids = [c["id"] for c in criteria]
    missing = [c for c in ids if c not in mapping.criteria] + [
        col for col in [mapping.name, *mapping.criteria.values(), mapping.strength, mapping.vulnerability]
        if col and col not in frame.columns]
    if missing:
        raise MappingError("screen.unmapped", what=", ".join(missing))
    weights = np.array([c["weight"] for c in criteria], dtype=float)
    values = np.column_stack([_numbers(frame[mapping.criteria[i]]) for i in ids])
    attractiveness, bad_cells = weighted_scores(values, weights, m.attractiveness_scale)
    problems: dict[int, list[str]] = {}
    names = frame[mapping.name].astype("string").str.strip()
    _report(problems, names.isna().to_numpy() | (names == "").fillna(True).to_numpy(),
            t(lang, "screen.no_name", column=mapping.name))
    for n, criterion_id in enumerate(ids):
        _report(problems, bad_cells[:, n], t(lang, "screen.bad_value", column=mapping.criteria[criterion_id],
                                             low=f"{m.attractiveness_scale.min:g}",
                                             high=f"{m.attractiveness_scale.max:g}"))
    extra = {}
    for key, scale in (("strength", m.strength_scale), ("vulnerability", m.vulnerability_scale)):
        column = getattr(mapping, key)
        if column:
            numbers = _numbers(frame[column])
            _report(problems, ~np.isfinite(numbers) | (numbers < scale.min) | (numbers > scale.max),
                    t(lang, "screen.bad_value", column=column, low=f"{scale.min:g}", high=f"{scale.max:g}"))
            extra[key] = numbers
    good = np.ones(len(frame), dtype=bool)
    if problems:
        good[np.fromiter(problems, dtype=np.int64)] = False
    table = _table(names.array[good], values[good], attractiveness[good], {k: v[good] for k, v in extra.items()},
                   ids, criteria, m, lang)
    return Screened(table, [(i + FIRST_DATA_LINE, "; ".join(r)) for i, r in sorted(problems.items())])


def _numbers(column: pd.Series) -> np.ndarray:
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _report(problems: dict[int, list[str]], mask: np.ndarray, reason: str) -> None:
    for index in np.flatnonzero(mask):
        problems.setdefault(int(index), []).append(reason)


def _table(names, values, attractiveness, extra, ids, criteria, m: sel.SelectionMethod, lang: str) -> pd.DataFrame:
    """The scored rows, best first; labels as categoricals (codes, not a million strings)."""
    bands = sorted((b for b in m.bands if b.min is not None), key=lambda b: -b.min)
    catch_all = next(b for b in m.bands if b.min is None)
    order_of = [*(b.id for b in bands), catch_all.id]  # band code = its place, best first
    in_band = [_above(attractiveness, b.min, b.side or ">=") for b in bands]
    code = np.select(in_band, list(range(len(bands))), len(bands))
    gate_failed = np.zeros(len(names), dtype=bool)
    if m.gate and m.gate.criterion in ids:
        gate_failed = values[:, ids.index(m.gate.criterion)] < m.gate.min_score
        cap = order_of.index(m.gate.cap_band)
        code = np.where(gate_failed & (code < cap), cap, code)
    names_of = {c["id"]: criterion_name(Criterion.model_validate(c), m.attractiveness_criteria, lang)
                for c in criteria}
    columns = {t(lang, "selection.account"): names,
               **{names_of[i]: _as_written(values[:, n]) for n, i in enumerate(ids)},
               t(lang, "selection.attractiveness"): np.round(attractiveness, 4),
               t(lang, "selection.band"): pd.Categorical.from_codes(code, [m.band(b).label(lang) for b in order_of]),
               t(lang, "screen.gate"): pd.Categorical.from_codes(gate_failed.astype(np.int8), ["", "⚠"])}
    if "strength" in extra:
        columns[t(lang, "selection.strength")] = extra["strength"]
        columns[t(lang, "selection.portfolio_matrix")] = _quadrant(extra["strength"], attractiveness, m.portfolio, lang)
    if "vulnerability" in extra:
        columns[t(lang, "selection.vulnerability")] = extra["vulnerability"]
        columns[t(lang, "selection.vulnerability_matrix")] = _quadrant(extra["vulnerability"], attractiveness,
                                                                       m.vulnerability_matrix, lang)
    order = np.argsort(-attractiveness, kind="stable")
    table = pd.DataFrame(columns).iloc[order].reset_index(drop=True)
    table.insert(0, t(lang, "selection.rank"), _ranks(attractiveness[order]))
    return table


def _above(values: np.ndarray, cut: float, side: str) -> np.ndarray:
    """engines.above for a whole column: a value on the cut-off goes by the cut-off's side."""
    return values >= cut if side == ">=" else values > cut


def _as_written(scores: np.ndarray) -> np.ndarray:
    """Whole-number scores back as integers: they read (and write) as the file had them."""
    whole = scores.astype(np.int64)
    return whole if np.array_equal(whole, scores) else scores


def _ranks(descending: np.ndarray) -> np.ndarray:
    """Competition ranks (1, 2, 2, 4) of values already sorted best first."""
    starts = np.r_[True, descending[1:] != descending[:-1]]
    return np.maximum.accumulate(np.where(starts, np.arange(len(descending)), 0)) + 1


def _quadrant(x: np.ndarray, y: np.ndarray, spec, lang: str) -> pd.Categorical:
    cells = ["low_low", "low_high", "high_low", "high_high"]  # code = 2·(x high) + (y high)
    code = 2 * _above(x, spec.x_cut, spec.x_side).astype(np.int8) + _above(y, spec.y_cut, spec.y_side).astype(np.int8)
    return pd.Categorical.from_codes(code, [spec.category(spec.cells[c]).label(lang) for c in cells])


MAX_ROWS = 1_000_000  # customers in one upload: what the screening scores in seconds
MAX_EXPANDED_BYTES = 24 * 1024 * 1024  # what a workbook's parts may unzip to, together (~100 k rows of 8 columns)
MAX_CSV_BYTES = 256 * 1024 * 1024  # a CSV does not expand: this only bounds reading it whole
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}  # the message naming each in files_fix.delimiter
DELIMITERS = tuple(DELIMITER_NAMES)


class UnreadableTable(MappingError):
    """A customer list refused before (or while) parsing."""


@dataclass
class Table:
    frame: pd.DataFrame
    encoding: str = ""  # how a CSV was read ("" for a workbook)
    delimiter: str = ""


def read_table(path_or_buffer, name: str) -> pd.DataFrame:
    """A customer list from CSV or Excel (by its name), every column kept as read."""
    return read_upload(path_or_buffer, name).frame


def read_upload(path_or_buffer, name: str) -> Table:
    """A customer list from CSV or Excel (by its name), checked before parsing: a workbook by its zip
    directory (parts it must have, what they unzip to, rows its sheet declares), a CSV by its size
    and lines; then a CSV's encoding and delimiter are found. Raises UnreadableTable."""
    raw = _raw(path_or_buffer)
    if name.lower().endswith((".xlsx", ".xlsm")):
        return Table(_workbook(raw))
    return _csv_table(raw)


def _raw(path_or_buffer) -> bytes:
    if hasattr(path_or_buffer, "read"):
        return path_or_buffer.read(MAX_CSV_BYTES + 1)
    with open(path_or_buffer, "rb") as f:
        return f.read(MAX_CSV_BYTES + 1)


def _workbook(raw: bytes) -> pd.DataFrame:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as parts:
            infos = parts.infolist()
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/worksheets/") for n in names):
                raise UnreadableTable("files_fix.not_a_workbook")
            expanded = sum(i.file_size for i in infos)
            if expanded > MAX_EXPANDED_BYTES:
                raise UnreadableTable("files_fix.expands_too_much", mb=expanded // 2**20,
                                      limit=MAX_EXPANDED_BYTES // 2**20)
            declared = _declared_rows(parts, infos)
    # a damaged header can claim a zip version or compression Python does not read: NotImplementedError
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, zlib.error) as error:
        if isinstance(error, UnreadableTable):
            raise
        raise UnreadableTable("files_fix.not_a_workbook") from None
    if declared > MAX_ROWS + 1:
        raise UnreadableTable("files_fix.too_many_rows", rows=declared - 1, limit=MAX_ROWS)
    try:
        frame = pd.read_excel(io.BytesIO(raw), nrows=MAX_ROWS + 1)
    except Exception:  # openpyxl raises KeyError, TypeError, XML errors … on a damaged part  # noqa: BLE001
        raise UnreadableTable("files_fix.not_a_workbook") from None
    if len(frame) > MAX_ROWS:
        raise UnreadableTable("files_fix.too_many_rows", rows=f"> {MAX_ROWS}", limit=MAX_ROWS)
    return frame


def _declared_rows(parts: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> int:
    """The most rows a sheet's <dimension ref="A1:F200"> declares, read from its first kilobytes."""
    most = 0
    for info in infos:
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            with parts.open(info) as part:
                head = part.read(4096).decode("utf-8", "replace")
            found = re.search(r'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', head)
            most = max(most, int(found.group(1)) if found else 0)
    return most


def _csv_table(raw: bytes) -> Table:
    if len(raw) > MAX_CSV_BYTES:
        raise UnreadableTable("files_fix.csv_too_big", limit=MAX_CSV_BYTES // 2**20)
    encoding, text = _decoded(raw)
    lines = text.count("\n")
    if lines > MAX_ROWS + 1:
        raise UnreadableTable("files_fix.too_many_rows", rows=lines - 1, limit=MAX_ROWS)
    if not text.strip():
        raise UnreadableTable("files_fix.empty")
    delimiter = _delimiter(text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise UnreadableTable("files_fix.not_a_table", detail=str(error).splitlines()[0][:120]) from None
    return Table(frame, encoding, delimiter)


def _decoded(raw: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in: UTF-8 (with or without a BOM), UTF-16
    (with a BOM, or without one when every other byte is zero), else GB18030, the superset of GBK."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif len(raw) >= 4 and raw[1::2].count(0) > len(raw) // 4:
        candidates = ["utf-16-le"]
    elif len(raw) >= 4 and raw[0::2].count(0) > len(raw) // 4:
        candidates = ["utf-16-be"]
    else:
        candidates = ["utf-8-sig", "gb18030"]
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            label = "UTF-8-BOM" if raw.startswith(b"\xef\xbb\xbf") else encoding.upper().replace("-SIG", "")
            return label, text.lstrip("\ufeff")
    raise UnreadableTable("files_fix.unknown_encoding")


def _delimiter(text: str) -> str:
    """The delimiter that splits the header and the first lines into the same number of columns,
    most columns winning (a list of names in one column has no delimiter at all: a comma)."""
    head = [line for line in text[:65536].splitlines()[:20] if line.strip()]
    best, best_columns = ",", 1
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(head, delimiter=delimiter))
        except csv.Error:
            continue
        counts = {len(r) for r in rows[: max(len(rows) - 1, 1)]}  # the last line may be cut off
        if len(counts) == 1 and (n := counts.pop()) > best_columns:
            best, best_columns = delimiter, n
    return best


def to_csv_bytes(table: pd.DataFrame, threads: int = 2) -> bytes:
    """The ranking as CSV, written by pyarrow in slices on `threads` threads (pandas' writer is ~10×
    slower at a million rows). The account names are the only typed text: those that start like a
    formula are neutralised."""
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    arrow = arrow.set_column(1, arrow.field(1), _neutralised(arrow.column(1)))
    step = max(1, -(-len(arrow) // threads))
    slices = [arrow.slice(start, step) for start in range(0, max(len(arrow), 1), step)]
    with ThreadPoolExecutor(len(slices)) as pool:
        written = pool.map(_csv, slices, [True] + [False] * (len(slices) - 1))
        return "\ufeff".encode() + b"".join(written)  # the BOM lets Excel read Chinese correctly


def _neutralised(names: pa.ChunkedArray) -> pa.ChunkedArray:
    formula_like = reduce(pc.or_, (pc.starts_with(names, start) for start in DANGEROUS_STARTS))
    if not pc.any(formula_like).as_py():
        return names
    quoted = pc.binary_join_element_wise(pa.scalar("'", names.type), names, pa.scalar("", names.type))
    return pc.if_else(formula_like, quoted, names)


def _csv(rows: pa.Table, header: bool) -> bytes:
    buffer = io.BytesIO()
    pa_csv.write_csv(rows, buffer, pa_csv.WriteOptions(include_header=header))
    return buffer.getvalue()


def to_xlsx_bytes(table: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    table.to_excel(buffer, index=False, engine="xlsxwriter",
                   engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}})
    return buffer.getvalue()
