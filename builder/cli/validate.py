"""`curriculum validate`: load everything, report every problem, touch nothing."""

from __future__ import annotations

from pathlib import Path

import click

from ..load.project import load_project


def validate(project_dir: Path, *, strict: bool = False) -> int:
    project = load_project(project_dir)
    for warning in project.warnings:
        click.echo(f"warning: {warning}", err=True)
    questions = sum(len(b.questions) for b in project.banks.values())
    click.echo(f"ok: {len(project.modules)} modules, {len(project.banks)} question banks, "
               f"{questions} questions, {len(project.warnings)} warning(s)")
    return 1 if strict and project.warnings else 0
