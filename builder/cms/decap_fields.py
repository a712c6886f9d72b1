"""Decap CMS fields from the JSON Schema of a kind of file (`curriculum schema`).

Every property of the schema becomes a field: texts are `markdown` (its raw mode, which
keeps the author's Markdown as typed) or `string` for one-line texts; enums `select`; whole
and decimal numbers `number`; booleans `boolean`; lists `list` (of one field, of fields, or,
for the questions, of `types` keyed on `type`); objects `object`. `required`, patterns,
bounds and the schema's descriptions (as `hint`) are carried over. An overlay's form keeps
only the texts and the ids that place them.
"""

from __future__ import annotations

import re
from typing import Any

from ..edit.forms import SINGLE_LINE
from ..model.types import ID_PATTERN

Node = dict[str, Any]
TRAINERS_ONLY = re.compile(r"trainers only", re.IGNORECASE)
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"



class Fields:
    """Fields of one JSON Schema (its `$defs` resolve the references)."""

    def __init__(self, schema: Node, overlay: bool = False):
        self.defs: dict[str, Node] = schema.get("$defs", {})
        self.overlay = overlay

    def of(self, node: Node) -> list[Node]:
        node = self.deref(node)
        required = set(node.get("required", []))
        found = [self.field(name, sub, name in required)
                 for name, sub in node.get("properties", {}).items()]
        return [f for f in found if f is not None]

    def deref(self, node: Node) -> Node:
        ref = node.get("$ref")
        if ref is None:
            return node
        return {**self.defs[ref.rsplit("/", 1)[-1]], **{k: v for k, v in node.items()
                                                       if k != "$ref"}}

    def field(self, name: str, node: Node, required: bool) -> Node | None:
        node = self.deref(node)
        choices = [self.deref(c) for c in node.get("anyOf", []) if c.get("type") != "null"]
        if len(node.get("anyOf", [])) > len(choices):
            required = False
        if not is_text(node) and choices:  # a quiz: {bank, draw ...} or its shorthand, a bank id
            objects = [c for c in choices if c.get("properties")]
            node = {**(objects or choices)[0], **{k: v for k, v in node.items()
                                                  if k != "anyOf"}}
        widget = self.widget(name, node)
        if widget is None:
            return None
        description = node.get("description", "")
        label = name.replace("_", " ").capitalize()
        if TRAINERS_ONLY.search(description):
            label += " (trainers only)"
        field: Node = {"name": name, "label": label, **widget,
                       "required": required and not self.overlay}
        if not field["required"]:
            optional(field)
        if description:
            field["hint"] = " ".join(description.split())
        if not self.overlay and isinstance(node.get("default"), (bool, str)) and (
                field["widget"] in ("boolean", "select")):
            field["default"] = node["default"]
        return field

    def widget(self, name: str, node: Node) -> Node | None:
        if is_text(node):
            return text_widget(name)
        if self.overlay and name != "id" and node.get("type") not in ("array", "object"):
            return None
        kind = node.get("type")
        if kind == "array":
            return self.list_widget(name, node)
        if kind == "object" or "properties" in node:
            return self.object_widget(node)
        if self.overlay and name == "id":
            return {"widget": "string", "pattern": [ID_PATTERN, "the id of the item translated"]}
        return scalar_widget(node)

    def list_widget(self, name: str, node: Node) -> Node | None:
        items = self.deref(node.get("items", {}))
        widget: Node = {"widget": "list"}
        if "oneOf" in items:
            variants = [self.deref(v) for v in items["oneOf"]]
            if self.overlay:
                widget["fields"] = self.merged(variants)
            else:
                widget["types"] = [self.variant(v) for v in variants]
                widget["typeKey"] = "type"
        elif items.get("properties"):
            widget["fields"] = self.of(items)
        else:
            item = self.field(singular(name), items, True)
            if item is None:
                return None
            item.pop("hint", None)  # "Text, or a map of language code to text"
            widget["field"] = {**item, "widget": "string"} if is_text(items) else item
        if not (widget.get("fields", True) and widget.get("types", True)):
            return None
        if self.overlay and not self.has_text(widget):
            return None
        if "minItems" in node and not self.overlay:
            widget["min"] = node["minItems"]
        return widget

    def variant(self, node: Node) -> Node:
        """One type of a list of `types` (a question type): its fields but the type key."""
        kind = node["properties"]["type"]["const"]
        fields = [f for f in self.of(node) if f["name"] != "type"]
        return {"name": kind, "label": f"{kind} question", "widget": "object",
                "fields": fields}

    def merged(self, variants: list[Node]) -> list[Node]:
        """An overlay's questions carry no type: the texts of every type in one form. A
        name that two types give different shapes (fill-in and numeric `answers`) is left
        out, so that no translation is shown in a widget of the wrong shape."""
        found: dict[str, Node] = {}
        clashes: set[str] = set()
        for variant in variants:
            for field in self.of(variant):
                seen = found.setdefault(field["name"], field)
                if _shape(seen) != _shape(field):
                    clashes.add(field["name"])
        return [f for name, f in found.items() if name not in clashes]

    def object_widget(self, node: Node) -> Node | None:
        names = node.get("propertyNames", {}).get("enum")
        if names:  # a map of chosen keys (a question's `lint`): one text per key
            fields = [{"name": key, "label": key, "widget": "string", "required": False}
                      for key in names]
            return None if self.overlay else {"widget": "object", "fields": fields}
        fields = self.of(node)
        if not fields or (self.overlay and not self.has_text({"fields": fields})):
            return None
        return {"widget": "object", "fields": fields}

    def has_text(self, widget: Node) -> bool:
        inner = [widget["field"]] if "field" in widget else widget.get("fields", [])
        return any(f["name"] != "id" for f in inner)


