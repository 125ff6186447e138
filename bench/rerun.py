"""Median rerun time of the selection page with 5 accounts against a one-line Streamlit page,
measured side by side in one run (interleaved, so machine noise hits both alike).

    python -m bench.rerun [--runs 40]

A rerun here is a full script run of app.py and the page in-process (AppTest), as the server does
after each widget change; network and browser rendering are not included (bench.load measures those).
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _five_accounts() -> dict:
    from kamcore.methods import selection as sel

    m = sel.method()
    data = copy.deepcopy(sel.example_input(m, "portfolio"))
    extra = copy.deepcopy(data["accounts"][0])
    extra.update(key="acct-e", name="Account E")
    data["accounts"].append(extra)
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="kam-bench-")
    os.environ["KAM_DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    from streamlit.testing.v1 import AppTest

    from kamcore.methods import selection as sel
    from kamcore.store import Store

    store = Store()
    data = _five_accounts()
    store.save_worksheet(store.personal_group().id, "selection", sel.SelectionInput.model_validate(data), 0)

    page = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    page.run()
    page.switch_page("app_pages/selection.py").run()
    assert not page.exception and len(data["accounts"]) == 5
    baseline = AppTest.from_string("import streamlit as st\nst.write('hello')", default_timeout=60)
    baseline.run()

    page_times, baseline_times = [], []
    for _ in range(args.runs):
        page_times.append(_timed(page.run))
        baseline_times.append(_timed(baseline.run))
    page_ms, baseline_ms = statistics.median(page_times), statistics.median(baseline_times)
    print(f"selection page, 5 accounts: median {page_ms:.1f} ms over {args.runs} reruns")
    print(f"one-line page:              median {baseline_ms:.1f} ms over {args.runs} reruns")
    print(f"median ratio (page/baseline): {page_ms / baseline_ms:.2f}")


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
