"""The folders whose files a build copies into the site as they are: the MkDocs docs_dir and
the project's site_templates/ (assets, overrides, page templates).

A symlink there that leads out of the project would publish whatever it points at
(`docs/leak.txt -> /etc/passwd`), one into the author's sources would publish them (a bank
with its answers, trainer guides), one to the project itself loops, and one that leads
nowhere ends the copy half-way; the build refuses them all, naming the link, before
anything is written. So it does a named pipe, a socket or a device there, which the copy
would wait on or fail at.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..output import refused
from .problems import CurriculumError, Problem
from .yaml_source import inside

OWN_TEMPLATES = "site_templates"
PUBLISHED = ("media", "docs", OWN_TEMPLATES)
"""The project's folders a link of the site may lead into: what the site shows anyway."""


def check_links_stay_inside(root: Path, *published: Path | None) -> None:
    """Raise with every symlink of site_templates/ and the engine's published folders
    (docs_dir, the theme's custom_dir) that leads out or nowhere."""
    folders = [root / OWN_TEMPLATES] + [folder for folder in published if folder is not None]
    problems = outside_links(root, folders) + special_files(root, folders)
    if problems:
        raise CurriculumError(problems)


def outside_links(root: Path, folders: Iterable[Path]) -> list[Problem]:
    """A problem for each symlink in `folders` (or a folder itself) that points out of the
    project `root` or at nothing; folder links inside the project are followed, once."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for folder in folders:
        if not folder.exists() and not folder.is_symlink():
            continue
        for link in _links(root, folder, seen):
            why = _why(root, link)
            if why:
                problems.append(Problem(_shown(root, link), 0, 0, "", why,
                                        "delete the link, or put a copy of what the site may "
                                        "show in the project; nothing was written"))
    return problems


def special_files(root: Path, folders: Iterable[Path]) -> list[Problem]:
    """A problem for each file in `folders` that is neither a regular file, a folder nor a
    symlink (a named pipe, a socket, a device)."""
    problems = []
    for folder in folders:
        for top, _, files in os.walk(folder):
            for name in files:
                path = Path(top, name)
                try:
                    mode = path.lstat().st_mode
                except OSError:
                    continue
                if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
                    problems.append(Problem(_shown(root, path), 0, 0, "", "is not a regular "
                                            "file (a named pipe, a socket or a device): the "
                                            "site cannot copy it", "delete it; nothing was "
                                            "written"))
    return problems


def _links(root: Path, folder: Path, seen: set[str]) -> Iterator[Path]:
    """Every symlink under `folder` (the folder too); walks into folder links it may follow."""
    if folder.is_symlink():
        yield folder
        if not inside(root, folder):
            return
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        for name in [*dirs, *files]:
            if os.path.islink(os.path.join(top, name)):
                yield Path(top, name)
        # never into a folder link that leads out (or nowhere): it is reported, not read
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(top, d))
                   or inside(root, Path(top, d))]


def _why(root: Path, link: Path) -> str:
    target = os.readlink(link)
    if not os.path.exists(link):
        return f"is a symlink to {target}, which does not exist"
    if not inside(root, link):
        return f"is a symlink to {os.path.realpath(link)}, outside the project"
    # inside, but into the author's sources (a bank with its answers, trainer guides), the
    # project itself (a loop) or a built site: the site would publish them
    why = refused(Path(os.path.realpath(link)), root, allowed=PUBLISHED)
    return f"is a symlink to {target}, which the site must not publish: {why}" if why else ""


def _shown(root: Path, path: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return str(path)
