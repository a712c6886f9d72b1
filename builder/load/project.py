"""Load a whole project: the course, its modules and question banks, checked together."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model.schema import Bank, Course, Glossary, Module, Registry
from . import checks, nesting, paths, references
from . import glossary as glossary_checks
from .images import image_problem
from .overlays import merge, origin_of, overlay_files, overlay_index
from .problems import CurriculumError, Problem
from .validation import validate
from .yaml_source import MAX_FILE_BYTES, Source, decode, load_file, parse, parse_text

COURSE_FILE = "course.yaml"
REGISTRY_FILE = references.REGISTRY_FILE
GLOSSARY_FILE = glossary_checks.GLOSSARY_FILE
MODULES_DIR = "modules"
BANKS_DIR = "quizzes"


@dataclass
class Project:
    """Everything an author wrote, validated: the input of every renderer."""

    root: Path
    course: Course
    modules: dict[str, Module]
    banks: dict[str, Bank]
    sources: dict[str, Source] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    registry: Registry | None = None
    glossary: Glossary | None = None
    reviews: list[Problem] = field(default_factory=list)
    """Status statements due for review: reported, but no failure even in strict mode,
    so that a build does not break on a date; `curriculum report references` lists them."""
    loaded_at: float = 0.0
    """When its load began (time.monotonic()): a change to the files after it may not
    be in it (matches_disk)."""

    @property
    def day_minutes(self) -> int:
        return self.course.schedule.day_hours.total()

    def ordered_modules(self) -> list[Module]:
        return [self.modules[m] for m in self.course.modules if m in self.modules]


def _logo_problems(root: Path, sources: dict[str, Source], logo: str) -> list[Problem]:
    """The logo is held to the link rules, then told an image by its content."""
    where = ("academy", "logo")
    found = paths.check_named_file(root, sources, COURSE_FILE, where, logo)
    why = "" if found else image_problem(root / logo)
    if why:
        line, column = sources[COURSE_FILE].locate(where, logo)
        found.append(Problem(COURSE_FILE, line, column, "academy.logo", f"{logo} {why}",
                             "save the logo as a plain .png, .jpg or .svg (docs/academy.md)"))
    return found


def unknown_languages(project: Project, asked: list[str], field: str = "--lang",
                      ) -> list[Problem]:
    """A problem for each language asked for that the course does not declare: a language
    is a folder name of every output, so nothing else (`../site/en`, `/abs`) may be one."""
    languages = project.course.languages
    return [Problem("<command line>", 0, 0, field, f"'{lang}' is not a language of the course",
                    f"the course has {', '.join(languages)}")
            for lang in dict.fromkeys(asked) if lang not in languages]


def source_files(root: Path, folder: str) -> list[Path]:
    """YAML files of a folder, without translation overlays (name.<lang>.yaml)."""
    files = sorted((root / folder).glob("*.yaml")) + sorted((root / folder).glob("*.yml"))
    return [f for f in files if "." not in f.name.rsplit(".", 1)[0]]


def load_project(root: Path, *, max_bytes: int = MAX_FILE_BYTES,
                 pending: dict[tuple[str, str], str] | None = None,
                 texts: dict[str, str] | None = None) -> Project:
    """Load and check everything under `root`; raise CurriculumError with every problem.

    `pending` holds overlays not written yet, {(source file, lang): YAML text}: they take
    the place of the files of that name, so an import is validated before it writes.
    `texts` holds would-be texts of files on disk, {"modules/x.yaml": YAML text}, read in
    their place: the editor checks a form's content this way before anything is saved.
    """
    started = time.monotonic()
    with _no_cyclic_gc():
        project = _load_project(Path(root), max_bytes, pending or {}, texts or {})
    project.loaded_at = started
    return project


def matches_disk(project: Project, changed: set[str], looked_before: float = 0.0) -> bool:
    """Whether `project`, loaded a moment ago (the editor's check of a save, with the saved
    text in place of the file), is what loading the files now would give: every file it was
    loaded from holds the same text, and every file `changed` since is one of them (a
    folder in `changed` is one whose list of files changed: the files tell which).

    `looked_before`: when the changes not in `changed` were last looked for
    (time.monotonic()); if that was after the load began, a change made during the load
    (an image removed) may be among them, unseen by it."""
    if looked_before > project.loaded_at:
        return False
    read = {os.path.abspath(project.root / display) for display in project.sources}
    files = {os.path.abspath(name) for name in changed if not os.path.isdir(name)}
    if not files <= read:
        return False
    for display, source in project.sources.items():
        try:
            if decode((project.root / display).read_bytes(), display) != source.text:
                return False
        except (OSError, CurriculumError):
            return False
    return True


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Loading builds millions of small acyclic objects; the cyclic collector would walk
    them again and again as they pile up, which was half of a warm load.

    What a load made is frozen afterwards (refcounting still frees it when unused), so no
    full collection walks it either; the next load unfreezes it, so in `mkdocs serve`
    the previous load's leftovers are collected as usual.
    """
    enabled = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _load_project(root: Path, max_bytes: int, pending: dict[tuple[str, str], str],
                  texts: dict[str, str]) -> Project:
    problems: list[Problem] = []
    sources: dict[str, Source] = {}
    languages: list[str] = []  # the course's default language first, then the others
    # (none while course.yaml is unread or unreadable: its problem is told, not the overlays')

    def read(path: Path, model: type):
        display = path.relative_to(root).as_posix()
        try:
            source = parse_text(texts[display], display) if display in texts else \
                load_file(path, display, max_bytes, root)
        except CurriculumError as exc:
            problems.extend(exc.problems)
            return None
        sources[display] = source
        if not isinstance(source.data, dict):
            problems.append(source.problem((), "expected a mapping of keys to values at the top",
                                           "start with `id: ...`"))
            return None
        if model is Course:
            languages[:] = _declared_languages(source.data)
        origins: dict[str, tuple[Source, tuple]] = {}
        _merge_overlays(path, source, model, root, languages, sources, problems, max_bytes,
                        pending, origins)
        obj, found = validate(model, source)
        problems.extend(origin_of(p, origins) for p in found)
        # The course's id is free: course.yaml holds any (no problem made to be dropped,
        # which would parse the file again for its position).
        if obj is not None and model is not Course and hasattr(obj, "id") \
                and obj.id != path.stem:
            problems.append(source.problem(("id",), f"id '{obj.id}' differs from the file name "
                                           f"'{path.name}'", f"rename the file to {obj.id}.yaml "
                                           "or change the id"))
        return obj

    course_path = root / COURSE_FILE
    if not course_path.exists():
        problems.append(Problem(COURSE_FILE, 0, 0, "", "no course file",
                                "start one with `curriculum init DIR`, or create course.yaml"))
        course = None
    else:
        course = read(course_path, Course)
    problems.extend(_folder_problems(root, course is not None))
    modules = _by_id(root, MODULES_DIR, "module", lambda p: read(p, Module), sources, problems)
    banks = _by_id(root, BANKS_DIR, "question bank", lambda p: read(p, Bank), sources, problems)
    registry = read(root / REGISTRY_FILE, Registry) if (root / REGISTRY_FILE).exists() else None
    glossary = read(root / GLOSSARY_FILE, Glossary) if (root / GLOSSARY_FILE).exists() else None

    warnings: list[Problem] = []
    reviews: list[Problem] = []
    if course is not None and not problems:
        found = checks.check_project(course, modules, banks, sources)
        found += paths.check_links(root, sources)
        found += nesting.nesting_problems(sources)
        found += references.check(registry, modules, sources)
        found += glossary_checks.check(glossary, sources)
        found += _interface_table_problems(root)
        if course.academy and course.academy.logo:
            found += _logo_problems(root, sources, course.academy.logo)
        problems.extend(p for p in found if p.severity == "error")
        warnings.extend(p for p in found if p.severity == "warning")
        reviews.extend(p for p in found if p.severity == "review")
    if problems:
        raise CurriculumError(problems)
    assert course is not None
    project = Project(root, course, modules, banks, sources, warnings, registry, glossary,
                      reviews)
    if course.complete_languages:
        from ..translations.coverage import completeness_problems

        if missing := completeness_problems(project):
            raise CurriculumError(missing)
    return project


