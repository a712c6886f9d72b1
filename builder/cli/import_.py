"""`curriculum import gift|moodle FILE --bank ID`: a platform's question bank as quizzes/ID.yaml."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from ..imports.common import write_bank
from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import MAX_FILE_BYTES
from ..model.types import ID_PATTERN


def import_(project_dir: Path, kind: str, file: Path, bank_id: str,
            encoding: str | None = None) -> int:
    import re

    if not re.match(ID_PATTERN, bank_id):
        raise CurriculumError([Problem("--bank", 0, 0, "", f"{bank_id!r} is not an id",
                                       "use lowercase letters, digits and hyphens")])
    if file.stat().st_size > MAX_FILE_BYTES * 4:
        raise CurriculumError([Problem(str(file), 0, 0, "", "the file is too large to import",
                                       f"split it below {MAX_FILE_BYTES * 4:,} bytes")])
    if encoding and kind not in ("aiken", "spreadsheet"):
        raise CurriculumError([Problem("--encoding", 0, 0, "", f"is for aiken and spreadsheet "
                                       f"files: a {kind} file says its own encoding")])
    imported = _reader(kind)(file, str(file), bank_id, *([encoding] if encoding else []))
    for note in imported.notes:
        click.echo(f"warning: {note}", err=True)
    target = write_bank(project_dir, bank_id, imported)
    for lang in _complete_languages(project_dir):
        click.echo(f"warning: {lang} is declared complete: translate quizzes/{bank_id}.yaml "
                   f"(quizzes/{bank_id}.{lang}.yaml, or `curriculum translations export "
                   f"--lang {lang}`) before `curriculum validate` passes", err=True)
    files = f" and {len(imported.files)} file(s) in media/{bank_id}/" if imported.files else ""
    click.echo(f"{len(imported.questions)} question(s) written to {target}{files}; "
               f"{len(imported.notes)} thing(s) not carried (warnings above)")
    return 0


def _reader(kind: str):
    if kind == "gift":
        from ..imports.gift import read_gift as read
    elif kind == "moodle":
        from ..imports.moodle import read_moodle as read
    elif kind == "aiken":
        from ..imports.aiken import read_aiken as read
    else:
        from ..imports.spreadsheet import read_spreadsheet as read
    return read


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
