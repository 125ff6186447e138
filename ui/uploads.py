"""A file uploader that speaks the reader's language: Streamlit writes its dropzone's button and size
line in English only, so those are hidden (CSS scoped to this one uploader) and replaced by ours."""

from __future__ import annotations

import json

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from kamcore.i18n import t

# The dropzone's parts, as Streamlit 1.67 names them in the DOM (tests/e2e/test_language_browser.py checks).
_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_INSTRUCTIONS = '[data-testid="stFileUploaderDropzoneInstructions"]'
_BUTTON_TEXT = f'{_DROPZONE} button [data-testid="stMarkdownContainer"] p'


def file_uploader(lang: str, label: str, key: str, types: list[str]) -> UploadedFile | None:
    uploaded = st.file_uploader(label, type=types, key=key)
    scope = f".st-key-{''.join(c if c.isalnum() or c in '_-' else '-' for c in key)}"
    button = json.dumps(t(lang, "lang_fix.upload"), ensure_ascii=False)  # CSS does not read JSON escapes
    style = (f"{scope} {_INSTRUCTIONS} {{display: none;}} "
             f"{scope} {_BUTTON_TEXT} {{font-size: 0;}} "
             f"{scope} {_BUTTON_TEXT}::after {{content: {button}; font-size: 0.875rem;}}")
    limit = t(lang, "lang_fix.upload_limit", types=" / ".join(x.upper() for x in types),
              mb=st.get_option("server.maxUploadSize"))
    st.caption(f"{limit}<style>{style}</style>", unsafe_allow_html=True)
    return uploaded
