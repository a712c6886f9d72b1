"""Links from author text to files of the project (images, forms), made right for each page.

An author links a file relative to the YAML file (`../media/map.png` in
modules/x.yaml) or from the project's media/ folder; the loader has checked that
it exists inside the project. The page that shows the text lives elsewhere
(modules/x/index.md), so each link is rewritten relative to the page, and the
file is recorded to be copied into the site at the same project-relative path.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..load.paths import MEDIA_DIR, link_spans, local_path

_NOT_A_FILE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|#|/|\?)")


class Rebaser:
    """Rewrites file links of text from `source_file` for the page at `page_uri`.

    Every link form the loader checks (paths.link_spans) is rewritten here, so a file
    that passed validation is always copied and linked, `[x](<a file.pdf>)` included.
    """

    def __init__(self, root: Path, source_file: str, page_uri: str, files: set[str]):
        self.root = Path(os.path.realpath(root))
        self.source_dir = posixpath.dirname(source_file)
        self.page_dir = posixpath.dirname(page_uri)
        self.files = files

    def target(self, target: str) -> str:
        target = target.strip()
        if _NOT_A_FILE.match(target) or target.endswith(".md") or ".md#" in target:
            return target
        _, sep, fragment = target.partition("#")
        path = local_path(target)
        for base in (self.source_dir, ""):
            relative = posixpath.normpath(posixpath.join(base, path))
            if base == "" and not relative.startswith(f"{MEDIA_DIR}/"):
                continue
            if relative != ".." and not relative.startswith("../") and (
                    self.root / relative).is_file():
                self.files.add(relative)
                rebased = posixpath.relpath(relative, self.page_dir or ".")
                return quote(rebased, safe="/") + sep + fragment
        return target

    def markdown(self, text: str) -> str:
        """Markdown (and raw HTML in it) with every link to a project file rewritten."""
        if not any(mark in text for mark in ("](", "]:", "=", "url(")):
            return text
        parts, last = [], 0
        for start, end, target in link_spans(text):
            parts += [text[last:start], self.target(target)]
            last = end
        return "".join(parts) + text[last:]

    def html(self, value: Any) -> Any:
        """Rewrite src/href in every string of a JSON-ready structure."""
        if isinstance(value, str):
            return self.markdown(value)
        if isinstance(value, list):
            return [self.html(v) for v in value]
        if isinstance(value, dict):
            return {k: self.html(v) for k, v in value.items()}
        return value
