"""Classroom load through nginx: bench.load's participants and projectors against 1 and 3 app processes
(serve.py) behind nginx (deploy/farm.py, as `dev.py serve` runs them), and the same users against the
one-line app behind the same nginx as the baseline.

    python -m bench.farm --users 120 --groups 24 --projectors 4 --seconds 120 --replicas 1 3
    python -m bench.farm ... --database-url postgresql+psycopg://user@host/db   # an empty database

Every WebSocket goes through nginx without a route cookie, so nginx spreads sessions over the processes
by a random route, as it does for browsers. For each replica count it prints the app's and the baseline's
participant reruns (p50/p95/p99), throughput (reruns of every kind per second), errors, the app processes'
CPU (summed, percent of one core), how many sessions each process served (nginx's log), and
`replicas N: p95 ratio (app/baseline) X.XX`; for the app also the CPU per rerun, measured, and the
sessions one core (and a 16-core server) would hold at this class's rerun rate. The exit status is
non-zero on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.load import Stats, _after, classroom, participant_job, pct, projector, warm_up
from deploy.farm import Farm, free_port, nginx_binary

ROOT = Path(__file__).resolve().parents[1]
CORE_LOAD = 0.7  # the share of a core a process may use and still answer promptly (for the estimate)
STREAMLIT_ARGS = ["--browser.gatherUsageStats=false", "--server.fileWatcherType=none", "--runner.postScriptGC=false"]


async def phase(farm: Farm, args, links: list[tuple[str, int]], projector_query: str, baseline: bool
                ) -> tuple[Stats, list[float], float, float]:
    """The class against a running farm: stats, the app processes' summed CPU once a second (percent of a
    core), seconds run, and the CPU seconds the app processes used meanwhile."""
    for port in farm.app_ports:  # each process through every page once, straight to it, before measuring
        await warm_up(f"ws://127.0.0.1:{port}/_stcore/stream", "" if baseline else links[0][0],
                      None if baseline else projector_query, baseline)
    url = f"ws://127.0.0.1:{farm.port}/_stcore/stream"
    stats, until = Stats(), time.monotonic() + args.seconds
    jobs = [participant_job(url, links, i, stats, until, baseline, None) for i in range(args.users)]
    jobs += [projector(url, projector_query, stats, until) for _ in range(0 if baseline else args.projectors)]
    ramp = [asyncio.sleep(i * args.ramp / max(len(jobs), 1)) for i in range(len(jobs))]
    processes = [psutil.Process(app.pid) for app in farm.apps]
    for process in processes:
        process.cpu_percent()
    cpu: list[float] = []

    async def sample():
        while True:
            await asyncio.sleep(1)
            cpu.append(sum(p.cpu_percent() for p in processes))

    sampler, started, used = asyncio.create_task(sample()), time.monotonic(), _cpu_seconds(processes)
    await asyncio.gather(*[_after(r, j) for r, j in zip(ramp, jobs, strict=True)])
    sampler.cancel()
    return stats, cpu, time.monotonic() - started, _cpu_seconds(processes) - used


def _cpu_seconds(processes: list[psutil.Process]) -> float:
    return sum(sum(p.cpu_times()[:2]) for p in processes)


def report(name: str, stats: Stats, cpu: list[float], seconds: float, cpu_seconds: float,
           sessions: collections.Counter, sessions_total: int = 0) -> float:
    """Print the phase's lines; with `sessions_total` (the app's), also the CPU per rerun and what a core
    would hold at this class's rate."""
    own = [ms for values in stats.by_label.values() for ms in values]
    every = len(own) + len(stats.follow_latencies) + len(stats.fragment_latencies)
    print(f"{name}: reruns {len(own)} ({stats.changes} score changes)  p50 {pct(own, 50):.0f} ms"
          f"  p95 {pct(own, 95):.0f} ms  p99 {pct(own, 99):.0f} ms  throughput {every / seconds:.1f} reruns/s"
          f" ({len(own) / seconds:.1f} own, {len(stats.follow_latencies) / seconds:.1f} follow,"
          f" {len(stats.fragment_latencies) / seconds:.1f} projector)  errors {len(stats.errors)}"
          f"  conflict panels {stats.conflicts}  refused {stats.refused}")
    print(f"{name}: app processes' CPU mean {statistics.fmean(cpu or [0]):.0f} % of a core (summed),"
          f" max {max(cpu or [0]):.0f} %; sessions per process {' '.join(map(str, sessions.values())) or '—'};"
          f" load driver shares the machine")
    if every and sessions_total:
        per_rerun = cpu_seconds / every  # CPU seconds of the app processes per rerun of any kind
        rate = every / seconds / sessions_total  # reruns per second per session (participant or projector)
        per_core = CORE_LOAD / (per_rerun * rate)
        print(f"{name}: {per_rerun * 1000:.1f} ms app CPU per rerun (not nginx, not the database),"
              f" {rate:.2f} reruns/s per session: one core at"
              f" {CORE_LOAD:.0%} holds ≈ {per_core:.0f} sessions; 16 cores (16 processes) ≈ {16 * per_core:.0f}")
    for error in stats.errors[:5]:
        print(f"{name}: error: {error}")
    return pct(own, 95)


