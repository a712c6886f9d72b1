"""Local files that author Markdown points at: they must exist inside the project.

`![map](media/map.png)` and `[form](../media/form.docx)` are read relative to the
YAML file, or from the project's media/ folder. An absolute path, a path that
climbs out of the project with ../, or a symlink that leads out of it is an error:
handouts and sites must never pull in files from elsewhere on the machine.
URLs (https:, mailto: ...) and #anchors are not files and are left alone.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .problems import Problem, format_path
from .yaml_source import Path_, Source, inside

MEDIA_DIR = "media"

_TARGETS = [
    re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<([^>\n]*)>"),  # [x](<path with spaces>)
    re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*([^)\s<][^)\s]*)"),  # [x](path "title")
    re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)", re.M),  # [ref]: path
    re.compile(r"\b(?:src|href|poster)\s*=\s*[\"']([^\"']*)[\"']", re.I),  # raw HTML
    re.compile(r"\burl\(\s*[\"']?([^\"')\s]+)", re.I),  # CSS url(...)
]
_MAYBE_LINK = re.compile(r"\]\s*[(:]|src|href|poster|url\(", re.I)  # a cheap first look
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def link_targets(text: str) -> Iterator[str]:
    """Every link or image target in Markdown (and raw HTML) text, in order."""
    for pattern in _TARGETS:
        for match in pattern.finditer(text):
            yield match.group(1)


def check_links(root: Path, sources: dict[str, Source]) -> list[Problem]:
    """Problems with local links in every string of every file (overlays merged in)."""
    problems: list[Problem] = []
    for display, source in sources.items():
        if "." in display.rsplit("/", 1)[-1].rsplit(".", 1)[0]:
            continue  # an overlay: its texts were merged into the file it translates
        stem = display.rsplit(".", 1)[0] + "."
        texts = [s.text for d, s in sources.items() if d == display or d.startswith(stem)]
        if all(texts) and not any(_MAYBE_LINK.search(t) for t in texts):
            continue  # no link anywhere in the file or its translations: nothing to check
        for path, text in _strings(source.data, ()):
            if path[-1:] == ("url",):  # a reference's url: a link by itself
                targets: Any = [text]
            elif _MAYBE_LINK.search(text):
                targets = link_targets(text)
            else:
                continue
            for target in dict.fromkeys(targets):
                found = _check(root, display, target)
                if found:
                    problems.append(_place(source, sources, path, target, *found))
    return problems


def _strings(data: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


def _check(root: Path, display: str, target: str) -> tuple[str, str] | None:
    """(message, hint) if `target` is a local path that does not resolve inside the project."""
    target = target.strip()
    if not target or target.startswith(("#", "//", "?")):
        return None
    if _SCHEME.match(target) and not re.match(r"^[A-Za-z]:[\\/]", target):
        if target.lower().startswith("file:"):
            return (f"'{target}' links to a file on this machine",
                    "put the file in media/ and link to it relative to this file")
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", path):
        return (f"'{target}' is an absolute path",
                "put the file in media/ and link to it relative to this file")
    base = (root / display).parent
    candidates = [base / path]
    if Path(path).parts[:1] == (MEDIA_DIR,):
        candidates.append(root / path)
    for candidate in candidates:
        lexical = Path(os.path.normpath(candidate))
        if not _lexically_inside(root, lexical):
            continue
        if candidate.exists():
            if inside(root, candidate):
                return None
            return (f"'{target}' is a symlink that leads out of the project",
                    "copy the file into the project")
    if not any(_lexically_inside(root, Path(os.path.normpath(c))) for c in candidates):
        return (f"'{target}' points outside the project",
                "keep linked files inside the project, e.g. in media/")
    return (f"no file '{target}'", _suggest(root, base, path))


def _lexically_inside(root: Path, path: Path) -> bool:
    try:
        path.relative_to(Path(os.path.normpath(root.absolute())))
    except ValueError:
        return False
    return True


def _suggest(root: Path, base: Path, path: str) -> str:
    name = Path(path).name
    known = {}
    for folder in (base, root / MEDIA_DIR):
        if folder.is_dir():
            for file in folder.rglob("*"):
                if file.is_file():
                    known.setdefault(file.name, os.path.relpath(file, base))
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"did you mean '{Path(known[close[0]]).as_posix()}'?"
    return f"put the file in {MEDIA_DIR}/ and link to it relative to this file"


def _place(source: Source, sources: dict[str, Source], path: Path_, target: str,
           message: str, hint: str) -> Problem:
    """The problem at the link itself: in the file, or in the overlay that holds the text."""
    lang = path[-1] if path and isinstance(path[-1], str) else ""
    if path not in source.marks and lang:
        stem = source.file.rsplit(".", 1)[0]
        overlay = next((s for d, s in sources.items() if d.startswith(f"{stem}.{lang}.")), None)
        if overlay is not None:
            line, column = overlay.locate((), target)
            # The value that holds the link: the last one to start before it.
            before = [p for p, mark in overlay.marks.items() if mark <= (line, column)]
            return Problem(overlay.file, line, column, format_path(before[-1] if before else ()),
                           message, hint)
    line, column = source.locate(path, target)
    return Problem(source.file, line, column, format_path(path), message, hint)
