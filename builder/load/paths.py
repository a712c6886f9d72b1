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

from ..output import SOURCE_FOLDERS
from .problems import Problem, format_path
from .yaml_source import Path_, Source, inside

MEDIA_DIR = "media"

# Possessive (*+, ++): a run of 20,000 `[` must not make a regex retry every split of it.
_TEXT = r"!?\[(?:[^\[\]]++|\[[^\[\]]*+\])*+\]\("  # [text]( with one level of [] inside
_TARGETS = [
    re.compile(_TEXT + r"\s*+<([^>\n]*+)>"),  # [x](<path with spaces>)
    re.compile(_TEXT + r"\s*+([^)\s<][^)\s]*+)"),  # [x](path "title")
    re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)", re.M),  # [ref]: path
    re.compile(r"\b(?:src|href|poster)\s*=\s*[\"']([^\"']*)[\"']", re.I),  # raw HTML
    re.compile(r"\burl\(\s*[\"']?([^\"')\s]+)", re.I),  # CSS url(...)
]
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _maybe_link_in(text: str) -> bool:
    """Whether a file's text may hold a link at all: `]`, or src, href, poster or url( in any
    case. Substring tests (a regex over each file's whole text cost as much as the search)."""
    if "]" in text:
        return True
    lower = text.lower()
    return any(word in lower for word in ("src", "href", "poster", "url("))


def _may_link(text: str) -> bool:
    """A first look with plain substring tests, much faster than a regex per string."""
    return "]" in text or "=" in text or "url(" in text.lower()


