"""The interface strings (buttons, labels) as a PO catalogue, and back into a project's tables.

Export: one entry per string of every table (pages, quiz, handouts), msgctxt `<kind>:<key>`,
msgid the English string, a comment with the Russian one and its placeholders. Import
trusts nothing in the catalogue: the file names come from the known tables and a plain
language code, each string must be plain text with exactly the English placeholders, and
one refused entry means nothing is written. The project's tables in
site_templates/locales/ are merged: the catalogue's strings replace, the others stay.
"""

from __future__ import annotations

import os
from pathlib import Path

import polib
import yaml

from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import MAX_FILE_BYTES, inside
from ..render.language_names import KEY as NAME_KEY
from ..render.localize import package_strings, ui_strings
from ..render.templates import OWN
from ..render.ui_tables import (
    KINDS,
    LANGUAGE,
    LOCALES,
    character_name,
    own_path,
    placeholders,
    read_own,
    refused_characters,
    text_problems,
)
from .catalog import _Dumper
from .po_import import _short, read_catalog

SOURCE = "en"
"""The language of the msgids."""


def language_problem(lang: str, where: str, line: int = 0) -> Problem | None:
    column = 1 if line else 0
    if not LANGUAGE.fullmatch(lang):
        return Problem(where, line, column, "Language", f"{_short(lang)} is not a language code",
                       "write a code like kk or uz")
    if lang.split("-")[0] == SOURCE:
        return Problem(where, line, column, "Language", f"{_short(lang)} is English, the source "
                       "of the interface strings, not a translation", "export another language")
    if lang != (canonical := canonical_case(lang)):
        return Problem(where, line, column, "Language", f"{_short(lang)} is not written as "
                       "BCP 47 writes it", f"write {canonical}: language lower case, script "
                       "title case, region upper case")
    return None


def canonical_case(lang: str) -> str:
    """kk-cyrl -> kk-Cyrl, uz-uz -> uz-UZ: one spelling, so one file name per language."""
    first, _, rest = lang.partition("-")
    if len(rest) == 4 and rest.isalpha():
        rest = rest.title()
    elif len(rest) == 2 or (len(rest) == 3 and rest.isdigit()):
        rest = rest.upper()
    else:
        rest = rest.lower()
    return first.lower() + ("-" + rest if rest else "")


def character_problems(text: str, display: str) -> list[Problem]:
    """Invisible and text-turning characters in the raw catalogue, each with line:column
    (polib fails on U+2028 without naming it); comments are not looked at."""
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("#"):
            continue
        for index, char in refused_characters(line.removesuffix("\r")):
            problems.append(Problem(display, number, index + 1, "",
                                    f"{character_name(char)} is not allowed",
                                    "delete it: it often comes with text pasted from a PDF "
                                    "or a web page; nothing was written"))
    return problems


def export_ui_catalog(root: Path, lang: str, course_id: str) -> polib.POFile:
    """Every interface string in English with its `lang` translation (empty where missing)."""
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Project-Id-Version": f"{course_id} interface", "Language": lang,
                        "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit", "X-Source-Language": SOURCE}
    for kind in KINDS:
        russian = package_strings(kind, "ru")
        own = ui_strings(kind, lang, root, own_only=True)
        for key, english in package_strings(kind, SOURCE).items():
            notes = ["Plain text: no HTML or Markdown."]
            if key == NAME_KEY and kind == "pages":
                notes.insert(0, "The name of this language in itself, for the language "
                             "switcher: not the word English (Қазақша for Kazakh).")
            if key in russian:
                notes.insert(0, f"Russian: {russian[key]}")
            if found := placeholders(english):
                notes.append("Keep the placeholders as they are: "
                             + ", ".join(f"{{{p}}}" for p in found))
            catalog.append(polib.POEntry(msgctxt=f"{kind}:{key}", msgid=english,
                                         msgstr=own.get(key, ""), comment="\n".join(notes)))
    return catalog


def import_ui_catalog(root: Path, catalog_file: Path, lang: str | None,
                      max_bytes: int = MAX_FILE_BYTES) -> list[tuple[Path, int]]:
    """Check every entry, then merge the strings into the project's own tables; returns each
    file written with the number of strings the catalogue gave it."""
    display = catalog_file.as_posix()
    text, catalog = read_catalog(catalog_file, display, max_bytes, character_problems)
    lang, problems = _language(catalog, text, display, lang)
    tables: dict[str, dict[str, str]] = {}
    seen: dict[str, int] = {}
    targets: dict[str, tuple[Path, str]] = {}
    for entry in catalog:
        if entry.msgid_plural and not entry.obsolete:
            problems.append(Problem(display, entry.linenum, 1, entry.msgctxt or "msgid_plural",
                                    "interface strings have no plural forms",
                                    "translate msgid only: a msgstr line, no msgid_plural "
                                    "or msgstr[0]"))
            continue
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr:
            continue
        problems += _entry_problems(entry, display, seen, tables)
    if not problems and lang is not None:
        targets = _targets(root, lang, tables, problems)
    if problems or lang is None:
        raise CurriculumError(problems)
    _write(targets)
    return [(path, len(tables[kind])) for kind, (path, _) in targets.items()]


