"""`curriculum stats`: modules, sessions, hours by method, exercises and questions."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..design.stats import course_stats, format_text
from ..load.project import load_project


def stats(project_dir: Path, *, fmt: str = "text") -> int:
    figures = course_stats(load_project(project_dir))
    click.echo(json.dumps(figures, indent=2, ensure_ascii=False) if fmt == "json"
               else format_text(figures))
    return 0
