"""The load driver keeps working: small runs against real servers (no timing asserted)."""

import re
import subprocess
import sys

from tests.e2e.conftest import ROOT


def load(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bench.load", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_the_load_driver_runs_a_small_classroom_without_errors():
    done = load("--users", "10", "--groups", "3", "--projectors", "1", "--seconds", "20")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-1].startswith("p95 ratio (app/baseline): ")
    assert "app: projector refreshes" in done.stdout and "errors 0" in done.stdout
    assert re.search(r"app: follow refreshes [1-9]", done.stdout), done.stdout


def test_two_devices_per_group_changing_different_scores_lose_nothing_and_never_conflict():
    done = load("--users", "4", "--pairs", "--projectors", "0", "--seconds", "25", "--no-baseline")
    assert done.returncode == 0, done.stdout + done.stderr
    pairs = re.search(r"pairs: sent (\d+), acknowledged (\d+), stored (\d+) of (\d+) scores, conflicts (\d+),"
                      r" lost (\d+)", done.stdout)
    assert pairs, done.stdout
    sent, acknowledged, stored, scores, conflicts, lost = map(int, pairs.groups())
    assert sent > 0 and acknowledged == sent and stored == scores > 0 and (conflicts, lost) == (0, 0)
    assert re.search(r"follow refreshes \d+ \([1-9]\d* redrew the page\)", done.stdout), done.stdout
