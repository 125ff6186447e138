"""Text from users, made safe to show."""

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """User-typed text made inert for st.markdown and widget labels: no formatting, links or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
