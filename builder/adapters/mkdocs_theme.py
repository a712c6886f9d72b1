"""The site's theme: Material, its overrides, the Markdown extensions, the academy's look.

A minimal mkdocs.yml (`theme: material`, `plugins: [search, curriculum]`) renders like
the sample course's: the plugin adds what is missing and keeps what the user chose. A
project's own site_templates/ (overrides, assets) comes before the package's, file by file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from pymdownx.slugs import slugify

from ..load.problems import CurriculumError, Problem
from ..load.project import Project
from ..render import glossary_terms
from ..render.site import academy_logo
from ..render.templates import OWN, templates_dir

# The pages use admonitions (!!! note), attribute lists ({ .md-button }, { #id }),
# Markdown inside HTML blocks, definition lists and tables; toc gives headings their anchors;
# glossary_terms (abbr, given the glossary) turns the glossary's terms into tooltips.
EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {}, "admonition": {}, "attr_list": {}, "def_list": {}, "md_in_html": {},
    "sane_lists": {}, glossary_terms.NAME: {},
    "toc": {"permalink": True, "slugify": slugify(case="lower")},
}
ABBR = "abbr"
"""Python-Markdown's own, which glossary_terms extends: in its place when mkdocs.yml lists it."""
THEME = "material"
ASSET_DIR = "assets/curriculum"
ACADEMY_DIR = f"{ASSET_DIR}/academy"


def _short(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


def add_extensions(config: MkDocsConfig) -> list[str]:
    """Add each extension the pages need that mkdocs.yml lacks; the names added."""
    _replace_abbr(config)
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


def _replace_abbr(config: MkDocsConfig) -> None:
    """abbr in mkdocs.yml gives way to glossary_terms, which does what it does (and keeps
    its `glossary`): both at once would replace each other's processors."""
    for name in [n for n in config.markdown_extensions if _short(n) == ABBR]:
        config.markdown_extensions.remove(name)
        options = config.mdx_configs.pop(name, None) or {}
        if options.get("glossary"):
            config.mdx_configs[glossary_terms.NAME] = {"glossary": dict(options["glossary"])}


def set_glossary(config: MkDocsConfig, terms: dict[str, str]) -> None:
    """The course's glossary as the tooltips of every page (beside any of mkdocs.yml's)."""
    options = config.mdx_configs.setdefault(glossary_terms.NAME, {})
    options["glossary"] = {**options.get("glossary", {}), **terms}


def check_theme(config: MkDocsConfig) -> None:
    """The pages are made for Material for MkDocs; anything else would show them broken."""
    name = config.theme.name
    if name != THEME:
        raise Abort(f"curriculum: the theme is {name!r}, but the course's pages need Material "
                    "for MkDocs: set `theme: material` (or `theme: {name: material}`) in "
                    "mkdocs.yml")


def check_language(config: MkDocsConfig, project: Project, lang: str) -> None:
    """Material builds only the languages it has interface strings for (or an override
    gives): any other would end in a TemplateNotFound deep inside the theme."""
    if config.theme.name != "material":
        return  # the plugin stops on another theme, with its own message
    part = Path("partials") / "languages" / f"{lang}.html"
    dirs = [Path(d) for d in config.theme.dirs] + [
        project.root / "site_templates" / "overrides", templates_dir() / "overrides"]
    if any((d / part).is_file() for d in dirs):
        return
    source = project.sources.get("course.yaml")
    index = project.course.languages.index(lang) if lang in project.course.languages else 0
    message = (f"'{lang}' has no interface strings in Material for MkDocs, so its site "
               "cannot be built")
    hint = (f"use a language code Material knows (en, ru, uz, kk, ky, tg, hy, az, ka ...), "
            f"or add site_templates/overrides/{part.as_posix()}; nothing was written")
    raise CurriculumError([source.problem(("languages", index), message, hint) if source
                           else Problem("course.yaml", 0, 0, "languages", message, hint)])


def add_overrides(config: MkDocsConfig, project_dir: Path) -> list[Path]:
    """Put the theme overrides after the user's custom_dir and before Material's templates.

    The order is the precedence: mkdocs.yml's custom_dir, then the project's own
    site_templates/overrides/, then the package's, then Material.
    """
    dirs: list[str] = config.theme.dirs
    known = {Path(d).resolve() for d in dirs}
    at = 1 if config.theme.custom_dir else 0
    added = []
    for folder in (project_dir / OWN / "overrides", templates_dir() / "overrides"):
        if folder.is_dir() and folder.resolve() not in known:
            dirs.insert(at, str(folder))
            known.add(folder.resolve())
            added.append(folder)
            at += 1
    return added


def own_assets(project_dir: Path) -> dict[str, Path]:
    """The project's site_templates/assets/ files (logo, extra CSS), by their site path.

    One named like a package asset (site.css, quiz.css) replaces it; the others are added.
    """
    folder = project_dir / OWN / "assets"
    if not folder.is_dir():
        return {}
    package = templates_dir() / "assets"
    return {f"{ACADEMY_DIR}/{p.relative_to(folder).as_posix()}": p
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not (package / p.relative_to(folder)).is_file()}


def add_academy(config: MkDocsConfig, project: Project, name: str) -> dict[str, Path]:
    """The academy's name and logo in the header; the files the site must carry."""
    academy = project.course.academy
    files = own_assets(project.root)
    for uri in files:
        if uri.endswith(".css") and uri not in config.extra_css:
            config.extra_css.append(uri)
    if academy is None:
        return files
    config.extra["academy"] = {"name": name}
    uri = academy_logo(project)
    if uri and academy.logo:
        files[uri] = project.root / academy.logo
        config.extra["academy"]["logo"] = uri
        if not config.theme.get("logo"):
            config.theme["logo"] = uri
    return files


def copied_folders(config: Any) -> list[Path]:
    """The folders of mkdocs.yml whose files reach the site as they are: docs_dir, and the
    theme's custom_dir (its files are copied too, and its templates are rendered)."""
    custom = config.theme.custom_dir
    return [Path(config.docs_dir)] + ([Path(custom)] if custom else [])
