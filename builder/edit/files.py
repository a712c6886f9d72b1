"""The files the editor may read and write: the course, its modules and banks, their
translations and media/; nothing else, and nothing through a link out of the project."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..load.paths import inside
from ..load.problems import CurriculumError, Problem
from ..output import follow_umask

EDITABLE = re.compile(r"^(?:course|(?:modules|quizzes)/[a-z0-9]+(?:-[a-z0-9]+)*)"
                      r"(?:\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)*))?\.ya?ml$")
KINDS = {"course": "course", "modules": "module", "quizzes": "bank"}


def refused(display: str, message: str, hint: str) -> CurriculumError:
    return CurriculumError([Problem(display[:200], 0, 0, "", message, hint)])


def resolve(root: Path, display: str) -> Path:
    """root/display if it names an editable file inside the project; else refused."""
    if not isinstance(display, str) or not EDITABLE.match(display):
        raise refused(str(display), "is not a file the editor opens",
                      "course.yaml, modules/<id>.yaml, quizzes/<id>.yaml or a translation")
    path = root / display
    if not inside(root, path.parent) or (os.path.lexists(path) and not inside(root, path)):
        raise refused(display, "leads outside the project (a symlink)",
                      "links out of the project are not followed; nothing was read or written")
    return path


def kind_of(display: str) -> str:
    return KINDS[display.split("/", 1)[0].split(".", 1)[0]]


def version(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Opened:
    text: str
    version: str


def read(root: Path, display: str) -> Opened:
    path = resolve(root, display)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise refused(display, "does not exist", "create it first") from None
    except UnicodeDecodeError:
        raise refused(display, "is not UTF-8", "save the file as UTF-8") from None
    return Opened(text, version(text))


def current_version(root: Path, display: str) -> str | None:
    """The version of the file on disk now; None if there is no such file."""
    path = resolve(root, display)
    try:
        return version(path.read_bytes().decode("utf-8-sig", "replace"))
    except FileNotFoundError:
        return None


class Stale(Exception):
    """The file changed on disk since the author opened it."""

    def __init__(self, disk: str):
        self.disk = disk
        super().__init__("changed on disk")


def _starts_with_bom(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(3) == codecs.BOM_UTF8
    except OSError:  # no such file yet
        return False


def refuse_stale(root: Path, display: str, opened: str | None) -> None:
    """Stale, with the text on disk, unless the file is still the version `opened`."""
    now = current_version(root, display)
    if now != opened:
        raise Stale(read(root, display).text if now is not None else "")


def write(root: Path, display: str, text: str, opened: str | None) -> str:
    """Write text atomically, unless the file on disk is no longer the version `opened`
    (None: the file must not exist yet). Returns the new version."""
    path = resolve(root, display)
    refuse_stale(root, display, opened)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        bom = _starts_with_bom(path)  # kept, if the file had one
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8",
                       newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)  # the author's mode stays
        else:
            follow_umask(temporary, folder=False)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return version(text)
