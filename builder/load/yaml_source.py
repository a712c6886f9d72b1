"""Read one YAML file into plain Python data plus the line and column of every value.

PyYAML's C composer builds the node tree (falling back to the pure-Python one);
we turn nodes into data ourselves so that we keep every position, refuse
duplicate keys (PyYAML silently keeps the last), refuse tags and bound alias
expansion. A cheap pass over the parser's events runs first: it bounds the
nesting depth before any recursive code (the composer, our builder) sees the tree.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import parse_cache
from .problems import CurriculumError, Problem, format_path
from .yaml_errors import syntax_problem

try:
    _Base: type = yaml.CSafeLoader
    _RECURSIVE_COMPOSER = False  # libyaml stops at its own nesting limit, in C
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader
    _RECURSIVE_COMPOSER = True

_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, with the implicit type of short scalars remembered.

    Resolving a scalar's type runs in Python for every value, even under libyaml,
    and was the largest single cost of loading a course; keys and short values
    repeat across files, so their answer is looked up instead.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        if len(value) > 40:  # longer than any number, date or keyword YAML would type
            return _STR
        key = (value, implicit)
        tag = _TAGS.get(key)
        if tag is None:
            tag = _TAGS[key] = super().resolve(kind, value, implicit)
        return tag

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Largest YAML file read; `--max-file-bytes` and the plugin's `max_file_bytes` change it."""
MAX_NODES = 200_000
"""Most values one file may expand to, aliases counted at every use."""
MAX_DEPTH = 60
"""Deepest nesting of lists and mappings."""
MAX_ALIAS_VALUES = 10_000
"""Most values that aliases (*name) may add to one file: more is an alias bomb."""

Path_ = tuple[str | int, ...]
_scalars = yaml.constructor.SafeConstructor()
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NUMBER_TAGS = {f"{_CORE}int", f"{_CORE}float"}
# Characters YAML forbids (C0/C1 controls, surrogates, U+FFFE/U+FFFF): a clear message
# beats libyaml's reader error, which counts in bytes.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Source:
    """A parsed YAML file: its data and where each value stands in the text."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    links: list[tuple[Path_, str]] | None = None
    """Link targets in the file's strings, found once when it was parsed (paths.py)."""
    deep: bool | None = None
    """Whether a text of the file may nest lists deeper than allowed (nesting.py), found
    once when it was parsed; None when not known."""

    # In the parse cache, positions are not pickled: a run that reports no problem never
    # needs them, and a problem's place is found again by parsing the text (the same text
    # gives the same positions). Pickling them cost a tenth of a first run, reading them
    # back as much of a warm one.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("marks", None)
        state.pop("key_marks", None)
        return state

    def __getattr__(self, name: str) -> Any:  # only for attributes not set: the positions
        if name not in ("marks", "key_marks") or "data" not in self.__dict__:
            raise AttributeError(name)
        again = _parse(self.text, self.file)[0] if self.text else Source(self.file, None)
        self.__dict__.update(marks=again.marks, key_marks=again.key_marks)
        return self.__dict__[name]

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest parent."""
        path = tuple(path)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def locate(self, path: Path_, needle: str) -> tuple[int, int]:
        """Line and column of `needle` inside the value at `path` (its start if not found)."""
        line, column = self.where(path)
        lines = self.text.split("\n")
        start = sum(len(t) + 1 for t in lines[: line - 1]) + column - 1
        found = self.text.find(needle, start)
        if found < 0 or not self.text:
            return line, column
        before = self.text[:found]
        return before.count("\n") + 1, found - (before.rfind("\n") + 1) + 1

    def problem(self, path: Path_, message: str, hint: str = "", *, key: bool = False,
                severity: str = "error") -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.file, line, column, format_path(tuple(path)), message, hint, severity)


def read_text(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's text as UTF-8, read within the bounds of read_bytes."""
    return decode(read_bytes(path, display, max_bytes), display)


