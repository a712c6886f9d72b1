"""What `curriculum serve` built last, page by page, so that its next build of a language
renders only the pages a save changed.

MkDocs' own dirty build (`mkdocs serve --dirtyreload`) goes by file times and leaves
the navigation, the neighbours' links and the search index of the other pages as they
were. Here a page is kept only if everything it is made from is as it was: its
Markdown and embedded data, its place in the course (title, sections above it, the
previous and next page), the small nav it shows, and the site-wide settings (the
configuration, the set of pages). A kept page's HTML is linked from the last build,
and its search entries are put back in their place, so the site equals a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

SITE_SETTINGS = ("site_name", "site_url", "site_description", "site_author", "repo_url",
                 "repo_name", "edit_uri", "copyright", "use_directory_urls", "extra",
                 "extra_css", "extra_javascript", "markdown_extensions", "mdx_configs")
"""The parts of mkdocs.yml every page is rendered with."""
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


@dataclass
class PageMemo:
    """One language's last build: its site-wide fingerprint, each page's fingerprint and
    its title as rendered (by src_uri), each page's search entries (by its URL)."""

    site: str = ""
    pages: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    """A page's title from its rendered first heading (markup dropped), which the nav of
    other pages shows: a kept page is not rendered, and its Markdown would give the
    heading's raw text."""
    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    written: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Each page's HTML as the build left it, (size, mtime in ns): a page changed since
    (a broken disk, a clean-up of /tmp) is not linked on."""


class PageFile(File):
    """A generated page; `kept` when the last build made it from the same inputs (its
    HTML is linked from there, and MkDocs' dirty build skips it)."""

    kept = False

    def is_modified(self) -> bool:
        return not self.kept and super().is_modified()


@dataclass(frozen=True)
class Place:
    """Where a page sits in the course's nav: what its breadcrumbs and footer show."""

    title: str | None
    sections: tuple[str, ...]
    previous: str | None = None
    next: str | None = None


def places(nav: list[Any] | None) -> dict[str, Place]:
    """Every page of an MkDocs nav (list-of-dicts form), with its title, the sections
    above it and its neighbours in reading order."""
    found: list[tuple[str, str | None, tuple[str, ...]]] = []

    def walk(entries: list[Any], sections: tuple[str, ...]) -> None:
        for entry in entries:
            title, value = (None, entry) if isinstance(entry, str) else next(iter(entry.items()))
            if isinstance(value, list):
                walk(value, (*sections, str(title)))
            elif isinstance(value, str) and "://" not in value:
                found.append((value, None if title is None else str(title), sections))

    walk(nav or [], ())
    result: dict[str, Place] = {}
    for k, (uri, title, sections) in enumerate(found):
        before = found[k - 1] if k > 0 else None
        after = found[k + 1] if k + 1 < len(found) else None
        result.setdefault(uri, Place(title, sections,
                                     None if before is None else f"{before[0]}|{before[1]}",
                                     None if after is None else f"{after[0]}|{after[1]}"))
    return result


def digest(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> str:
    """An object of the configuration as text, without the memory address that some
    objects' repr carries (it would make every build look changed)."""
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return _ADDRESS.sub("", repr(value) if type(value).__str__ is object.__str__
                        else str(value))


def site_fingerprint(config: MkDocsConfig, files: Files, nav_in_pages: bool) -> str:
    """The site-wide inputs of every page: the settings, the theme, the pages there are
    (a link renders differently to a page that is gone); the whole nav if every page
    shows it (mkdocs.yml's own nav)."""
    settings = {name: config.get(name) for name in SITE_SETTINGS}
    theme = {name: config.theme[name] for name in config.theme}
    pages = sorted(f.src_uri for f in files if f.is_documentation_page() or
                   f.abs_src_path is not None)
    return digest(settings, theme, config.theme.dirs, pages,
                  config.nav if nav_in_pages else None)


def stamp(path: str | Path) -> tuple[int, int] | None:
    """(size, mtime in ns) of a written file; None if it is not there."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def link(file: File, previous: Path, written: tuple[int, int] | None) -> bool:
    """Hard-link a kept page's HTML from the last build into this one (MkDocs skips the
    page, so the link is never written to); False if the old HTML is not there, or not as
    the last build wrote it (`written`)."""
    old, new = previous / file.dest_uri, Path(file.abs_dest_path)
    if written is None or stamp(old) != written:
        return False
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        os.link(old, new)
    except OSError:
        return False
    return True


def uris(entries: list[Any]) -> list[str]:
    """The pages a nav (list-of-dicts form) names, in order."""
    found: list[str] = []
    for entry in entries:
        value = entry if isinstance(entry, str) else next(iter(entry.values()))
        found += uris(value) if isinstance(value, list) else [value]
    return found


def search_entries(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The search index's entries by the URL of their page (a section's location is the
    page's URL and #anchor)."""
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#")[0], []).append(entry)
    return pages
