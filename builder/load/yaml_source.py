"""Read one YAML file into plain Python data plus the line and column of every value.

PyYAML's C composer builds the node tree (falling back to the pure-Python one);
we turn nodes into data ourselves so that we keep every position, refuse
duplicate keys (PyYAML silently keeps the last) and bound alias expansion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import CurriculumError, Problem, format_path

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 60

Path_ = tuple[str | int, ...]
_scalars = yaml.constructor.SafeConstructor()


@dataclass
class Source:
    """A parsed YAML file: its data and where each value stands in the text."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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

    def problem(self, path: Path_, message: str, hint: str = "", *, key: bool = False,
                severity: str = "error") -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.file, line, column, format_path(tuple(path)), message, hint, severity)


def read_text(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's text as UTF-8, or a problem naming the byte that is not."""
    size = path.stat().st_size
    if size > max_bytes:
        raise CurriculumError([Problem(display, 0, 0, "", f"file is {size:,} bytes, over the "
                                       f"limit of {max_bytes:,}", "split it, or raise max_file_bytes")])
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CurriculumError([Problem(display, line, column, "",
                                       f"byte 0x{raw[exc.start]:02x} is not UTF-8",
                                       "save the file as UTF-8")]) from None


def parse(text: str, display: str) -> Source:
    """Parse YAML text into a Source; raise CurriculumError on any problem."""
    text = text.replace("\r\n", "\n")
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise CurriculumError([_syntax_problem(exc, display)]) from None
    except yaml.YAMLError as exc:
        raise CurriculumError([Problem(display, 1, 1, "", f"not valid YAML: {exc}")]) from None
    if node is None:
        raise CurriculumError([Problem(display, 1, 1, "", "file is empty",
                                       "start from `curriculum new`")])
    builder = _Builder(display)
    data = builder.build(node, ())
    if builder.problems:
        raise CurriculumError(builder.problems)
    return Source(display, data, builder.marks, builder.key_marks)


def load_file(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> Source:
    return parse(read_text(path, display, max_bytes), display)


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = (exc.problem or str(exc)).strip()
    hint = "check the indentation and quoting on this line or the one before"
    if "'\\t'" in message or "\\t" in message:
        message, hint = "a tab character in indentation", "indent with spaces, not tabs"
    elif exc.context:
        message = f"{exc.context} {message}"
    return Problem(display, line, column, "", f"YAML syntax error: {message}", hint)


class _Builder:
    """Turns a node tree into data, recording positions and problems."""

    def __init__(self, display: str):
        self.display = display
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise CurriculumError([self._limit(node, path, depth)])
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        try:
            return _scalars.construct_object(node)
        except yaml.constructor.ConstructorError as exc:
            self._add(node, path, f"cannot read this value: {exc.problem}")
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._add(key_node, path, "merge keys (<<) are not supported",
                          "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._add(key_node, path, "a key must be a plain word")
                continue
            key = str(_scalars.construct_object(key_node))
            if key in result:
                first = self.key_marks[(*path, key)]
                self._add(key_node, (*path, key), f"duplicate key '{key}' "
                          f"(first at line {first[0]})", "YAML keeps only one: remove or merge them")
                continue
            self.key_marks[(*path, key)] = (key_node.start_mark.line + 1,
                                            key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _add(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.display, mark.line + 1, mark.column + 1,
                                     format_path(path), message, hint))

    def _limit(self, node: yaml.Node, path: Path_, depth: int) -> Problem:
        mark = node.start_mark
        if depth > MAX_DEPTH:
            message, hint = f"nested deeper than {MAX_DEPTH} levels", "flatten the structure"
        else:
            message = f"expands to more than {MAX_NODES:,} values (aliases?)"
            hint = "anchors and aliases that multiply are refused"
        return Problem(self.display, mark.line + 1, mark.column + 1, format_path(path),
                       message, hint)
