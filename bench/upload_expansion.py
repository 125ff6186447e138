"""How an upload that unzips far beyond its size is refused, and what the largest accepted workbook costs.

    python -m bench.upload_expansion [MB ...]

For each size, builds (in memory, nothing written) a small .xlsx whose one sheet unzips to that many MB
of XML (50 inline-string cells a row), and reports the seconds of read_upload accepting or refusing it and
the peak memory it allocated (tracemalloc, in a second run: tracing slows parsing several times).
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import tracemalloc

from kamcore.screening import MAX_EXPANDED_BYTES, UnreadableTable, read_upload
from tests.unit.test_bad_files import expanding_workbook


def measure(megabytes: int) -> str:
    raw = expanding_workbook(megabytes)
    start = time.perf_counter()
    outcome = _read(raw)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    _read(raw)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (f"{megabytes:>4} MB unzipped from {len(raw) / 1024:.0f} KB: {outcome} in {seconds:.3f} s, "
            f"peak allocated {peak / 1024:.0f} KB")


def _read(raw: bytes) -> str:
    try:
        return f"read {len(read_upload(io.BytesIO(raw), 'x.xlsx').frame)} rows"
    except UnreadableTable as error:
        return f"refused ({error.key})"


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(measure(int(sys.argv[2])))
    else:
        print(f"limit: {MAX_EXPANDED_BYTES // 2**20} MB unzipped")
        for size in sys.argv[1:] or ["128", str(MAX_EXPANDED_BYTES // 2**20 - 1)]:
            subprocess.run([sys.executable, "-m", "bench.upload_expansion", "--one", size], check=True)
