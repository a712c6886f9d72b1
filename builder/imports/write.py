"""Finishing an import, the same for every reader (GIFT, Moodle XML, Aiken, CSV, ...).

A reader turns a file into an `Imported` (builder/imports/common.py) and never writes:

    raw = read_input(path, display)                    # regular files only, bounded
    text = decode_input(raw, display, encoding)        # one clear line if not UTF-8
    imported = Imported(display)
    ...for each question: imported.add(question_dict, line)   # or imported.leave_out(...)
    written = finish_import(project, bank_id, imported)       # checks, then writes
    for line in report_lines(imported, written): click.echo(line)

`finish_import` cleans control characters, checks each question on its own with the
project's own checks (schema, Markdown nesting, links; a failing one becomes a left-out
entry with its line), then checks the whole would-be bank as `curriculum validate` reads
it (size, values), refuses folders that lead out of the project through symlinks and files
that exist, and writes the bank and the media its questions show, or nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..load.checks import check_bank
from ..load.nesting import nesting_problems
from ..load.paths import check_target, find_links, link_targets, local_path, strings
from ..load.problems import CurriculumError, Problem
from ..load.project import BANKS_DIR
from ..load.validation import validate
from ..load.yaml_source import _FORBIDDEN, MAX_FILE_BYTES, inside, parse, read_bytes
from ..model.schema import Bank
from ..model.types import ID_PATTERN
from .common import MEDIA, Imported

MAX_IMPORT_BYTES = MAX_FILE_BYTES * 4
"""Largest file read by an import: a Moodle XML export carries its images in base64."""
MAX_BANK_ID = 64
"""Longest --bank id: it names files (quizzes/<id>.yaml, media/<id>/)."""
_ID = re.compile(ID_PATTERN)


def read_input(path: Path, display: str, max_bytes: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of the file to import: a regular file only (not a FIFO or /dev/zero), at
    most `max_bytes` of them, read once."""
    return read_bytes(path, display, max_bytes)


