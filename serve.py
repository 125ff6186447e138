"""The server entry point: `streamlit run serve.py` serves app.py as `streamlit run app.py` would, minus
Streamlit's /_stcore/metrics (public in Streamlit 1.67 and without an option to turn it off: it tells
anyone on the network how many people are connected and for how long), and with every connection's
small messages sent at once (see send_at_once) and handed to the event loop in bursts (ui/wakeups.py)."""

import asyncio.base_events
import socket

import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse

from ui import wakeups

HIDDEN = "/_stcore/metrics"


class HideMetrics:
    """ASGI middleware answering 404 for the metrics endpoint, under any base URL path."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(HIDDEN):
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def send_at_once() -> None:
    """Turn Nagle's algorithm off on every TCP connection the server accepts, as asyncio means to.

    A rerun reaches the browser as many small websocket messages. asyncio sets TCP_NODELAY only on
    sockets whose protocol number is IPPROTO_TCP, and the listening socket Streamlit 1.67 binds for
    uvicorn says 0, so its connections keep Nagle on: each small message after the first waits for the
    browser's acknowledgement, which a browser delays (40 ms on Linux, up to 200 ms on Windows) once the
    connection looks interactive, e.g. after the server's keepalive ping. Measured with 60 sessions of a
    one-line page: every rerun took ~45 ms instead of ~8 ms for ~10 s after each ping (every 30 s)."""

    def set_nodelay(sock: socket.socket) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    asyncio.base_events._set_nodelay = set_nodelay


send_at_once()
wakeups.install()
app = st.App("app.py", middleware=[Middleware(HideMetrics)])
