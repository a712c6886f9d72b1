"""`curriculum new module|bank ID`: a commented template; never overwrites a file.

A new module comes with its own bank (`<id>-bank`), whose question assesses the
module's objective: the pair passes `validate --strict` and a strict build as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..load.paths import inside
from ..load.problems import CurriculumError, Problem
from ..model.types import ID_PATTERN
from ..render.templates import environment
from .fresh_files import write_new

FOLDERS = {"module": "modules", "bank": "quizzes"}


def new(project_dir: Path, kind: str, item_id: str) -> int:
    if not re.fullmatch(ID_PATTERN, item_id):
        raise CurriculumError([Problem("<command line>", 0, 0, "id", f"{item_id!r} is not an id",
                                       "use lowercase letters, digits and hyphens")])
    bank = f"{item_id}-bank" if kind == "module" else item_id
    files = {f"quizzes/{bank}.yaml": _render("bank", id=bank, objective=_objective(item_id)
                                             if kind == "module" else None)}
    if kind == "module":
        files = {f"modules/{item_id}.yaml": _render("module", id=item_id, bank=bank), **files}
    _refuse_taken(project_dir, list(files))
    written: list[Path] = []
    try:
        for display, text in files.items():
            written.append(_create(project_dir, display, text))
    except BaseException:
        for path in written:  # all or nothing: remove only what this run created
            path.unlink(missing_ok=True)
        raise
    names = " and ".join(files)
    click.echo(f"wrote {names}; add '{item_id}' to course.yaml" if kind == "module"
               else f"wrote {names}")
    return 0


def new_sheet(project_dir: Path, bank_id: str) -> int:
    """quizzes/<id>.csv and .xlsx: the question sheet `curriculum import spreadsheet` reads."""
    from ..imports.spreadsheet_template import template_csv, template_xlsx

    if not re.match(ID_PATTERN, bank_id):
        raise CurriculumError([Problem("<command line>", 0, 0, "id", f"{bank_id!r} is not an id",
                                       "use lowercase letters, digits and hyphens")])
    files = {f"quizzes/{bank_id}.csv": template_csv(), f"quizzes/{bank_id}.xlsx": template_xlsx()}
    _refuse_taken(project_dir, [f"quizzes/{bank_id}.yaml", *files])
    written: list[Path] = []
    try:
        for display, content in files.items():
            written.append(_create(project_dir, display, content))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    click.echo(f"wrote {' and '.join(files)}: fill in one row per question, then "
               f"`curriculum import spreadsheet quizzes/{bank_id}.csv --bank {bank_id}`")
    return 0


def _objective(module_id: str) -> str:
    return f"{module_id}-objective-1"


def _render(kind: str, **values: object) -> str:
    return environment().get_template(f"scaffold/{kind}.yaml.j2").render(**values)


def _refuse_taken(project_dir: Path, displays: list[str]) -> None:
    """The loader reads name.yaml and name.yml alike: either one means the id is taken."""
    problems = []
    for display in displays:
        for name in (display, display.removesuffix(".yaml") + ".yml"):
            path = project_dir / name
            if path.exists() or path.is_symlink():
                problems.append(Problem(name, 0, 0, "", "exists already",
                                        "choose another id, or edit the file"))
        folder = (project_dir / display).parent
        if (folder.exists() or folder.is_symlink()) and not inside(project_dir, folder):
            problems.append(Problem(f"{folder.name}/", 0, 0, "", "is a symlink to a folder "
                                    "outside the project", "nothing was written there"))
    if problems:
        raise CurriculumError(problems)


def _create(project_dir: Path, display: str, text: str | bytes) -> Path:
    if not write_new(project_dir, display, text):
        raise CurriculumError([Problem(display, 0, 0, "", "exists already",
                                       "choose another id, or edit the file")])
    return project_dir / display
