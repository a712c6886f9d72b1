"""`curriculum handouts`: PDF handouts, trainer guides and programmes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..adapters.mkdocs_build import published_folders
from ..handouts.build import HandoutResult, build_handouts
from ..load.project import load_project
from ..output import check_writable_into


def _show(result: HandoutResult, done: int, total: int) -> None:
    """One line per PDF on stderr: a counter, what happened, the file."""
    pages = f"{result.pages} page{'' if result.pages == 1 else 's'}"
    what = "unchanged" if result.skipped else f"{pages}, {result.seconds:.1f} s"
    click.echo(f"[{done:>{len(str(total))}}/{total}] {result.path.as_posix()}: {what}",
               err=True)
    sys.stderr.flush()


def handouts(project_dir: Path, out: Path, *, module: str | None, editions: list[str],
             paper: str, languages: list[str], quiet: bool = False) -> int:
    project = load_project(project_dir)
    check_writable_into(out, project_dir, field="--out", source="<command line>",
                        protected=published_folders(project_dir / "mkdocs.yml",
                                                    project.course.languages),
                        allowed=("handouts",))
    results = build_handouts(project, out, languages=languages or None,
                             editions=editions or None, paper=paper, module=module,
                             progress=None if quiet else _show)
    built = [r for r in results if not r.skipped]
    pages = sum(r.pages for r in built)
    seconds = sum(r.seconds for r in built)
    click.echo(f"{len(results)} PDFs in {out}: {len(built)} built ({pages} pages, "
               f"{seconds:.1f} s of rendering), {len(results) - len(built)} unchanged")
    return 0
