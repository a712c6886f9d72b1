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
_MAYBE_DEEP = re.compile(rf"[ \t>*+\-\d.)]{{{MAX_MARKDOWN_DEPTH},}}|\\")
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


def nesting_problems(sources: dict[str, Source]) -> list[Problem]:
    """A problem for every text, in every file, nested deeper than MAX_MARKDOWN_DEPTH."""
    problems = []
    for source in sources.values():
        if source.text and not _MAYBE_DEEP.search(source.text):
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
