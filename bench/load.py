"""Classroom load: simulated participants and projectors against the app, and the same users
against a one-line Streamlit app as the baseline, in one run, over Streamlit's own WebSocket
protocol (/_stcore/stream, subprotocol "streamlit", protobuf BackMsg/ForwardMsg).

    python -m bench.load --users 60 --groups 12 --projectors 2 --seconds 120 [--post-script-gc off]
    python -m bench.load --users 60 --pairs --projectors 2 --seconds 120
    python -m bench.load ... --baseline-send-at-once   # the baseline with serve.py's TCP_NODELAY fix too
    python -m bench.load ... --against ../before       # another checkout's app at the same time, not the baseline

The app runs as `python3 dev.py start` serves it (serve.py); the baseline on Streamlit's own server.

Each participant opens its group's link (?w=CODE&g=TOKEN), moves between tool pages and changes
keyed score controls (pills) with a think time of 3–12 s, and answers a conflict panel by clicking one of
its buttons; on a page without score controls it reruns the page as other work there would. Like a
browser, it reruns only the fragment a control is drawn in (a tool page is one fragment), and the whole
app when it moves to another page. Between its own actions it reruns its page's follow fragment at the
interval the server announced (auto_rerun), as a browser does; those refreshes are reported apart from
the participant's own reruns but load the same server. Projector sessions do the same with the
projector's fragment.

--pairs: users/2 groups of two devices each, both on the selection page; device 0 of a pair moves
only attractiveness scores, device 1 only vulnerability scores. A change is acknowledged when its
rerun shows no conflict panel, no error and the slider at the sent value. At the end the store is
read: each score's stored value must be the last value its device saw acknowledged. The line
`pairs: sent N, acknowledged N, stored N of N scores, conflicts 0, lost 0, ...` comes before the
ratio; the exit status is non-zero on any conflict, loss, refused or unconfirmed change.

Everything runs on 127.0.0.1, bounded in users, time and timeouts; the driver starts and stops the
servers it measures. The last line is `p95 ratio (app/baseline): X.XX` (participants' own reruns).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
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
TOOL_PAGES = ("selection", "competition", "partnership")  # pages with keyed score controls
RERUN_TIMEOUT = 60.0
THINK = (3.0, 12.0)
RSS_WINDOW = 60  # seconds of once-a-second RSS samples compared at the start and the end of a soak


@dataclass
class Stats:
    by_label: dict[str, list[float]] = field(default_factory=dict)  # ms of participants' own reruns, by kind
    follow_latencies: list[float] = field(default_factory=list)  # ms, participants' follow refreshes
    follow_redraws: int = 0  # follow refreshes that redrew the page (another device of the group saved)
    fragment_latencies: list[float] = field(default_factory=list)  # ms, projector refreshes
    errors: list[str] = field(default_factory=list)
    changes: int = 0  # score changes sent
    conflicts: int = 0  # participants' reruns that showed a conflict panel
    refused: int = 0  # participants' changes answered with an error message (bad input, locked tool)
    driver_cpu: float = 0.0  # percent of a core this process used: it shares the machine with the server

    def add(self, label: str, run: Run) -> None:
        self.by_label.setdefault(label, []).append(run.ms)
        self.check(run)

    def check(self, run: Run) -> None:
        if run.exception:
            self.errors.append(run.exception[:120])


@dataclass
class Score:
    """A score control: a row of pills (or a slider) with its values."""

    id: str
    values: list[float]
    shown: float | None  # the value the page shows as saved; None: not scored yet
    pills: bool = True
    fragment: str = ""  # the fragment the control is drawn in: a browser reruns just that fragment

    def widget(self, value: float) -> tuple[str, float | str]:
        """The widget state a browser sends when the person picks `value`."""
        return self.id, (f"{value:g}" if self.pills else value)


@dataclass
class Run:
    """What one rerun sent back: sliders and buttons by user key, an auto-rerun request, errors."""

    scores: dict[str, Score] = field(default_factory=dict)  # score controls by user key
    buttons: dict[str, str] = field(default_factory=dict)  # user key → element id
    auto_rerun: tuple[float, str] | None = None
    page_hash: str = ""  # the page st.navigation ran: a fragment's rerun names it, as a browser does
    exception: str | None = None
    problems: list[str] = field(default_factory=list)  # st.error messages
    redrawn: bool = False  # a fragment run that went on into a full run of the page
    ms: float = 0.0
    fragments: dict[str, str] = field(default_factory=dict)  # element id of a control → its fragment
    drawn_in: list[str] = field(default_factory=list)  # the fragments elements were drawn in, in order

    @property
    def page_fragment(self) -> str:
        """The fragment the page is drawn in (not the follow timer's), if any: what the person does on
        the page reruns it alone."""
        timer = self.auto_rerun[1] if self.auto_rerun else None
        return next((f for f in self.drawn_in if f != timer), "")

    @property
    def conflict(self) -> bool:
        return any("keep_mine" in key for key in self.buttons)


def user_key(element_id: str) -> str:
    """The key= part of an element id (`$$ID-<hash>-<key>`; the key itself may contain dashes)."""
    return element_id.split("-", 2)[-1]


async def rerun(ws, query: str, page: str, widgets: list | None = None, fragment: tuple[str, str] | None = None,
                timed: bool = True) -> Run:
    """One rerun, with widget values (a float for a slider, True for a button click); waits until the
    server has finished it, including a full run it led to. `fragment` (its id, the page's hash) reruns
    only that fragment, as a browser does for a timer (`timed`) or a control drawn in it; a st.rerun()
    in it then redraws the page the hash names."""
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page
    if fragment:
        message.rerun_script.fragment_id, message.rerun_script.page_script_hash = fragment
        message.rerun_script.is_auto_rerun = timed
    for widget_id, value in widgets or []:
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        if value is True:
            state.trigger_value = True
        elif isinstance(value, str):  # a pill, by its label
            state.string_array_value.data.append(value)
        else:
            state.double_array_value.data.append(value)
    started = time.perf_counter()
    await ws.send(message.SerializeToString())
    result = Run()
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(ws.recv(), RERUN_TIMEOUT))
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            _collect(result, forward.delta.new_element, forward.delta.fragment_id)
            if forward.delta.fragment_id and forward.delta.fragment_id not in result.drawn_in:
                result.drawn_in.append(forward.delta.fragment_id)
        elif kind == "navigation":
            result.page_hash = forward.navigation.page_script_hash
        elif kind == "auto_rerun":
            result.auto_rerun = (forward.auto_rerun.interval, forward.auto_rerun.fragment_id)
        elif kind == "script_finished":
            if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # st.rerun(): another run follows
                result = Run()
                continue
            # a fragment's rerun that ended as a full run: st.rerun() redrew the page (a keyed st.rerun from a
            # callback reruns named fragments only, and ends as a fragment run)
            result.redrawn = forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY and bool(fragment)
            result.ms = (time.perf_counter() - started) * 1000
            return result


def _collect(result: Run, element, fragment: str) -> None:
    kind = element.WhichOneof("type")
    if kind == "slider":
        slider = element.slider
        shown = slider.default[0] if slider.default else slider.min
        values = [float(v) for v in range(int(slider.min), int(slider.max) + 1)]
        result.scores[user_key(slider.id)] = Score(slider.id, values, shown, pills=False, fragment=fragment)
    elif kind == "button_group" and ".score." in element.button_group.id:
        group = element.button_group
        labels = [option.content for option in group.options]
        if all(label.replace(".", "", 1).isdigit() for label in labels):  # numeric scales, not stage names
            values = [float(label) for label in labels]
            shown = values[group.default[0]] if group.default else None
            result.scores[user_key(group.id)] = Score(group.id, values, shown, fragment=fragment)
    elif kind == "button":
        result.buttons[user_key(element.button.id)] = element.button.id
        result.fragments[element.button.id] = fragment
    elif kind == "exception":
        result.exception = element.exception.message
    elif kind == "alert" and element.alert.format == element.alert.ERROR:
        result.problems.append(element.alert.body)


class Device:
    """One browser tab: its own reruns, and between them its page's follow fragment, rerun at the
    interval the server announced, as a browser does."""

    follows = True  # False (--no-follow): ignore the fragment, to measure what following costs

    def __init__(self, ws, stats: Stats, query: str, page: str):
        self.ws, self.stats, self.query, self.page = ws, stats, query, page
        self.last = Run()
        self.next_follow = 0.0

    async def act(self, label: str, widgets: list | None = None, page: str | None = None, fragment: str = "") -> Run:
        """A rerun of the page, or of the fragment the person's control is in (as a browser sends it)."""
        self.page = self.page if page is None else page
        scope = (fragment, self.last.page_hash) if fragment and self.last.page_hash else None
        run = await rerun(self.ws, self.query, self.page, widgets, scope, timed=False)
        if scope and not run.redrawn:  # the page around the fragment, its timer included, stays as it was
            run.auto_rerun, run.page_hash, run.drawn_in = self.last.auto_rerun, self.last.page_hash, self.last.drawn_in
        self.stats.add(label, run)
        self._show(run)
        if run.conflict:
            self.stats.conflicts += 1
        return run

    async def change(self, key: str, value: float) -> Run:
        self.stats.changes += 1
        score = self.last.scores[key]
        run = await self.act("change", [score.widget(value)], fragment=score.fragment)
        self.stats.refused += bool(run.problems)
        return run

    async def resolve(self, choice: str) -> Run:
        """Click "keep mine" or "take theirs" on the conflict panel."""
        button = next(element_id for key, element_id in self.last.buttons.items() if key.endswith(choice))
        return await self.act("resolve", [(button, True)], fragment=self.last.fragments.get(button, ""))

    def _show(self, run: Run) -> None:
        self.last = run
        self.next_follow = time.monotonic() + run.auto_rerun[0] if run.auto_rerun else 0.0

    async def wait(self, seconds: float) -> None:
        """Think for `seconds` while the page's follow fragment reruns."""
        until = time.monotonic() + seconds
        while self.follows and self.last.auto_rerun and self.next_follow < until:
            await asyncio.sleep(max(0.0, self.next_follow - time.monotonic()))
            interval, fragment = self.last.auto_rerun
            run = await rerun(self.ws, self.query, self.page, fragment=(fragment, self.last.page_hash))
            self.stats.follow_latencies.append(run.ms)
            self.stats.check(run)
            if run.redrawn:  # another device saved: the page was drawn anew
                self.stats.follow_redraws += 1
                self.stats.conflicts += run.conflict and not self.last.conflict
                self._show(run)
            else:
                self.next_follow = max(self.next_follow + interval, time.monotonic())
        await asyncio.sleep(max(0.0, until - time.monotonic()))


def connect(url: str):
    return websockets.connect(url, subprotocols=["streamlit"], max_size=2**26, open_timeout=30)


async def participant(url: str, query: str, stats: Stats, until: float, baseline: bool) -> None:
    try:
        async with connect(url) as ws:
            device = Device(ws, stats, query, "" if baseline else random.choice(TOOL_PAGES))
            await device.act("first")
            while time.monotonic() + THINK[1] < until:
                await device.wait(random.uniform(*THINK))
                if baseline:
                    await device.act("stay")
                elif device.last.conflict:  # the person decides, as the panel asks
                    await device.resolve(random.choice(("keep_mine", "take_theirs")))
                elif random.random() < 0.25:  # move to another tool
                    await device.act("move", page=random.choice(TOOL_PAGES))
                elif device.last.scores:  # change a score
                    key = random.choice(sorted(device.last.scores))
                    await device.change(key, random.choice(device.last.scores[key].values))
                else:  # work on the page without a score control (tables, tabs): the page's fragment reruns
                    await device.act("stay", fragment=device.last.page_fragment)
    except (OSError, TimeoutError, websockets.WebSocketException) as error:
        stats.errors.append(f"participant: {type(error).__name__}: {error}"[:120])


# ---- two devices per group -------------------------------------------------------------------------

FAMILIES = ("attractiveness", "vulnerability")  # device 0 of a pair scores the first, device 1 the second
Field = tuple[str, str, str]  # (account key, family, criterion id) of a selection score


def score_field(key: str) -> Field | None:
    """The score a selection score's key is for (`ws.selection.<group>..<rev>.score.accounts.<acct>.<family>.<id>`)."""
    if ".score.accounts." not in key:
        return None
    parts = key.split(".score.accounts.", 1)[1].split(".")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


@dataclass
class Ledger:
    """What the devices of the pairs sent, and the last value of each score they saw saved."""

    sent: int = 0
    acknowledged: int = 0
    unconfirmed: int = 0  # finished without a conflict panel or an error, yet the page shows another value
    last: dict[int, dict[Field, float]] = field(default_factory=dict)  # group id → score → last acknowledged


async def pair_device(url: str, query: str, group_id: int, family: str, stats: Stats, until: float,
                      ledger: Ledger) -> None:
    """One of a group's two devices on the selection page, changing only its family of scores."""
    try:
        async with connect(url) as ws:
            device = Device(ws, stats, query, "selection")
            await device.act("first")
            while time.monotonic() + THINK[1] < until:
                await device.wait(random.uniform(*THINK))
                if device.last.conflict:
                    await device.resolve("take_theirs")
                    continue
                mine = {score_field(key): key for key in device.last.scores}
                mine = {f: key for f, key in mine.items() if f and f[1] == family}
                if not mine:
                    stats.errors.append(f"pairs: no {family} scores on the page")
                    await device.act("stay")
                    continue
                await change_score(device, mine, group_id, ledger)
    except (OSError, TimeoutError, websockets.WebSocketException) as error:
        stats.errors.append(f"pair device: {type(error).__name__}: {error}"[:120])


async def change_score(device: Device, mine: dict[Field, str], group_id: int, ledger: Ledger) -> None:
    score = random.choice(sorted(mine))
    control = device.last.scores[mine[score]]
    value = random.choice([v for v in control.values if v != control.shown])
    ledger.sent += 1
    run = await device.change(mine[score], value)
    if run.conflict or run.exception or run.problems:
        return
    shown = {score_field(key): s.shown for key, s in run.scores.items()}
    if shown.get(score) != value:
        ledger.unconfirmed += 1
        return
    ledger.acknowledged += 1
    ledger.last.setdefault(group_id, {})[score] = value


def check_store(database_url: str, ledger: Ledger) -> tuple[int, int]:
    """How many scores hold the last value their device saw saved, and how many were lost."""
    from kamcore.store import Store

    store, stored, lost = Store(database_url), 0, 0
    for group_id, scores in ledger.last.items():
        saved = store.worksheet(group_id, "selection")
        accounts = {a["key"]: a for a in saved.data["accounts"]} if saved else {}
        for (account, family, criterion), value in scores.items():
            held = accounts.get(account, {}).get(family, {}).get(criterion)
            if held is not None and float(held) == value:
                stored += 1
            else:
                lost += 1
    return stored, lost


async def projector(url: str, query: str, stats: Stats, until: float) -> None:
    try:
        async with connect(url) as ws:
            run = await rerun(ws, query, "projector")
            stats.add("stay", run)
            if not run.auto_rerun:
                stats.errors.append("projector: no auto-rerun fragment")
                return
            interval, fragment = run.auto_rerun
            fragment_on_page = (fragment, run.page_hash)
            while time.monotonic() + interval < until:
                await asyncio.sleep(interval)
                run = await rerun(ws, query, "projector", fragment=fragment_on_page)
                stats.fragment_latencies.append(run.ms)
                stats.check(run)
    except (OSError, TimeoutError, websockets.WebSocketException) as error:
        stats.errors.append(f"projector: {type(error).__name__}: {error}"[:120])


# ---- servers ---------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(script: Path, port: int, env: dict[str, str], post_script_gc: bool, log: Path,
                 cwd: Path = ROOT) -> subprocess.Popen:
    """A server on loopback; its output goes to `log` (tracebacks of failed reruns end up there)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.address=127.0.0.1", f"--server.port={port}",
         "--server.headless=true", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
         f"--runner.postScriptGC={'true' if post_script_gc else 'false'}"],
        cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"{script.name} did not start")


def classroom(database_url: str, groups: int) -> tuple[list[tuple[str, int]], str]:
    """A workshop with groups that have worked through the course examples: each group's query string
    and id, and the projector's query string."""
    os.environ["KAM_DATABASE_URL"] = database_url
    from bench.classroom import example_classroom
    from kamcore.store import Store

    workshop, projector_token, groups_ = example_classroom(Store(database_url), groups, "Load test")
    links = [(f"w={workshop.code}&g={g.group.token}&lang=zh&account=Account+{n + 1}", g.group.id)
             for n, g in enumerate(groups_)]
    return links, f"w={workshop.code}&p={projector_token}&lang=zh"


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


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else (values or [0])[0]


def report(name: str, stats: Stats, cpu: list[float], rss_before: float, rss: list[float], sessions: int,
           settled: int) -> float:
    lat = [ms for values in stats.by_label.values() for ms in values]
    print(f"{name}: reruns {len(lat)} ({stats.changes} score changes)  p50 {pct(lat, 50):.0f} ms"
          f"  p95 {pct(lat, 95):.0f} ms  p99 {pct(lat, 99):.0f} ms  errors {len(stats.errors)}"
          f"  conflict panels {stats.conflicts}  refused {stats.refused}")
    print(f"{name}: p95 by rerun: " + " · ".join(f"{label} {pct(values, 95):.0f} ms ({len(values)})"
                                                 for label, values in sorted(stats.by_label.items())))
    if stats.follow_latencies:
        follow = stats.follow_latencies
        print(f"{name}: follow refreshes {len(follow)} ({stats.follow_redraws} redrew the page)"
              f"  p50 {pct(follow, 50):.0f} ms  p95 {pct(follow, 95):.0f} ms")
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
          f" medians of {window} s); load driver CPU mean {stats.driver_cpu:.0f} %")
    minutes = [statistics.median(rss[i:i + 60]) for i in range(0, len(rss), 60)]
    print(f"{name}: RSS median per minute (MB): {' '.join(f'{m:.0f}' for m in minutes)}")
    for error in stats.errors[:5]:
        print(f"{name}: error: {error}")
    return pct(lat, 95)


