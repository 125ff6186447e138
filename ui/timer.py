"""The exercise countdown, ticking in the browser: no reruns, nothing to disturb typing."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import streamlit.components.v1 as components

from kamcore.i18n import t


def countdown(end: datetime | None, lang: str, big: bool = False) -> None:
    if end is None or end <= datetime.now(UTC):
        return
    size, height = ("96px", 130) if big else ("28px", 48)
    label = html.escape(t(lang, "workshop.time_left"))
    done = html.escape(t(lang, "workshop.time_up"))
    components.html(f"""
<div style="font-family:'Source Sans Pro',sans-serif;font-size:{size};font-weight:700;color:#cf222e"
     title="{label}">⏱ <span id="t"></span></div>
<script>
const end = {int(end.timestamp() * 1000)};
function tick() {{
  const left = Math.max(0, Math.round((end - Date.now()) / 1000));
  document.getElementById("t").textContent = left > 0
    ? String(Math.floor(left / 60)).padStart(2, "0") + ":" + String(left % 60).padStart(2, "0") : "{done}";
}}
tick(); setInterval(tick, 1000);
</script>""", height=height)
