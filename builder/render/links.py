"""Links from author text to files of the project (images, forms), made right for each page.

An author links a file relative to the YAML file (`../media/map.png` in
modules/x.yaml) or from the project's media/ folder; the loader has checked that
it exists inside the project. The page that shows the text lives elsewhere
(modules/x/index.md), so each link is rewritten relative to the page, and the
file is recorded to be copied into the site at the same project-relative path.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..load.paths import MEDIA_DIR

_MARKDOWN = re.compile(r"(!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*)([^)\s]+)")
_HTML = re.compile(r"""(\b(?:src|href)=")([^"]+)(")""")
_NOT_A_FILE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|#|/|\?)")


class Rebaser:
    """Rewrites file links of text from `source_file` for the page at `page_uri`."""

    def __init__(self, root: Path, source_file: str, page_uri: str, files: set[str]):
        self.root = root
        self.source_dir = posixpath.dirname(source_file)
        self.page_dir = posixpath.dirname(page_uri)
        self.files = files

    def target(self, target: str) -> str:
        if _NOT_A_FILE.match(target) or target.endswith(".md") or ".md#" in target:
            return target
        path, sep, fragment = target.partition("#")
        for base in (self.source_dir, ""):
            relative = posixpath.normpath(posixpath.join(base, unquote(path)))
            if base == "" and not relative.startswith(f"{MEDIA_DIR}/"):
                continue
            if not relative.startswith("..") and (self.root / relative).is_file():
                self.files.add(relative)
                return posixpath.relpath(relative, self.page_dir or ".") + sep + fragment
        return target

    def markdown(self, text: str) -> str:
        return _MARKDOWN.sub(lambda m: m[1] + self.target(m[2]), text)

    def html(self, value: Any) -> Any:
        """Rewrite src/href in every string of a JSON-ready structure."""
        if isinstance(value, str):
            return _HTML.sub(lambda m: m[1] + self.target(m[2]) + m[3], value)
        if isinstance(value, list):
            return [self.html(v) for v in value]
        if isinstance(value, dict):
            return {k: self.html(v) for k, v in value.items()}
        return value
