"""`curriculum report alignment`: the alignment matrix of every module, as text."""

from __future__ import annotations

from pathlib import Path

import click

from ..design.alignment import align
from ..load.project import load_project


def alignment(project_dir: Path) -> int:
    found = align(load_project(project_dir))
    header = (f"{'objective':<34} {'sessions':>8} {'quizzes':>8} {'tests':>6} "
              f"{'exercises':>9} {'elsewhere':>9}")
    module = None
    for row in found.rows:
        if row.module != module:
            module = row.module
            click.echo(f"\n{module}\n{header}")
        mark = "" if row.assessed else "  <- not assessed"
        click.echo(f"{row.objective:<34} {len(row.sessions):>8} {len(row.quizzes):>8} "
                   f"{len(row.tests):>6} {len(row.exercises):>9} {len(row.elsewhere):>9}{mark}")
    click.echo(f"\n{len(found.rows)} objectives, {len(found.unassessed)} not assessed; "
               f"{len(found.untagged)} question(s) tagged with no objective; "
               f"{len(found.foreign)} question(s) assessing another module's objective")
    for bank, question in found.untagged:
        click.echo(f"untagged: quizzes/{bank}.yaml: {question}")
    for module_id, bank, question in found.foreign:
        click.echo(f"other module: {module_id} draws quizzes/{bank}.yaml: {question}, which "
                   "assesses none of its objectives")
    return 1 if found.unassessed else 0
