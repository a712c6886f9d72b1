"""Output folders: which ones a build may replace, its staging folders, their permissions.

A build replaces its site folder whole. It may do so only when the folder is missing,
empty, or was made by the builder: every site root the builder makes holds a marker
file (MARKER). The project itself, its source folders and any folder of the user's are
refused, and nothing is touched.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .load.problems import CurriculumError, Problem

MARKER = ".curriculum-site"
MARKER_TEXT = ("This folder was made by curriculum-builder (`curriculum build`).\n"
               "The next build replaces it whole: keep nothing of your own in it.\n")
SOURCE_FOLDERS = ("modules", "quizzes", "media", "docs", "handouts", "site_templates",
                  "schema", "translations", "tests", "builder", ".git")
"""Folders of a project that hold the author's work (or the handout cache)."""
PROJECT_FILES = ("course.yaml", "mkdocs.yml", "pyproject.toml")


def umask() -> int:
    """The process's umask, read without changing it (Linux), else set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def follow_umask(path: Path | int, *, folder: bool) -> None:
    """Give a file made by mkstemp/mkdtemp (0600/0700) the mode open() would have given."""
    mode = (0o777 if folder else 0o666) & ~umask()
    if isinstance(path, int):
        os.fchmod(path, mode)
    else:
        os.chmod(path, mode)


def _refusal(out: Path, field: str, source: str, why: str) -> CurriculumError:
    return CurriculumError([Problem(source, 0, 0, field, f"will not replace {out}: {why}",
                                    "choose a new or empty folder, e.g. site; nothing was "
                                    "written or deleted")])


def refused(out: Path, project_dir: Path, *, protected: Iterable[Path] = (),
            allowed: Iterable[str] = ()) -> str:
    """Why nothing may be written into `out` (resolved), or "" if it may.

    The one list of refused folders, for `build -d`, `handouts --out` and `export --out`:
    the project itself and any folder holding it (`/` too), its source folders (bar
    `allowed`), the configuration's `protected` folders (docs_dir, the handout cache),
    and anything inside a site the builder made (a build or export there is published).
    """
    project = project_dir.resolve()
    if out == project or project.is_relative_to(out):
        return "it holds the project itself"
    sources = [project / name for name in SOURCE_FOLDERS if name not in allowed]
    for folder in [*sources, *(p.resolve() for p in protected)]:
        how = "is" if out == folder else "is inside" if out.is_relative_to(folder) \
            else "holds" if folder.is_relative_to(out) else ""
        if how:
            return f"it {how} the project's own folder {folder.name}/"
    site = next((p for p in out.parents if is_marked(p)), None)
    return f"it is inside {site}, a site the builder made (it is published)" if site else ""


def check_replaceable(out: Path, project_dir: Path, *, field: str, source: str,
                      protected: Iterable[Path] = ()) -> None:
    """Raise unless a build may replace `out` (resolved) whole.

    `field` and `source` say where the folder was named (`--site-dir` on the command
    line, or `site_dir` in mkdocs.yml); `protected` adds folders of the configuration
    (its docs_dir, the handout cache).
    """
    why = refused(out, project_dir, protected=protected)
    if why:
        raise _refusal(out, field, source, why)
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise _refusal(out, field, source, "it is not a folder")
    if _project_file(out):
        raise _refusal(out, field, source, f"it holds {_project_file(out)}, a file of a project")
    if is_marked(out) or not any(out.iterdir()) or _unmarked_old_site(out):
        return
    raise _refusal(out, field, source, f"it is not empty and the builder did not make it "
                   f"(there is no {MARKER} file in it); if it is an old site, delete it "
                   "yourself once")


def check_writable_into(out: Path, project_dir: Path, *, field: str, source: str,
                        protected: Iterable[Path] = (), allowed: Iterable[str] = (),
                        example: str = "handouts") -> None:
    """Raise unless files may be written into `out` (nothing is deleted there): the PDFs
    of `handouts` (allowed: its own handouts/) or the files of `export`."""
    out = out.resolve()
    why = refused(out, project_dir, protected=protected, allowed=allowed)
    if not why and is_marked(out):
        why = "it is a site the builder made (it is published)"
    elif not why and _project_file(out):
        why = f"it holds {_project_file(out)}, a file of a project"
    if why:
        raise CurriculumError([Problem(source, 0, 0, field, f"will not write into {out}: "
                                       f"{why}", f"choose a folder of its own, e.g. {example}; "
                                       "nothing was written")])


def _project_file(folder: Path) -> str:
    """The first file of a project (course.yaml ...) that `folder` holds, or ""."""
    return next((name for name in PROJECT_FILES if (folder / name).exists()), "")


def redirect_page(lang: str) -> str:
    """The site root's index.html: it sends the reader to the default language."""
    return (f'<!doctype html><meta charset="utf-8"><title>Redirect</title>'
            f'<meta http-equiv="refresh" content="0; url={lang}/index.html">'
            f'<a href="{lang}/index.html">{lang}</a>\n')


def _unmarked_old_site(folder: Path) -> bool:
    """A site of a version before the marker: its redirect page, language folders, nothing else.

    Any file of the user's beside them (or a changed index.html) makes it not the builder's.
    """
    index = folder / "index.html"
    others = [p for p in folder.iterdir() if p.name != "index.html"]
    if not index.is_file() or index.is_symlink() or not others or index.stat().st_size > 1000:
        return False
    if not all(p.is_dir() and not p.is_symlink() and re.fullmatch(r"[a-z]{2,3}", p.name)
               for p in others):
        return False
    text = index.read_text(encoding="utf-8", errors="replace")
    return any(text == redirect_page(p.name) for p in others)


def is_marked(folder: Path) -> bool:
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


class Staging:
    """A marked folder beside `out` to build into, locked while this process lives.

    The lock (flock on the marker) is released by the kernel however the process
    ends, SIGKILL included; a staging folder whose marker nobody holds is stale, and
    `remove_stale` deletes it.
    """

    def __init__(self, out: Path):
        self.path = Path(tempfile.mkdtemp(prefix=staging_prefix(out), dir=out.parent))
        follow_umask(self.path, folder=True)
        self._fd = os.open(self.path / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        os.write(self._fd, MARKER_TEXT.encode("utf-8"))  # written only once locked

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def staging_prefix(out: Path) -> str:
    return f".{out.name}-"


def remove_stale(out: Path) -> list[Path]:
    """Delete the staging folders of `out` that builds killed on the way left behind."""
    removed = []
    if not out.parent.is_dir():
        return removed
    named = re.compile(re.escape(staging_prefix(out)) + r"(old-)?[a-z0-9_]{8}")
    for folder in out.parent.iterdir():
        if named.fullmatch(folder.name) and folder.is_dir() \
                and not folder.is_symlink() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    """A marked folder whose marker no live build holds locked, and whose text is whole."""
    if not is_marked(folder):
        return False
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False  # a build is running in it
    try:
        return os.read(fd, len(MARKER_TEXT) + 1) == MARKER_TEXT.encode("utf-8")
    finally:
        os.close(fd)
