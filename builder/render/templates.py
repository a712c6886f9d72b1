"""The Jinja2 environment over site_templates/."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2

PACKAGE = "builder.site_templates"


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    """The package's site_templates/ (installed as builder.site_templates), wherever it is.

    Found through importlib.resources, so a wheel, an sdist and the checkout's editable
    install all read the templates installed with the code, never a source checkout's.
    """
    folder = Path(str(resources.files(PACKAGE)))
    if not (folder / "pages").is_dir():
        raise RuntimeError(f"{PACKAGE} at {folder} has no templates: the package is incomplete")
    return folder


OWN = "site_templates"
"""A project's own site_templates/: its files take precedence over the package's, one by one."""


def search_path(project_root: Path | None = None) -> list[Path]:
    """Where a template, asset or stylesheet is looked up: the project's, then the package's."""
    own = project_root / OWN if project_root is not None else None
    return [own, templates_dir()] if own is not None and own.is_dir() else [templates_dir()]


def find(name: str, project_root: Path | None = None) -> Path:
    """The first `name` (e.g. assets/site.css) along the search path."""
    for folder in search_path(project_root):
        if (folder / name).is_file():
            return folder / name
    return templates_dir() / name


def script_json(data: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can close or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def project_environment(project_root: Path) -> jinja2.Environment:
    """Templates of the project's own site_templates/ first, then the package's."""
    own = project_root / OWN
    return environment(str(own.resolve()) if own.is_dir() else None)


@lru_cache(maxsize=4)
def environment(extra_dir: str | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if extra_dir:
        loaders.append(jinja2.FileSystemLoader(extra_dir))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["script_json"] = script_json
    return env