def run(script: str, replicas: int, env: dict[str, str], args, links, projector_query, baseline: bool
        ) -> tuple[float, bool]:
    """One phase on a farm of its own: the participants' p95 and whether anything failed."""
    name = f"{'baseline' if baseline else 'app'} ×{replicas}"
    with Farm(sys.executable, replicas, free_port(), env, script=script, listen_host="127.0.0.1",
              streamlit_args=STREAMLIT_ARGS) as farm:
        stats, cpu, seconds, cpu_seconds = asyncio.run(phase(farm, args, links, projector_query, baseline))
        time.sleep(1)  # nginx logs a WebSocket when it closes
        sessions = collections.Counter(line["served_by"] for line in farm.served()
                                       if line["path"].startswith("/_stcore/stream"))
        if stats.errors:
            stats.errors.append(f"logs: {farm.run_dir}")
    total = 0 if baseline else args.users + args.projectors
    return report(name, stats, cpu, seconds, cpu_seconds, sessions, total), bool(stats.errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=120)
    parser.add_argument("--groups", type=int, default=24)
    parser.add_argument("--projectors", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--ramp", type=float, default=10.0)
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--database-url", help="an empty database for the class (default: a new SQLite file)")
    args = parser.parse_args()
    if not (1 <= args.users <= 500 and 1 <= args.groups <= 100 and 0 <= args.projectors <= 10
            and 5 <= args.seconds <= 3600 and all(1 <= r <= 16 for r in args.replicas)):
        parser.error("users 1–500, groups 1–100, projectors 0–10, seconds 5–3600, replicas 1–16")
    if nginx_binary() is None:
        parser.error("nginx is not installed (Debian: apt-get install nginx)")
    folder = Path(tempfile.mkdtemp(prefix="kam-farm-"))
    database_url = args.database_url or f"sqlite:///{folder / 'load.sqlite3'}"
    links, projector_query = classroom(database_url, args.groups)
    env = {**os.environ, "KAM_DATABASE_URL": database_url}
    baseline_script = folder / "baseline.py"
    baseline_script.write_text("import streamlit as st\nst.write('hello')\n")
    print(f"{args.users} participants in {args.groups} groups, {args.projectors} projectors, {args.seconds} s each,"
          f" through nginx; database {database_url.split('://')[0]}; {os.cpu_count()} cores")
    failed = False
    for replicas in args.replicas:
        app_p95, app_failed = run("serve.py", replicas, env, args, links, projector_query, baseline=False)
        base_p95, base_failed = run(str(baseline_script), replicas, env, args, links, projector_query, baseline=True)
        failed |= app_failed or base_failed
        print(f"replicas {replicas}: p95 ratio (app/baseline): {app_p95 / base_p95:.2f}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
