"""`curriculum import gift|moodle|aiken|spreadsheet FILE --bank ID`: a platform's question bank
or a question sheet as quizzes/ID.yaml."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from ..imports.common import Imported
from ..imports.write import (
    Prepared,
    check_bank_id,
    decode_input,
    note_unshown,
    prepare_import,
    read_input,
    report_lines,
)
from ..load.problems import CurriculumError
from ..model.types import slug


def import_(project_dir: Path, kind: str, file: Path, bank_id: str, *,
            encoding: str | None = None, split: bool = False) -> int:
    check_bank_id(bank_id)
    display = str(file)
    imported = _read(kind, read_input(file, display), display, bank_id, encoding)
    parts = split_categories(imported, bank_id) if split else [(bank_id, imported)]
    if not split:
        _warn_merged(imported)
    prepared: list[tuple[Imported, Prepared | None]] = []
    problems, scheduled = [], set()
    for part_id, part in parts:
        try:
            ready = prepare_import(project_dir, part_id, part, bank_id, alone=not split)
        except CurriculumError as exc:
            problems += exc.problems
            prepared.append((part, None))
            continue
        for name in scheduled & set(ready.files):  # one image shown in two categories
            del ready.files[name]
        scheduled |= set(ready.files)
        prepared.append((part, ready))
    if split:
        note_unshown(parts[0][1], scheduled)
    if problems:
        for part, _ in prepared:
            for line in report_lines(part, None)[:-1]:
                click.echo(line, err=True)
        raise CurriculumError(problems)
    for part, ready in prepared:
        assert ready is not None
        for line in report_lines(part, ready.write()):
            click.echo(line, err=line.startswith(("warning:", "left out:")))
    for lang in _complete_languages(project_dir):
        ids = ", ".join(f"quizzes/{i}.yaml" for i, _ in parts)
        click.echo(f"warning: {lang} is declared complete: translate {ids} "
                   f"(quizzes/<id>.{lang}.yaml, or `curriculum translations export "
                   f"--lang {lang}`) before `curriculum validate` passes", err=True)
    return 0


def _read(kind: str, raw: bytes, display: str, bank_id: str,
          encoding: str | None) -> Imported:
    """The file's questions, by the reader of its kind; nothing is written here."""
    if kind == "gift":
        from ..imports.gift import read_gift

        return read_gift(decode_input(raw, display, encoding), display, bank_id)
    if kind == "moodle":
        from ..imports.moodle import read_moodle

        return read_moodle(raw, display, bank_id, encoding)
    if kind == "aiken":
        from ..imports.aiken import parse_aiken

        return parse_aiken(decode_input(raw, display, encoding), display)
    from ..imports.spreadsheet import read_spreadsheet

    return read_spreadsheet(raw, display, encoding)


def _warn_merged(imported: Imported) -> None:
    names = list(dict.fromkeys(c for c in imported.categories if c))
    if len(names) > 1:
        # the bank is titled after the category most of its questions are in, not the last
        most = max(names, key=imported.categories.count)
        imported.title = _title(most) or imported.title
        imported.change(0, f"{len(names)} categories merged into one bank: "
                        + "; ".join(names[:20]) + ("; ..." if len(names) > 20 else ""),
                        "pass --split-categories for one bank per category")


def split_categories(imported: Imported, bank_id: str) -> list[tuple[str, Imported]]:
    """One bank per category, its id from the category's path after $course$/top."""
    groups: dict[str, Imported] = {}
    for question, line, category in zip(imported.questions, imported.lines,
                                        imported.categories, strict=True):
        part = groups.get(category)
        if part is None:
            part = groups[category] = Imported(imported.source, title=_title(category) or
                                               imported.title, files=imported.files)
        part.add(question, line)
    if not groups:
        return [(bank_id, imported)]
    result = []
    first = next(iter(groups.values()))
    first.notes = imported.notes
    for number, problem in enumerate(imported.left):  # each in its category's report
        category = imported.left_in[number] if number < len(imported.left_in) else ""
        groups.get(category, first).left.append(problem)
    taken: set[str] = set()
    for category, part in groups.items():
        name = slug(_path_tail(category))[:40].strip("-")
        part_id = f"{bank_id}-{name}" if name else bank_id
        while part_id in taken:
            part_id += "-2"
        taken.add(part_id)
        result.append((part_id, part))
    return result


def _path_parts(category: str) -> list[str]:
    """The category's path below Moodle's own roots ($course$/top, ...)."""
    return [p for p in category.split("/") if p and p not in ("$course$", "$system$",
                                                              "$module$", "top")]


def _path_tail(category: str) -> str:
    return "-".join(_path_parts(category))


def _title(category: str) -> str:
    parts = _path_parts(category)
    return parts[-1].strip() if parts else ""


def _complete_languages(project_dir: Path) -> list[str]:
    """Languages the course declares complete, besides the default one the import is in."""
    try:
        course = yaml.safe_load((project_dir / "course.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    if not isinstance(course, dict):
        return []
    default = course.get("default_language", "en")
    return [str(x) for x in course.get("complete_languages") or [] if x != default]
