"""Images uploaded into media/: size, type by content, and a name that stays in the folder."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from ..cli.fresh_files import write_new
from ..load.paths import MEDIA_DIR, inside
from ..load.problems import CurriculumError, Problem

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""Largest image accepted: a photo for a slide, not a video."""

SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",),
              ".jpeg": (b"\xff\xd8\xff",), ".gif": (b"GIF87a", b"GIF89a")}
"""Image types taken, each by the bytes it starts with. SVG is not: it may hold script."""

_NAME = re.compile(r"^[\w][\w.-]{0,99}$")


def _problem(name: str, message: str, hint: str) -> CurriculumError:
    return CurriculumError([Problem(f"{MEDIA_DIR}/{name[:100]}", 0, 0, "", message, hint)])


def safe_name(name: str) -> str:
    """The file name as given, if it names a file in media/ itself; else refused."""
    name = unicodedata.normalize("NFC", name or "")
    if not _NAME.match(name) or ".." in name or name != os.path.basename(name):
        raise _problem(name, "is not a plain file name",
                       "use letters, digits, '-', '_' and one dot, e.g. map-1.png")
    return name


def kind_problem(name: str, data: bytes) -> str | None:
    suffix = Path(name).suffix.lower()
    if suffix not in SIGNATURES:
        return f"'{suffix or name}' is not an image type taken here (PNG, JPEG, GIF)"
    if not data.startswith(SIGNATURES[suffix]):
        return f"the file's content is not a {suffix[1:].upper()} image"
    return None


def save(root: Path, name: str, data: bytes) -> str:
    """Write media/<name> (never over a file); return the Markdown that shows it."""
    name = safe_name(name)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _problem(name, f"is {len(data):,} bytes, over the limit of {MAX_UPLOAD_BYTES:,}",
                       "make the image smaller (a width of 1600 pixels is plenty)")
    if found := kind_problem(name, data):
        raise _problem(name, found, "upload a PNG, JPEG or GIF image with its own extension")
    folder = root / MEDIA_DIR
    if os.path.lexists(folder) and not inside(root, folder):
        raise _problem(name, "media/ is a symlink out of the project", "nothing was written")
    if not write_new(root, f"{MEDIA_DIR}/{name}", data):
        raise _problem(name, "exists already", "choose another name, or use the file there")
    return f"![{Path(name).stem}]({MEDIA_DIR}/{name})"
