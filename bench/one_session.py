"""What one session's reruns cost on an otherwise idle server: for each tool page of the classroom
benchmark, the median time and the websocket messages of a full run, a score change and a follow
refresh, over Streamlit's own protocol (bench.load's driver). With `--against DIR` (another checkout,
e.g. a `git worktree` of an older commit) both servers run at once and their reruns alternate, so the
machine's drift hits both alike; the last column is the ratio (this checkout / the other).

    python -m bench.one_session [--runs 12] [--against ../before]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import tempfile
from pathlib import Path

from bench import load

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("full", "change", "follow")


class Session:
    """One browser tab on one server, on one page: its last full run, and its reruns by kind."""

    def __init__(self, ws, query: str):
        self.ws, self.query, self.page = ws, query, ""
        self.last = load.Run()
        self.samples: dict[str, list[tuple[float, int]]] = {}

    async def open(self, page: str) -> None:
        self.page, self.samples = page, {kind: [] for kind in KINDS}
        self.last = await load.rerun(self.ws, self.query, page)

    async def sample(self, kind: str, i: int) -> None:
        """One rerun of `kind`, timed, with the messages the server sent for it."""
        page, last = self.page, self.last
        if kind == "full":
            run = self.counted(self.query, page)
        elif kind == "change" and last.scores:
            score = last.scores[sorted(last.scores)[i % len(last.scores)]]
            run = self.counted(self.query, page, [score.widget(random.choice(score.values))],
                               (score.fragment, last.page_hash), timed=False)
        elif kind == "change":  # no score on the page: its fragment reruns, as other work there would
            run = self.counted(self.query, page, None, (last.page_fragment, last.page_hash), timed=False)
        else:
            timer = last.auto_rerun[1] if last.auto_rerun else ""
            run = self.counted(self.query, page, fragment=(timer, last.page_hash))
        self.samples[kind].append(await run)

    async def counted(self, *args, **kwargs) -> tuple[float, int]:
        received, recv = [0], self.ws.recv

        async def counting_recv():
            received[0] += 1
            return await recv()

        self.ws.recv = counting_recv
        try:
            run = await load.rerun(self.ws, *args, **kwargs)
        finally:
            self.ws.recv = recv
        if run.exception or run.problems:
            raise RuntimeError(f"{self.page}: {run.exception or run.problems}")
        return run.ms, received[0]

    def median(self, kind: str) -> float:
        return statistics.median(ms for ms, _ in self.samples[kind])

    def shown(self, kind: str) -> str:
        return f"{kind} {self.median(kind):5.1f} ms {self.samples[kind][-1][1]:3d} msgs"


@contextlib.asynccontextmanager
async def served(checkout: Path, folder: Path):
    """A server of `checkout` (serve.py) on a classroom store of its own, and one session on it."""
    database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
    links, _ = load.classroom(database_url, 2)
    port = load.free_port()
    server = load.start_server(checkout / "serve.py", port, {**os.environ, "KAM_DATABASE_URL": database_url},
                               False, folder / "server.log", cwd=checkout)
    try:
        async with load.connect(f"ws://127.0.0.1:{port}/_stcore/stream") as ws:
            session = Session(ws, links[0][0])
            for page in load.TOOL_PAGES:  # imports and caches first
                await session.open(page)
            yield session
    finally:
        server.terminate()
        server.wait(timeout=30)


async def main_async(runs: int, against: Path | None) -> None:
    checkouts = [ROOT, *([against.resolve()] if against else [])]
    async with contextlib.AsyncExitStack() as stack:
        sessions = [await stack.enter_async_context(served(c, Path(tempfile.mkdtemp(prefix="kam-one-"))))
                    for c in checkouts]
        for page in load.TOOL_PAGES:
            for session in sessions:
                await session.open(page)
            for kind in KINDS:
                for i in range(runs):
                    for session in sessions:  # alternate, so drift hits both alike
                        await session.sample(kind, i)
            line = " | ".join(sessions[0].shown(kind) for kind in KINDS)
            if against:
                ratios = " ".join(f"{sessions[0].median(k) / sessions[1].median(k):.2f}" for k in KINDS)
                line += f"  ||  other: {' | '.join(sessions[1].shown(k) for k in KINDS)}  ||  ratio {ratios}"
            print(f"{page:12s} {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--against", type=Path, help="another checkout to compare with, rerun by rerun")
    args = parser.parse_args()
    asyncio.run(main_async(args.runs, args.against))


if __name__ == "__main__":
    main()