def read_bytes(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, at most `max_bytes` of them, read once.

    Only a regular file is read: a FIFO, socket or device named `x.yaml` would block
    or never end, so it is refused from its stat, and opened without blocking in case
    it is swapped in between. The size is checked before reading, and no more than the
    limit is read even if the file grows meanwhile.
    """
    try:
        _refuse_special(os.stat(path), display)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            _refuse_special(info, display)
            _refuse_size(info.st_size, display, max_bytes)
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise CurriculumError([Problem(display, 0, 0, "", f"cannot be read: "
                                       f"{exc.strerror or exc}", "it must be a readable file "
                                       "of YAML text")]) from None
    _refuse_size(len(raw), display, max_bytes)
    return raw


_SPECIAL = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
            (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _refuse_special(info: os.stat_result, display: str) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((name for test, name in _SPECIAL if test(info.st_mode)), "not a regular file")
    if kind == "a folder":  # the message authors already know from the system
        raise CurriculumError([Problem(display, 0, 0, "", "cannot be read: Is a directory",
                                       "it must be a readable file of YAML text")])
    raise CurriculumError([Problem(display, 0, 0, "", f"is {kind}, not a regular file",
                                   "only regular files are read: replace it with a YAML file")])


def _refuse_size(size: int, display: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise CurriculumError([Problem(display, 1, 1, "", f"file is {size:,} bytes, over the "
                                       f"limit of {max_bytes:,}",
                                       "split it, or raise the limit with --max-file-bytes")])


def decode(raw: bytes, display: str) -> str:
    """Bytes of a YAML file as text, or a problem naming the byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1: exc.start].decode(
            "utf-8", "replace")) + 1
        message, hint = f"byte 0x{raw[exc.start]:02x} is not UTF-8", "save the file as UTF-8"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            message = "the file is saved as UTF-16, Notepad's \"Unicode\""
        elif _looks_cyrillic(raw):
            hint = "it looks like Windows-1251: save the file as UTF-8"
        raise CurriculumError([Problem(display, line, column, "", message, hint)]) from None


def _looks_cyrillic(raw: bytes) -> bool:
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return False
    letters = [c for c in text if c.isalpha() and not c.isascii()]
    return bool(letters) and all("\u0400" <= c <= "\u04ff" for c in letters)


def parse(text: str, display: str) -> Source:
    """Parse YAML text into a Source; raise CurriculumError on any problem."""
    return _parse(text, display)[0]


def _parse(text: str, display: str) -> tuple[Source, list[tuple[Path_, str]]]:
    """The Source, and the strings of its data that may hold a link (paths.find_links)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # YAML reads a lone CR as a line end
    _refuse_forbidden(text, display)
    try:
        if _RECURSIVE_COMPOSER:  # the pure-Python composer recurses: look before it reads
            _check_depth(text, display)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(getattr(exc, "problem", "")):
            mark = exc.problem_mark  # libyaml's own limit, met while looking ahead
            raise CurriculumError([Problem(display, mark.line + 1, mark.column + 1, "",
                                           f"nested deeper than {MAX_DEPTH} levels",
                                           "flatten the structure")]) from None
        raise CurriculumError([syntax_problem(exc, text, display)]) from None
    if node is None:
        raise CurriculumError([Problem(display, 1, 1, "", "file is empty",
                                       "start from `curriculum new`")])
    builder = _Builder(display, "&" in text)
    data = builder.build(node, ())
    source = Source(display, data, builder.marks, builder.key_marks, text)
    problems = builder.problems + (_escaped_controls(source) if "\\" in text else [])
    if problems:
        raise CurriculumError(problems)
    return source, builder.strings


# In a value, NEL (U+0085) too: the file's NEL is a line end, so only an escape puts it there.
FORBIDDEN_VALUE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                              "\ufffe\uffff]")


def _escaped_controls(source: Source) -> list[Problem]:
    """Forbidden characters that a double-quoted escape ("\\x01", "\\e", "\\uFFFE") put
    into a key or value of a file whose own characters are clean: one problem per value, at
    the value's place."""
    problems = []
    for path, text, key in _texts(source.data, ()):
        match = FORBIDDEN_VALUE.search(text)
        if match:
            line, column = source.where(path, key=key)
            # a path through the bad key would print the character: it stops before it
            shown = path[:next((i for i, part in enumerate(path) if isinstance(part, str)
                                and FORBIDDEN_VALUE.search(part)), len(path))]
            problems.append(Problem(source.file, line, column, format_path(shown),
                                    f"control character U+{ord(match.group()):04X} (written "
                                    "as an escape) is not allowed",
                                    "delete the escape: no page, handout or LMS export can "
                                    "carry it"))
    return problems


