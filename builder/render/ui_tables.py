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
import unicodedata
from collections.abc import Callable
from pathlib import Path

from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import _FORBIDDEN, Source, load_file
from .templates import OWN

KINDS = ("pages", "quiz", "handouts")
"""The tables: site pages, the quiz script, PDF handouts."""

LOCALES = "locales"
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
"""A plain language code (kk, uz, sr-Latn): the only thing a table's file name takes."""
TABLE_FILE = re.compile(r"^(?P<kind>[^.]+)\.(?P<lang>[^.]+)\.yaml$")
_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}
"""Unicode categories refused in a string: controls (tab), format characters (bidi overrides
and isolates, zero-width space, BOM), private use, surrogates, line and paragraph separators.
They are invisible, or turn the text around (U+202E shows an option reversed)."""
_NAMES = {"\t": "tab", "\n": "line break", "\r": "carriage return"}

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
MARKUP = re.compile(r"[<>&\"`*_\[\]|\\]")
"""Characters with a meaning in HTML or Markdown: a translation could break a page with them."""


def own_path(root: Path, kind: str, lang: str) -> Path:
    """Where a project keeps its own `kind` table of `lang`."""
    return root / OWN / LOCALES / f"{kind}.{lang}.yaml"


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def character_name(char: str) -> str:
    """U+202E (right-to-left override): how a refused character is told."""
    name = _NAMES.get(char) or unicodedata.name(char, "").lower() or "a control character"
    return f"U+{ord(char):04X} ({name})"


def refused_characters(text: str) -> list[tuple[int, str]]:
    """Each invisible or text-turning character of `text` with its index (see _INVISIBLE)."""
    return [(i, c) for i, c in enumerate(text) if unicodedata.category(c) in _INVISIBLE]


def text_problems(text: object, reference: str | None) -> list[str]:
    """What makes `text` unfit as an interface string whose English is `reference`."""
    if not isinstance(text, str):
        return [f"is a {type(text).__name__}, not a text: quote it"]
    problems = []
    if "\n" in text or "\r" in text or _FORBIDDEN.search(text):
        problems.append("holds a line break or control character: an interface string is "
                        "one line")
    elif found := refused_characters(text):
        problems.append(f"holds {character_name(found[0][1])}, which is not allowed: "
                        "delete it")
    problems += _space_problems(text, reference or "")
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


def _space_problems(text: str, reference: str) -> list[str]:
    """Spaces at the ends that the English has not: `**Pre-test **:` breaks the Markdown."""
    if text and not text.strip():
        return ["is only spaces: leave the msgstr empty to keep the fallback string"]
    problems = []
    for end, mine, theirs in (("start", text[:len(text) - len(text.lstrip())],
                               reference[:len(reference) - len(reference.lstrip())]),
                              ("end", text[len(text.rstrip()):],
                               reference[len(reference.rstrip()):])):
        if mine != theirs:
            problems.append(f"has {'no ' if not mine else ''}space at the {end}, unlike the "
                            f"English string: {'add' if not mine else 'remove'} the space at "
                            f"the {end}")
    return problems


def read_own(root: Path, kind: str, lang: str, reference: dict[str, str], *,
             every_key: bool = False) -> dict[str, str]:
    """A project's own table, checked; {} if it has none. Only the keys of `reference` (the
    package's English table) unless `every_key`: a typo or `__proto__` reaches no output."""
    path = own_path(root, kind, lang)
    if not path.exists() and not path.is_symlink():
        return {}
    display = path.relative_to(root).as_posix()
    source = load_file(path, display, root=root)
    problems = table_problems(source, reference)
    if problems:
        raise CurriculumError(problems)
    data = dict(source.data or {})
    return data if every_key else {k: v for k, v in data.items() if k in reference}


def project_table_problems(root: Path, reference: Callable[[str], dict[str, str]]
                           ) -> list[Problem]:
    """Every problem of the project's own tables at once, as build would meet them; warnings
    for a file that is no table and for a key no table has. `reference(kind)` is the
    package's English table."""
    folder = root / OWN / LOCALES
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.glob("*.yaml")):
        display = path.relative_to(root).as_posix()
        name = TABLE_FILE.fullmatch(path.name)
        if not name or name["kind"] not in KINDS or not LANGUAGE.fullmatch(name["lang"]):
            problems.append(Problem(display, 0, 0, "", "is not an interface table, so no "
                                    "page uses it", "name it <table>.<lang>.yaml, the table "
                                    "one of " + ", ".join(KINDS), "warning"))
            continue
        kind, english = name["kind"], reference(name["kind"])
        try:
            source = load_file(path, display, root=root)
        except CurriculumError as exc:
            problems += exc.problems
            continue
        problems += table_problems(source, english)
        if isinstance(source.data, dict):
            problems += [source.problem((key,), f"the {kind} table has no string {key!r}",
                                        "a typo? see translations export --ui; it is left out",
                                        key=True, severity="warning")
                         for key in source.data if isinstance(key, str) and key not in english]
    return problems


def table_problems(source: Source, reference: dict[str, str]) -> list[Problem]:
    """Problems of a table: not a mapping, a value not plain text or with other placeholders
    than the English one (keys the package does not know: project_table_problems)."""
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
