"""`curriculum validate`: load everything, report every problem, touch nothing."""

from __future__ import annotations

from pathlib import Path

import click

from ..load.project import load_project
from ..load.yaml_source import MAX_FILE_BYTES


def validate(project_dir: Path, *, strict: bool = False, max_bytes: int = MAX_FILE_BYTES) -> int:
    project = load_project(project_dir, max_bytes=max_bytes)
    for warning in project.warnings:
        click.echo(f"warning: {warning}", err=True)
    for review in project.reviews:
        click.echo(f"review: {review}", err=True)
    questions = sum(len(b.questions) for b in project.banks.values())
    click.echo(f"ok: {len(project.modules)} modules, {len(project.banks)} question banks, "
               f"{questions} questions, {len(project.warnings)} warning(s)")
    return 1 if strict and project.warnings else 0