def is_text(node: Node) -> bool:
    """A translatable text: a string, or a map of language code to string."""
    choices = node.get("anyOf", [])
    return len(choices) == 2 and {"type": "string"} in choices and any(
        c.get("type") == "object" and c.get("additionalProperties") == {"type": "string"}
        for c in choices)


def text_widget(name: str) -> Node:
    if name in SINGLE_LINE or name in ("term", "short", "instrument", "unit", "answer"):
        return {"widget": "string"}
    return {"widget": "markdown", "modes": ["raw"]}


def scalar_widget(node: Node) -> Node:
    kind = node.get("type")
    if "enum" in node:
        return {"widget": "select", "options": list(node["enum"])}
    if kind in ("integer", "number"):
        widget: Node = {"widget": "number",
                        "value_type": "int" if kind == "integer" else "float"}
        if "minimum" in node:
            widget["min"] = node["minimum"]
        if "maximum" in node:
            widget["max"] = node["maximum"]
        return widget
    if kind == "boolean":
        return {"widget": "boolean"}
    widget = {"widget": "string"}
    pattern = DATE_PATTERN if node.get("format") == "date" else node.get("pattern")
    if pattern:
        example = ", ".join(str(e) for e in node.get("examples", [])) or (
            "2026-01-31" if pattern == DATE_PATTERN else "")
        widget["pattern"] = [pattern.replace("(?P<", "(?<"),
                             f"not in the expected form{': ' + example if example else ''}"]
    return widget


def optional(field: Node) -> None:
    """Decap checks the required fields of an object left out too (a session's quiz: "Bank
    is required" for every session without one): in an optional object none is required.
    A list's items are checked only when there are some, so lists keep theirs."""
    if field["widget"] != "object":
        return
    for inner in field["fields"]:
        inner["required"] = False
        optional(inner)


def singular(name: str) -> str:
    return name[:-1] if name.endswith("s") else f"{name}_item"


def _shape(field: Node) -> Any:
    return (field["widget"], [(f["name"], _shape(f)) for f in field.get("fields", [])],
            _shape(field["field"]) if "field" in field else None)
