"""UI strings in Chinese and English: t(lang, key, **values), and validation errors in words."""

from __future__ import annotations

from functools import cache
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from kamcore.paths import I18N

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class Text(BaseModel):
    """A label written in both languages, as the method files carry them."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = str(value)
    return flat


@cache
def catalog(lang: str) -> dict[str, str]:
    """The flat key → text catalog of one language."""
    with open(I18N / f"{lang}.yaml", encoding="utf-8") as f:
        return _flatten(yaml.safe_load(f))


def language_of(locale: str | None) -> Lang:
    """The UI language for a browser locale such as 'zh-CN' or 'en-US'."""
    return "zh" if (locale or "").lower().startswith("zh") else "en"


def t(lang: str, key: str, **values: object) -> str:
    """The text for `key` in `lang`, with {placeholders} filled from values."""
    text = catalog("zh" if lang == "zh" else "en").get(key)
    if text is None:
        raise KeyError(f"no UI text {key!r}")
    return text.format(**values) if values else text


def list_title(lang: str, name: str) -> str:
    """The title of a weighted list (e.g. 'attractiveness_criteria') in the user's language; other names as they are."""
    return catalog("zh" if lang == "zh" else "en").get(f"weights.lists.{name}", name)


def _where(loc: tuple, lang: str) -> str:
    """A problem's location in words: weighted lists by title, their rows by number, their columns by label."""
    parts, in_list = [], False
    for part in loc:
        if isinstance(part, str) and list_title(lang, part) != part:
            parts.append(list_title(lang, part))
            in_list = True
        elif in_list and isinstance(part, int):
            parts.append(t(lang, "weights.row", n=part + 1))
        elif in_list and part in ("name", "weight"):
            parts.append(t(lang, f"criteria.{part}"))
        else:
            parts.append(str(part))
            in_list = False
    return " › ".join(parts)


def explain(error: ValidationError, lang: str) -> list[str]:
    """One sentence per problem in a pydantic ValidationError, in the user's language."""
    messages = []
    for problem in error.errors(include_url=False):
        key = f"errors.{problem['type']}"
        context = {k: v for k, v in (problem.get("ctx") or {}).items() if k != "error"}
        what = context.get("what")
        titled = isinstance(what, str) and list_title(lang, what) != what
        if titled:
            context["what"] = list_title(lang, what)
        try:
            text = t(lang, key, **context)
        except (KeyError, IndexError):
            text = t(lang, "errors.other", detail=problem["msg"])
        if titled and tuple(problem["loc"]) in ((), (what,)):  # the message names its place itself
            messages.append(text[:1].upper() + text[1:])
        else:
            messages.append(f"{_where(problem['loc'], lang) or t(lang, 'errors.input')}: {text}")
    return messages
