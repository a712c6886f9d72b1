"""PyYAML's syntax errors, worded for the people who write the files.

libyaml words its errors for parser authors ("while scanning a simple key could not
find expected ':'"). Each known one maps to what went wrong in the author's terms,
which mark to point at, and what to try.
"""

from __future__ import annotations

from typing import Any

import yaml

from .problems import Problem

_QUOTE = "put text in quotes, \"like this\""
_INDENT = "check the indentation of this line and the one before"

# problem text (or a unique start of it) -> message, hint, mark to show ("problem"/"context")
_KNOWN: dict[str, tuple[str, str, str]] = {
    "could not find expected ':'": (
        "a key without ':', or text that runs on to the next line",
        "write `key: value`; " + _QUOTE, "context"),
    "mapping values are not allowed in this context": (
        "a ':' where no new key can start", "quote text that contains ': ', or " + _INDENT,
        "problem"),
    "did not find expected ',' or '}'": (
        "the {...} opened at line {line} is not closed here",
        "separate its entries with ',' and end it with '}'; quote text containing , : { or }",
        "problem"),
    "did not find expected ',' or ']'": (
        "the [...] opened at line {line} is not closed here",
        "separate its items with ',' and end it with ']'; quote text containing , [ or ]",
        "problem"),
    "did not find expected key": (
        "this line does not fit the mapping that starts at line {line}",
        "keys of one mapping start in the same column; " + _QUOTE, "problem"),
    "did not find expected '-' indicator": (
        "this line does not fit the list that starts at line {line}",
        "items of one list each start with '- ' in the same column", "problem"),
    "did not find expected node content": (
        "a value is missing here", "write a value, or quote text that starts with , [ ] { } or :",
        "problem"),
    "found unexpected end of stream": (
        "the quote opened at line {line} is never closed",
        "close it; inside '...' write '' for a quote, inside \"...\" write \\\"", "context"),
    "found invalid Unicode character escape code": (
        "a \\u escape that is no character (a lone surrogate such as \\ud800)",
        "write the character itself, or escape it whole: \\U0001F600 for an emoji", "problem"),
    "found unknown escape character": (
        "an unknown \\ escape in double-quoted text",
        "write \\\\ for a backslash, or use single quotes", "problem"),
    "block sequence entries are not allowed in this context": (
        "a list item ('- ') where none can start",
        "put the list on the lines below its key, indented; quote text that starts with '- '",
        "problem"),
    "mapping keys are not allowed in this context": (
        "a '?' key where none can start", "quote text that starts with '?'", "problem"),
    "did not find expected alphabetic or numeric character": (
        "'&' or '*' starts an anchor or alias here",
        "quote text that starts with & or *", "context"),
    "found undefined alias": (
        "the alias '{token}' refers to no anchor",
        "define &name before using *name; quote text that starts with *", "problem"),
    "second occurrence": (
        "the anchor '{token}' is defined twice, first at line {line}",
        "give each anchor its own name", "problem"),
    "did not find expected <document start>": (
        "text after the end of the document", _INDENT, "problem"),
    "but found another document": (
        "a second document ('---') in one file",
        "one file holds one document: remove the '---' line and what follows, or move it",
        "problem"),
    "found unexpected ':'": ("an unexpected ':' in a value", _QUOTE, "problem"),
    "did not find expected comment or line break": (
        "text after '|' or '>' on the same line",
        "start the text on the next line, indented", "problem"),
    "did not find expected whitespace or line break": (
        "a tag ('!') that cannot be read", "quote text that starts with '!'", "problem"),
    "found undefined tag handle": (
        "a tag ('!') that cannot be read", "quote text that starts with '!'", "problem"),
    "exceeded maximum nesting depth": (
        "nested too deeply", "flatten the structure", "problem"),
}
_TAB = ("a tab character in indentation", "indent with spaces, not tabs")


def syntax_problem(exc: yaml.YAMLError, text: str, display: str) -> Problem:
    """One problem for a YAML error: where, what, and a hint."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return _reader_problem(exc, text, display)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    quoted = _last_quoted(text, mark)
    if quoted is not None and quoted.start_mark.line < mark.line:
        start = quoted.start_mark
        return Problem(display, start.line + 1, start.column + 1, "",
                       f"YAML syntax error: this quote runs on to line {mark.line + 1}, "
                       "where the text no longer reads as YAML",
                       "close the quote on its own line; inside '...' write '' for a quote, "
                       "inside \"...\" write \\\"")
    if quoted is not None and _text_after(text, quoted.end_mark):
        start = quoted.start_mark
        return Problem(display, start.line + 1, start.column + 1, "",
                       "YAML syntax error: text after the closing quote",
                       "quote the whole value, or none of it")
    if context.startswith("while scanning a directive"):
        message, hint = "a '%' directive", "remove the line; quote text that starts with '%'"
    elif "tab" in problem or _char_at(text, mark) == "\t":
        message, hint = _TAB
    elif problem == "found unexpected end of stream" and "quoted" not in context:
        message, hint = "the file ends in the middle of a value", _INDENT
    elif problem == "found character that cannot start any token":
        char = _char_at(text, mark)
        message, hint = f"a value cannot start with '{char}'", _QUOTE
    else:
        known = next((v for k, v in _KNOWN.items() if problem.startswith(k)), None)
        if known is None:
            message, hint = "YAML cannot read this", _INDENT
        else:
            message, hint, which = known
            context_mark = exc.context_mark
            if which == "context" and context_mark is not None:
                mark = context_mark
            line = context_mark.line + 1 if context_mark else "?"
            message = message.replace("{line}", str(line)).replace(
                "{token}", _token_at(text, exc.problem_mark))
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(display, line, column, "", f"YAML syntax error: {message}", hint)


def _reader_problem(exc: Any, text: str, display: str) -> Problem:
    # libyaml reports unreadable characters by byte offset into the UTF-8 text.
    position = getattr(exc, "position", 0) or 0
    before = text.encode("utf-8")[:position].decode("utf-8", "replace")
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    return Problem(display, line, column, "", "YAML cannot read this character",
                   "delete it, or save the file as plain UTF-8 text")


def _last_quoted(text: str, mark: Any) -> Any:
    """The last quoted value read before the error, if it ends on the error's line.

    An unclosed quote swallows the lines after it until some later quote closes it,
    and the error then shows far below the real mistake; text after a closing quote
    ('@beta' module) shows as a broken mapping.
    """
    if mark is None:
        return None
    loader = yaml.SafeLoader(text)  # events up to the error; the pure-Python one is enough
    last = None
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.ScalarEvent) and event.style in ("'", '"'):
                last = event
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    if last is not None and last.end_mark.line == mark.line:
        return last
    return None


def _text_after(text: str, mark: Any) -> bool:
    lines = text.split("\n")
    rest = lines[mark.line][mark.column:] if mark.line < len(lines) else ""
    rest = rest.strip()
    return bool(rest) and not rest.startswith(("#", ",", "]", "}", ":"))


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.split("\n")
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _token_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    word = line[mark.column:].split()
    return word[0].rstrip(",]}") if word else ""
