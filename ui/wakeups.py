"""One event-loop wake-up per burst of a script's messages, instead of one per message.

Streamlit hands every message a script sends to the server's event loop with call_soon_threadsafe,
which writes a byte to the loop's self-pipe: about 80 writes per page rerun. Each write is a system
call that lets go of the GIL, and getting it back waits for whichever thread took it (up to the
switch interval), so with a classroom's scripts running at once the reruns queue behind each other.
Here a session's callbacks wait in a list and the loop is woken only when the list was empty; the
loop runs them in the order they came. The loop itself, once awake, marks "data to send" directly
instead of writing to its own self-pipe."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable

from streamlit.runtime.app_session import AppSession
from streamlit.runtime.runtime import Runtime

_LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_PENDING = "_kam_pending_callbacks"


def install() -> None:
    """Patch Streamlit's two hand-offs once per process (idempotent)."""
    if getattr(AppSession, "_kam_batched", False):
        return
    AppSession._call_soon_on_event_loop = _batched(AppSession._call_soon_on_event_loop)
    Runtime._enqueued_some_message = _mark_data_to_send(Runtime._enqueued_some_message)
    AppSession._kam_batched = True


def _batched(schedule: Callable[[AppSession, Callable[[], None]], None]):
    def call_soon_on_event_loop(session: AppSession, callback: Callable[[], None]) -> None:
        with _LOCK:
            pending = session.__dict__.setdefault(_PENDING, [])
            pending.append(callback)
            if len(pending) > 1:
                return  # a wake-up is on its way and will run this one too
        schedule(session, lambda: _run_pending(pending))

    return call_soon_on_event_loop


def _run_pending(pending: list[Callable[[], None]]) -> None:
    with _LOCK:
        callbacks = pending[:]
        pending.clear()
    for callback in callbacks:
        try:
            callback()
        except Exception:  # as the loop would: log it and go on with the next
            _LOG.exception("event-loop callback failed")


def _mark_data_to_send(original: Callable[[Runtime], None]):
    def enqueued_some_message(runtime: Runtime) -> None:
        objs = runtime._get_async_objs()
        if _running_loop() is objs.eventloop:
            objs.need_send_data.set()
        else:
            original(runtime)

    return enqueued_some_message


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
