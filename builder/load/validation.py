"""Validate parsed YAML against the schema and word pydantic's errors for authors."""

from __future__ import annotations

import difflib
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..model.schema import QUESTION_TYPES
from .problems import Problem
from .yaml_source import Path_, Source

M = TypeVar("M", bound=BaseModel)

_KINDS = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "dict_type": "a mapping of keys to values", "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values", "float_type": "a number",
    "date_type": "a date (YYYY-MM-DD)", "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)", "int_from_float": "a whole number",
}


def validate(model: type[M], source: Source) -> tuple[M | None, list[Problem]]:
    """The model built from `source`, or None and every problem found."""
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        problems = [_problem(model, source, err) for err in exc.errors()]
        return None, _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[int, int, str, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.line, p.column, p.path, p.message), p)
    return list(seen.values())


def _clean_loc(loc: tuple[Any, ...]) -> Path_:
    """Drop the tags pydantic inserts for tagged unions (questions.0.single.options)."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and part in QUESTION_TYPES and i and isinstance(loc[i - 1], int):
            continue
        if isinstance(part, str) and part.startswith("function-"):
            continue
        out.append(part)
    return tuple(out)


def _problem(model: type[BaseModel], source: Source, err: Any) -> Problem:
    kind, loc, value = err["type"], _clean_loc(err["loc"]), err.get("input")
    hint = (err.get("ctx") or {}).get("hint", "")
    if kind == "missing":
        return source.problem(loc[:-1], f"missing required field '{loc[-1]}'",
                              _field_hint(model, loc))
    if kind == "extra_forbidden":
        return source.problem(loc, f"unknown key '{loc[-1]}'", _unknown_hint(model, loc), key=True)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return _tag_problem(source, loc, err)
    if kind == "literal_error":
        allowed = [a.strip(" '") for a in err["ctx"]["expected"].replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(allowed)
        return source.problem(loc, f"{value!r} is not allowed here", hint)
    if kind in _KINDS:
        return source.problem(loc, f"expected {_KINDS[kind]}, got {_describe(value)}", hint)
    if kind == "too_short":
        need = err["ctx"]["min_length"]
        return source.problem(loc, f"needs at least {need} item{'s' if need > 1 else ''}", hint)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return source.problem(loc, f"{value!r} is out of range: {err['msg'].lower()}", hint)
    return source.problem(loc, err["msg"][0].lower() + err["msg"][1:], hint)


def _tag_problem(source: Source, loc: Path_, err: Any) -> Problem:
    types = ", ".join(QUESTION_TYPES)
    if err["type"] == "union_tag_not_found":
        return source.problem(loc, "missing required field 'type'", f"one of: {types}")
    tag = err["ctx"]["tag"]
    close = difflib.get_close_matches(str(tag), list(QUESTION_TYPES), n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"one of: {types}"
    return source.problem((*loc, "type"), f"{tag!r} is not a question type", hint)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return f"{value!r}"


def _fields_at(model: type[BaseModel], loc: Path_) -> dict[str, Any]:
    """The fields of the model that holds the key at `loc`."""
    current: Any = model
    for part in loc[:-1]:
        current = _step(current, part)
        if current is None:
            return {}
    current = _unwrap(current)
    return current.model_fields if isinstance(current, type) and issubclass(
        current, BaseModel) else {}


def _step(current: Any, part: str | int) -> Any:
    current = _unwrap(current)
    if isinstance(part, int):
        args = typing.get_args(current)
        return args[0] if args else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        field = current.model_fields.get(part)
        return field.annotation if field else None
    return None


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _unknown_hint(model: type[BaseModel], loc: Path_) -> str:
    fields = list(_fields_at(model, loc))
    if len(loc) >= 2 and isinstance(loc[-2], int) and loc[:1] == ("questions",):
        fields = sorted({f for q in QUESTION_TYPES.values() for f in q.model_fields})
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "allowed keys: " + ", ".join(fields) if fields else ""


def _field_hint(model: type[BaseModel], loc: Path_) -> str:
    field = _fields_at(model, loc).get(str(loc[-1]))
    return field.description.rstrip(".") if field and field.description else ""
