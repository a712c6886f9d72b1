"""How much of a course is translated into each of its languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from ..load.problems import Problem
from ..model.fields import text_slots
from ..render.localize import ui_strings
from ..render.ui_tables import KINDS


@dataclass
class FileCoverage:
    """Translated and missing texts of one source file in one language."""

    file: str
    lang: str
    total: int = 0
    missing: list[str] = field(default_factory=list)
    missing_paths: list[tuple] = field(default_factory=list)

    @property
    def translated(self) -> int:
        return self.total - len(self.missing)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def source_objects(project) -> list[tuple[str, BaseModel]]:
    """Every translatable object of the course with the file it comes from, in file order."""
    objects: list[tuple[str, BaseModel]] = [("course.yaml", project.course)]
    objects += [(f"modules/{m.id}.yaml", m) for m in project.ordered_modules()]
    objects += [(f"quizzes/{b}.yaml", project.banks[b]) for b in sorted(project.banks)]
    return objects


def file_coverage(file: str, obj: BaseModel, lang: str) -> FileCoverage:
    report = FileCoverage(file, lang)
    for slot in text_slots(obj):
        report.total += 1
        if not (isinstance(slot.value, dict) and lang in slot.value):
            report.missing.append(slot.label)
            report.missing_paths.append(slot.path)
    return report


def course_coverage(project, lang: str) -> list[FileCoverage]:
    """One report per source file; the default language is complete by definition."""
    if lang == project.course.default_language:
        return [FileCoverage(f, lang, sum(1 for _ in text_slots(o))) for f, o in
                source_objects(project)]
    return [file_coverage(f, o, lang) for f, o in source_objects(project)]


def interface_coverage(lang: str, root: Path | None = None
                       ) -> dict[str, tuple[int, int, list[str]]]:
    """Per table of fixed strings (pages, quiz, handouts): (total, own, keys borrowed); with
    `root`, the project's own strings (site_templates/locales/) count as translated."""
    result = {}
    for kind in KINDS:
        reference = ui_strings(kind, "en")
        own = ui_strings(kind, lang, root, own_only=True)
        borrowed = [k for k in reference if k not in own]
        result[kind] = (len(reference), len(reference) - len(borrowed), borrowed)
    return result


def completeness_problems(project) -> list[Problem]:
    """Errors for every text missing in a language the course declares complete."""
    problems: list[Problem] = []
    for lang in project.course.complete_languages:
        for report in course_coverage(project, lang):
            source = project.sources.get(report.file)
            stem = report.file.rsplit(".", 1)[0]
            for path, label in zip(report.missing_paths, report.missing, strict=True):
                line, column = source.where(path) if source else (0, 0)
                problems.append(Problem(report.file, line, column, label,
                                        f"no {lang} translation, and {lang} is declared complete",
                                        f"add it to {stem}.{lang}.yaml"))
    return problems
