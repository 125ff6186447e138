"""Screening a customer base: column mapping, bad rows by line, the selection tool's own scores."""

import io
import math
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest

from kamcore.methods import selection as sel
from kamcore.screening import guess_mapping, screen, to_csv_bytes

M = sel.method()
CRITERIA = [{"id": c.id, "weight": c.weight} for c in M.attractiveness_criteria]
CSV = """Customer,Future sales and profit,财务安全,relationship,Influence,strength,vulnerability
A,8,7,5,9,7.25,3.55
B,10,3,10,10,4,2
C,x,5,5,5,5,3
,5,5,5,5,5,3
D,11,5,5,5,5,9
E,3,3,3,3,2,4
"""


def frame():
    return pd.read_csv(io.StringIO(CSV))


def run(mapping=None):
    f = frame()
    mapping = mapping or guess_mapping(list(f.columns), M)
    mapping.criteria["mutual_relationship"] = "relationship"
    return screen(f, mapping, CRITERIA, M, "en")


def test_columns_named_like_a_criterion_in_either_language_map_themselves():
    mapping = guess_mapping(list(frame().columns), M)
    assert mapping.name == "Customer" and mapping.strength == "strength"
    assert mapping.criteria == {"future_sales_profit": "Future sales and profit", "financial_security": "财务安全",
                                "influence": "Influence"}


def test_bad_rows_are_reported_by_line_and_reason_and_the_rest_are_scored():
    result = run()
    assert [line for line, _ in result.problems] == [4, 5, 6]
    assert "not a number between 1 and 10" in result.problems[0][1] and "no account name" in result.problems[1][1]
    assert "'vulnerability'" in result.problems[2][1]
    assert list(result.table["Account"]) == ["B", "A", "E"]


def test_scores_and_verdicts_are_the_selection_tools_own():
    table = run().table.set_index("Account")
    for name, row in table.iterrows():
        source = frame().set_index("Customer").loc[name]
        account = {"name": name, "attractiveness": {"future_sales_profit": source["Future sales and profit"],
                                                    "financial_security": source["财务安全"],
                                                    "mutual_relationship": source["relationship"],
                                                    "influence": source["Influence"]},
                   "strength_route": "stage", "stage": 3,
                   "vulnerability": {f.id: 3 for f in M.vulnerability_factors}}
        data = {**sel.blank_input_criteria(M), "accounts": [account]}
        expected = sel.evaluate(sel.SelectionInput.model_validate(data), M).accounts[0]
        assert row["Account attractiveness"] == pytest.approx(expected.attractiveness)
        assert row["Verdict"] == M.band(expected.band).label("en")
        assert (row["Financial security flag"] == "⚠") == expected.gate_failed


def test_quadrants_follow_the_method_and_ranks_tie():
    table = run().table.set_index("Account")
    assert table.loc["A", "Attractiveness × strength"] == "Strategic"
    assert table.loc["B", "Attractiveness × strength"] == "Star"
    assert table.loc["E", "Attractiveness × vulnerability"] == "Accept risk"
    tied = screen(pd.DataFrame({"name": ["x", "y", "z"], **{c["id"]: [5, 5, 4] for c in CRITERIA}}),
                  guess_mapping(["name", *(c["id"] for c in CRITERIA)], M), CRITERIA, M, "en").table
    assert list(tied["Rank"]) == [1, 1, 3]


def fastest(run, times: int) -> float:
    """The best of a few timings: the least disturbed by other work on the machine."""
    best = math.inf
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


# Screening does more per row than a bare weighted sum and ranking (names, checks, bands, gate, labels):
# 2–6× its time when vectorised. Only the weighted sum looped in Python over the rows already makes it 15–30×.
VECTORISED_BOUND = 12


