"""`curriculum validate`: load everything, report every problem, touch nothing.

It fails, and says why, whenever `curriculum build` would: with --strict, or when
mkdocs.yml sets `strict: true`, every warning is an error of the build.
"""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from ..load.project import load_project
from ..load.yaml_source import MAX_FILE_BYTES


def validate(project_dir: Path, *, strict: bool = False, max_bytes: int = MAX_FILE_BYTES) -> int:
    project = load_project(project_dir, max_bytes=max_bytes)
    for warning in project.warnings:
        click.echo(f"warning: {warning}", err=True)
    for review in project.reviews:
        click.echo(f"review: {review}", err=True)
    questions = sum(len(b.questions) for b in project.banks.values())
    counts = (f"{len(project.modules)} modules, {len(project.banks)} question banks, "
              f"{questions} questions, {len(project.warnings)} warning(s)")
    n = len(project.warnings)
    why = "--strict" if strict else "mkdocs.yml sets strict: true" \
        if build_is_strict(project_dir / "mkdocs.yml") else ""
    if not n or not why:
        click.echo(f"ok: {counts}")
        return 0
    them = "it" if n == 1 else "them"
    click.echo(f"build would fail in strict mode because of {n} warning{'s' * (n > 1)} above "
               f"({why}); fix {them}" + ("" if strict else ", or remove strict from "
                                         "mkdocs.yml"), err=True)
    click.echo(f"failed: {counts}")
    return 1


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml without running its Python tags (they become None)."""


_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_Tolerant.add_multi_constructor("!", lambda *_: None)


def build_is_strict(config_file: Path) -> bool:
    """Whether MkDocs stops on a warning, as this configuration says (False if unreadable)."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Tolerant)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(config, dict) and config.get("strict") is True
