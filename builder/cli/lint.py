"""`curriculum lint`: item-writing flaws, each with its question's place; exit 1 if any."""

from __future__ import annotations

from pathlib import Path

import click

from ..design.lint import lint as find_flaws
from ..load.project import load_project


def lint(project_dir: Path) -> int:
    flaws = find_flaws(load_project(project_dir))
    for flaw in flaws:
        click.echo(f"lint: {flaw}", err=True)
    click.echo(f"{len(flaws)} item-writing flaw(s) found" if flaws else
               "ok: no item-writing flaw found")
    return 1 if flaws else 0
