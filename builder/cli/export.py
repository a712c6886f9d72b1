"""`curriculum export moodle|gift|qti|scorm`: question banks and SCORM packages for an LMS."""

from __future__ import annotations

from pathlib import Path

import click

from ..adapters.mkdocs_build import published_folders
from ..export.common import chosen_banks, chosen_languages
from ..export.write import write_export
from ..load.problems import CurriculumError, Problem
from ..load.project import load_project
from ..output import check_writable_into


def _exporter(target: str):
    if target == "moodle":
        from ..export.moodle import export_moodle as make
    elif target == "gift":
        from ..export.gift import export_gift as make
    else:
        from ..export.qti import export_qti as make
    return make


def export(project_dir: Path, target: str, out: Path, *, bank: str | None = None,
           lang: str | None = None, module: str | None = None,
           scorm: str = "1.2") -> int:
    project = load_project(project_dir)
    protected = published_folders(project_dir / "mkdocs.yml",
                                                    project.course.languages)
    check_writable_into(out, project.root, field="--out", source="<command line>",
                        protected=protected, example="lms")  # an export holds answers
    languages = chosen_languages(project, lang)
    if target == "scorm":
        if bank:
            raise CurriculumError([Problem("--bank", 0, 0, "", "a SCORM package holds a "
                                           "module", "use --module")])
        from ..export.scorm import export_scorm

        result = export_scorm(project, module, languages, scorm)
    else:
        if module:
            raise CurriculumError([Problem("--module", 0, 0, "", f"a {target} export holds "
                                           "question banks", "use --bank")])
        result = _exporter(target)(project, chosen_banks(project, bank), languages)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    written = write_export(result, out)
    click.echo(f"{len(written)} file(s) in {out}, {len(result.warnings)} warning(s)")
    return 0
