"""What one session's reruns cost on an otherwise idle server: for each tool page of the classroom
benchmark, the median time and the websocket messages of a full run, a score change and a follow
refresh, over Streamlit's own protocol (bench.load's driver). Steadier than a class's p95 on a shared
machine, so a change to what a rerun draws can be compared before and after.

    python -m bench.one_session [--runs 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
from pathlib import Path

from bench import load

ROOT = Path(__file__).resolve().parents[1]


async def counted(ws, *args, **kwargs) -> tuple[load.Run, int]:
    """One rerun (bench.load.rerun) and how many messages the server sent for it."""
    received, recv = [0], ws.recv

    async def counting_recv():
        received[0] += 1
        return await recv()

    ws.recv = counting_recv
    try:
        return await load.rerun(ws, *args, **kwargs), received[0]
    finally:
        ws.recv = recv


async def measure(ws, query: str, page: str, runs: int) -> str:
    last = await load.rerun(ws, query, page)
    full = [await counted(ws, query, page) for _ in range(runs)]
    changes = []
    for i in range(runs):
        if last.scores:
            score = last.scores[sorted(last.scores)[i % len(last.scores)]]
            changes.append(await counted(ws, query, page, [score.widget(random.choice(score.values))],
                                         (score.fragment, last.page_hash), timed=False))
        else:  # no score on the page: its fragment reruns, as other work there would
            changes.append(await counted(ws, query, page, None, (last.page_fragment, last.page_hash), timed=False))
    timer = last.auto_rerun[1] if last.auto_rerun else ""
    follows = [await counted(ws, query, page, fragment=(timer, last.page_hash)) for _ in range(runs)]
    return " | ".join(f"{name} {statistics.median(r.ms for r, _ in runs_):5.1f} ms {runs_[-1][1]:3d} msgs"
                      for name, runs_ in (("full", full), ("change", changes), ("follow", follows)))


async def main_async(runs: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="kam-one-"))
    database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
    links, _ = load.classroom(database_url, 2)
    port = load.free_port()
    server = load.start_server(ROOT / "serve.py", port, {**os.environ, "KAM_DATABASE_URL": database_url}, False,
                               folder / "server.log")
    try:
        async with load.connect(f"ws://127.0.0.1:{port}/_stcore/stream") as ws:
            query = links[0][0]
            for page in load.TOOL_PAGES:  # imports and caches first
                await load.rerun(ws, query, page)
            for page in load.TOOL_PAGES:
                print(f"{page:12s} {await measure(ws, query, page, runs)}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=8)
    asyncio.run(main_async(parser.parse_args().runs))


if __name__ == "__main__":
    main()
