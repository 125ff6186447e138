"""Customer-base screening at CRM scale: 10 k, 100 k and 1 M customers, each measured side by side
with its baselines in the same run.

    python -m bench.screening [--sizes 10000 100000 1000000]

Prints, per size: pandas reading the CSV (baseline 1), the whole `python -m kamcore selection
screen` work in-process (read, score, band, rank, write the ranked CSV) and, of that, the writing of
the ranked CSV alone: read + writing is the floor of any command that reads the file and writes the
ranking (÷(r+w)); then a bare numpy weighted sum (baseline 2) and kamcore's scoring step (weighted sum plus
the validity checks) on the same data. The bare sum runs on OpenBLAS's threads (both cores here) while
the checks run on one; set OPENBLAS_NUM_THREADS=1 to compare them on one core each.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from kamcore.methods import selection as sel
from kamcore.screening import guess_mapping, read_table, screen, to_csv_bytes, weighted_scores


def customers(n: int, folder: Path) -> Path:
    rng = np.random.default_rng(7)
    frame = pd.DataFrame({"name": [f"Customer {i}" for i in range(n)],
                          **{c.id: rng.integers(1, 11, n) for c in sel.method().attractiveness_criteria},
                          "strength": rng.uniform(0, 10, n).round(2), "vulnerability": rng.uniform(1, 5, n).round(2)})
    frame.loc[rng.choice(n, max(1, n // 1000), replace=False), "influence"] = 11  # 0.1 % bad rows
    path = folder / f"customers-{n}.csv"
    frame.to_csv(path, index=False)
    return path


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    m = sel.method()
    criteria = [{"id": c.id, "weight": c.weight} for c in m.attractiveness_criteria]
    weights = np.array([c["weight"] for c in criteria], dtype=float)
    folder = Path(tempfile.mkdtemp(prefix="kam-screen-"))
    heads = ("customers", "read CSV", "whole", "÷read", "writing", "÷(r+w)", "numpy sum", "scoring", "÷numpy")
    print(" ".join(f"{h:>{6 if h.startswith('÷') else 10}}" for h in heads))
    for n in args.sizes:
        path = customers(n, folder)
        read = best_of(args.runs, lambda p=path: pd.read_csv(p))

        def whole(p=path):
            frame = read_table(p, p.name)
            result = screen(frame, guess_mapping(list(frame.columns), m), criteria, m, "en")
            io.BytesIO(to_csv_bytes(result.table))

        total = best_of(args.runs, whole)
        frame = read_table(path, path.name)
        ranked = screen(frame, guess_mapping(list(frame.columns), m), criteria, m, "en").table
        writing = best_of(args.runs, lambda r=ranked: to_csv_bytes(r))
        values = pd.read_csv(path)[[c["id"] for c in criteria]].to_numpy(dtype=float)
        bare = best_of(args.runs * 3, lambda v=values: v @ weights / 100.0)
        scoring = best_of(args.runs * 3, lambda v=values: weighted_scores(v, weights, m.attractiveness_scale))
        print(f"{n:>10} {read * 1000:>8.0f}ms {total * 1000:>8.0f}ms {total / read:>6.2f} {writing * 1000:>8.0f}ms "
              f"{total / (read + writing):>6.2f} {bare * 1000:>8.2f}ms {scoring * 1000:>8.2f}ms {scoring / bare:>6.2f}")


if __name__ == "__main__":
    main()