def link_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, target) of every link or image target in Markdown and raw HTML text.

    The one list of link forms: the loader checks these targets, the renderers rewrite
    these spans, so a link that is checked is always rewritten and copied too.
    """
    spans: dict[tuple[int, int], str] = {}
    for pattern in _patterns_for(text):
        for match in pattern.finditer(text):
            spans.setdefault(match.span(1), match.group(1))
    return sorted((start, end, target) for (start, end), target in spans.items())


def _patterns_for(text: str) -> list[re.Pattern[str]]:
    """The patterns of _TARGETS that can match `text`: each needs a piece of text found by
    a substring test first (running all five on every string was most of finding links)."""
    inline, reference, html, css = _TARGETS[:2], _TARGETS[2], _TARGETS[3], _TARGETS[4]
    found = list(inline) if "](" in text else []
    if "]:" in text:
        found.append(reference)
    if "=" in text or "(" in text:
        lower = text.lower()
        if "=" in text and ("src" in lower or "href" in lower or "poster" in lower):
            found.append(html)
        if "url(" in lower:
            found.append(css)
    return found


def link_targets(text: str) -> Iterator[str]:
    """Every link or image target in Markdown (and raw HTML) text, in order."""
    for _, _, target in link_spans(text):
        yield target


def find_links(source: Source,
               candidates: list[tuple[Path_, str]] | None = None) -> list[tuple[Path_, str]]:
    """(path, target) of every link in the file's strings, before any translation is merged.

    `candidates`, when the parser gives them, are the file's strings that may hold a link
    (every one with `]`, `=` or `(`, or under a `url` key), in order: no walk of the data.
    """
    if source.text and not _maybe_link_in(source.text):
        return []  # no link syntax anywhere in the file
    found: list[tuple[Path_, str]] = []
    for path, text in strings(source.data, ()) if candidates is None else candidates:
        if path[-1:] == ("url",):  # a reference's url: a link by itself
            found.append((path, text))
        elif _may_link(text):
            found.extend((path, target) for target in dict.fromkeys(link_targets(text)))
    return found


def check_links(root: Path, sources: dict[str, Source]) -> list[Problem]:
    """Problems with local links in every file, translations included, each in its own file."""
    problems: list[Problem] = []
    real_root = Path(os.path.realpath(root))  # `-p .`, `-p ../x` and a symlink alike
    for display, source in sources.items():
        links = source.links if source.links is not None else find_links(source)
        for path, target in links:
            found = _check(real_root, display, target)
            if found:
                line, column = source.locate(path, target)
                problems.append(Problem(source.file, line, column, format_path(path), *found))
    return problems


def check_named_file(root: Path, sources: dict[str, Source], display: str, path: Path_,
                     target: str) -> list[Problem]:
    """A field that names a project file (course.yaml's academy.logo), held to the link rules."""
    found = _check(Path(os.path.realpath(root)), display, target)  # `-p .` too
    if not found:
        return []
    source = sources[display]
    line, column = source.locate(path, target)
    return [Problem(source.file, line, column, format_path(path), *found)]


def strings(data: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    """(path, text) of every string in parsed YAML data, in order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


# Longer than any path a file system takes (PATH_MAX): a run of brackets, not a file.
MAX_TARGET = 4096


def _check(root: Path, display: str, target: str) -> tuple[str, str] | None:
    """(message, hint) if `target` is a local path that is not a file inside `root`.

    `root` is the project's real path (symlinks resolved), so every candidate below is
    absolute and compared with it as it is on disk.
    """
    target = target.strip()
    if not target or target.startswith(("#", "//", "?")):
        return None
    if _SCHEME.match(target) and not re.match(r"^[A-Za-z]:[\\/]", target):
        if target.lower().startswith("file:"):
            return (f"'{target}' links to a file on this machine",
                    "put the file in media/ and link to it relative to this file")
        return None
    path = local_path(target)
    if len(path) > MAX_TARGET or any(len(part) > 255 for part in Path(path).parts):
        return (f"a link target of {len(path)} characters is not a file name",
                "a file name has at most 255 characters: check the brackets of the links "
                "near here")
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", path):
        return (f"'{target}' is an absolute path",
                "put the file in media/ and link to it relative to this file")
    base = (root / display).parent
    candidates = [Path(os.path.normpath(base / path))]
    if Path(path).parts[:1] == (MEDIA_DIR,):
        candidates.append(Path(os.path.normpath(root / path)))
    candidates = [c for c in candidates if _lexically_inside(root, c)]
    if not candidates:
        return (f"'{target}' points outside the project",
                "keep linked files inside the project, e.g. in media/")
    for candidate in candidates:
        if candidate.exists():
            if not inside(root, candidate):
                return (f"'{target}' is a symlink that leads out of the project",
                        "copy the file into the project")
            if not candidate.is_file():
                return (f"{candidate.relative_to(root).as_posix()} is a folder, not a file",
                        "link to a file in it")
            return _unpublishable(root, target, candidate)
    missing = candidates[-1].relative_to(root).as_posix()
    return (f"{missing} does not exist", _suggest(root, base, path))


# A linked file is copied into the site: the course's sources, its handouts (trainer guides),
# built sites and the project's own settings must never be, whatever the link's shape.
# (A file an author keeps beside a module, modules/notes/intro.md, may be linked: the
# sources there are the YAML files.)
UNPUBLISHABLE_FOLDERS = (frozenset(SOURCE_FOLDERS) - {"media", "docs", "modules", "quizzes"}
                         | {"site", ".venv", ".cache"})
UNPUBLISHABLE_SUFFIXES = (".yaml", ".yml", ".toml", ".po", ".pot")


def _unpublishable(root: Path, target: str, candidate: Path) -> tuple[str, str] | None:
    """(message, hint) if the file a link names (its real path) is one of the project's
    sources or outputs rather than a file to publish (media/, docs/)."""
    real = Path(os.path.realpath(candidate)).relative_to(root)
    if real.parts[0] in UNPUBLISHABLE_FOLDERS or real.suffix.lower() in UNPUBLISHABLE_SUFFIXES:
        return (f"'{target}' links to {real.as_posix()}, a file of the project's sources or "
                "outputs: the site would publish it (trainer notes and answer keys with it)",
                "link only to files in media/ (images, forms) or docs/")
    return None


def check_target(root: Path, display: str, target: str) -> tuple[str, str] | None:
    """(message, hint) if a link target in file `display` is not a file inside the project
    `root` (its real path): the rule of check_links, for one target (an import's check)."""
    return _check(root, display, target)


def local_path(target: str) -> str:
    """The file part of a local link: no #fragment or ?query, %20 decoded."""
    return unquote(target.split("#", 1)[0].split("?", 1)[0])


def _lexically_inside(root: Path, path: Path) -> bool:
    try:
        path.relative_to(root)
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
