"""Texts to translate as a gettext PO catalogue, and back into overlay files.

Translators work in Poedit, Weblate or a CAT tool rather than YAML. Each entry
is one whole text field, so the Markdown inside it keeps its structure; the
entry's context names the file and the field (`modules/x.yaml#sessions[intro].content`).
"""

from __future__ import annotations

from typing import Any

import polib
import yaml

from ..model.fields import text_slots
from .coverage import source_objects

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
