"""Run MkDocs for the CLI: one site per course language, swapped in atomically."""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ..load.problems import CurriculumError, Problem
from ..load.project import Project, load_project
from ..load.site_folders import check_links_stay_inside
from ..load.yaml_source import MAX_FILE_BYTES
from ..output import Staging, check_replaceable, redirect_page, remove_stale
from ..render.language_names import native_name
from . import mkdocs_theme
from .mkdocs_memo import PageMemo

log = logging.getLogger("mkdocs.plugins.curriculum")


def _load_config(config_file: Path, **overrides: str):
    """MkDocs' configuration; its complaints become problems of the one error type."""
    with _logged(config_file) as logged:
        try:
            return load_config(str(config_file), **overrides)
        except (MkDocsException, OSError) as exc:
            final = Problem(str(config_file), 0, 0, "", f"MkDocs configuration: {exc}",
                            "fix mkdocs.yml; nothing was written")
            raise CurriculumError([*logged.problems, final]) from None


def _language_config(config_file: Path, project_dir: Path, lang: str, out: Path,
                     project: Project, max_bytes: int = MAX_FILE_BYTES,
                     cached_handouts: bool = False):
    config = _load_config(config_file, site_dir=str(out / lang))
    mkdocs_theme.check_language(config, project, lang)
    config.theme["language"] = lang
    plugin = config.plugins["curriculum"]
    plugin.cached_handouts = cached_handouts
    plugin.config.language = lang
    plugin.config.project_dir = str(project_dir)
    plugin.config.max_file_bytes = max_bytes
    plugin.preloaded = project  # loaded and checked once for every language
    languages = project.course.languages
    if len(languages) > 1:
        config.extra["alternate"] = [{"name": native_name(code, project.root),
                                      "link": f"../{code}/", "lang": code} for code in languages]
    return config


def build_sites(project_dir: Path, config_file: Path, site_dir: Path | None = None, *,
                max_bytes: int = MAX_FILE_BYTES,
                on_warning: Callable[[Problem], None] | None = None) -> Path:
    """Build every language into a staging folder, then swap it in for the old site.

    The old site is replaced only if the builder made it (see builder.output). Every
    warning MkDocs or the plugin logs reaches `on_warning`, once; in strict mode they
    are the problems of the CurriculumError that stops the build.
    """
    # Fails early: nothing is written on bad input.
    project = load_project(project_dir, max_bytes=max_bytes)
    base = _load_config(config_file)
    languages = project.course.languages
    out = (site_dir or _site_root(Path(base.site_dir), languages)).resolve()
    named = ("--site-dir", "<command line>") if site_dir is not None else \
        ("site_dir", str(config_file))
    check_replaceable(out, project_dir, field=named[0], source=named[1],
                      protected=_protected(base))
    check_links_stay_inside(project.root, *mkdocs_theme.copied_folders(base))
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    staging = Staging(out)
    try:
        with _logged(config_file, Path(base.docs_dir)) as logged:
            for lang in languages:
                _build_language(config_file, project_dir, lang, staging.path, project,
                                max_bytes, logged)
        for problem in logged.problems:
            if on_warning is not None:
                on_warning(problem)
        default = project.course.default_language
        (staging.path / "index.html").write_text(redirect_page(default), encoding="utf-8")
        _swap(staging.path, out)
    finally:
        staging.close()
        shutil.rmtree(staging.path, ignore_errors=True)
    return out


@dataclass(frozen=True)
class PreviewBuild:
    """What a preview build made: the project it loaded, where its PDFs are cached."""

    project: Project
    handouts: Path | None
    """The handout cache, when the site holds handouts (mkdocs.yml `handouts: true`)."""


def build_languages(project_dir: Path, config_file: Path, site_dir: Path,
                    languages: list[str] | None, on_built: Callable[[str], None], *,
                    first: str | None = None,
                    on_warning: Callable[[Problem], None] | None = None,
                    memos: dict[str, PageMemo] | None = None,
                    loaded: Project | None = None) -> PreviewBuild:
    """`curriculum serve`'s build: the pages of `languages` only (None: all), `first`
    first, each language's folder put in place in `site_dir` (and `on_built` called) as
    soon as it is built. Handouts are the ones the cache holds; the caller remakes the
    stale ones.

    With `memos` (what the last builds made, by language: updated here), a page made
    from the same inputs as in the site_dir's build is kept, not rendered again
    (mkdocs_memo); without, every page is rendered.

    The whole course is loaded and checked (or `loaded` is: the same files, loaded a
    moment ago), so a broken file of any language fails it.
    """
    project = loaded or load_project(project_dir)
    base = _load_config(config_file)
    check_links_stay_inside(project.root, *mkdocs_theme.copied_folders(base))
    site_dir.mkdir(parents=True, exist_ok=True)
    with _logged(config_file, Path(base.docs_dir)) as logged:
        wanted = [code for code in project.course.languages
                  if languages is None or code in languages]
        for lang in sorted(wanted, key=lambda code: code != first):
            staging = Path(tempfile.mkdtemp(prefix=f".{lang}-", dir=site_dir))
            try:
                made = _build_language(config_file, project_dir, lang, staging, project,
                                       MAX_FILE_BYTES, logged, cached_handouts=True,
                                       memo=None if memos is None else
                                       memos.get(lang, PageMemo()), previous=site_dir / lang)
                _swap(staging / lang, site_dir / lang)
                if memos is not None and made is not None:
                    memos[lang] = made
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            on_built(lang)
    for problem in logged.problems:
        if on_warning is not None:
            on_warning(problem)
    _drop_languages(site_dir, project.course.languages, memos)
    redirect = site_dir / "index.html"
    if not redirect.exists():
        redirect.write_text(redirect_page(project.course.default_language), encoding="utf-8")
    return PreviewBuild(project, _handout_cache(base))


