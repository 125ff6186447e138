"""A workaround for Streamlit 1.67, which drops a vanished widget's value but keeps its metadata
(serialisers, on_change callback and its arguments) for the whole session.

Worksheet widgets carry a generation number in their keys (ui/worksheet.py), so every reload of a
worksheet (a conflict between two laptops of a group, a newer version, the course example) left a
page's worth of metadata behind: the steady memory growth of the classroom soak (bench/load.py).
"""

from __future__ import annotations

from streamlit.runtime.scriptrunner import get_script_run_ctx


def forget_stale_widgets() -> None:
    """At the start of a run: drop the metadata of widgets that no longer have a value anywhere.

    Every widget the browser still shows sent its value with this rerun, so it keeps its metadata."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    state = object.__getattribute__(ctx.session_state, "_state")
    with object.__getattribute__(ctx.session_state, "_lock"):
        widgets = state._new_widget_state
        for stale in widgets.widget_metadata.keys() - widgets.states.keys() - state._old_state.keys():
            del widgets.widget_metadata[stale]
