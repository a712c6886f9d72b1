"""`curriculum new module|bank ID`: a commented template; never overwrites a file."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..load.problems import CurriculumError, Problem
from ..model.types import ID_PATTERN
from ..render.templates import environment
from .fresh_files import write_new

FOLDERS = {"module": "modules", "bank": "quizzes"}


def new(project_dir: Path, kind: str, item_id: str) -> int:
    if not re.match(ID_PATTERN, item_id):
        raise CurriculumError([Problem("<command line>", 0, 0, "id", f"{item_id!r} is not an id",
                                       "use lowercase letters, digits and hyphens")])
    display = f"{FOLDERS[kind]}/{item_id}.yaml"
    text = environment().get_template(f"scaffold/{kind}.yaml.j2").render(id=item_id)
    if not write_new(project_dir, display, text):
        raise CurriculumError([Problem(display, 0, 0, "", "exists already",
                                       "choose another id, or edit the file")])
    click.echo(f"wrote {display}; add '{item_id}' to course.yaml" if kind == "module"
               else f"wrote {display}")
    return 0
