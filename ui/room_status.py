"""The room at a glance, for the console and the projector: who has joined, how many devices of each
group are open now, when each last did something, and per tool how far each group is."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from kamcore.i18n import t
from kamcore.room import GroupStatus, ToolProgress, room_status
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop
from ui.session import store


@st.cache_data(ttl=3, show_spinner=False, max_entries=32)
def _status(workshop_id: int, revision: int, lang: str, _workshop: Workshop) -> list[GroupStatus]:
    """Read at most every few seconds per workshop, however many consoles and projectors show it."""
    return room_status(store(), _workshop, lang)


def status_rows(groups: list[GroupStatus], lang: str) -> list[dict[str, str | int]]:
    return [{t(lang, "compare.group"): g.name, t(lang, "room.online"): g.online,
             t(lang, "room.last_seen"): _clock(g.last_seen), t(lang, "room.last_activity"): _clock(g.last_activity),
             **{TOOLS[tool_id].name(lang): _progress(g.tools.get(tool_id), lang) for tool_id in TOOLS}}
            for g in groups]


def room_status_view(workshop: Workshop, lang: str, big: bool = False) -> None:
    """The room's table; `big` in projector-sized type (no widget state: safe inside any fragment)."""
    groups = _status(workshop.id, workshop.revision, lang, workshop)
    if not groups:
        st.info(t(lang, "console.no_groups"), icon=":material/group_off:")
        return
    online = sum(g.online for g in groups)
    st.markdown(f"**{t(lang, 'room.summary', groups=len(groups), devices=online)}**")
    rows = status_rows(groups, lang)
    if big:
        from ui.projector import big_table  # the projector's own table style

        big_table(rows)
    else:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder="")


def _progress(progress: ToolProgress | None, lang: str) -> str:
    if progress is None:
        return "—"
    done = t(lang, "room.scored", scored=progress.scored, total=progress.total)
    return f"{done} · {' · '.join(progress.verdicts)}" if progress.verdicts else done


def _clock(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M:%S") if moment else "—"
