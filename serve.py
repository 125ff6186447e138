"""The server entry point: `streamlit run serve.py` serves app.py as `streamlit run app.py` would, minus
Streamlit's /_stcore/metrics (public in Streamlit 1.67 and without an option to turn it off: it tells
anyone on the network how many people are connected and for how long)."""

import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse

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


app = st.App("app.py", middleware=[Middleware(HideMetrics)])
