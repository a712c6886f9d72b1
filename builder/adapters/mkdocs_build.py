"""Run MkDocs for the CLI: one site per course language, swapped in atomically."""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ..load.problems import CurriculumError, Problem
from ..load.project import Project, load_project
from ..load.yaml_source import MAX_FILE_BYTES

log = logging.getLogger("mkdocs.plugins.curriculum")


def site_root(config_file: Path, site_dir: Path | None, languages: list[str]) -> Path:
    """Where all languages go: site/ holds site/en/, site/ru/ ...

    mkdocs.yml names one language's folder (site/en); the CLI builds their parent.
    A site_dir not named after a language is the root itself.
    """
    if site_dir is not None:
        return site_dir
    configured = Path(_load_config(config_file).site_dir)
    return configured.parent if configured.name in languages else configured


def _load_config(config_file: Path, **overrides: str):
    """MkDocs' configuration; its complaints become problems of the one error type."""
    try:
        return load_config(str(config_file), **overrides)
    except (MkDocsException, OSError) as exc:
        raise CurriculumError([Problem(str(config_file), 0, 0, "", f"MkDocs configuration: "
                                       f"{exc}", "fix mkdocs.yml; nothing was written")]) from None


def _refuse_unsafe_root(out: Path, project_dir: Path, config_file: Path) -> None:
    """The old site is replaced whole: never let that be the project or anything above it."""
    project = project_dir.resolve()
    if project == out or project.is_relative_to(out) or config_file.resolve().is_relative_to(out) \
            or (out / "course.yaml").exists() or (out / "mkdocs.yml").exists():
        raise CurriculumError([Problem(str(config_file), 0, 0, "site_dir",
                                       f"the site folder {out} holds the project itself",
                                       "set site_dir to a folder of its own, e.g. site/en; "
                                       "nothing was written")])


def _language_config(config_file: Path, project_dir: Path, lang: str, out: Path,
                     project: Project, max_bytes: int = MAX_FILE_BYTES):
    config = _load_config(config_file, site_dir=str(out / lang))
    config.theme["language"] = lang
    plugin = config.plugins["curriculum"]
    plugin.config.language = lang
    plugin.config.project_dir = str(project_dir)
    plugin.config.max_file_bytes = max_bytes
    plugin.preloaded = project  # loaded and checked once for every language
    languages = project.course.languages
    if len(languages) > 1:
        config.extra["alternate"] = [{"name": _NATIVE.get(code, code), "link": f"../{code}/",
                                      "lang": code} for code in languages]
    return config


_NATIVE = {"en": "English", "ru": "Русский", "uz": "Oʻzbekcha", "kk": "Қазақша",
           "ky": "Кыргызча", "tg": "Тоҷикӣ", "hy": "Հայերեն", "az": "Azərbaycanca",
           "ka": "ქართული"}


def build_sites(project_dir: Path, config_file: Path, site_dir: Path | None = None, *,
                max_bytes: int = MAX_FILE_BYTES) -> Path:
    """Build every language into a temporary folder, then swap it in for the old site."""
    # Fails early: nothing is written on bad input.
    project = load_project(project_dir, max_bytes=max_bytes)
    out = site_root(config_file, site_dir, project.course.languages).resolve()
    _refuse_unsafe_root(out, project_dir, config_file)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for lang in project.course.languages:
            config = _language_config(config_file, project_dir, lang, staging, project,
                                      max_bytes)
            try:
                mkdocs_build(config)
            except (Abort, MkDocsException) as exc:
                raise CurriculumError([Problem(
                    str(config_file), 0, 0, "", f"MkDocs build failed ({lang}): {exc}",
                    "the lines MkDocs logged above say why; the old site was kept")]) from None
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
    """Put `new` in place of `target` so that readers see the old site or the new one.

    Builds running at once each have their own staging folder; a lock on the parent
    folder makes their swaps take turns. Where Linux can exchange two folders in one
    step (renameat2), there is no moment without a site at all.
    """
    with _locked(target.parent):
        if target.exists() and _exchange(new, target):
            return  # the old site now sits in `new`, which the caller removes
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            old.rmdir()
            target.rename(old)
        new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one system call (Linux renameat2 RENAME_EXCHANGE)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def serve_site(project_dir: Path, config_file: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve

    load_project(project_dir)
    serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
