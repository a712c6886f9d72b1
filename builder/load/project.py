"""Load a whole project: the course, its modules and question banks, checked together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model.schema import Bank, Course, Module
from . import checks
from .problems import CurriculumError, Problem
from .validation import validate
from .yaml_source import MAX_FILE_BYTES, Source, load_file

COURSE_FILE = "course.yaml"
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

    @property
    def day_minutes(self) -> int:
        return self.course.schedule.day_hours.total()

    def ordered_modules(self) -> list[Module]:
        return [self.modules[m] for m in self.course.modules if m in self.modules]


def source_files(root: Path, folder: str) -> list[Path]:
    """YAML files of a folder, without translation overlays (name.<lang>.yaml)."""
    files = sorted((root / folder).glob("*.yaml")) + sorted((root / folder).glob("*.yml"))
    return [f for f in files if "." not in f.name.rsplit(".", 1)[0]]


def load_project(root: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Project:
    """Load and check everything under `root`; raise CurriculumError with every problem."""
    root = Path(root)
    problems: list[Problem] = []
    sources: dict[str, Source] = {}

    def read(path: Path, model: type):
        display = path.relative_to(root).as_posix()
        try:
            source = load_file(path, display, max_bytes)
        except CurriculumError as exc:
            problems.extend(exc.problems)
            return None
        sources[display] = source
        if not isinstance(source.data, dict):
            problems.append(source.problem((), "expected a mapping of keys to values at the top",
                                           "start with `id: ...`"))
            return None
        obj, found = validate(model, source)
        problems.extend(found)
        if obj is not None and obj.id != path.stem:
            problems.append(source.problem(("id",), f"id '{obj.id}' differs from the file name "
                                           f"'{path.name}'", f"rename the file to {obj.id}.yaml "
                                           "or change the id"))
        return obj

    course_path = root / COURSE_FILE
    if not course_path.exists():
        problems.append(Problem(COURSE_FILE, 0, 0, "", "no course file",
                                "run `curriculum new course` or create course.yaml"))
        course = None
    else:
        course = read(course_path, Course)
        if course is not None and course.id != course_path.stem:
            problems = [p for p in problems if not (p.file == COURSE_FILE and p.path == "id")]
    modules = {m.id: m for p in source_files(root, MODULES_DIR) if (m := read(p, Module))}
    banks = {b.id: b for p in source_files(root, BANKS_DIR) if (b := read(p, Bank))}

    warnings: list[Problem] = []
    if course is not None and not problems:
        found = checks.check_project(course, modules, banks, sources)
        problems.extend(p for p in found if p.severity == "error")
        warnings.extend(p for p in found if p.severity == "warning")
    if problems:
        raise CurriculumError(problems)
    assert course is not None
    return Project(root, course, modules, banks, sources, warnings)
