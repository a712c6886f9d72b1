"""Run MkDocs for the CLI: one site per course language, swapped in atomically."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ..load.problems import CurriculumError, Problem
from ..load.project import Project, load_project

log = logging.getLogger("mkdocs.plugins.curriculum")


def site_root(config_file: Path, site_dir: Path | None) -> Path:
    """Where all languages go: site/ holds site/en/, site/ru/ ..."""
    if site_dir is not None:
        return site_dir
    config = load_config(str(config_file))
    return Path(config.site_dir).parent


def _language_config(config_file: Path, project_dir: Path, lang: str, out: Path,
                     project: Project):
    config = load_config(str(config_file), site_dir=str(out / lang))
    config.theme["language"] = lang
    plugin = config.plugins["curriculum"]
    plugin.config.language = lang
    plugin.config.project_dir = str(project_dir)
    languages = project.course.languages
    if len(languages) > 1:
        config.extra["alternate"] = [{"name": _NATIVE.get(code, code), "link": f"../{code}/",
                                      "lang": code} for code in languages]
    return config


_NATIVE = {"en": "English", "ru": "Русский", "uz": "Oʻzbekcha", "kk": "Қазақша",
           "ky": "Кыргызча", "tg": "Тоҷикӣ", "hy": "Հայերեն", "az": "Azərbaycanca",
           "ka": "ქართული"}


def build_sites(project_dir: Path, config_file: Path, site_dir: Path | None = None) -> Path:
    """Build every language into a temporary folder, then swap it in for the old site."""
    project = load_project(project_dir)  # fails early: nothing is written on bad input
    out = site_root(config_file, site_dir).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for lang in project.course.languages:
            config = _language_config(config_file, project_dir, lang, staging, project)
            try:
                mkdocs_build(config)
            except (Abort, MkDocsException) as exc:
                raise CurriculumError([Problem(str(config_file), 0, 0, "",
                                               f"MkDocs build failed ({lang}): {exc}")]) from None
        default = project.course.default_language
        (staging / "index.html").write_text(_redirect(default), encoding="utf-8")
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _redirect(lang: str) -> str:
    return (f'<!doctype html><meta charset="utf-8"><title>Redirect</title>'
            f'<meta http-equiv="refresh" content="0; url={lang}/index.html">'
            f'<a href="{lang}/index.html">{lang}</a>\n')


def _swap(new: Path, target: Path) -> None:
    """Replace `target` by `new` with two renames, so no reader sees half a site."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(project_dir: Path, config_file: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve

    load_project(project_dir)
    serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