async def phase(script: Path, env: dict[str, str], args, links: list[tuple[str, int]], projector_query: str | None,
                baseline: bool, ledger: Ledger | None = None) -> tuple[Stats, list[float], float, float]:
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"kam-load-{'baseline' if baseline else 'app'}-{port}.log"
    server = start_server(script, port, env, args.post_script_gc == "on", log, cwd=script.parent)
    try:
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        await warm_up(url, links[0][0] if not baseline else "", projector_query, baseline)
        stats = Stats()
        until = time.monotonic() + args.seconds
        jobs = [participant_job(url, links, i, stats, until, baseline, ledger) for i in range(args.users)]
        jobs += [projector(url, projector_query, stats, until) for _ in range(0 if baseline else args.projectors)]
        ramp = [asyncio.sleep(i * args.ramp / max(len(jobs), 1)) for i in range(len(jobs))]
        driver, started = psutil.Process(), time.monotonic()
        used = sum(driver.cpu_times()[:2])
        cpu, before, rss = await measure(server, url, [_after(r, j) for r, j in zip(ramp, jobs, strict=True)])
        stats.driver_cpu = (sum(driver.cpu_times()[:2]) - used) / (time.monotonic() - started) * 100
        if stats.errors:
            stats.errors.append(f"server log: {log}")
        return stats, cpu, before, rss
    finally:
        server.terminate()
        server.wait(timeout=30)