def _language(catalog: polib.POFile, text: str, display: str, option: str | None
              ) -> tuple[str | None, list[Problem]]:
    header = catalog.metadata.get("Language", "").strip()
    line = next((i for i, t in enumerate(text.split("\n"), 1) if t.startswith('"Language:')), 1)
    if option and header and option != header:
        return None, [Problem(display, line, 1, "Language", f"the catalogue is in "
                              f"{_short(header)}, not {_short(option)}",
                              "leave out --lang, or correct the header")]
    lang = option or header
    if not lang:
        return None, [Problem(display, line, 1, "Language", "the catalogue names no language",
                              'add a "Language: kk\\n" header, or give --lang')]
    problem = language_problem(lang, display, line)
    return (None, [problem]) if problem else (lang, [])


def _entry_problems(entry: polib.POEntry, display: str, seen: dict[str, int],
                    tables: dict[str, dict[str, str]]) -> list[Problem]:
    line, context = entry.linenum, entry.msgctxt or ""
    kind, sep, key = context.partition(":")

    def problem(message: str, hint: str = "keep the msgctxt lines as exported") -> list[Problem]:
        return [Problem(display, line, 1, context[:100] or "msgctxt", message, hint)]

    if not sep or kind not in KINDS:
        return problem(f"{_short(context)} names no interface table",
                       "msgctxt is <table>:<key>, the table one of " + ", ".join(KINDS))
    english = package_strings(kind, SOURCE)
    if key not in english:
        return problem(f"the {kind} table has no string {_short(key)}",
                       "export the catalogue again: only its strings can be imported")
    if entry.msgid != english[key]:
        return problem(f"the English string is now {_short(english[key])}, not "
                       f"{_short(entry.msgid)}", "export the catalogue again and check the "
                       "translation against the new English")
    if context in seen:
        return problem(f"translated twice (also at line {seen[context]})",
                       "keep one entry per msgctxt")
    seen[context] = line
    found = text_problems(entry.msgstr, english[key])
    if found:
        return [p for message in found for p in problem(
            f"the translation {message}", "write plain text with the placeholders of msgid")]
    tables.setdefault(kind, {})[key] = entry.msgstr
    return []


def _targets(root: Path, lang: str, tables: dict[str, dict[str, str]],
             problems: list[Problem]) -> dict[str, tuple[Path, str]]:
    """Each table's file and merged text; problems for a place that leads out of the project."""
    for folder in (root / OWN, root / OWN / LOCALES):
        if os.path.lexists(folder) and not inside(root, folder):
            problems.append(Problem(folder.relative_to(root).as_posix(), 0, 0, "",
                                    f"leads outside the project (to {os.path.realpath(folder)})",
                                    "make it a folder of the project; nothing was written"))
            return {}
    targets = {}
    for kind, strings in tables.items():
        path = own_path(root, kind, lang)
        shown = path.relative_to(root).as_posix()
        if path.is_symlink():
            problems.append(Problem(shown, 0, 0, "", "is a symlink", "replace it with the file "
                                    "itself; nothing was written"))
            continue
        try:
            merged = read_own(root, kind, lang, package_strings(kind, SOURCE),
                              every_key=True) | strings
        except CurriculumError as exc:
            problems += exc.problems
            continue
        ordered = {k: merged[k] for k in package_strings(kind, SOURCE) if k in merged}
        ordered |= {k: v for k, v in merged.items() if k not in ordered}
        targets[kind] = (path, _table_yaml(ordered, kind, lang))
    return targets


def _table_yaml(table: dict[str, str], kind: str, lang: str) -> str:
    header = (f"# {lang} interface strings ({kind}), written by `curriculum translations "
              "import --ui`.\n# One `key: text` per line; see docs/translations.md.\n")
    text = header + yaml.dump(table, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              width=1000)
    if yaml.safe_load(text) != table:
        raise RuntimeError(f"the {kind} table does not read back as written")
    return text


def _write(targets: dict[str, tuple[Path, str]]) -> None:
    """Each table to a new file beside its place, then all moved into place together."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in targets.values():
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_name(f".{path.name}.{os.getpid()}.new")
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
            staged.append((temp, path))
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        for temp, path in staged:
            os.replace(temp, path)
    except OSError as exc:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise CurriculumError([Problem(OWN + "/" + LOCALES, 0, 0, "", f"cannot write: {exc}",
                                       "nothing was written")]) from None
