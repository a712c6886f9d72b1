"""Which fields of the format hold translatable text, read off the schema itself."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .schema import QUESTION_TYPES, QuestionBase

TEXT_MARK = "Text, or a map of language code to text"


@dataclass(frozen=True)
class FieldKind:
    """How a field takes part in translation."""

    kind: str  # text | texts | model | models | id | fixed
    model: type[BaseModel] | None = None
    by_id: bool = False


def _args(tp: Any) -> tuple[Any, ...]:
    return typing.get_args(tp)


def _is_text(tp: Any) -> bool:
    if typing.get_origin(tp) is typing.Annotated:
        meta = _args(tp)[1:]
        return any(TEXT_MARK in str(getattr(m, "json_schema", "")) for m in meta)
    return False


def _strip(tp: Any) -> Any:
    """Drop Optional and the Annotated wrapper of a model type."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated and not _is_text(tp):
        return _strip(_args(tp)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in _args(tp) if a is not type(None)]
        if len(args) == 1:
            return _strip(args[0])
    return tp


def _model_of(tp: Any) -> type[BaseModel] | None:
    tp = _strip(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    if typing.get_origin(tp) is typing.Annotated or typing.get_origin(tp) in (
            typing.Union, getattr(__import__("types"), "UnionType", None)):
        inner = _args(_strip(tp))
        if inner and all(isinstance(a, type) and issubclass(a, QuestionBase) for a in
                         _args(inner[0]) or inner):
            return QuestionBase
    return None


def field_kind(model: type[BaseModel], name: str) -> FieldKind | None:
    """How field `name` of `model` is translated; None if there is no such field."""
    field = model.model_fields.get(name)
    if field is None:
        return None
    tp = field.annotation
    if name == "id":
        return FieldKind("id")
    if any(TEXT_MARK in str(getattr(m, "json_schema", "")) for m in field.metadata):
        return FieldKind("text")
    stripped = _strip(tp)
    if typing.get_origin(stripped) is list:
        item = _args(stripped)[0]
        if _is_text(item):
            return FieldKind("texts")
        sub = _model_of(item)
        if sub is not None:
            return FieldKind("models", sub, by_id="id" in sub.model_fields)
        return FieldKind("fixed")
    sub = _model_of(tp)
    if sub is not None:
        return FieldKind("model", sub)
    return FieldKind("fixed")


def item_model(model: type[BaseModel], data: Any) -> type[BaseModel]:
    """The concrete model of one list item: a question's class comes from its type."""
    if model is QuestionBase and isinstance(data, dict):
        return QUESTION_TYPES.get(str(data.get("type")), QuestionBase)
    return model


def translatable(model: type[BaseModel]) -> list[str]:
    """Names of the fields of `model` that hold text or contain text."""
    return [n for n in model.model_fields if (k := field_kind(model, n)) and k.kind not in (
        "fixed", "id")]


@dataclass(frozen=True)
class TextSlot:
    """One translatable text of a validated object."""

    path: tuple[str | int, ...]  # by index: for positions in the source file
    label: str  # by id where items have ids: sessions[legal-framework].content
    value: str | dict[str, str]


def text_slots(obj: BaseModel, path: tuple = (), label: str = "") -> Iterator[TextSlot]:
    """Every non-empty translatable text inside `obj`, in file order."""
    for name in type(obj).model_fields:
        kind = field_kind(type(obj), name)
        value = getattr(obj, name)
        if kind is None or kind.kind in ("fixed", "id") or value in (None, "", []):
            continue
        here, text = (*path, name), f"{label}.{name}" if label else name
        if kind.kind == "text":
            yield TextSlot(here, text, value)
        elif kind.kind == "texts":
            for i, item in enumerate(value):
                yield TextSlot((*here, i), f"{text}[{i}]", item)
        elif kind.kind == "model":
            yield from text_slots(value, here, text)
        else:
            for i, item in enumerate(value):
                key = getattr(item, "id", None) if kind.by_id else None
                yield from text_slots(item, (*here, i), f"{text}[{key if key else i}]")