def _texts(data: Any, path: Path_) -> Iterator[tuple[Path_, str, bool]]:
    """(path, text, is a key) of every key and string in parsed data."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield (*path, name), name, True
            yield from _texts(value, (*path, name))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*path, i))
    elif isinstance(data, str):
        yield path, data, False


def load_file(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES,
              root: Path | None = None) -> Source:
    """Read and parse one file; with `root`, refuse a symlink that leads out of it."""
    real = os.path.realpath(path)  # once: the symlink check and the cache entry use it
    if root is not None and not _real_inside(root, real):
        target = os.readlink(path) if path.is_symlink() else os.path.realpath(path)
        raise CurriculumError([Problem(display, 0, 0, "", f"is a symlink to {target}, "
                                       "outside the project",
                                       "copy the file into the project: links out of it are "
                                       "not followed")])
    raw = read_bytes(path, display, max_bytes)
    # One read: the digest is of the very bytes parsed, so a save during the parse can
    # never store the old parse under the new content's key.
    key = parse_cache.key(raw, display, max_bytes)
    cached = parse_cache.get(real, key, real=True)
    if cached is not None:
        return cached
    source, candidates = _parse(decode(raw, display), display)
    from .nesting import may_nest_deep  # both import this module
    from .paths import find_links

    source.links = find_links(source, candidates)
    source.deep = may_nest_deep(source.text)
    parse_cache.put(real, key, source, real=True)
    return source


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, symlinks followed, stays under `root`."""
    try:
        return _real_inside(root, os.path.realpath(path))
    except (ValueError, OSError, RuntimeError):
        return False


def _real_inside(root: Path, real: str) -> bool:
    """Whether the real path `real` (symlinks followed) stays under `root`."""
    try:
        Path(real).relative_to(os.path.realpath(root))
    except (ValueError, OSError, RuntimeError):
        return False
    return True


# The UTF-8 bytes a forbidden character can start with: C0 controls and DEL themselves,
# and the lead bytes of C1 controls (C2), surrogates (ED) and U+FFFE/U+FFFF (EF). A text
# without any of them, told by deleting every other byte (C speed), needs no regex.
_SUSPECT = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2, 0xED, 0xEF])
_HARMLESS = bytes(b for b in range(256) if b not in _SUSPECT)


def _refuse_forbidden(text: str, display: str) -> None:
    if not text.encode("utf-8", "surrogatepass").translate(None, _HARMLESS):
        return
    problems = []
    for match in _FORBIDDEN.finditer(text):
        before = text[: match.start()]
        problems.append(Problem(display, before.count("\n") + 1,
                                match.start() - (before.rfind("\n") + 1) + 1, "",
                                f"control character U+{ord(match.group()):04X} is not allowed",
                                "delete it: it often comes with text pasted from a PDF"))
        if len(problems) == 10:
            break
    if problems:
        raise CurriculumError(problems)


def _check_depth(text: str, display: str) -> None:
    """Refuse deep nesting from the event stream, which the parser builds without recursion."""
    loader = _Loader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise CurriculumError([Problem(
                        display, mark.line + 1, mark.column + 1, "",
                        f"nested deeper than {MAX_DEPTH} levels", "flatten the structure")])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


