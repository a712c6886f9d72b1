"""`curriculum build`: the trainee site in every language of the course."""

from __future__ import annotations

from pathlib import Path

import click

from ..adapters.engines import engine_builder
from ..load.problems import Problem
from ..load.yaml_source import MAX_FILE_BYTES


def build(project_dir: Path, config_file: Path, site_dir: Path | None, *,
          max_bytes: int = MAX_FILE_BYTES, engine: str = "mkdocs") -> int:
    build_sites = engine_builder(engine)
    out = build_sites(project_dir, config_file, site_dir, max_bytes=max_bytes,
                      on_warning=_warn)
    click.echo(f"built {out}")
    return 0


def _warn(problem: Problem) -> None:
    click.echo(f"warning: {problem}", err=True)
