"""What every exporter shares: the banks and languages asked for, warnings, the output."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..load.problems import CurriculumError, Problem
from ..load.project import Project, unknown_languages
from ..model.schema import Bank, QuestionBase
from ..render.localize import Localizer
from ..render.site import localizer

# Moodle accepts only these fractions (percent) for an answer: question/format.php.
MOODLE_FRACTIONS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0)


@dataclass
class Export:
    """Files made in memory (path relative to --out -> bytes) and what could not be carried."""

    files: dict[str, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


class BankContext:
    """One bank in one language: its texts, and warnings pointing at its questions."""

    def __init__(self, project: Project, bank: Bank, lang: str, export: Export, target: str):
        self.project, self.bank, self.lang = project, bank, lang
        self.t: Localizer = localizer(project, lang)
        self.export, self.target = export, target
        self.file = bank_file(project, bank.id)

    def warn(self, question: QuestionBase | None, message: str, hint: str = "") -> None:
        """A warning naming the question (id and place in the bank file)."""
        path: tuple = ()
        if question is not None:
            path = ("questions", self.bank.questions.index(question))
            message = f"question '{question.id}': {message}"
        message = f"{self.target} ({self.lang}): {message}"
        source = self.project.sources.get(self.file)
        problem = (source.problem(path, message, hint, severity="warning") if source
                   else Problem(self.file, 0, 0, "", message, hint, "warning"))
        if problem not in self.export.warnings:
            self.export.warnings.append(problem)


def category_path(title: str) -> str:
    """The LMS question category of a bank: its title on one line, a '/' kept as a character
    (Moodle reads a single '/' as a sub-category and '//' as the character itself)."""
    return "$course$/top/" + " ".join(title.split()).replace("/", "//")


def export_each(project: Project, banks: list[Bank], languages: list[str], target: str,
                suffix: str, make: Callable[[BankContext], bytes]) -> Export:
    """One file `<lang>/<bank>.<suffix>` per bank and language, made by `make`."""
    export = Export()
    for lang in languages:
        for bank in banks:
            ctx = BankContext(project, bank, lang, export, target)
            export.files[f"{lang}/{bank.id}.{suffix}"] = make(ctx)
    return export


def bank_file(project: Project, bank_id: str) -> str:
    for name in (f"quizzes/{bank_id}.yaml", f"quizzes/{bank_id}.yml"):
        if name in project.sources:
            return name
    return f"quizzes/{bank_id}.yaml"


def chosen_banks(project: Project, bank_id: str | None) -> list[Bank]:
    """Every bank, or the one asked for (an unknown id is an error with a suggestion)."""
    if bank_id is None:
        return [project.banks[b] for b in sorted(project.banks)]
    if bank_id not in project.banks:
        close = difflib.get_close_matches(bank_id, list(project.banks), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "see the files in quizzes/"
        raise CurriculumError([Problem("--bank", 0, 0, "", f"no question bank '{bank_id}'",
                                       hint)])
    return [project.banks[bank_id]]


def chosen_languages(project: Project, lang: str | None) -> list[str]:
    """Every course language, or the one asked for."""
    if lang is None:
        return list(project.course.languages)
    problems = unknown_languages(project, [lang])
    if problems:
        raise CurriculumError(problems)
    return [lang]


def moodle_fraction(share: float, *, may_be_full: bool = False) -> tuple[float, bool]:
    """A share of the points as the nearest fraction Moodle accepts, and whether it is exact.
    A part of the points never rounds down to none (2 % to 0 % made a credited answer a
    wrong one: 5 % is the nearest above), nor up to all of them (99 % to 100 % made a partly
    right answer an accepted one: 90 %) unless `may_be_full`: a single-choice option at
    99 % goes as Moodle's second fully right option, which the importers read as 99 %."""
    percent = share * 100
    sign = -1 if percent < 0 else 1
    top = 100 if may_be_full else 99.99
    fractions = [f for f in MOODLE_FRACTIONS if 0 < f <= top] if 0 < abs(percent) < 100 else (
        MOODLE_FRACTIONS)
    nearest = min(fractions, key=lambda f: abs(f - abs(percent)))
    return sign * nearest, abs(nearest - abs(percent)) < 1e-4


def credit_fraction(ctx: BankContext, q: QuestionBase, credit: int, *,
                    may_be_full: bool = False) -> float:
    """A credit (percent) as the nearest fraction Moodle accepts, warning when rounded."""
    fraction, exact = moodle_fraction(credit / 100, may_be_full=may_be_full)
    if not exact:
        ctx.warn(q, f"partial credit is rounded: {credit}% is not a fraction Moodle accepts, "
                 f"{fraction:g}% is used")
    return fraction


def short_answer(text: str) -> str:
    """An accepted answer as Moodle's short answer reads it: `*` is its wildcard (any text),
    so a star that is typed is written `\\*` (question/type/shortanswer/question.php)."""
    return text.replace("*", "\\*")


def number(value: float) -> str:
    """A number as the shortest text that reads back as the same number (3.141592653589793,
    not the 3.14159265358979 that 15 digits gave; 3 rather than 3.0)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))
