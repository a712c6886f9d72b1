"""How deep author Markdown nests: bounded here, so rendering it can never recurse too far.

Python-Markdown builds nested lists and quotes by recursion; a list nested 500 levels
deep passed validation and then crashed the build with RecursionError (and 200 levels
took seconds). Each line's depth is its indentation in steps of four columns (a tab
is four) plus the list markers (`-`, `*`, `+`, `1.`) and quote marks (`>`) that open it.
"""

from __future__ import annotations

import re

from .paths import strings
from .problems import Problem, format_path
from .yaml_source import Source

MAX_MARKDOWN_DEPTH = 20
"""Deepest nesting of lists and quotes in one text."""

# A line that could be that deep at all: its leading run of blanks and markers is long.
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_MARKDOWN_DEPTH},}}", re.M)
# The same run anywhere in a file's YAML text: without one (and without a \ escape that
# could make one), no text of the file is that deep, and its strings are not walked.
# Looked for in the UTF-8 bytes, each byte mapped to 1 if it may belong to a character
# of the run, else 0 (a regex over the text cost a third of a warm validate): the ASCII
# characters of the run, every continuation byte, and the lead bytes of the characters
# that \d takes (tests/test_nesting_scan.py checks this list against the running Unicode).
_RUN_ASCII = b" \t>*+-.)0123456789"
DIGIT_LEADS = bytes([0xD9, 0xDB, 0xDF, 0xE0, 0xE1, 0xEA, 0xEF, 0xF0])
_RUN_BYTES = bytes(1 if (b in _RUN_ASCII or 0x80 <= b <= 0xBF or b in DIGIT_LEADS) else 0
                   for b in range(256))
_RUN = b"\x01" * MAX_MARKDOWN_DEPTH
_MARKER = re.compile(r"\s*+(?:>|[*+-](?=\s)|\d{1,9}[.)](?=\s))")


def line_depth(line: str) -> int:
    """Levels of list and quote that a line of Markdown opens."""
    indent = len(line) - len(line.lstrip(" \t"))
    depth = len(line[:indent].expandtabs(4)) // 4
    position = indent
    while match := _MARKER.match(line, position):
        depth += 1
        position = match.end()
    return depth


def may_nest_deep(text: str) -> bool:
    """Whether some text in this YAML may nest deeper than MAX_MARKDOWN_DEPTH: a run of
    that many blanks and markers, or a backslash escape (which could write one)."""
    if "\\" in text:
        return True
    return _RUN in text.encode("utf-8", "surrogatepass").translate(_RUN_BYTES)


def nesting_problems(sources: dict[str, Source]) -> list[Problem]:
    """A problem for every text, in every file, nested deeper than MAX_MARKDOWN_DEPTH."""
    problems = []
    for source in sources.values():
        deep = source.deep if source.deep is not None else (
            not source.text or may_nest_deep(source.text))
        if not deep:
            continue
        for path, text in strings(source.data, ()):
            for match in _DEEP_PREFIX.finditer(text):
                end = text.find("\n", match.start())
                line = text[match.start(): end if end >= 0 else len(text)]
                depth = line_depth(line)
                if depth > MAX_MARKDOWN_DEPTH:
                    at_line, column = source.locate(path, line)
                    problems.append(Problem(
                        source.file, at_line, column, format_path(path),
                        f"lists or quotes nested {depth} levels deep, more than "
                        f"{MAX_MARKDOWN_DEPTH}", "flatten the list: a deeper one cannot be "
                        "shown or printed"))
                    break
    return problems