def participant_job(url: str, links: list[tuple[str, int]], i: int, stats: Stats, until: float, baseline: bool,
                    ledger: Ledger | None):
    """Participant i: in pairs mode device i % 2 of group i // 2, else a member of group i % groups."""
    if baseline:
        return participant(url, "", stats, until, baseline=True)
    if ledger is not None:
        query, group_id = links[i // 2]
        return pair_device(url, query, group_id, FAMILIES[i % 2], stats, until, ledger)
    return participant(url, links[i % len(links)][0], stats, until, baseline=False)


def one_line_app(folder: Path, send_at_once: bool) -> Path:
    """The baseline: a one-line page on Streamlit's own server, or (`send_at_once`) behind serve.py's
    TCP_NODELAY fix as the app is, to tell that fix's share of the ratio from the app's own speed."""
    script = folder / "baseline.py"
    script.write_text("import streamlit as st\nst.write('hello')\n")
    if not send_at_once:
        return script
    server = folder / "baseline_serve.py"
    server.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nimport streamlit as st\n"
                      f"import serve  # noqa: F401 -- applies serve.send_at_once\napp = st.App({str(script)!r})\n")
    return server


async def warm_up(url: str, query: str, projector_query: str | None, baseline: bool) -> None:
    """One session through every page first, so imports and caches are not counted as sessions' memory."""
    async with connect(url) as ws:
        for page in ([""] if baseline else TOOL_PAGES):
            await rerun(ws, query, page)
        if projector_query:
            await rerun(ws, projector_query, "projector")


