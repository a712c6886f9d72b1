"""Texts to translate as a gettext PO catalogue, and back into overlay files.

Translators work in Poedit, Weblate or a CAT tool rather than YAML. Each entry
is one whole text field, so the Markdown inside it keeps its structure; the
entry's context names the file and the field (`modules/x.yaml#sessions[intro].content`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import polib
import yaml

from ..load.problems import CurriculumError, Problem
from ..model.fields import text_slots
from .coverage import source_objects

_SEGMENT = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<key>[^\]]+)\])?$")
TRAINER_FIELDS = {"trainer_notes", "model_answer", "guidance"}


def export_catalog(project, lang: str) -> polib.POFile:
    """Every text of the course with its translation into `lang` (empty where missing)."""
    default = project.course.default_language
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Project-Id-Version": project.course.id, "Language": lang,
                        "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit", "X-Source-Language": default}
    for file, obj in source_objects(project):
        source = project.sources.get(file)
        for slot in text_slots(obj):
            value = slot.value
            original = value.get(default, "") if isinstance(value, dict) else value
            translated = value.get(lang, "") if isinstance(value, dict) else ""
            line = source.where(slot.path)[0] if source else 0
            entry = polib.POEntry(msgctxt=f"{file}#{slot.label}", msgid=original,
                                  msgstr=translated, occurrences=[(file, str(line))])
            if slot.label.rsplit(".", 1)[-1].split("[")[0] in TRAINER_FIELDS:
                entry.comment = "Trainer material: appears only in trainer guides."
            catalog.append(entry)
    return catalog


def overlays_from_catalog(catalog: polib.POFile, display: str) -> dict[str, dict[str, Any]]:
    """Overlay data per source file, from the translated entries of a catalogue."""
    overlays: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for entry in catalog:
        if not entry.msgstr or entry.obsolete or "#" not in (entry.msgctxt or ""):
            continue
        file, label = entry.msgctxt.split("#", 1)
        try:
            _place(overlays.setdefault(file, {}), label.split("."), entry.msgstr)
        except ValueError as exc:
            problems.append(Problem(display, entry.linenum, 1, label, str(exc),
                                    "keep the msgctxt lines as exported"))
    if problems:
        raise CurriculumError(problems)
    return overlays


def _place(node: dict[str, Any], segments: list[str], text: str) -> None:
    head, *rest = segments
    match = _SEGMENT.match(head)
    if not match:
        raise ValueError(f"cannot read the field path segment '{head}'")
    name, key = match["name"], match["key"]
    if key is None:
        if rest:
            _place(node.setdefault(name, {}), rest, text)
        else:
            node[name] = text
        return
    items = node.setdefault(name, [])
    if key.isdigit():
        while len(items) <= int(key):
            items.append({} if rest else "")
        if rest:
            _place(items[int(key)], rest, text)
        else:
            items[int(key)] = text
        return
    item = next((i for i in items if isinstance(i, dict) and i.get("id") == key), None)
    if item is None:
        item = {"id": key}
        items.append(item)
    _place(item, rest, text)


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def overlay_yaml(data: dict[str, Any], lang: str, source_file: str) -> str:
    header = (f"# {lang} translation of {source_file}: only texts; items with ids are\n"
              "# matched by id, other lists by position. See docs/translations.md.\n")
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              width=100)


def overlay_path(source_file: str, lang: str) -> str:
    stem, suffix = source_file.rsplit(".", 1)
    return f"{stem}.{lang}.{suffix}"


def write_overlays(overlays: dict[str, dict[str, Any]], lang: str, out: Path) -> list[Path]:
    """Write one overlay per source file under `out`; refuse to overwrite any file."""
    targets = {out / overlay_path(f, lang): (f, data) for f, data in overlays.items()}
    existing = [p for p in targets if p.exists()]
    if existing:
        raise CurriculumError([Problem(p.as_posix(), 0, 0, "", "file exists already",
                                       "import into an empty folder with --out; nothing "
                                       "was written") for p in existing])
    written = []
    for path, (source_file, data) in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(overlay_yaml(data, lang, source_file))
        written.append(path)
    return written
