"""The JSON Schemas of `curriculum schema`, shaped for the forms of `curriculum edit`.

A text may be written as a map of languages ({en: ..., ru: ...}); translations have a
view of their own, so each text field is offered as a string (multi-line where it holds
Markdown), unless the file writes some text as such a map: then as a string or a map, so
that none is lost. A question's alternatives are named by their type.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ..cli.schema import SCHEMAS

LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
SINGLE_LINE = {"title", "text", "id", "feedback", "left", "right", "name", "label"}


def form_schema(kind: str, inline_texts: bool = False) -> dict[str, Any]:
    """The form's schema; with `inline_texts` (a file that writes some texts as maps of
    languages), each text may be a string or such a map, so that none is lost."""
    schema = _shape(copy.deepcopy(SCHEMAS[kind].model_json_schema()), "", inline_texts)
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


def has_inline_texts(data: Any) -> bool:
    """Whether the data holds a text written as a map of languages ({en: ..., ru: ...})."""
    if isinstance(data, list):
        return any(has_inline_texts(item) for item in data)
    if not isinstance(data, dict):
        return False
    if data and all(LANG.match(str(k)) and isinstance(v, str) for k, v in data.items()):
        return True
    return any(has_inline_texts(value) for value in data.values())


def _shape(node: Any, name: str, inline: bool = False) -> Any:
    if isinstance(node, list):
        return [_shape(item, name, inline) for item in node]
    if not isinstance(node, dict):
        return node
    if _is_text(node) and inline:
        choices = [{"type": "string", "title": "text"},
                   {"type": "object", "title": "text in each language",
                    "additionalProperties": {"type": "string", "format": "textarea"}}]
        return {**{k: v for k, v in node.items() if k != "anyOf"}, "oneOf": choices}
    if _is_text(node):
        text = {k: v for k, v in node.items() if k != "anyOf"}
        text["type"] = "string"
        if name not in SINGLE_LINE:
            text["format"] = "textarea"
        return text
    shaped = {}
    for key, value in node.items():
        if key == "properties":
            shaped[key] = {k: _shape(v, k, inline) for k, v in value.items()}
        elif key == "discriminator":
            continue
        elif key == "pattern" and isinstance(value, str):
            shaped[key] = value.replace("(?P<", "(?<")  # JavaScript's named groups
        else:
            shaped[key] = _shape(value, name if key in ("items", "anyOf", "oneOf") else key,
                                 inline)
    return shaped
