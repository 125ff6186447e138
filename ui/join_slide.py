"""The join slide: one view made for projecting. The QR code fills more than half the screen's height, the
workshop code and the short address are readable from the back, the number of groups joined follows live,
and nothing on it is secret (the projector link lives in the console's own tab)."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import segno
import streamlit as st

from kamcore.i18n import t
from kamcore.workshop import Workshop
from ui import session
from ui.console import base_url

COUNT_SECONDS = 5  # the groups-joined count refreshes this often: one small query per slide per interval

_CSS = """<style>
.kam-join img {height: max(64vh, 420px); max-width: 100%; width: auto; background: #fff; display: block;}
.kam-join .facts {display: flex; flex-direction: column; gap: 1.2vh; min-width: 0;}
.kam-join .label {font-size: max(28px, 2.2vh); color: #57606a;}
.kam-join .code {font: 700 max(96px, 13vh)/1 'Source Code Pro', monospace; letter-spacing: .08em; color: #1f2328;}
.kam-join .address {font: 600 max(40px, 4.4vh)/1.2 'Source Code Pro', monospace; color: #1f2328;
  overflow-wrap: anywhere;}
p.kam-joined.kam-joined {font-size: max(40px, 4.5vh); font-weight: 700; color: #1a7f37; margin: 2vh 0 0;}
</style>"""


def join_url(workshop: Workshop) -> str:
    return f"{base_url()}/?{urlencode({'w': workshop.code})}"


def short_address(url: str) -> str:
    """What to type, without the scheme a browser adds by itself."""
    return url.split("://", 1)[-1]


@st.cache_data(max_entries=32, show_spinner=False)
def qr_image(url: str) -> str:
    """The QR code of the join link as an SVG data URI: sharp at any size."""
    return segno.make(url, error="m").svg_data_uri(scale=10, border=2)


def slide(workshop: Workshop, lang: str) -> None:
    url = join_url(workshop)
    qr, facts = st.columns([5, 6], gap="large", vertical_alignment="center")
    qr.html(f"""{_CSS}<div class="kam-join"><img src="{qr_image(url)}" alt="{html.escape(t(lang, 'presenter.scan'))}">
</div>""")
    with facts:
        st.html(f"""{_CSS}<div class="kam-join"><div class="facts">
  <div class="label">{html.escape(t(lang, 'presenter.scan'))}</div>
  <div class="label">{html.escape(t(lang, 'presenter.or_open'))}</div>
  <div class="address">{html.escape(short_address(url))}</div>
  <div class="label">{html.escape(t(lang, 'presenter.code'))}</div>
  <div class="code">{html.escape(workshop.code)}</div>
</div></div>""")
        joined(workshop.code, lang)


@st.cache_data(ttl=COUNT_SECONDS - 1, max_entries=64, show_spinner=False)
def groups_joined(code: str) -> int:
    return len(session.workshops().group_names(session.workshops().live(code)))


@st.fragment(run_every=COUNT_SECONDS)
def joined(code: str, lang: str) -> None:
    """The groups joined so far, counted again every few seconds without rerunning the page."""
    count = groups_joined(code)
    st.html(f"{_CSS}<p class='kam-joined'>{html.escape(t(lang, 'presenter.joined', count=count))}</p>")
