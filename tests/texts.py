"""Every UI text the tests look up, recorded, so a key missing from either catalog fails the test that
looked it up, whatever the call looked like (t(ctx.lang, …), t(self.lang, f"….{x}"), a key in a variable)."""

from __future__ import annotations

import functools
import sys

import kamcore.i18n as i18n

LOOKED_UP: set[str] = set()
_ORIGINAL = i18n.t
_OURS = ("kamcore", "ui", "pages", "tests", "bench", "app", "__main__")


@functools.wraps(_ORIGINAL)
def recording_t(lang: str, key: str, **values: object) -> str:
    LOOKED_UP.add(key)
    return _ORIGINAL(lang, key, **values)


def install() -> None:
    """Every later `from kamcore.i18n import t` gets the recording t; modules that took the original
    already (imported by an earlier conftest) are given it too."""
    i18n.t = recording_t
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in _OURS and name != __name__:
            for attribute, value in list(vars(module).items()):
                if value is _ORIGINAL:
                    setattr(module, attribute, recording_t)


def missing_texts(keys: set[str]) -> list[str]:
    """The keys not in both catalogs, each with the languages that lack it."""
    return sorted(f"{key} (no {', '.join(lang for lang in i18n.LANGS if key not in i18n.catalog(lang))})"
                  for key in keys if any(key not in i18n.catalog(lang) for lang in i18n.LANGS))
