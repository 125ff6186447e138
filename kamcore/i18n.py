"""UI strings in Chinese and English: t(lang, key, **values), and validation errors in words."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, Literal

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


def localized(tree: Any, lang: str) -> Any:
    """Data written in both languages (worked examples, case accounts) in one of them: every
    {zh: ..., en: ...} pair of texts inside `tree` is replaced by its text in `lang`."""
    if isinstance(tree, dict):
        if set(tree) == set(LANGS) and all(isinstance(v, str) for v in tree.values()):
            return tree["zh" if lang == "zh" else "en"]
        return {key: localized(value, lang) for key, value in tree.items()}
    if isinstance(tree, list):
        return [localized(item, lang) for item in tree]
    return tree


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


def _code(lang: str) -> Lang:
    return "zh" if lang == "zh" else "en"


def t(lang: str, key: str, **values: object) -> str:
    """The text for `key` in `lang`, with {placeholders} filled from values."""
    text = catalog(_code(lang)).get(key)
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
            parts.append(term(part, lang))
            in_list = False
    return " › ".join(parts)


def explain(error: ValidationError, lang: str) -> list[str]:
    """One sentence per problem in a pydantic ValidationError, in the user's language: where (fields
    and criteria by their names, list positions counted from 1) and what is wrong."""
    messages = []
    for problem in error.errors(include_url=False):
        key = f"errors.{problem['type']}"
        context = {k: term(v, lang) if isinstance(v, str) and k != "what" else v
                   for k, v in (problem.get("ctx") or {}).items() if k != "error"}
        what = context.get("what")
        titled = isinstance(what, str) and list_title(lang, what) != what
        if isinstance(what, str):
            context["what"] = list_title(lang, what) if titled else term(what, lang)
        try:  # a problem without its own sentence, or one whose context lacks a placeholder, in pydantic's words
            text = t(lang, key, **context) if key in catalog(_code(lang)) else None
        except (KeyError, IndexError):
            text = None
        text = text or t(lang, "errors.other", detail=problem["msg"])
        if isinstance(what, str) and tuple(problem["loc"]) in ((), (what,)):  # the message names its place
            messages.append(text[:1].upper() + text[1:])
        else:
            messages.append(f"{_where(problem['loc'], lang) or t(lang, 'errors.input')}: {text}")
    return messages


def term(part: str | int, lang: str) -> str:
    """A step of an error's location, or a name in its message, in words: a field by its label, a
    criterion of the course by its name, a list position as 'item n'; anything else (a name the
    group typed) as it is."""
    if isinstance(part, int):
        return t(lang, "lang_fix.item", n=part + 1)
    if (label := catalog("zh" if lang == "zh" else "en").get(f"lang_fix.field.{part}")) is not None:
        return label
    if (name := _method_terms().get(part)) is not None:
        return name(lang)
    return str(part)


@cache
def _method_terms() -> dict[str, Text]:
    """Every id the default methods name (criteria, benefits, drivers, factors …), at any depth (a
    matrix's criteria sit inside its axes) → its name."""
    from kamcore.tools import TOOLS  # the methods build on this module

    terms: dict[str, Text] = {}
    for tool in TOOLS.values():
        for item_id, name in _named(tool.method()):
            terms.setdefault(item_id, name)
    return terms


def _named(value: Any) -> Iterator[tuple[str, Text]]:
    """(id, name) of every item with an id and a name (or label) in a method, depth first."""
    if isinstance(value, list | tuple):
        for item in value:
            yield from _named(item)
    elif isinstance(value, BaseModel) and not isinstance(value, Text):
        name = getattr(value, "name", None) or getattr(value, "label", None)
        if isinstance(getattr(value, "id", None), str) and isinstance(name, Text):
            yield value.id, name
        for field in type(value).model_fields:
            yield from _named(getattr(value, field))
