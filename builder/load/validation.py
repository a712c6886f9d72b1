"""Validate parsed YAML against the schema and word pydantic's errors for authors.

Every problem says what is wrong in the author's terms and gives a hint; no
pydantic wording ("Input should be ...") reaches them.
"""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any, TypeVar

import annotated_types
from pydantic import BaseModel, ValidationError

from ..model.schema import QUESTION_TYPES
from .problems import Problem
from .yaml_source import Path_, Source

M = TypeVar("M", bound=BaseModel)

# pydantic error type -> (what was expected, how to write it)
_KINDS = {
    "string_type": ("text", "quote it if it is text"),
    "int_type": ("a whole number", "write digits only, e.g. 2"),
    "int_parsing": ("a whole number", "write digits only, e.g. 2"),
    "int_from_float": ("a whole number", "write digits only, e.g. 2"),
    "float_type": ("a number", "write digits, e.g. 2.5"),
    "float_parsing": ("a number", "write digits, e.g. 2.5"),
    "bool_type": ("true or false", "write true or false"),
    "bool_parsing": ("true or false", "write true or false"),
    "list_type": ("a list", "write [a, b] or one '- ' item per line"),
    "dict_type": ("a mapping of keys to values", "write `key: value` lines, indented"),
    "date_type": ("a date", "write it as YYYY-MM-DD, e.g. 2024-05-04"),
    "date_parsing": ("a date", "write it as YYYY-MM-DD, e.g. 2024-05-04"),
    "date_from_datetime_parsing": ("a date", "write it as YYYY-MM-DD, e.g. 2024-05-04"),
    "date_from_datetime_inexact": ("a date", "write it as YYYY-MM-DD, e.g. 2024-05-04"),
}
_MAPPING_KINDS = ("model_type", "model_attributes_type", "dict_type")


def validate(model: type[M], source: Source) -> tuple[M | None, list[Problem]]:
    """The model built from `source`, or None and every problem found."""
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        errors = _without_echoes(model, source.data, exc.errors())
        problems = [_problem(model, source, err) for err in errors]
        return None, _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[int, int, str, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.line, p.column, p.path, p.message), p)
    return list(seen.values())