class _Builder:
    """Turns a node tree into data, recording positions and problems."""

    def __init__(self, display: str, anchored: bool = True):
        self.display = display
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.sizes: dict[int, int] = {}  # id(node) -> values it expands to, once built
        self.repeated = 0  # values added by aliases, counted at the outermost alias only
        self.in_alias = False
        self.anchored = anchored
        """Whether the text may hold an anchor (&name): without one, no node is met twice,
        and the sizes that bound alias expansion need not be kept."""
        self.strings: list[tuple[Path_, str]] = []
        """The strings that may hold a link, with their paths, as the walk meets them: the
        link search then needs no second walk of the data."""

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        # The hot loop of a load: one call per value, its checks inlined (a method call
        # per check was most of the walk's time).
        if self.anchored and id(node) in self.sizes and not self.in_alias:
            return self._alias(node, path, depth)
        self.count += 1
        scalar = isinstance(node, yaml.ScalarNode)
        if self.count > MAX_NODES or (depth >= MAX_DEPTH and not scalar):
            raise CurriculumError([self._limit(node, path[:1] if path else path, depth)])
        start = self.count
        marks = self.marks
        if path not in marks:
            mark = node.start_mark
            marks[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if scalar:
            if tag == _STR:
                value = node.value
            elif tag in _SCALAR_TAGS:
                value = self._scalar(node, path)
            else:
                value = self._refuse_tag(node, path)
            if type(value) is str and ("]" in value or "=" in value or "(" in value
                                       or path[-1:] == ("url",)):
                self.strings.append((path, value))
        elif isinstance(node, yaml.MappingNode):
            value = self._mapping(node, path, depth) if tag == _MAP else \
                self._refuse_tag(node, path)
        elif tag == _SEQ:
            build = self.build
            value = [build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        else:
            value = self._refuse_tag(node, path)
        if self.anchored and id(node) not in self.sizes:
            self.sizes[id(node)] = self.count - start + 1
        return value

    def _refuse_tag(self, node: yaml.Node, path: Path_) -> None:
        self._add(node, path, f"the tag '{_tag_name(node.tag)}' is not allowed",
                  "YAML tags are not read: remove it and write a plain value")

    def _alias(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        """A node met again through an alias: bound what aliases add before expanding."""
        self.repeated += self.sizes[id(node)]
        if self.repeated > MAX_ALIAS_VALUES:
            line, column = self.marks.get(path[:1], (1, 1))
            raise CurriculumError([Problem(
                self.display, line, column, format_path(path[:1]),
                f"aliases here expand to more than {MAX_ALIAS_VALUES:,} values",
                "anchors and aliases that multiply are refused: write the values out")])
        self.in_alias = True
        try:
            return self.build(node, path, depth)
        finally:
            self.in_alias = False

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag == f"{_CORE}timestamp":
            return node.value
        try:
            value = _scalars.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError):
            self._add(node, path, f"cannot read {node.value!r} as {_tag_name(node.tag)}",
                      "remove the tag, or quote the value")
            return None
        if node.style:  # quoted or a block scalar: text as written
            return value
        # Plain values keep the text they were written as whenever YAML 1.1 would change
        # it: 1.10 stays "1.10", 007 stays "007", 10:30 stays "10:30" (not 630, base 60),
        # and yes/no/on/off stay words (YAML 1.2 reads them so). Only true and false are
        # booleans. Fields that want a number or a boolean still parse such text.
        if node.tag in _NUMBER_TAGS and str(value) != node.value:
            return node.value
        if node.tag == f"{_CORE}bool" and node.value.lower() not in ("true", "false"):
            return node.value
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        key_marks, marks, build, depth = self.key_marks, self.marks, self.build, depth + 1
        # Without anchors, a plain string value (most values) is built right here: no
        # call for it (the same steps as build(): count, limit, position, link candidate).
        direct = not self.anchored
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._add(key_node, path, "merge keys (<<) are not supported",
                          "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "list" if isinstance(key_node, yaml.SequenceNode) else "mapping"
                self._add(key_node, path, f"a key must be a plain word, not a {kind}",
                          "write `name: value`; quote a key that contains [ ] { } or ?")
                continue
            # The key as written: `no:` stays 'no' (a language), not YAML 1.1's False.
            key = str(key_node.value)
            here = (*path, key)
            if key in result:
                first = key_marks[here]
                self._add(key_node, here, f"duplicate key '{key}', first at line "
                          f"{first[0]}", "YAML would keep only one: remove or merge them")
                continue
            mark = key_node.start_mark
            key_marks[here] = (mark.line + 1, mark.column + 1)
            if direct and value_node.tag == _STR and type(value_node) is yaml.ScalarNode:
                self.count += 1
                if self.count > MAX_NODES:
                    raise CurriculumError([self._limit(value_node, path[:1] or here, depth)])
                if here not in marks:
                    mark = value_node.start_mark
                    marks[here] = (mark.line + 1, mark.column + 1)
                value = result[key] = value_node.value
                if "]" in value or "=" in value or "(" in value or key == "url":
                    self.strings.append((here, value))
                continue
            result[key] = build(value_node, here, depth)
        return result

    def _add(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.display, mark.line + 1, mark.column + 1,
                                     format_path(path), message, hint))

    def _limit(self, node: yaml.Node, path: Path_, depth: int) -> Problem:
        # Point at the top-level key being read: inside an expanded alias, a deeper path
        # (f[1][7][8]) names no place in the file.
        line, column = self.marks.get(path, (node.start_mark.line + 1,
                                             node.start_mark.column + 1))
        if depth >= MAX_DEPTH:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            path = ()
            message, hint = f"nested deeper than {MAX_DEPTH} levels", "flatten the structure"
        else:
            message = f"holds more than {MAX_NODES:,} values"
            hint = "split the file"
        return Problem(self.display, line, column, format_path(path), message, hint)
