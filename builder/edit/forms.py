"""The JSON Schemas of `curriculum schema`, shaped for the forms of `curriculum edit`.

A text may be written as a map of languages ({en: ..., ru: ...}); the form edits the
source file's own text, and translations have a view of their own, so each text field
is offered as a string (multi-line where it holds Markdown). A question's alternatives
are named by their type.
"""

from __future__ import annotations

import copy
from typing import Any

from ..cli.schema import SCHEMAS

SINGLE_LINE = {"title", "text", "id", "feedback", "left", "right", "name", "label"}


def form_schema(kind: str) -> dict[str, Any]:
    schema = _shape(copy.deepcopy(SCHEMAS[kind].model_json_schema()), "")
    for definition in schema.get("$defs", {}).values():  # a question: named by its type
        kind_field = definition.get("properties", {}).get("type", {})
        if "const" in kind_field:
            definition["title"] = f"{kind_field['const']} question"
            kind_field["default"] = kind_field["const"]
    return schema


def _is_text(node: dict[str, Any]) -> bool:
    choices = node.get("anyOf", [])
    return len(choices) == 2 and {"type": "string"} in choices and any(
        c.get("type") == "object" and c.get("additionalProperties") == {"type": "string"}
        for c in choices)


def _shape(node: Any, name: str) -> Any:
    if isinstance(node, list):
        return [_shape(item, name) for item in node]
    if not isinstance(node, dict):
        return node
    if _is_text(node):
        text = {k: v for k, v in node.items() if k != "anyOf"}
        text["type"] = "string"
        if name not in SINGLE_LINE:
            text["format"] = "textarea"
        return text
    shaped = {}
    for key, value in node.items():
        if key == "properties":
            shaped[key] = {k: _shape(v, k) for k, v in value.items()}
        elif key == "discriminator":
            continue
        elif key == "pattern" and isinstance(value, str):
            shaped[key] = value.replace("(?P<", "(?<")  # JavaScript's named groups
        else:
            shaped[key] = _shape(value, name if key in ("items", "anyOf", "oneOf") else key)
    return shaped
