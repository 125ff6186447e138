"""A freshly started server under a burst of first page loads, and what it shows to anyone on the network.

The burst speaks Streamlit's own WebSocket protocol, like bench/load.py: 40 sessions whose very first
request is a deep link (/selection, /competition, …), all sent at the same moment."""

import asyncio
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

SESSIONS = 40
DEEP_LINKS = ("selection", "competition", "partnership", "value_proposition", "purchasing_portfolio", "console")
RUN_TIMEOUT = 50.0


async def first_load(url: str, page: str, lang: str) -> list[str]:
    """What went wrong in one session's first page load (its runs until one finishes), or nothing."""
    problems: list[str] = []
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(stream, subprotocols=["streamlit"], max_size=2**26, open_timeout=30) as ws:
        request = BackMsg()
        request.rerun_script.query_string = f"lang={lang}"
        request.rerun_script.page_name = page
        await ws.send(request.SerializeToString())
        elements = 0
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(ws.recv(), RUN_TIMEOUT))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                elements += 1
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    problems.append(f"{page}: {element.exception.type}: {element.exception.message}"[:200])
            elif kind == "script_finished":
                status = forward.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    elements = 0
                    continue
                if status != ForwardMsg.FINISHED_SUCCESSFULLY or not elements:
                    problems.append(f"{page}: finished with status {status} after {elements} elements")
                return problems


async def burst(url: str) -> list[str]:
    loads = [first_load(url, DEEP_LINKS[n % len(DEEP_LINKS)], ("zh", "en")[n % 2]) for n in range(SESSIONS)]
    results = await asyncio.gather(*loads, return_exceptions=True)
    return [p for r in results for p in (r if isinstance(r, list) else [f"{type(r).__name__}: {r}"])]


def test_forty_first_page_loads_at_the_same_moment_after_a_server_start_all_work(app_url):
    """Runs first in this module, so these are the first requests the server ever sees."""
    with ThreadPoolExecutor(1) as own_loop:  # Playwright's sync API may hold this thread's event loop
        assert own_loop.submit(lambda: asyncio.run(asyncio.wait_for(burst(app_url), 60))).result() == []


def test_the_servers_metrics_are_not_public(app_url):
    try:
        response = urllib.request.urlopen(f"{app_url}/_stcore/metrics", timeout=10)
        status, body = response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        status, body = error.code, ""
    assert status in (403, 404) and "session" not in body.lower()