def decode_input(raw: bytes, display: str, encoding: str | None = None) -> str:
    """The text of an input file: UTF-8 (with or without BOM), UTF-16 with its BOM, or the
    `--encoding` given; otherwise one clear problem naming the first byte that is not UTF-8."""
    if encoding:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise CurriculumError([Problem("--encoding", 0, 0, "", f"{encoding!r} is not an "
                                           "encoding", "e.g. cp1251, latin-1, utf-16")]) from None
        except UnicodeDecodeError as exc:
            raise _not_encoded(raw, display, exc, f"is not {encoding}") from None
    # UTF-32's little-endian BOM begins as UTF-16's does: test it first, or its NULs are text
    for boms, name in (((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32"),
                       ((b"\xff\xfe", b"\xfe\xff"), "utf-16")):
        if raw.startswith(boms):
            try:
                return raw.decode(name)
            except UnicodeDecodeError as exc:
                raise _not_encoded(raw, display, exc, f"is not {name.upper()}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_encoded(raw, display, exc, "is not UTF-8") from None


def _not_encoded(raw: bytes, display: str, exc: UnicodeDecodeError, what: str) -> CurriculumError:
    line = raw.count(b"\n", 0, exc.start) + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return CurriculumError([Problem(display, line, column, "", f"byte 0x{raw[exc.start]:02x} "
                                    f"{what}", "re-save the file as UTF-8, or pass its "
                                    "encoding: --encoding cp1251 (or latin-1, ...)")])


def check_bank_id(bank_id: str) -> None:
    if not _ID.fullmatch(bank_id) or len(bank_id) > MAX_BANK_ID:
        raise CurriculumError([Problem("--bank", 0, 0, "", f"{bank_id[:80]!r} is not an id "
                                       f"of at most {MAX_BANK_ID} characters",
                                       "use lowercase letters, digits and hyphens")])


@dataclass
class Written:
    """What finish_import wrote."""

    bank: Path
    files: list[Path] = field(default_factory=list)


@dataclass
class Prepared:
    """A bank checked and ready to write: its text and the media files it shows."""

    project: Path
    bank_id: str
    media_id: str
    text: str
    files: dict[str, bytes]

    def write(self) -> Written:
        return _write(self.project, self.bank_id, self.media_id, self.text, self.files)


def finish_import(project: Path, bank_id: str, imported: Imported) -> Written:
    """Check the would-be bank with the project's checks, then write it and its media files,
    or raise CurriculumError having written nothing."""
    return prepare_import(project, bank_id, imported).write()


def prepare_import(project: Path, bank_id: str, imported: Imported,
                   media_id: str | None = None, *, alone: bool = True) -> Prepared:
    """Every check of finish_import, nothing written: for a run that writes several banks
    only once all of them pass. The links of the questions point into media/<media_id>/
    (the bank id unless given). Not `alone`, the bank is one of several from one file that
    share its media files: the caller notes the files none of them shows."""
    check_bank_id(bank_id)
    project = Path(project)
    media_id = media_id or bank_id
    _clean(imported)
    folders = _folder_problems(project, bank_id, media_id)
    if folders:
        raise CurriculumError(folders)
    pending = {Path(os.path.normpath(project / MEDIA / media_id / n)) for n in imported.files}
    _check_each(project, bank_id, imported, pending)
    data: dict[str, Any] = {"id": bank_id, "title": imported.title or bank_id}
    if imported.description:
        data["description"] = imported.description
    data["questions"] = imported.questions
    text = _dump(data, imported.source)
    used = _used_files(project, media_id, imported, alone)
    problems = _bank_problems(project, bank_id, media_id, imported, text, used)
    if problems:
        raise CurriculumError(problems)
    return Prepared(project, bank_id, media_id, text, {n: imported.files[n] for n in used})


def _clean(imported: Imported) -> None:
    """Control characters (a raw \\x01) are not YAML text: removed, with a note."""
    for i, question in enumerate(imported.questions):
        found = [path for path, value in strings(question, ()) if _FORBIDDEN.search(value)]
        for path in found:
            holder: Any = question
            for part in path[:-1]:
                holder = holder[part]
            holder[path[-1]] = _FORBIDDEN.sub("", holder[path[-1]])
        if found:
            imported.change(imported.lines[i], f"question {question.get('id')!r}: control "
                            "characters removed from its text")
    imported.title = _FORBIDDEN.sub("", imported.title)
    imported.description = _FORBIDDEN.sub("", imported.description)


def _folder_problems(project: Path, bank_id: str, media_id: str) -> list[Problem]:
    """quizzes/, media/ and media/<id>/ must stay in the project; the files must not exist."""
    problems = []
    for rel in (BANKS_DIR, MEDIA, f"{MEDIA}/{media_id}"):
        path = project / rel
        if (path.exists() or path.is_symlink()) and not inside(project, path):
            problems.append(Problem(rel, 0, 0, "", f"leads out of the project (to "
                                    f"{os.path.realpath(path)})", "make it a real folder "
                                    "inside the project: nothing is written through it"))
    for rel in (f"{BANKS_DIR}/{bank_id}.yaml", f"{BANKS_DIR}/{bank_id}.yml"):
        path = project / rel
        if path.exists() or path.is_symlink():
            problems.append(Problem(rel, 0, 0, "", "exists already; nothing was overwritten",
                                    "choose another --bank id, or move the file away"))
    return problems


def _dump(data: dict[str, Any], source: str) -> str:
    header = f"# Imported from {Path(source).name} by `curriculum import`.\n"
    header = _FORBIDDEN.sub("", header.replace("\n", " ").rstrip() + "\n")
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _check_each(project: Path, bank_id: str, imported: Imported, pending: set[Path]) -> None:
    """Each question through the project's checks alone: one that fails is left out, with
    its line and what failed, and the others go on."""
    kept, lines = [], []
    display = f"{BANKS_DIR}/{bank_id}.yaml"
    for question, line in zip(imported.questions, imported.lines, strict=True):
        data = {"id": bank_id, "title": "t", "questions": [question]}
        problems = _source_problems(project, display, _dump(data, ""), pending)
        if problems:
            first = problems[0]
            where = first.path.removeprefix("questions[0]").lstrip(".")
            what = f"{where}: {first.message}" if where else first.message
            imported.leave_out(line, f"question {question.get('id')!r}: {what}", first.hint)
            continue
        kept.append(question)
        lines.append(line)
    imported.questions, imported.lines = kept, lines


def _source_problems(project: Path, display: str, text: str,
                     pending: set[Path]) -> list[Problem]:
    """What `curriculum validate` would say of this bank file: its values, the nesting of
    its Markdown and its links (a media file about to be written counts as there)."""
    try:
        source = parse(text, display)
    except CurriculumError as exc:
        return exc.problems
    bank, problems = validate(Bank, source)
    problems += nesting_problems({display: source})
    if bank is not None:
        problems += check_bank(bank, {display: source})
    real_root = Path(os.path.realpath(project))
    for path, target in find_links(source):
        lexical = Path(os.path.normpath(project / BANKS_DIR / local_path(target.strip())))
        if lexical in pending:
            continue
        found = check_target(real_root, display, target)
        if found:
            problems.append(Problem(display, 0, 0, ".".join(str(p) for p in path), *found))
    return [p for p in problems if p.severity == "error"]


def _used_files(project: Path, media_id: str, imported: Imported, note: bool) -> list[str]:
    """The media files the kept questions show; the others are not written (with a note)."""
    used: set[str] = set()
    folder = Path(os.path.normpath(project / MEDIA / media_id))
    for question in imported.questions:
        for _, value in strings(question, ()):
            if "](" in value or "src" in value:
                for target in link_targets(value):
                    candidate = Path(os.path.normpath(project / BANKS_DIR / local_path(target)))
                    if candidate.parent == folder:
                        used.add(candidate.name)
    if note:
        note_unshown(imported, used)
    return [n for n in imported.files if n in used]


def note_unshown(imported: Imported, shown: set[str]) -> None:
    for name in imported.files:
        if name not in shown:
            imported.change(0, f"the file {name!r} is not written: no imported question "
                            "shows it")


def _bank_problems(project: Path, bank_id: str, media_id: str, imported: Imported, text: str,
                   used: list[str]) -> list[Problem]:
    if not imported.questions:
        why = (f"none of its {imported.read} question(s) could be imported",
               "each is left out above, with why") if imported.read else \
              ("holds no question (only categories, descriptions or comments)", "")
        return [Problem(imported.source, 0, 0, "", *why)]
    problems = []
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        problems.append(Problem(imported.source, 0, 0, "", f"the bank would be {size:,} bytes, "
                                f"over the {MAX_FILE_BYTES:,} that `curriculum validate` reads",
                                "split the file into smaller ones and import each"))
        return problems
    pending = {Path(os.path.normpath(project / MEDIA / media_id / n)) for n in used}
    found = _source_problems(project, f"{BANKS_DIR}/{bank_id}.yaml", text, pending)
    problems += [Problem(imported.source, 0, 0, p.path, p.message, p.hint) for p in found]
    for name in used:
        path = project / MEDIA / media_id / name
        if path.exists() or path.is_symlink():
            problems.append(Problem(f"{MEDIA}/{media_id}/{name}", 0, 0, "", "exists already; "
                                    "nothing was overwritten", "choose another --bank id, or "
                                    "move the file away"))
    return problems


def _write(project: Path, bank_id: str, media_id: str, text: str,
           files: dict[str, bytes]) -> Written:
    """Media first, then the bank; each file created exclusively, never through a symlink.
    On any failure, what this run created is removed again."""
    made: list[Path] = []
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    target = project / BANKS_DIR / f"{bank_id}.yaml"
    try:
        for path, content in [*((project / MEDIA / media_id / n, c) for n, c in files.items()),
                              (target, text.encode("utf-8"))]:
            _make_folder(project, path.parent, made)
            fd = os.open(path, flags, 0o644)
            made.append(path)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
    except OSError as exc:
        for path in reversed(made):
            (path.rmdir if path.is_dir() else path.unlink)()
        raise CurriculumError([Problem(str(exc.filename or target), 0, 0, "", "cannot be "
                                       f"written: {exc.strerror or exc}; nothing was kept",
                                       "check the folder's permissions and free space")]) from None
    return Written(target, [p for p in made if p.is_file() and p != target])


def _make_folder(project: Path, folder: Path, made: list[Path]) -> None:
    missing = []
    while not folder.exists() and folder != project:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)
    if not inside(project, folder):
        raise OSError(0, "leads out of the project", str(folder))


def report_lines(imported: Imported, written: Written | None) -> list[str]:
    """The end of every import: questions read, written, changed (how), left out (why)."""
    lines = [f"warning: {p}" for p in imported.notes]
    lines += [f"left out: {p}" for p in sorted(imported.left, key=lambda p: p.line)]
    changed = len({p.line for p in imported.notes})
    where = f" to {written.bank}" if written else ""
    files = f" and {len(written.files)} file(s)" if written and written.files else ""
    lines.append(f"{imported.read} question(s) read, {len(imported.questions)} written{where}"
                 f"{files}, {len(imported.left)} left out; {len(imported.notes)} change(s) "
                 f"at {changed} place(s) (above)")
    return lines
