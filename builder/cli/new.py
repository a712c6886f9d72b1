"""`curriculum new module|bank ID`: a commented template; never overwrites a file."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..load.problems import CurriculumError, Problem
from ..model.types import ID_PATTERN
from ..render.templates import environment

FOLDERS = {"module": "modules", "bank": "quizzes"}


def new(project_dir: Path, kind: str, item_id: str) -> int:
    import re

    if not re.match(ID_PATTERN, item_id):
        raise CurriculumError([Problem("<command line>", 0, 0, "id", f"{item_id!r} is not an id",
                                       "use lowercase letters, digits and hyphens")])
    path = project_dir / FOLDERS[kind] / f"{item_id}.yaml"
    text = environment().get_template(f"scaffold/{kind}.yaml.j2").render(id=item_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: the check and the creation are one step, so nothing is ever overwritten.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise CurriculumError([Problem(path.as_posix(), 0, 0, "", "file exists already",
                                       "choose another id; nothing was written")]) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    click.echo(f"wrote {path}")
    return 0
