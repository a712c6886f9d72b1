"""The cache of an output folder: which inputs each PDF was made from.

manifest.json maps a PDF's path (relative to the folder) to the hash of its
inputs, its page count and size. A PDF whose inputs hash the same, and which is
still there with the same size, is not made again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ..load.project import Project
from ..model.schema import Module
from ..render.localize import ui_strings
from ..render.templates import OWN, templates_dir
from .pdf import write_atomic

MANIFEST = "manifest.json"
SCHEMA = 1
# The code that shapes a PDF, in the package as installed; a change to it remakes every PDF.
CODE_FILES = ("handouts/*.py", "render/markdown.py", "render/sanitize.py", "render/links.py",
              "render/linear_links.py", "design/curriculum_map.py")


@dataclass(frozen=True)
class Entry:
    key: str
    pages: int
    size: int


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _files_digest(paths: list[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def tooling() -> dict[str, str]:
    """Versions, code and templates: a change to any of them remakes every PDF."""
    versions = {name: _version(name) for name in ("curriculum-builder", "weasyprint")}
    builder = Path(str(resources.files("builder")))
    code = [p for pattern in CODE_FILES for p in builder.glob(pattern)]
    templates = [p for p in (templates_dir() / "handouts").iterdir() if p.is_file()]
    return {**versions, "code": _files_digest(code), "templates": _files_digest(templates)}


def _look(project: Project) -> str:
    """The project's own handout templates and stylesheet, and the academy's logo."""
    folder = project.root / OWN / "handouts"
    files = [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    academy = project.course.academy
    if academy is not None and academy.logo and (project.root / academy.logo).is_file():
        files.append(project.root / academy.logo)
    return _files_digest(files)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


class Inputs:
    """The hashes of one PDF's inputs; each module, bank and the course hashed once per run."""

    def __init__(self, project: Project):
        self.project = project
        self.tooling = tooling()  # read once per run: `mkdocs serve` sees template edits
        self._digests: dict[tuple[str, ...], str] = {}

    def _memo(self, key: tuple[str, ...], value: Callable[[], Any]) -> str:
        if key not in self._digests:
            self._digests[key] = digest(value())
        return self._digests[key]

    def key(self, modules: list[Module], *, lang: str, edition: str, paper: str,
            whole_course: bool) -> str:
        """The hash of everything one PDF is made from."""
        project = self.project
        course = self._memo(("course", str(whole_course)), lambda: project.course.model_dump(
            mode="json", exclude=None if whole_course else {"modules"}))
        bank_ids = [] if edition == "programme" else sorted(
            {ref.bank for m in modules for _, ref in m.quiz_refs()} & set(project.banks))
        prerequisites = {p: self._memo(("title", p), lambda p=p: project.modules[p].title)
                         for m in modules for p in m.prerequisites if p in project.modules}
        kind = "programme" if edition == "programme" else "full"
        return digest({
            "schema": SCHEMA, "tooling": self.tooling,
            "locales": self._memo(("locales", lang), lambda: ui_strings(  # the project's own too
                "handouts", lang, project.root)), "lang": lang,
            "edition": edition, "paper": paper, "course": course,
            "look": self._memo(("look",), lambda: _look(project)),
            "modules": [self._memo(("module", m.id, kind),
                                   lambda m=m: _module_inputs(m, edition)) for m in modules],
            "banks": [self._memo(("bank", b), lambda b=b: project.banks[b].model_dump(
                mode="json")) for b in bank_ids],
            "prerequisites": prerequisites,
            # The course handouts print the map (all modules) and the glossary.
            "glossary": self._memo(("glossary", str(whole_course)), lambda: (
                project.glossary.model_dump(mode="json")
                if project.glossary and whole_course else None)),
            "linked_files": "" if edition == "programme" else self._memo(
                ("linked",), lambda: _linked_files(project)),
        })


def _linked_files(project: Project) -> list[tuple[str, int, int]]:
    """(path, size, modification time) of every project file that author text links to:
    a new image must remake the PDFs that print it."""
    from ..render.links import Rebaser

    files: set[str] = set()
    for display, source in project.sources.items():
        rebaser = Rebaser(project.root, display, "", files)
        for _, target in source.links or []:
            rebaser.target(target)
    found = []
    for name in sorted(files):
        info = (project.root / name).stat()
        found.append((name, info.st_size, info.st_mtime_ns))
    return found


def _module_inputs(module: Module, edition: str) -> Any:
    """What an edition reads of a module: a programme only titles, durations and methods."""
    if edition != "programme":
        return module.model_dump(mode="json")
    return module.model_dump(mode="json", include={
        "id": True, "title": True, "duration": True,
        "sessions": {"__all__": {"id", "title", "duration", "method"}}})


class Manifest:
    """The manifest of one output folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / MANIFEST
        self.entries: dict[str, Entry] = self._read()

    def _read(self) -> dict[str, Entry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("schema") != SCHEMA:
                return {}
            return {name: Entry(**entry) for name, entry in data["files"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}

    def fresh(self, name: str, key: str) -> Entry | None:
        """The entry of `name` if its PDF is up to date with `key`."""
        entry = self.entries.get(name)
        if entry is None or entry.key != key:
            return None
        target = self.folder / name
        if not target.is_file() or target.stat().st_size != entry.size:
            return None
        return entry

    def record(self, name: str, entry: Entry) -> None:
        self.entries[name] = entry
        self.save()

    def save(self) -> None:
        files = {name: asdict(entry) for name, entry in sorted(self.entries.items())}
        text = json.dumps({"schema": SCHEMA, "files": files}, indent=1, ensure_ascii=False)
        write_atomic(self.path, text.encode("utf-8"))