def _interface_table_problems(root: Path) -> list[Problem]:
    """The project's own interface tables (site_templates/locales/), checked here so that
    validate fails with build, every problem at once."""
    from ..render.localize import package_strings
    from ..render.ui_tables import project_table_problems

    return project_table_problems(root, lambda kind: package_strings(kind, "en"))


def _folder_problems(root: Path, has_course: bool) -> list[Problem]:
    """A folder that is missing, or a symlink that leads out of the project."""
    problems = []
    for folder in (MODULES_DIR, BANKS_DIR):
        path = root / folder
        if path.exists() and not paths.inside(root, path):
            problems.append(Problem(f"{folder}/", 0, 0, "", "is a symlink to a folder outside "
                                    "the project", "move the folder into the project: links "
                                    "out of it are not followed"))
    if has_course and not (root / MODULES_DIR).is_dir():
        problems.append(Problem(f"{MODULES_DIR}/", 0, 0, "", "no modules folder",
                                "create modules/ with one YAML file per module"))
    return problems


def _by_id(root: Path, folder: str, kind: str, read: Callable[[Path], Any],
           sources: dict[str, Source], problems: list[Problem]) -> dict:
    """Read every file of a folder into {id: object}; one id in two files is a problem."""
    found: dict = {}
    where: dict[str, str] = {}
    if (root / folder).exists() and not paths.inside(root, root / folder):
        return found
    for path in source_files(root, folder):
        obj = read(path)
        if obj is None:
            continue
        display = path.relative_to(root).as_posix()
        if obj.id in where:
            problems.append(sources[display].problem(
                ("id",), f"{kind} '{obj.id}' is also defined in {where[obj.id]}",
                "keep one file per id: remove or rename one of them"))
            continue
        found[obj.id], where[obj.id] = obj, display
    return found


