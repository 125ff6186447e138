"""The exercise countdown, ticking in the browser: a few lines of JavaScript count down to the server's
end, so no rerun per second and nothing to disturb typing. The seconds left are measured on the server
when the page is drawn and counted on the browser's monotonic clock from there: a browser whose own
clock is off still agrees with the server to the second."""

from __future__ import annotations

import hashlib
import html
import json
from datetime import UTC, datetime

import streamlit as st

from kamcore.i18n import t
from kamcore.workshop import Countdown

ICON = "font-family:'Material Symbols Rounded';font-weight:400;font-style:normal;line-height:1;" \
       "vertical-align:-0.14em;font-feature-settings:'liga';-webkit-font-feature-settings:'liga'"
SIZES = {"bar": "1.6rem", "big": "5rem"}


def clock(seconds: int) -> str:
    minutes, seconds = divmod(max(0, seconds), 60)
    return f"{minutes:02d}:{seconds:02d}"


def countdown(timer: Countdown, lang: str, size: str = "bar", now: datetime | None = None) -> None:
    """The timer where it is called: running (ticking), paused (still), or nothing when stopped."""
    left = timer.seconds_left(now or datetime.now(UTC))
    if left is None:
        return
    st.html(timer_html(timer, left, lang, size), unsafe_allow_javascript=timer.running)


def timer_html(timer: Countdown, left: int, lang: str, size: str = "bar") -> str:
    label = html.escape(t(lang, "workshop.time_left"))
    done = html.escape(t(lang, "workshop.time_up"))
    color = "#cf222e" if timer.running and left else "#57606a"
    if not timer.running:
        icon, text = "pause_circle", f"{clock(left)} · {html.escape(t(lang, 'room.paused'))}"
    else:
        icon, text = ("timer", clock(left)) if left else ("timer_off", done)
    uid = "kam-timer-" + hashlib.sha1(f"{timer}{size}".encode()).hexdigest()[:10]
    box = (f'<div id="{uid}" class="kam-timer" role="timer" aria-label="{label}" title="{label}" '
           f'style="font-size:{SIZES[size]};font-weight:700;color:{color};font-variant-numeric:tabular-nums;'
           f'white-space:nowrap"><span style="{ICON}" aria-hidden="true">{icon}</span> '
           f'<span class="kam-timer-text">{text}</span></div>')
    if not timer.running or not left:
        return box
    # performance.now() is monotonic: the countdown does not jump when the device's clock is set
    return box + f"""<script>(() => {{
  const box = document.getElementById("{uid}");
  if (!box) return;
  const end = performance.now() + {left * 1000}, text = box.querySelector(".kam-timer-text"),
        icon = box.querySelector("span");
  const tick = () => {{
    if (!box.isConnected) {{ clearInterval(handle); return; }}
    const left = Math.max(0, Math.ceil((end - performance.now()) / 1000));
    text.textContent = left > 0 ? String(Math.floor(left / 60)).padStart(2, "0") + ":" +
      String(left % 60).padStart(2, "0") : {json.dumps(t(lang, "workshop.time_up"))};
    if (!left) {{ icon.textContent = "timer_off"; box.style.color = "#57606a"; clearInterval(handle); }}
  }};
  const handle = setInterval(tick, 250);
  tick();
}})();</script>"""
