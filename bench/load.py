"""Classroom load: simulated participants and projectors against the app, and the same users
against a one-line Streamlit app as the baseline, in one run, over Streamlit's own WebSocket
protocol (/_stcore/stream, subprotocol "streamlit", protobuf BackMsg/ForwardMsg).

    python -m bench.load --users 60 --groups 12 --projectors 2 --seconds 120 [--post-script-gc off]

Each participant opens its group's link (?w=CODE&g=TOKEN), moves between tool pages and changes
keyed sliders (scores) with a think time of 3–12 s; projector sessions honour the server's
auto-rerun interval. Everything runs on 127.0.0.1, bounded in users, time and timeouts; the driver
starts and stops the servers it measures. The last line is `p95 ratio (app/baseline): X.XX`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
TOOL_PAGES = ("selection", "competition", "partnership")  # pages with keyed sliders
RERUN_TIMEOUT = 60.0
THINK = (3.0, 12.0)
RSS_WINDOW = 60  # seconds of once-a-second RSS samples compared at the start and the end of a soak


@dataclass
class Stats:
    by_label: dict[str, list[float]] = field(default_factory=dict)  # ms: first run, page move, score change, stay
    fragment_latencies: list[float] = field(default_factory=list)  # ms, projector refreshes
    errors: list[str] = field(default_factory=list)
    changes: int = 0  # score changes sent


@dataclass
class Run:
    """What one rerun sent back: sliders by key, an auto-rerun request, an exception if any."""

    sliders: dict[str, tuple[str, float, float]] = field(default_factory=dict)  # key → (id, min, max)
    auto_rerun: tuple[float, str] | None = None
    exception: str | None = None


async def rerun(ws, stats: Stats, query: str, page: str, widgets: list | None = None,
                fragment: str | None = None, label: str = "stay") -> Run:
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page
    if fragment:
        message.rerun_script.fragment_id = fragment
        message.rerun_script.is_auto_rerun = True
    for widget_id, value in widgets or []:
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.double_array_value.data.append(value)
    started = time.perf_counter()
    await ws.send(message.SerializeToString())
    result = Run()
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(ws.recv(), RERUN_TIMEOUT))
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            if element.WhichOneof("type") == "slider":
                slider = element.slider
                result.sliders[slider.id.rsplit("-", 1)[-1]] = (slider.id, slider.min, slider.max)
            elif element.WhichOneof("type") == "exception":
                result.exception = element.exception.message
        elif kind == "auto_rerun":
            result.auto_rerun = (forward.auto_rerun.interval, forward.auto_rerun.fragment_id)
        elif kind == "script_finished":
            elapsed = (time.perf_counter() - started) * 1000
            if fragment:
                stats.fragment_latencies.append(elapsed)
            else:
                stats.by_label.setdefault(label, []).append(elapsed)
            if result.exception:
                stats.errors.append(result.exception[:120])
            return result


async def participant(url: str, query: str, stats: Stats, until: float, baseline: bool) -> None:
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=2**26, open_timeout=30) as ws:
            page = "" if baseline else random.choice(TOOL_PAGES)
            last = await rerun(ws, stats, query, page, label="first")
            while time.monotonic() + THINK[1] < until:
                await asyncio.sleep(random.uniform(*THINK))
                if baseline:
                    last = await rerun(ws, stats, query, page)
                elif random.random() < 0.25:  # move to another tool
                    page = random.choice(TOOL_PAGES)
                    last = await rerun(ws, stats, query, page, label="move")
                elif last.sliders:  # change a score
                    widget_id, low, high = last.sliders[random.choice(sorted(last.sliders))]
                    value = float(random.randint(int(low), int(high)))
                    last = await rerun(ws, stats, query, page, [(widget_id, value)], label="change")
                    stats.changes += 1
                else:
                    last = await rerun(ws, stats, query, page)
    except (OSError, TimeoutError, websockets.WebSocketException) as error:
        stats.errors.append(f"participant: {type(error).__name__}: {error}"[:120])


async def projector(url: str, query: str, stats: Stats, until: float) -> None:
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=2**26, open_timeout=30) as ws:
            run = await rerun(ws, stats, query, "projector")
            if not run.auto_rerun:
                stats.errors.append("projector: no auto-rerun fragment")
                return
            interval, fragment = run.auto_rerun
            while time.monotonic() + interval < until:
                await asyncio.sleep(interval)
                await rerun(ws, stats, query, "projector", fragment=fragment)
    except (OSError, TimeoutError, websockets.WebSocketException) as error:
        stats.errors.append(f"projector: {type(error).__name__}: {error}"[:120])


# ---- servers ---------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(script: Path, port: int, env: dict[str, str], post_script_gc: bool, log: Path) -> subprocess.Popen:
    """A server on loopback; its output goes to `log` (tracebacks of failed reruns end up there)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.address=127.0.0.1", f"--server.port={port}",
         "--server.headless=true", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
         f"--runner.postScriptGC={'true' if post_script_gc else 'false'}"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"{script.name} did not start")