def _declared_languages(data: dict) -> list[str]:
    """The course's languages as written in course.yaml, its default first."""
    default = data.get("default_language", "en")
    declared = data.get("languages", ["en"])
    if not isinstance(default, str) or not isinstance(declared, list):
        return []
    return [default, *(str(x) for x in declared if x != default)]


def _merge_overlays(path: Path, source: Source, model: type, root: Path,
                    languages: list[str], sources: dict[str, Source],
                    problems: list[Problem], max_bytes: int,
                    pending: dict[tuple[str, str], str],
                    origins: dict[str, tuple[Source, tuple]]) -> None:
    """Fold modules/x.<lang>.yaml files into the data of modules/x.yaml (with no
    `languages`, course.yaml's being unknown: only read, for their own syntax problems)."""
    files: dict[str, Path | str] = dict(overlay_files(path, _names(path.parent)))
    files.update({lang: text for (file, lang), text in pending.items() if file == source.file})
    for lang, overlay_path in sorted(files.items()):
        stem, suffix = source.file.rsplit(".", 1)
        display = f"{stem}.{lang}.{suffix}" if isinstance(overlay_path, str) else \
            overlay_path.relative_to(root).as_posix()
        try:
            overlay = parse(overlay_path, display) if isinstance(overlay_path, str) else \
                load_file(overlay_path, display, max_bytes, root)
        except CurriculumError as exc:
            problems.extend(exc.problems)
            continue
        sources[display] = overlay
        if not languages:
            continue
        default, *others = languages
        if problem := _language_problem(display, lang, default, others):
            problems.append(problem)
            continue
        problems.extend(merge(source.data, overlay, model, lang, default, origins))


def _language_problem(display: str, lang: str, default: str, others: list[str]
                      ) -> Problem | None:
    if lang == default:
        return Problem(display, 1, 1, "", f"'{lang}' is the course's default language: its "
                       "texts belong in the source file itself", "move the texts into "
                       f"{display.replace(f'.{lang}.', '.')}, or rename the file for a "
                       "translation language")
    if lang not in others:
        return Problem(display, 1, 1, "", f"'{lang}' is not a language of the course (it "
                       f"has {' '.join([default, *others])})",
                       "add it to languages in course.yaml, or rename the file")
    return None


@lru_cache(maxsize=8)
def _listing(folder: Path, stamp: int) -> dict[str, dict[str, str]]:
    return overlay_index(os.listdir(folder))


def _names(folder: Path) -> dict[str, dict[str, str]]:
    """The folder's translation files, listed again only when the folder changes."""
    return _listing(folder, folder.stat().st_mtime_ns)
