"""The translation view: each text of a source file beside its translation in the overlay
(modules/x.<lang>.yaml); a save writes the overlay alone."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..cli.schema import SCHEMAS
from ..load.problems import CurriculumError
from ..load.validation import validate
from ..load.yaml_source import parse_text
from ..model.fields import text_slots
from ..translations.catalog import overlay_path, overlay_yaml
from ..translations.po_import import _SEGMENT, place
from . import files, roundtrip


def source_object(root: Path, display: str) -> BaseModel:
    """The validated object of a source file as it is on disk."""
    opened = files.read(root, display)
    obj, problems = validate(SCHEMAS[files.kind_of(display)], parse_text(opened.text, display))
    if obj is None:
        raise CurriculumError(problems)
    return obj


def _overlay(root: Path, display: str, lang: str) -> tuple[str, files.Opened | None]:
    name = overlay_path(display, lang)
    path = files.resolve(root, name)
    return name, files.read(root, name) if os.path.lexists(path) else None


def rows(root: Path, display: str, lang: str, default: str) -> dict[str, Any]:
    """Every text with its translation ('' where missing) and the coverage."""
    obj = source_object(root, display)
    name, opened = _overlay(root, display, lang)
    data = parse_text(opened.text, name).data if opened else {}
    found = []
    for slot in text_slots(obj):
        source = slot.value.get(default, "") if isinstance(slot.value, dict) else slot.value
        text = lookup(data, slot.label)
        found.append({"label": slot.label, "source": source,
                      "translation": text if isinstance(text, str) else ""})
    done = sum(1 for row in found if row["translation"].strip())
    return {"file": display, "overlay": name, "lang": lang, "default": default, "rows": found,
            "version": opened.version if opened else None, "translated": done,
            "total": len(found)}


def lookup(data: Any, label: str) -> Any:
    """The overlay's text at a slot label (sessions[intro].title, options[1].text)."""
    node = data
    for segment in label.split("."):
        match = _SEGMENT.match(segment)
        if match is None or not isinstance(node, dict):
            return None
        node, key = node.get(match["name"]), match["key"]
        if key is None:
            continue
        if not isinstance(node, list):
            return None
        by_id = [i for i in node if isinstance(i, dict) and str(i.get("id")) == key]
        node = by_id[0] if by_id else node[int(key)] if key.isdigit() and int(key) < len(
            node) else None
    return node


def overlay_text(root: Path, display: str, lang: str, texts: dict[str, str]) -> str:
    """The would-be overlay: the translations given, laid out as the overlay format wants,
    merged into the overlay's own text when there is one (its comments kept)."""
    obj = source_object(root, display)
    data: dict[str, Any] = {}
    for label, text in texts.items():
        if isinstance(text, str) and text.strip():
            try:
                place(data, obj, label.split("."), text)
            except ValueError as exc:
                raise files.refused(overlay_path(display, lang), str(exc), label) from None
    _, opened = _overlay(root, display, lang)
    if opened is None:
        return overlay_yaml(data, lang, display)
    return roundtrip.updated_text(opened.text, data, {}, overlay_path(display, lang))
