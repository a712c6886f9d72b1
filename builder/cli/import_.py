"""`curriculum import gift|moodle FILE --bank ID`: a platform's question bank as quizzes/ID.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from ..imports.common import write_bank
from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import MAX_FILE_BYTES
from ..model.types import ID_PATTERN


def import_(project_dir: Path, kind: str, file: Path, bank_id: str) -> int:
    import re

    if not re.match(ID_PATTERN, bank_id):
        raise CurriculumError([Problem("--bank", 0, 0, "", f"{bank_id!r} is not an id",
                                       "use lowercase letters, digits and hyphens")])
    if file.stat().st_size > MAX_FILE_BYTES * 4:
        raise CurriculumError([Problem(str(file), 0, 0, "", "the file is too large to import",
                                       f"split it below {MAX_FILE_BYTES * 4:,} bytes")])
    if kind == "gift":
        from ..imports.gift import read_gift as read
    else:
        from ..imports.moodle import read_moodle as read
    imported = read(file, str(file), bank_id)
    for note in imported.notes:
        click.echo(f"warning: {note}", err=True)
    target = write_bank(project_dir, bank_id, imported)
    files = f" and {len(imported.files)} file(s) in media/{bank_id}/" if imported.files else ""
    click.echo(f"{len(imported.questions)} question(s) written to {target}{files}; "
               f"{len(imported.notes)} thing(s) not carried (warnings above)")
    return 0