def _drop_languages(site_dir: Path, languages: list[str],
                    memos: dict[str, PageMemo] | None) -> None:
    """The folders of languages the course no longer declares, out of the preview's site."""
    for folder in site_dir.iterdir():
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in languages:
            shutil.rmtree(folder, ignore_errors=True)
            if memos is not None:
                memos.pop(folder.name, None)


def _handout_cache(config) -> Path | None:
    plugin = config.plugins.get("curriculum")
    if plugin is None or not plugin.config.handouts:
        return None
    return Path(config.config_file_path).parent / plugin.config.handouts_dir


def published_folders(config_file: Path, languages: list[str]) -> list[Path]:
    """mkdocs.yml's docs_dir, whose every file the site publishes, and its site folder;
    none without a readable mkdocs.yml (then no site is built from them either)."""
    config = _readable_config(config_file)
    if config is None:
        return []
    return [*mkdocs_theme.copied_folders(config), _site_root(Path(config.site_dir), languages)]


def theme_folders(config_file: Path) -> list[Path]:
    """mkdocs.yml's docs_dir and custom_dir, which every page is rendered with; none without
    a readable mkdocs.yml."""
    config = _readable_config(config_file)
    return [] if config is None else mkdocs_theme.copied_folders(config)


def _readable_config(config_file: Path):
    if not config_file.is_file():
        return None
    try:
        return _load_config(config_file)
    except CurriculumError:
        return None


def _site_root(configured: Path, languages: list[str]) -> Path:
    """mkdocs.yml's site_dir names one language's site (site/en): the site is its parent."""
    return configured.parent if configured.name in languages else configured


def _protected(config) -> list[Path]:
    """Folders of the configuration a site must never replace: its pages, the PDF cache."""
    folders = [Path(config.docs_dir)]
    plugin = config.plugins.get("curriculum")
    if plugin is not None:
        folders.append(Path(config.config_file_path).parent / plugin.config.handouts_dir)
    return folders


def _build_language(config_file: Path, project_dir: Path, lang: str, out: Path,
                    project: Project, max_bytes: int, logged: _Logged,
                    cached_handouts: bool = False, memo: PageMemo | None = None,
                    previous: Path | None = None) -> PageMemo | None:
    """Build one language into `out`/lang. With `memo`, what the build in `previous`
    made: the pages made from the same inputs are kept, and what this build made is
    returned (for the next)."""
    config = _language_config(config_file, project_dir, lang, out, project, max_bytes,
                              cached_handouts)
    plugin = config.plugins["curriculum"]
    keeping = bool(memo and memo.pages) and previous is not None and previous.is_dir()
    plugin.memo = memo
    plugin.previous_site = previous if keeping else None
    try:
        with _quiet_dirty():
            mkdocs_build(config, dirty=keeping)
    except (Abort, MkDocsException) as exc:
        why = ("mkdocs.yml sets strict: true, so every warning above is an error"
               if config.strict and logged.problems else "see the lines above")
        final = Problem(str(config_file), 0, 0, "", f"MkDocs build failed ({lang}): "
                        f"{' '.join(str(exc).split())}", f"{why}; the old site was kept")
        error = CurriculumError(logged.problems)
        error.problems.append(final)  # the conclusion last, after the reasons it names
        raise error from None
    return plugin.made


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave links and the nav stale; the kept pages
    are exactly the ones that cannot be (mkdocs_memo), so the warning is not the author's."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextmanager
def _quiet_dirty() -> Iterator[None]:
    notice, logger = _DirtyNotice(), logging.getLogger("mkdocs.commands.build")
    logger.addFilter(notice)
    try:
        yield
    finally:
        logger.removeFilter(notice)


class _Logged(logging.Handler):
    """Every warning and error MkDocs and its plugins log, as problems, each once."""

    def __init__(self, config_file: Path, docs_dir: Path | None = None):
        super().__init__(logging.WARNING)
        self.config_file = config_file
        self.docs_dir = docs_dir
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        problem = getattr(record, "problem", None) or self._place(record.getMessage())
        if problem not in self.problems:
            self.problems.append(problem)

    def _place(self, message: str) -> Problem:
        text = " ".join(message.split())
        if len(text) > 1000:
            text = text[:1000] + "..."
        doc = _DOC_FILE.search(text) if self.docs_dir else None
        where = _shown(self.docs_dir / doc.group(1)) if doc else str(self.config_file)
        return Problem(where, 0, 0, "", f"MkDocs: {text}", "", severity="warning")


_DOC_FILE = re.compile(r"Doc file '([^']+)'")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@contextmanager
def _logged(config_file: Path, docs_dir: Path | None = None) -> Iterator[_Logged]:
    handler = _Logged(config_file, docs_dir)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


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
