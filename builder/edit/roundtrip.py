"""Form data back into a YAML file's text, keeping comments, key order, quoting and block
scalars (ruamel.yaml's round-trip mode), so that a save changes only the lines it must.

ruamel.yaml rewrites a few lines of a file it did not change (trailing spaces, some
line breaks); so the dump of the edited tree is compared with the dump of the tree as
read, and only the lines that differ between those two replace the author's lines.
"""

from __future__ import annotations

import difflib
import io
from typing import Any

from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import parse_text

Schema = dict[str, Any]


def _yaml(text: str) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line the author wrote on one line
    offset = load_yaml_guess_indent(text)[2] if text.strip() else 2
    yaml.indent(mapping=2, sequence=(offset or 0) + 2, offset=offset or 0)
    return yaml


def load(text: str, name: str) -> Any:
    """The round-trip tree of `text` (the file `name`); a file that is not YAML is a
    CurriculumError with the loader's message, as `validate` tells it."""
    return _read(text, name)[1]


def _read(text: str, name: str) -> tuple[YAML, Any]:
    """The YAML set for `text`'s indents, and its tree (None for an empty file)."""
    try:
        yaml = _yaml(text)  # guessing the indents parses the text, too
        return yaml, yaml.load(text) if text.strip() else None
    except YAMLError as exc:
        parse_text(text, name)  # raises the loader's problem, if the loader sees one
        mark = getattr(exc, "problem_mark", None)
        raise CurriculumError([Problem(
            name, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, "",
            str(getattr(exc, "problem", None) or exc).splitlines()[0],
            "fix the file in a text editor, then open it again")]) from None


def plain(node: Any) -> Any:
    """The tree as JSON data: what a form shows (dates as the text they were written as)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if node is None or isinstance(node, (bool, int, float)):
        return node if not isinstance(node, float) or node == node else None
    return str(node)


def dump(yaml: YAML, tree: Any) -> str:
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def updated_text(text: str, data: Any, schema: Schema, name: str) -> str:
    """`text` (the file `name`) with its data replaced by `data`; unchanged lines stay
    byte for byte."""
    yaml, tree = _read(text, name)
    if tree is None:
        return dump(yaml, fresh(data, schema, schema))
    base = dump(yaml, tree)
    tree = merge(tree, data, schema, schema)
    return _line_endings_of(text, _patch(text, base, dump(yaml, tree)))


def _line_endings_of(original: str, text: str) -> str:
    """`text` with the line endings of `original` (a file written on Windows keeps CRLF:
    the lines a save adds come from ruamel.yaml with LF)."""
    if "\r\n" not in original:
        return text
    return "\r\n".join(line.rstrip("\r") for line in text.split("\n"))


def _patch(original: str, base: str, new: str) -> str:
    """Apply the change base -> new to `original`, whose lines `base` mirrors one to one."""
    old_lines, base_lines = original.splitlines(True), base.splitlines(True)
    if len(old_lines) != len(base_lines):
        return new
    new_lines = new.splitlines(True)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, base_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        out.extend(old_lines[i1:i2] if op == "equal" else new_lines[j1:j2])
    return "".join(out)


def _resolve(schema: Schema, root: Schema) -> Schema:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _property(schema: Schema, key: str, value: dict, root: Schema) -> Schema:
    schema = _resolve(schema, root)
    for choice in schema.get("oneOf", schema.get("anyOf", [])):  # a question: by its type
        choice = _resolve(choice, root)
        kind = choice.get("properties", {}).get("type", {}).get("const")
        if kind is not None and kind == value.get("type"):
            return choice.get("properties", {}).get(key, {})
    return schema.get("properties", {}).get(key, {})


def _items(schema: Schema, root: Schema) -> Schema:
    return _resolve(schema, root).get("items", {})


def _is_default(value: Any, schema: Schema, root: Schema) -> bool:
    """A value the form filled in that the file need not say: empty, or the default."""
    if value in (None, "", [], {}):
        return True
    default = _resolve(schema, root).get("default", None)
    return type(default) is type(value) and default == value  # True is not 1


def fresh(value: Any, schema: Schema, root: Schema) -> Any:
    """A new value as a YAML node: multi-line text as a block scalar, defaults left out."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            sub = _property(schema, key, value, root)
            if key == "type" or not _is_default(item, sub, root):
                node[key] = fresh(item, sub, root)
        return node
    if isinstance(value, list):
        return CommentedSeq(fresh(item, _items(schema, root), root) for item in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def merge(node: Any, value: Any, schema: Schema, root: Schema) -> Any:
    """`node` made to hold `value`, keeping every part of it that did not change."""
    if plain(node) == value:
        return node
    if isinstance(node, CommentedMap) and isinstance(value, dict):
        for key in [k for k in node if str(k) not in value]:
            del node[key]
        for key, item in value.items():
            sub = _property(schema, key, value, root)
            if key in node:
                node[key] = merge(node[key], item, sub, root)
            elif not _is_default(item, sub, root):
                node[key] = fresh(item, sub, root)
        return node
    if isinstance(node, CommentedSeq) and isinstance(value, list):
        return _merge_list(node, value, _items(schema, root), root)
    if isinstance(node, ScalarString) and isinstance(value, str):
        return type(node)(value) if "\n" in value or not isinstance(
            node, LiteralScalarString) else value
    return fresh(value, schema, root)


def _merge_list(node: CommentedSeq, value: list, schema: Schema, root: Schema) -> CommentedSeq:
    """Items with ids follow their id (moved, added, removed); others their position."""
    old_ids = [_id(item) for item in node]
    new_ids = [_id(item) for item in value]
    if old_ids == new_ids or None in old_ids or None in new_ids:
        for i, item in enumerate(value):
            if i < len(node):
                node[i] = merge(node[i], item, schema, root)
            else:
                node.append(fresh(item, schema, root))
        del node[len(value):]
        return node
    by_id = dict(zip(old_ids, node, strict=True))
    items = [merge(by_id[i], item, schema, root) if i in by_id else fresh(item, schema, root)
             for i, item in zip(new_ids, value, strict=True)]
    node.clear()
    node.extend(items)
    return node


def _id(item: Any) -> str | None:
    return str(item["id"]) if isinstance(item, dict) and "id" in item else None