async def _after(delay, job):
    await delay
    await job


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--groups", type=int, default=12)
    parser.add_argument("--pairs", action="store_true",
                        help="users/2 groups of two devices each, changing different scores (--groups is ignored)")
    parser.add_argument("--projectors", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--ramp", type=float, default=10.0)
    parser.add_argument("--post-script-gc", choices=("on", "off"), default="off",
                        help="runner.postScriptGC for both servers (the project's config says off)")
    parser.add_argument("--no-follow", action="store_true",
                        help="participants ignore their page's follow fragment (what following costs)")
    parser.add_argument("--baseline-send-at-once", action="store_true",
                        help="serve the baseline with serve.py's TCP_NODELAY fix too")
    parser.add_argument("--no-baseline", action="store_true", help="the app alone (memory soaks); no ratio")
    parser.add_argument("--against", type=Path,
                        help="another checkout's app under the same load at the same time, instead of the baseline")
    args = parser.parse_args()
    Device.follows = not args.no_follow
    if args.pairs:
        args.groups = args.users // 2
    if not (1 <= args.users <= 500 and 1 <= args.groups <= 100 and 0 <= args.projectors <= 10
            and 5 <= args.seconds <= 3600) or (args.pairs and args.users % 2):
        parser.error("users 1–500 (even with --pairs), groups 1–100, projectors 0–10, seconds 5–3600")
    folder = Path(tempfile.mkdtemp(prefix="kam-load-"))
    database_url = f"sqlite:///{folder / 'load.sqlite3'}"
    links, projector_query = classroom(database_url, args.groups)
    env = {**os.environ, "KAM_DATABASE_URL": database_url}
    baseline_script = one_line_app(folder, args.baseline_send_at_once)
    print(f"{args.users} participants in {args.groups} groups{' (two devices each)' if args.pairs else ''},"
          f" {args.projectors} projectors, {args.seconds} s each, postScriptGC {args.post_script_gc}"
          f"{', participants ignore the follow fragment' if args.no_follow else ''}")
    ledger = Ledger() if args.pairs else None
    if args.against:
        sys.exit(side_by_side(args, folder, links, projector_query))
    app = asyncio.run(phase(ROOT / "serve.py", env, args, links, projector_query, baseline=False, ledger=ledger))
    settled = int(args.ramp) + 15  # seconds until every session has joined and run once
    app_p95 = report("app", *app, args.users + args.projectors, settled)
    failed = bool(app[0].errors)
    if ledger is not None:
        failed |= pairs_report(database_url, ledger, app[0])
    if args.no_baseline:
        sys.exit(1 if failed else 0)
    base = asyncio.run(phase(baseline_script, env, args, links, None, baseline=True))
    base_p95 = report("baseline", *base, args.users, settled)
    print(f"p95 ratio (app/baseline): {app_p95 / base_p95:.2f}")
    sys.exit(1 if failed or base[0].errors else 0)


def side_by_side(args, folder: Path, links: list[tuple[str, int]], projector_query: str) -> int:
    """This checkout's app and another's (`--against`), each on a copy of the classroom's store, under
    the same load at the same time: the machine's drift hits both alike. Exit status 1 on any error."""
    shutil.copyfile(folder / "load.sqlite3", folder / "other.sqlite3")
    apps = {"app": (ROOT / "serve.py", folder / "load.sqlite3"),
            "other": (args.against.resolve() / "serve.py", folder / "other.sqlite3")}

    async def both():
        return await asyncio.gather(*(phase(script, {**os.environ, "KAM_DATABASE_URL": f"sqlite:///{store}"}, args,
                                            links, projector_query, baseline=False)
                                      for script, store in apps.values()))

    results = asyncio.run(both())
    p95 = [report(name, *result, args.users + args.projectors, int(args.ramp) + 15)
           for name, result in zip(apps, results, strict=True)]
    print(f"p95 ratio (app/other): {p95[0] / p95[1]:.2f}")
    return 1 if any(result[0].errors for result in results) else 0


def pairs_report(database_url: str, ledger: Ledger, stats: Stats) -> bool:
    """The pairs line; True if a change was lost, conflicted, refused or not shown as saved."""
    stored, lost = check_store(database_url, ledger)
    scores = stored + lost
    print(f"pairs: sent {ledger.sent}, acknowledged {ledger.acknowledged}, stored {stored} of {scores} scores,"
          f" conflicts {stats.conflicts}, lost {lost}, refused {stats.refused}, unconfirmed {ledger.unconfirmed}")
    return bool(lost or stats.conflicts or stats.refused or ledger.unconfirmed)


if __name__ == "__main__":
    main()
