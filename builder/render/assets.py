"""Quiz data as shared script assets: one per bank, one per language's interface strings.

A bank's questions are the same on each page that draws from it (its quizzes, its
practice page), so the site carries them once, in `banks/<id>.<hash>.js` beside the
quiz script, which loads it with a <script src> (that works from file://, where
fetch() of a JSON file does not) and which the browser caches by its hashed name.
The asset only calls `CBQuiz.register(kind, key, data)`; the page names the file in
the builder-written JSON of the quiz.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import rcssmin
import rjsmin

from .templates import script_json

BANKS_DIR = "banks"
STRINGS_DIR = "strings"


def served(path: Path) -> bytes:
    """A script or stylesheet of the site as the trainee downloads it: comments and spacing
    taken out (rjsmin, rcssmin: whitespace and comments only, nothing renamed), so that
    quiz.js and quiz.css stay under 12 KB gzip-compressed on a metered connection. Other
    files as they are."""
    info = path.stat()
    return _minified(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=32)
def _minified(path: Path, mtime: int, size: int) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".js":
        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    if path.suffix == ".css":
        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    return data


def asset_text(kind: str, key: str, data: object) -> str:
    """The script: one registration call whose data no author text can break out of."""
    return f"CBQuiz.register({json.dumps(kind)},{json.dumps(key)},{script_json(data)});\n"


def asset_name(folder: str, key: str, text: str) -> str:
    """`folder/key.<hash>.js`: a new name whenever the content changes, so caches hold."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{folder}/{key}.{digest}.js"


class QuizAssets:
    """The assets of one language of a site: path (relative to the quiz script) -> text."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self._names: dict[tuple[str, str], str] = {}

    def known(self, kind: str, key: str) -> str | None:
        """The path of an asset already added, else None."""
        return self._names.get((kind, key))

    def add(self, folder: str, kind: str, key: str, data: object) -> str:
        """The asset's path, written once per (kind, key)."""
        if (kind, key) not in self._names:
            text = asset_text(kind, key, data)
            name = asset_name(folder, key, text)
            self.files[name] = text
            self._names[(kind, key)] = name
        return self._names[(kind, key)]
