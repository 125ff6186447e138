"""Build the workshop workbook and deck for 3, 12 and 48 groups (every tool's course example in each)
and show the cost per group: it should stay flat, i.e. the total grows no faster than the groups.

    python -m bench.exports [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from bench.classroom import example_classroom
from kamcore.export.files import workshop_file
from kamcore.store import Store

SIZES = (3, 12, 48)


def classroom(groups: int):
    store = Store(f"sqlite:///{tempfile.mkdtemp(prefix='kam-bench-')}/bench.sqlite3")
    workshop, _, _ = example_classroom(store, groups, f"Bench {groups}")
    return store, workshop


def timed(build) -> float:
    start = time.perf_counter()
    build()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for groups in SIZES:
        store, workshop = classroom(groups)
        for kind in ("xlsx", "pptx"):
            seconds = statistics.median(timed(lambda k=kind, s=store, w=workshop: workshop_file(s, w, k, "zh"))
                                        for _ in range(args.repeat))
            rows.append((groups, kind, seconds))
            print(f"{groups:3} groups  {kind}: {seconds * 1000:8.1f} ms  ({seconds / groups * 1000:6.1f} ms per group)")
    for kind in ("xlsx", "pptx"):
        per_group = {g: s / g for g, k, s in rows if k == kind}
        print(f"{kind}: cost per group at 48 groups / at 3 groups = {per_group[48] / per_group[3]:.2f}")


if __name__ == "__main__":
    main()
