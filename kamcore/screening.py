"""Screening a whole customer base for key-account candidates: the selection tool's attractiveness
scoring, bands, gate and matrices, vectorised over a table of customers.

Rows with bad values are reported by their line in the file (the header is line 1) and left out;
every other row is scored exactly as the selection tool scores an account."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import reduce

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from kamcore.export.csv_safe import DANGEROUS_STARTS
from kamcore.i18n import t
from kamcore.methods import selection as sel
from kamcore.methods.common import Criterion, Scale, criterion_name

FIRST_DATA_LINE = 2  # line 1 is the header


class MappingError(ValueError):
    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values


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
    code = np.select([attractiveness >= b.min for b in bands], list(range(len(bands))), len(bands))
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
    code = 2 * (x >= spec.x_cut).astype(np.int8) + (y >= spec.y_cut).astype(np.int8)
    return pd.Categorical.from_codes(code, [spec.category(spec.cells[c]).label(lang) for c in cells])


def read_table(path_or_buffer, name: str) -> pd.DataFrame:
    """A customer list from CSV or Excel (by its name), every column kept as read."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        return pd.read_excel(path_or_buffer)
    return pd.read_csv(path_or_buffer)


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
