"""Text from users, made safe to show."""

import re

import streamlit as st

from kamcore.errors import UserError
from kamcore.i18n import t

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


# Streamlit's markdown links bare URLs and e-mail addresses found in the text *after* escapes are read,
# so escaping cannot stop it: an invisible word joiner where those patterns start does.
_AUTOLINK_START = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """User-typed text made inert for st.markdown, messages and widget labels: no formatting, links or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINK_START.sub(WORD_JOINER, str(text)))


def message(lang: str, error: UserError) -> str:
    """A refusal's message with the names people typed, which it quotes, made inert."""
    return t(lang, error.key, **{k: plain(v) if isinstance(v, str) else v for k, v in error.values.items()})


def show_error(lang: str, error: UserError, icon: str = ":material/error:") -> None:
    """A refusal shown where it happened, in the reader's language."""
    st.error(message(lang, error), icon=icon)
