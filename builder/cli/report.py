"""`curriculum report alignment`: the alignment matrix of every module, as text."""

from __future__ import annotations

from datetime import date
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


def references(project_dir: Path, *, due_only: bool = False) -> int:
    """Each instrument with its statuses and review dates, then every module reference."""
    from ..load.references import due, resolve

    project = load_project(project_dir)
    registry = project.registry
    if registry is None:
        click.echo("no instruments.yaml: module references are not checked")
        return 0
    today = date.today()
    overdue = 0
    for instrument in registry.instruments:
        for status in instrument.statuses:
            late = due(status) <= today
            overdue += late
            if due_only and not late:
                continue
            text = status.text if isinstance(status.text, str) else next(iter(
                status.text.values()))
            mark = "REVIEW DUE" if late else "ok"
            click.echo(f"{mark:<10} {instrument.id}: as of {status.as_of}, review by "
                       f"{due(status)}: {text} [{status.source}]")
    if not due_only:
        for module in project.ordered_modules():
            for reference in module.references:
                found = resolve(registry, reference.instrument)
                name = found.id if found else f"(not in registry) {_first(reference.instrument)}"
                article = f" art. {reference.article}" if reference.article else ""
                click.echo(f"reference  {module.id}: {name}{article}")
    click.echo(f"{overdue} status statement(s) due for review")
    return 1 if due_only and overdue else 0


def _first(value: str | dict[str, str]) -> str:
    return value if isinstance(value, str) else next(iter(value.values()))