def _without_echoes(model: type[BaseModel], data: Any, errors: list[Any]) -> list[Any]:
    """Drop "missing 'points'" when the same mapping has an unknown key 'point': one typo,
    one problem."""
    suggested = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = _clean_loc(err["loc"])
            close = _close_key(model, data, loc)
            if close:
                suggested.add((*loc[:-1], close))
    return [e for e in errors if not (e["type"] == "missing"
                                      and _clean_loc(e["loc"]) in suggested)]


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
    ctx = err.get("ctx") or {}
    hint = ctx.get("hint", "")
    if kind == "missing":
        return source.problem(loc[:-1], f"missing required field '{loc[-1]}'",
                              _field_hint(model, source.data, loc) or "add it")
    if kind == "extra_forbidden":
        return source.problem(loc, f"unknown key '{loc[-1]}'",
                              _unknown_hint(model, source.data, loc), key=True)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return _tag_problem(source, loc, err)
    if value is None:
        return source.problem(loc, "has no value", _field_hint(model, source.data, loc)
                              or "write a value, or remove the key")
    if ctx.get("key"):  # a custom check that names the key at fault (inline translations)
        return source.problem((*loc, ctx["key"]), err["msg"], hint, key=True)
    if kind == "literal_error":
        allowed = [a.strip(" '") for a in ctx["expected"].replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(allowed)
        name = next((p for p in reversed(loc) if isinstance(p, str)), "value")
        return source.problem(loc, f"{value!r} is not a valid {name}", hint)
    if kind in _KINDS:
        expected, how = _KINDS[kind]
        return source.problem(loc, f"expected {expected}, got {_describe(value)}", hint or how)
    if kind in _MAPPING_KINDS:
        return source.problem(loc, f"expected a mapping of keys to values, got "
                              f"{_describe(value)}", _keys_hint(model, source.data, loc))
    if kind == "too_short":
        need = ctx["min_length"]
        return source.problem(loc, f"needs at least {need} item{'s' if need > 1 else ''}",
                              hint or _field_hint(model, source.data, loc) or "add items")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _range_problem(model, source, loc, value)
    message = err["msg"][0].lower() + err["msg"][1:]
    return source.problem(loc, message, hint or _field_hint(model, source.data, loc))


def _range_problem(model: type[BaseModel], source: Source, loc: Path_, value: Any) -> Problem:
    low = high = None
    field = _fields_at(model, source.data, loc).get(str(loc[-1]))
    for meta in field.metadata if field else []:
        if isinstance(meta, annotated_types.Ge):
            low = meta.ge
        elif isinstance(meta, annotated_types.Le):
            high = meta.le
    if low is not None and high is not None:
        hint = f"use a whole number from {low} to {high}"
    elif low is not None:
        hint = f"use a whole number of {low} or more"
    else:
        hint = f"use a whole number up to {high}"
    if field is not None and field.default is None:
        hint += ", or leave the key out"
    too = "small" if low is not None and _number(value) < low else "large"
    return source.problem(loc, f"{value!r} is too {too}", hint)


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


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
    if isinstance(value, bool):
        return str(value).lower()
    return f"{value!r}"


# --- the fields that hold a key, found by walking the schema along the data -----------


def _holder(model: type[BaseModel], data: Any, loc: Path_) -> tuple[Any, Any]:
    """The type (a model, or a union of question models) that holds the key at `loc`,
    and the data there, found by walking the schema along the data."""
    current: Any = model
    for part in loc[:-1]:
        data = _child(data, part)
        current = _step(current, part, data)
        if current is None:
            return None, None
    return _resolve(current, data), data


def _fields_at(model: type[BaseModel], data: Any, loc: Path_) -> dict[str, Any]:
    """The fields of the model that holds the key at `loc`."""
    holder, _ = _holder(model, data, loc)
    return holder.model_fields if _is_model(holder) else {}


def _child(data: Any, part: str | int) -> Any:
    if isinstance(part, int):
        return data[part] if isinstance(data, list) and -len(data) <= part < len(data) else None
    return data.get(part) if isinstance(data, dict) else None


def _step(current: Any, part: str | int, data: Any) -> Any:
    """The type one step down: a list's item type, or a model field's type."""
    current = _resolve(current, None)
    if isinstance(part, int):
        args = typing.get_args(current)
        return _resolve(args[0], data) if args else None
    if _is_model(current):
        field = current.model_fields.get(part)
        return _resolve(field.annotation, data) if field else None
    return None


def _resolve(tp: Any, data: Any) -> Any:
    """Unwrap Annotated and Optional; pick a question class by the data's `type`."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) == 1:
                tp = args[0]
            elif all(_is_model(a) and "type" in a.model_fields for a in args):
                kind = data.get("type") if isinstance(data, dict) else None
                return QUESTION_TYPES.get(str(kind), tp)
            else:
                return tp
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _allowed_keys(model: type[BaseModel], data: Any, loc: Path_) -> list[str]:
    """Keys allowed beside `loc`: those of the question's own type when it is a question,
    of any question type when its type is missing or unknown."""
    holder, _ = _holder(model, data, loc)
    if _is_model(holder):
        return list(holder.model_fields)
    args = typing.get_args(holder)
    if args and all(_is_model(a) for a in args):
        return sorted({f for a in args for f in a.model_fields})
    return []


def _close_key(model: type[BaseModel], data: Any, loc: Path_) -> str | None:
    keys = _allowed_keys(model, data, loc)
    close = difflib.get_close_matches(str(loc[-1]), keys, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_hint(model: type[BaseModel], data: Any, loc: Path_) -> str:
    close = _close_key(model, data, loc)
    if close:
        return f"did you mean '{close}'?"
    keys = _allowed_keys(model, data, loc)
    holder, here = _holder(model, data, loc)
    kind = here.get("type") if isinstance(here, dict) and _is_model(holder) else None
    where = f" in a {kind} question" if isinstance(kind, str) and kind in QUESTION_TYPES else ""
    return f"allowed keys{where}: " + ", ".join(keys) if keys else "remove it"


def _field_hint(model: type[BaseModel], data: Any, loc: Path_) -> str:
    field = _fields_at(model, data, loc).get(str(loc[-1]))
    if not field or not field.description:
        return ""
    # Descriptions may hold parentheses; the hint itself is printed in parentheses.
    text = re.sub(r"\s*\(([^()]*)\)", r", \1", field.description.strip())
    return text.rstrip(".")


def _keys_hint(model: type[BaseModel], data: Any, loc: Path_) -> str:
    """For a value that should be a mapping: the keys it needs."""
    fields = _fields_at(model, data, (*loc, ""))
    required = [name for name, f in fields.items() if f.is_required()]
    if not required:
        return "write `key: value` lines, indented under it"
    return "write it as keys: " + ", ".join(f"{name}: ..." for name in required)
