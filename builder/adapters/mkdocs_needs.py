"""What the course's pages need from MkDocs: Material, its overrides, the Markdown extensions.

A minimal mkdocs.yml (`theme: material`, `plugins: [search, curriculum]`) renders like
the sample course's: the plugin adds what is missing and keeps what the user chose.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from pymdownx.slugs import slugify

from ..render.templates import templates_dir

# The pages use admonitions (!!! note), attribute lists ({ .md-button }, { #id }),
# Markdown inside HTML blocks, definition lists and tables; toc gives headings their anchors.
EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {}, "admonition": {}, "attr_list": {}, "def_list": {}, "md_in_html": {},
    "sane_lists": {}, "toc": {"permalink": True, "slugify": slugify(case="lower")},
}
THEME = "material"


def _short(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


def add_extensions(config: MkDocsConfig) -> list[str]:
    """Add each extension the pages need that mkdocs.yml lacks; the names added."""
    present = {_short(name) for name in config.markdown_extensions}
    added = []
    for name, options in EXTENSIONS.items():
        if name not in present:
            config.markdown_extensions.append(name)
            added.append(name)
        configured = next((key for key in config.mdx_configs if _short(key) == name), None)
        if options and configured is None:  # MkDocs lists toc always; give it the options
            config.mdx_configs[name] = dict(options)
    return added


def check_theme(config: MkDocsConfig) -> None:
    """The pages are made for Material for MkDocs; anything else would show them broken."""
    name = config.theme.name
    if name != THEME:
        raise Abort(f"curriculum: the theme is {name!r}, but the course's pages need Material "
                    "for MkDocs: set `theme: material` (or `theme: {name: material}`) in "
                    "mkdocs.yml")


def add_overrides(config: MkDocsConfig, project_dir: Path) -> list[Path]:
    """Put the theme overrides after the user's custom_dir and before Material's templates.

    The order is the precedence: mkdocs.yml's custom_dir, then the project's own
    site_templates/overrides/, then the package's, then Material.
    """
    dirs: list[str] = config.theme.dirs
    known = {Path(d).resolve() for d in dirs}
    at = 1 if config.theme.custom_dir else 0
    added = []
    for folder in (project_dir / "site_templates" / "overrides", templates_dir() / "overrides"):
        if folder.is_dir() and folder.resolve() not in known:
            dirs.insert(at, str(folder))
            known.add(folder.resolve())
            added.append(folder)
            at += 1
    return added
