"""A translator's PO catalogue turned into overlay files, trusting nothing in it.

PO files come from outside translators. The file names written are never taken from
the catalogue: each entry's context must name a source file the project loaded and a
translatable text that file has, the `Language:` header a translation language of the
course. The would-be overlays are validated with the project, in memory, before any of
them is written; one refused entry, and nothing is written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
from pydantic import BaseModel

from ..load.problems import CurriculumError, Problem, format_path
from ..load.project import Project, load_project
from ..load.yaml_source import _FORBIDDEN, MAX_FILE_BYTES, decode, inside, read_bytes
from ..model.fields import field_kind, translatable
from .catalog import overlay_path, overlay_yaml
from .coverage import source_objects

_SEGMENT = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<key>[a-z0-9-]{1,100})\])?$")
_KEEP = "keep the msgctxt lines as exported"


def _short(text: str, size: int = 60) -> str:
    return repr(text if len(text) <= size else text[:size] + "…")


@dataclass
class Entry:
    """One translated text placed in an overlay: where it came from in the PO file."""

    file: str  # the source file it translates
    path: tuple[str | int, ...]  # its place in the overlay data
    line: int  # its line in the PO file


class Importer:
    """Collects the overlays of one catalogue and every problem with its entries."""

    def __init__(self, project: Project, display: str, text: str):
        self.project, self.display, self.text = project, display, text
        self.objects = {f: o for f, o in source_objects(project) if f in project.sources}
        self.overlays: dict[str, dict[str, Any]] = {}
        self.entries: list[Entry] = []
        self.seen: dict[str, int] = {}
        self.problems: list[Problem] = []

    def fail(self, line: int, path: str, message: str, hint: str = _KEEP) -> None:
        self.problems.append(Problem(self.display, line, 1, path, message, hint))

    def language(self, catalog: polib.POFile) -> str:
        course = self.project.course
        lang = catalog.metadata.get("Language", "").strip()
        line = next((i for i, t in enumerate(self.text.split("\n"), 1)
                     if t.startswith('"Language:')), 1)
        others = [x for x in course.languages if x != course.default_language]
        if not lang:
            self.fail(line, "Language", "the catalogue names no language",
                      'add a "Language: ru\\n" header')
        elif lang == course.default_language:
            self.fail(line, "Language", f"'{lang}' is the course's default language: its texts "
                      "are the source files themselves", "translate into one of: "
                      + (", ".join(others) or "(none: add a language to course.yaml)"))
        elif lang not in others:
            self.fail(line, "Language", f"{_short(lang)} is not a translation language of the "
                      "course", "use one of: " + (", ".join(others) or "(none)")
                      + "; or add it to languages in course.yaml")
        return lang

    def add(self, entry: polib.POEntry) -> None:
        line = entry.linenum
        context = entry.msgctxt or ""
        file, sep, label = context.partition("#")
        if not sep or not file or not label:
            self.fail(line, "msgctxt", f"{_short(context)} does not name a file and a field",
                      "write it as exported, e.g. modules/x.yaml#sessions[intro].title")
            return
        if file not in self.objects:
            self.fail(line, "msgctxt", f"{_short(file)} is not a source file of this course",
                      "the part before # is one of: " + ", ".join(sorted(self.objects)[:6])
                      + (", ..." if len(self.objects) > 6 else ""))
            return
        if (bad := _FORBIDDEN.search(entry.msgstr)) is not None:
            self.fail(line, label, f"control character U+{ord(bad.group()):04X} in the "
                      "translation", "delete it: it often comes with text pasted from a PDF")
            return
        if context in self.seen:
            self.fail(line, label, f"translated twice (also at line {self.seen[context]})",
                      "keep one entry per msgctxt")
            return
        self.seen[context] = line
        try:
            path = _place(self.overlays.setdefault(file, {}), self.objects[file],
                          label.split("."), entry.msgstr)
        except ValueError as exc:
            self.fail(line, label[:100], str(exc))
            return
        self.entries.append(Entry(file, path, line))

    def located(self, problem: Problem, lang: str) -> Problem:
        """A problem of a would-be overlay, told at the PO entry that caused it."""
        for file in self.overlays:
            if problem.file != overlay_path(file, lang):
                continue
            mine = [e for e in self.entries if e.file == file]
            found = [e for e in mine if _under(problem.path, format_path(e.path))]
            entry = max(found, key=lambda e: len(e.path)) if found else mine[0]
            return Problem(self.display, entry.line, 1, problem.path or "", problem.message,
                           problem.hint)
        return problem


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def _place(node: dict[str, Any], obj: BaseModel, segments: list[str], text: str
           ) -> tuple[str | int, ...]:
    """Lay `text` into overlay data at the field path, checked against the source object."""
    head, *rest = segments
    match = _SEGMENT.fullmatch(head)
    if not match:
        raise ValueError(f"cannot read the field path segment {_short(head)}")
    name, key = match["name"], match["key"]
    model = type(obj)
    kind = field_kind(model, name)
    if kind is None:
        raise ValueError(f"{model.__name__.lower()} has no field '{name}' "
                         f"(translatable: {', '.join(translatable(model))})")
    if kind.kind in ("fixed", "id"):
        raise ValueError(f"'{name}' is not translated: only texts are "
                         "(durations, ids, answers and settings stay as in the source)")
    value = getattr(obj, name)
    if value in (None, "", []):
        raise ValueError(f"the source file has no '{name}' here to translate")
    if kind.kind in ("text", "model") and key is not None:
        raise ValueError(f"'{name}' is not a list: write it without [{key}]")
    if kind.kind == "text":
        if rest:
            raise ValueError(f"'{name}' is a text: nothing follows it")
        node[name] = text
        return (name,)
    if kind.kind == "model":
        if not rest:
            raise ValueError(f"'{name}' holds several fields: name one of them")
        return (name, *_place(node.setdefault(name, {}), value, rest, text))
    if key is None:
        raise ValueError(f"'{name}' is a list: name the item, as in {name}[0]")
    if kind.kind == "texts":
        if rest:
            raise ValueError(f"'{name}' holds texts: nothing follows {name}[{key}]")
        index = _index(key, value, name)
        node.setdefault(name, [""] * len(value))[index] = text
        return (name, index)
    if not rest:
        raise ValueError(f"'{name}[{key}]' holds several fields: name one of them")
    items = node.setdefault(name, [] if kind.by_id else [{} for _ in value])
    if kind.by_id:
        source = next((i for i in value if i.id == key), None)
        if source is None:
            raise ValueError(f"the source file has no item '{key}' in '{name}'")
        index = next((n for n, i in enumerate(items) if i["id"] == key), len(items))
        if index == len(items):
            items.append({"id": key})
    else:
        index = _index(key, value, name)
        source = value[index]
    return (name, index, *_place(items[index], source, rest, text))


def _index(key: str, items: list[Any], name: str) -> int:
    if not key.isdigit() or int(key) >= len(items):
        size = len(items)
        raise ValueError(f"no {name}[{key[:20]}] in the source file: it has {size} "
                         f"item{'s' if size != 1 else ''}, {name}[0] to [{size - 1}]")
    return int(key)


_STRING_LINE = re.compile(r'^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*(".*)$')
_CLOSED = re.compile(r'"(?:[^"\\]|\\.)*"')


def unclosed_strings(text: str, display: str) -> list[Problem]:
    """A msgid, msgstr or msgctxt line (or continuation) whose string has no closing quote:
    polib reads `msgstr "Текс` of a cut-off file as 'Тек' without a word."""
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        found = _STRING_LINE.match(line.strip())
        if found and not _CLOSED.match(found[1]):
            problems.append(Problem(display, number, len(line.rstrip()) + 1, "",
                                    "the string is not closed: the file may be cut short",
                                    'end the line with " (save the file again from the '
                                    "translator's copy); nothing was written"))
    return problems


def read_catalog(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES,
                 scan: Callable[[str, str], list[Problem]] | None = None
                 ) -> tuple[str, polib.POFile]:
    """The catalogue's text (UTF-8, bounded in size) and its entries; refused whole if a
    string is not closed or `scan` finds problems in the raw text."""
    text = decode(read_bytes(path, display, max_bytes), display)
    if problems := unclosed_strings(text, display) + (scan(text, display) if scan else []):
        raise CurriculumError(problems)
    try:
        return text, polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise CurriculumError([Problem(display, int(found[1]) if found else 0, 1 if found else 0,
                                       "", "cannot read the catalogue: "
                                       + str(exc).split(" (line")[0][:200],
                                       "save it from Poedit or msgcat as a PO file")]) from None


def import_catalog(root: Path, catalog_file: Path, out: Path | None,
                   max_bytes: int = MAX_FILE_BYTES) -> list[Path]:
    """Check every entry, validate the result with the project, then write every overlay."""
    project = load_project(root, max_bytes=max_bytes)
    display = catalog_file.as_posix()
    text, catalog = read_catalog(catalog_file, display, max_bytes)
    importer = Importer(project, display, text)
    lang = importer.language(catalog)
    for entry in catalog:
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
            importer.add(entry)
    if importer.problems:
        raise CurriculumError(importer.problems)
    texts = {(file, lang): overlay_yaml(data, lang, file)
             for file, data in importer.overlays.items()}
    try:
        load_project(root, pending=texts, max_bytes=max_bytes)
    except CurriculumError as exc:
        raise CurriculumError([importer.located(p, lang) for p in exc.problems]) from None
    return write_overlays(root, out or root, lang, texts)


def _targets(root: Path, out: Path, lang: str, texts: dict[tuple[str, str], str]
             ) -> dict[Path, str]:
    if not inside(root, out):
        raise CurriculumError([Problem(out.as_posix(), 0, 0, "", "is outside the project",
                                       "import into the project, or a folder inside it; "
                                       "nothing was written")])
    targets = {out / overlay_path(file, lang): text for (file, _), text in texts.items()}
    problems = []
    for path in targets:
        if os.path.lexists(path):
            problems.append(Problem(path.as_posix(), 0, 0, "", "file exists already",
                                    "import into an empty folder with --out; nothing was "
                                    "written"))
        elif not inside(root, path.parent):
            problems.append(Problem(path.as_posix(), 0, 0, "", "leads outside the project",
                                    "nothing was written"))
    if problems:
        raise CurriculumError(problems)
    return targets


def write_overlays(root: Path, out: Path, lang: str, texts: dict[tuple[str, str], str]
                   ) -> list[Path]:
    """Write each overlay as a new file; on any failure remove what this run wrote."""
    written: list[Path] = []
    try:
        for path, text in _targets(root, out, lang, texts).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not inside(root, path.parent):
                raise OSError(f"{path.parent} leads outside the project")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
            written.append(path)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise CurriculumError([Problem(out.as_posix(), 0, 0, "", f"cannot write: {exc}",
                                       "nothing was written")]) from None
    return written
