"""People's names are personal information: the marking the models carry, and the reader's copy without them.

A field typed `PersonName` (a contact, a member of the buying centre) is marked `personal` in the model
and its JSON schema. What the room sees (the projector) never carries such fields, and the trainer's
workshop export carries them only for a group that opted in; a group's own export keeps them.

Give a personal field a default (e.g. `name: PersonName = ""`): the copy without it must still validate."""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, Field, StringConstraints
from pydantic.fields import FieldInfo

PERSONAL = "personal"  # the key in a field's json_schema_extra that marks it

PersonName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120),
                       Field(json_schema_extra={PERSONAL: True})]


def is_personal(info: Any) -> bool:
    extra = getattr(info, "json_schema_extra", None)
    return isinstance(extra, dict) and extra.get(PERSONAL) is True


def personal_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    """The dotted paths of a model's personal fields (through nested models, lists and dicts)."""
    found = []
    for name, info in model.model_fields.items():
        if is_personal(info) or _marked(info.annotation):
            found.append(prefix + name)
        for nested in _models_in(info.annotation):
            found += personal_fields(nested, f"{prefix}{name}.")
    return found


def strip_personal(model: type[BaseModel], data: Any) -> Any:
    """A copy of `data` (shaped like `model`, e.g. a stored worksheet) without its personal fields;
    `data` itself is left as it is."""
    if not isinstance(data, dict):
        return data
    copy = dict(data)
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in copy:
            continue
        if is_personal(info):
            del copy[key]
        else:
            copy[key] = _strip_value(info.annotation, copy[key])
    return copy


def without_personal(tool: Any, data: Any) -> Any:
    """A worksheet of `tool` (a Tool, or a tool id) without people's names: for the projector, and for
    the trainer's workshop export unless the group opted in."""
    if isinstance(tool, str):
        from kamcore.tools import TOOLS  # here: the tools' models import this module

        tool = TOOLS[tool]
    return strip_personal(tool.input_model, data)


def _strip_value(annotation: Any, value: Any) -> Any:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        if any(is_personal(m) for m in args[1:] if isinstance(m, FieldInfo)):
            return None
        return _strip_value(args[0], value)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return strip_personal(annotation, value)
    if origin in (list, tuple, set, frozenset) and isinstance(value, list) and args:
        kept = [_strip_value(args[0], item) for item in value]
        return [item for item, before in zip(kept, value, strict=True) if item is not None or before is None]
    if origin is dict and isinstance(value, dict) and len(args) == 2:
        return {k: _strip_value(args[1], v) for k, v in value.items()}
    if origin in (Union, types.UnionType):
        for arg in args:
            value = _strip_value(arg, value)
        return value
    return value


def _marked(annotation: Any) -> bool:
    """A PersonName inside the type (`PersonName | None`, `list[PersonName]`), not inside a nested model."""
    if get_origin(annotation) is Annotated:
        return any(is_personal(m) for m in get_args(annotation)[1:] if isinstance(m, FieldInfo))
    return any(_marked(arg) for arg in get_args(annotation))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]
