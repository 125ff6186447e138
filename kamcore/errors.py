"""Refusals a person reads: one base for every error that names its message in the UI catalogs."""

from __future__ import annotations

from typing import Any

from kamcore.i18n import t


class UserError(Exception):
    """A request refused for a reason the person can act on; `key` names the message in the UI
    catalogs and `values` fill its placeholders."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key, self.values = key, values

    def text(self, lang: str) -> str:
        """The message in `lang`, values as they are (a terminal shows no markdown)."""
        return t(lang, self.key, **self.values)
