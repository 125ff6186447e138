"""A script's burst of messages wakes the server's event loop once, and the loop runs them in order."""

import asyncio
import threading

from streamlit.runtime.app_session import AppSession

from ui import wakeups


class CountingLoop:
    """An event loop in its own thread that counts how often another thread woke it."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.wakeups = 0
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def call_soon_threadsafe(self, callback):
        self.wakeups += 1
        return self.loop.call_soon_threadsafe(callback)

    def is_closed(self):
        return self.loop.is_closed()

    def settle(self):
        done = threading.Event()
        self.loop.call_soon_threadsafe(done.set)
        assert done.wait(5)

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


class Session:
    """Just what AppSession._call_soon_on_event_loop uses of a session."""

    def __init__(self, loop: CountingLoop):
        self._event_loop = loop


def test_a_burst_of_callbacks_from_a_script_thread_runs_in_order_on_fewer_wakeups_than_callbacks():
    wakeups.install()
    loop = CountingLoop()
    session, seen = Session(loop), []
    blocked, release = threading.Event(), threading.Event()
    # the loop is busy (as with other sessions' messages) while the script sends its burst
    loop.loop.call_soon_threadsafe(lambda: (blocked.set(), release.wait(5)))
    assert blocked.wait(5)
    for n in range(80):
        AppSession._call_soon_on_event_loop(session, lambda n=n: seen.append(n))
    release.set()
    loop.settle()
    loop.stop()
    assert seen == list(range(80))
    assert loop.wakeups == 1


def test_a_failing_callback_does_not_keep_the_ones_after_it_from_running():
    wakeups.install()
    loop = CountingLoop()
    session, seen = Session(loop), []
    for n in range(3):
        AppSession._call_soon_on_event_loop(session, lambda n=n: seen.append(n) if n != 1 else 1 / 0)
    loop.settle()
    loop.stop()
    assert seen == [0, 2]


def test_installing_twice_patches_once():
    wakeups.install()
    patched = AppSession._call_soon_on_event_loop
    wakeups.install()
    assert AppSession._call_soon_on_event_loop is patched
