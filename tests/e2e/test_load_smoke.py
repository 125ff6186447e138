"""The load driver keeps working: a 10-user, 20-second run against real servers (no timing asserted)."""

import subprocess
import sys

from tests.e2e.conftest import ROOT


def test_the_load_driver_runs_a_small_classroom_without_errors():
    done = subprocess.run([sys.executable, "-m", "bench.load", "--users", "10", "--groups", "3", "--projectors", "1",
                           "--seconds", "20"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-1].startswith("p95 ratio (app/baseline): ")
    assert "app: projector refreshes" in done.stdout and "errors 0" in done.stdout
