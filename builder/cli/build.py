"""`curriculum build`: the trainee site in every language of the course."""

from __future__ import annotations

from pathlib import Path

import click

from ..adapters.mkdocs_build import build_sites


def build(project_dir: Path, config_file: Path, site_dir: Path | None) -> int:
    out = build_sites(project_dir, config_file, site_dir)
    click.echo(f"built {out}")
    return 0
