"""`curriculum new module|bank ID`: a commented template; never overwrites a file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

from ..load.paths import inside
from ..load.problems import CurriculumError, Problem
from ..model.types import ID_PATTERN
from ..render.templates import environment

FOLDERS = {"module": "modules", "bank": "quizzes"}


def new(project_dir: Path, kind: str, item_id: str) -> int:
    if not re.match(ID_PATTERN, item_id):
        raise CurriculumError([Problem("<command line>", 0, 0, "id", f"{item_id!r} is not an id",
                                       "use lowercase letters, digits and hyphens")])
    display = f"{FOLDERS[kind]}/{item_id}.yaml"
    path = project_dir / display
    text = environment().get_template(f"scaffold/{kind}.yaml.j2").render(id=item_id)
    folder = path.parent
    if (folder.exists() or folder.is_symlink()) and not inside(project_dir, folder):
        raise CurriculumError([Problem(f"{FOLDERS[kind]}/", 0, 0, "", "is a symlink to a folder "
                                       "outside the project", "nothing was written there")])
    folder.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: the check and the creation are one step, so nothing is ever overwritten
        # (not even through a symlink, which O_EXCL refuses to follow).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise CurriculumError([Problem(display, 0, 0, "", "exists already",
                                       "choose another id, or edit the file")]) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    click.echo(f"wrote {display}; add '{item_id}' to course.yaml" if kind == "module"
               else f"wrote {display}")
    return 0
