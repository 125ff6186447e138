"""Long-lived objects out of the garbage collector's way.

One process serves the whole classroom. Its modules, classes and the course's catalogs are some
200 000 objects that live as long as the process, yet every full collection walked all of them and
stalled every session's rerun by 60–90 ms (bench/load.py, with a probe on gc.callbacks). Moving them
to the collector's permanent generation once leaves it only what sessions create: 10–15 ms."""

from __future__ import annotations

import gc

import streamlit as st


@st.cache_resource(show_spinner=False, max_entries=64)
def freeze_after_first_run(page: str) -> None:
    """After a page's first run in this process, everything its imports created is loaded: collect the
    garbage and freeze what is left. Once per page, so a few times early in the process's life;
    objects of sessions alive at that moment stay too, a one-time cost of a few MB at most."""
    gc.collect()
    gc.freeze()
