"""The interface's fixed strings: the package's tables, a project's own, and what they may hold.

A table is `site_templates/locales/<kind>.<lang>.yaml`, a mapping of key to string. The
package ships English and Russian; a project may add its own tables (other languages, or
its own wording) in its own `site_templates/locales/`, which take precedence key by key.

Interface strings land in Markdown, HTML attributes, PDF templates and the quiz script's
JSON, mostly unescaped, so they must be plain text: no markup, no line break, and exactly
the placeholders (`{n}`) of the English string.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import _FORBIDDEN, Source, load_file
from .templates import OWN

KINDS = ("pages", "quiz", "handouts")
"""The tables: site pages, the quiz script, PDF handouts."""

LOCALES = "locales"
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
"""A plain language code (kk, uz, sr-Latn): the only thing a table's file name takes."""

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
MARKUP = re.compile(r"[<>&\"`*_\[\]|\\]")
"""Characters with a meaning in HTML or Markdown: a translation could break a page with them."""


def own_path(root: Path, kind: str, lang: str) -> Path:
    """Where a project keeps its own `kind` table of `lang`."""
    return root / OWN / LOCALES / f"{kind}.{lang}.yaml"


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def text_problems(text: object, reference: str | None) -> list[str]:
    """What makes `text` unfit as an interface string whose English is `reference`."""
    if not isinstance(text, str):
        return [f"is a {type(text).__name__}, not a text: quote it"]
    problems = []
    if "\n" in text or "\r" in text or _FORBIDDEN.search(text):
        problems.append("holds a line break or control character: an interface string is "
                        "one line")
    bare = PLACEHOLDER.sub("", text)
    if "{" in bare or "}" in bare:
        problems.append("holds a brace that is not a placeholder like {n}")
    if found := sorted(set(MARKUP.findall(bare))):
        problems.append(f"holds {' '.join(found)}: interface strings are plain text, "
                        "without HTML or Markdown")
    if reference is not None:
        want, have = set(placeholders(reference)), set(placeholders(text))
        if missing := sorted(want - have):
            problems.append("lacks the placeholder " + ", ".join(f"{{{p}}}" for p in missing)
                            + " of the English string")
        if extra := sorted(have - want):
            problems.append("has the placeholder " + ", ".join(f"{{{p}}}" for p in extra)
                            + ", which the English string has not: nothing fills it")
    return problems


def read_own(root: Path, kind: str, lang: str, reference: dict[str, str]) -> dict[str, str]:
    """A project's own table, checked; {} if it has none."""
    path = own_path(root, kind, lang)
    if not path.exists() and not path.is_symlink():
        return {}
    display = path.relative_to(root).as_posix()
    source = load_file(path, display, root=root)
    problems = table_problems(source, reference)
    if problems:
        raise CurriculumError(problems)
    return dict(source.data or {})


def table_problems(source: Source, reference: dict[str, str]) -> list[Problem]:
    """Problems of a table: not a mapping, a value not plain text or with other placeholders
    than the English one. Keys the package does not know are the project's own templates'."""
    data = source.data
    if data is None:
        return []
    if not isinstance(data, dict):
        return [source.problem((), "is not a mapping of key: string",
                               "write one `key: \"text\"` per line")]
    problems = []
    for key, text in data.items():
        if not isinstance(key, str):
            problems.append(source.problem((key,), f"key {key!r} is not a text", "quote it",
                                           key=True))
            continue
        for message in text_problems(text, reference.get(key)):
            problems.append(source.problem((key,), message, "see docs/translations.md"))
    return problems