def test_screening_costs_per_row_a_small_multiple_of_a_bare_numpy_weighted_sum_so_a_million_rows_take_seconds():
    n = 200_000
    rng = np.random.default_rng(1)
    big = pd.DataFrame({"name": np.arange(n).astype(str), **{c["id"]: rng.integers(1, 11, n) for c in CRITERIA}})
    mapping = guess_mapping(list(big.columns), M)
    result = screen(big, mapping, CRITERIA, M, "en")
    assert len(result.table) == n and result.problems == []
    weights = np.array([c["weight"] for c in CRITERIA], dtype=float)

    def bare_numpy():
        scores = big[[c["id"] for c in CRITERIA]].to_numpy(dtype=float) @ weights / 100
        np.argsort(-scores, kind="stable")

    screening, baseline = fastest(lambda: screen(big, mapping, CRITERIA, M, "en"), 5), fastest(bare_numpy, 9)
    assert screening < VECTORISED_BOUND * baseline, (
        f"{screening / n * 1e6:.2f} µs a row against {baseline / n * 1e6:.3f} µs for bare numpy")


def test_the_command_writes_a_ranked_csv_and_reports_bad_rows_on_stderr(tmp_path):
    source = tmp_path / "customers.csv"
    source.write_text(CSV, encoding="utf-8")
    out = tmp_path / "ranked.csv"
    done = subprocess.run([sys.executable, "-m", "kamcore", "selection", "screen", str(source), "-o", str(out),
                           "--map", "mutual_relationship=relationship"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "line 4:" in done.stderr and "3 customers scored" in done.stderr
    ranked = pd.read_csv(out, encoding="utf-8-sig")
    assert list(ranked["Account"]) == ["B", "A", "E"]


def test_an_unmapped_criterion_exits_2_with_the_reason(tmp_path):
    source = tmp_path / "customers.csv"
    source.write_text(CSV, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kamcore", "--lang", "zh", "selection", "screen", str(source)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "没有对应的列" in done.stderr and "Traceback" not in done.stderr


def test_the_excel_ranking_keeps_names_as_text(tmp_path):
    source = tmp_path / "customers.csv"
    source.write_text(CSV.replace("\nA,", '\n=HYPERLINK("x"),'), encoding="utf-8")
    out = tmp_path / "ranked.xlsx"
    subprocess.run([sys.executable, "-m", "kamcore", "selection", "screen", str(source), "-o", str(out),
                    "--map", "mutual_relationship=relationship"], check=True, capture_output=True)
    import openpyxl

    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows() for c in row if c.value == '=HYPERLINK("x")']
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_csv_ranking_quotes_formula_like_names_and_slices_join_seamlessly():
    names = ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "Plain"]
    table = screen(pd.DataFrame({"name": names, **{c["id"]: [5, 6, 7, 8, 9] for c in CRITERIA}}),
                   guess_mapping(["name", *(c["id"] for c in CRITERIA)], M), CRITERIA, M, "en").table
    written = to_csv_bytes(table, threads=3)
    assert written == to_csv_bytes(table, threads=1)
    ranked = pd.read_csv(io.BytesIO(written), encoding="utf-8-sig")
    assert list(ranked["Account"]) == ["Plain", "'@SUM(A1)", "'-1", "'+1", "'=HYPERLINK(\"x\")"]
    assert list(ranked["Rank"]) == [1, 2, 3, 4, 5]


def test_a_value_on_a_cut_off_goes_by_the_cut_offs_side_as_in_the_selection_tool():
    on_cut = M.portfolio.x_cut
    strict = M.model_copy(update={"portfolio": M.portfolio.model_copy(update={"x_side": ">"})})
    f = pd.DataFrame({"name": ["on the cut"], **{c["id"]: [8] for c in CRITERIA}, "strength": [on_cut]})
    mapping = guess_mapping(list(f.columns), M)
    column = "Attractiveness × strength"
    as_taught, strictly = (screen(f, mapping, CRITERIA, m, "en").table[column][0] for m in (M, strict))
    expected = [m.portfolio.category(m.portfolio.classify(on_cut, 8)).label("en") for m in (M, strict)]
    assert [as_taught, strictly] == expected and as_taught != strictly