def classroom(database_url: str, groups: int) -> tuple[list[str], str]:
    """A workshop with groups that have worked through the course examples; their query strings."""
    os.environ["KAM_DATABASE_URL"] = database_url
    from bench.classroom import example_classroom
    from kamcore.store import Store

    workshop, projector_token, groups_ = example_classroom(Store(database_url), groups, "Load test")
    queries = [f"w={workshop.code}&g={g.group.token}&lang=zh&account=Account+{n + 1}" for n, g in enumerate(groups_)]
    return queries, f"w={workshop.code}&p={projector_token}&lang=zh"


async def measure(server: subprocess.Popen, url: str, jobs) -> tuple[list[float], float, list[float]]:
    """Run the jobs while sampling the server's CPU (percent of one core) and RSS (MB, once a second)."""
    process = psutil.Process(server.pid)
    process.cpu_percent()
    cpu, rss = [], []

    async def sample():
        while True:
            await asyncio.sleep(1)
            cpu.append(process.cpu_percent())
            rss.append(process.memory_info().rss / 2**20)

    sampler = asyncio.create_task(sample())
    before = process.memory_info().rss / 2**20
    await asyncio.gather(*jobs)
    sampler.cancel()
    return cpu, before, rss or [before]


def report(name: str, stats: Stats, cpu: list[float], rss_before: float, rss: list[float], sessions: int,
           settled: int) -> float:
    def pct(values: list[float], q: float) -> float:
        return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else (values or [0])[0]

    lat = [ms for values in stats.by_label.values() for ms in values]
    print(f"{name}: reruns {len(lat)} ({stats.changes} score changes)  p50 {pct(lat, 50):.0f} ms"
          f"  p95 {pct(lat, 95):.0f} ms  p99 {pct(lat, 99):.0f} ms  errors {len(stats.errors)}")
    print(f"{name}: p95 by rerun: " + " · ".join(f"{label} {pct(values, 95):.0f} ms ({len(values)})"
                                                 for label, values in sorted(stats.by_label.items())))
    if stats.fragment_latencies:
        frag = stats.fragment_latencies
        print(f"{name}: projector refreshes {len(frag)}  p50 {pct(frag, 50):.0f} ms  p95 {pct(frag, 95):.0f} ms")
    peak = max(rss)
    settled = min(settled, len(rss) - 1)  # once every session has joined
    window = max(1, min(RSS_WINDOW, (len(rss) - settled) // 2))  # RSS swings with the allocator: compare medians
    joined, end = statistics.median(rss[settled:settled + window]), statistics.median(rss[-window:])
    print(f"{name}: server CPU mean {statistics.fmean(cpu or [0]):.0f} % of a core, max {max(cpu or [0]):.0f} %;"
          f" RSS {rss_before:.0f} → {peak:.0f} MB ({(peak - rss_before) / max(sessions, 1):.2f} MB/session);"
          f" after all joined {joined:.0f} → end {end:.0f} MB ({(end / joined - 1) * 100:+.1f} %,"
          f" medians of {window} s)")
    minutes = [statistics.median(rss[i:i + 60]) for i in range(0, len(rss), 60)]
    print(f"{name}: RSS median per minute (MB): {' '.join(f'{m:.0f}' for m in minutes)}")
    for error in stats.errors[:5]:
        print(f"{name}: error: {error}")
    return pct(lat, 95)


async def phase(script: Path, env: dict[str, str], args, queries: list[str], projector_query: str | None,
                baseline: bool) -> tuple[Stats, list[float], float, float]:
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"kam-load-{'baseline' if baseline else 'app'}-{port}.log"
    server = start_server(script, port, env, args.post_script_gc == "on", log)
    try:
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        await warm_up(url, queries[0] if not baseline else "", projector_query, baseline)
        stats = Stats()
        until = time.monotonic() + args.seconds
        jobs = [participant(url, "" if baseline else queries[i % len(queries)], stats, until, baseline)
                for i in range(args.users)]
        jobs += [projector(url, projector_query, stats, until) for _ in range(0 if baseline else args.projectors)]
        ramp = [asyncio.sleep(i * args.ramp / max(len(jobs), 1)) for i in range(len(jobs))]
        cpu, before, rss = await measure(server, url, [_after(r, j) for r, j in zip(ramp, jobs, strict=True)])
        if stats.errors:
            stats.errors.append(f"server log: {log}")
        return stats, cpu, before, rss
    finally:
        server.terminate()
        server.wait(timeout=30)


async def warm_up(url: str, query: str, projector_query: str | None, baseline: bool) -> None:
    """One session through every page first, so imports and caches are not counted as sessions' memory."""
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=2**26) as ws:
        for page in ([""] if baseline else TOOL_PAGES):
            await rerun(ws, Stats(), query, page)
        if projector_query:
            await rerun(ws, Stats(), projector_query, "projector")


async def _after(delay, job):
    await delay
    await job


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--groups", type=int, default=12)
    parser.add_argument("--projectors", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--ramp", type=float, default=10.0)
    parser.add_argument("--post-script-gc", choices=("on", "off"), default="off",
                        help="runner.postScriptGC for both servers (the project's config says off)")
    parser.add_argument("--no-baseline", action="store_true", help="the app alone (memory soaks); no ratio")
    args = parser.parse_args()
    if not (1 <= args.users <= 500 and 1 <= args.groups <= 100 and 0 <= args.projectors <= 10
            and 5 <= args.seconds <= 3600):
        parser.error("users 1–500, groups 1–100, projectors 0–10, seconds 5–3600")
    folder = Path(tempfile.mkdtemp(prefix="kam-load-"))
    database_url = f"sqlite:///{folder / 'load.sqlite3'}"
    queries, projector_query = classroom(database_url, args.groups)
    env = {**os.environ, "KAM_DATABASE_URL": database_url}
    baseline_script = folder / "baseline.py"
    baseline_script.write_text("import streamlit as st\nst.write('hello')\n")
    print(f"{args.users} participants in {args.groups} groups, {args.projectors} projectors, {args.seconds} s each,"
          f" postScriptGC {args.post_script_gc}")
    app = asyncio.run(phase(ROOT / "app.py", env, args, queries, projector_query, baseline=False))
    settled = int(args.ramp) + 15  # seconds until every session has joined and run once
    app_p95 = report("app", *app, args.users + args.projectors, settled)
    if args.no_baseline:
        sys.exit(1 if app[0].errors else 0)
    base = asyncio.run(phase(baseline_script, env, args, queries, None, baseline=True))
    base_p95 = report("baseline", *base, args.users, settled)
    print(f"p95 ratio (app/baseline): {app_p95 / base_p95:.2f}")
    sys.exit(1 if app[0].errors or base[0].errors else 0)


if __name__ == "__main__":
    main()
