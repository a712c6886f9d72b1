"""Characters YAML forbids are refused with their place, whatever their UTF-8 bytes.

The loader first looks for the bytes such a character can start with and runs its
regex only when one is there: each kind of forbidden character must still be found.
"""

from __future__ import annotations

import pytest

from builder.load.problems import CurriculumError
from builder.load.yaml_source import parse

FORBIDDEN = ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x80", "\x84", "\x86", "\x9f",
             "\ud800", "\udfff", "\ufffe", "\uffff"]
ALLOWED = ["\t", "\x85", "\xa0", "«", "»", "\ufffd", "\uff10", "\ud7ff", "\U0001f600"]


@pytest.mark.parametrize("char", FORBIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_a_forbidden_character_is_refused_where_it_stands(char: str) -> None:
    text = f"id: alpha\ntitle: \"Взаимная\" помощь{char} here\n"
    with pytest.raises(CurriculumError) as caught:
        parse(text, "modules/alpha.yaml")
    problem = caught.value.problems[0]
    assert problem.message == f"control character U+{ord(char):04X} is not allowed"
    assert (problem.line, problem.column) == (2, 25)


@pytest.mark.parametrize("char", ALLOWED, ids=lambda c: f"U+{ord(c):04X}")
def test_an_allowed_character_passes(char: str) -> None:
    source = parse(f"id: alpha\ntitle: «Взаимная» помощь{char} here\n", "modules/alpha.yaml")
    assert char in source.data["title"] or char == "\x85"


# Issue 19, 12: the file's characters are clean, the value an escape makes is not.
ESCAPED = [(r"\x01", "0001"), (r"\x0b", "000B"), (r"\e", "001B"), (r"\x7f", "007F"),
           (r"\N", "0085"), (r"\u0085", "0085"), (r"\uFFFE", "FFFE"), (r"\0", "0000")]


@pytest.mark.parametrize(("escape", "code"), ESCAPED, ids=[e for e, _ in ESCAPED])
def test_a_forbidden_character_written_as_an_escape_is_refused_at_its_value(
        escape: str, code: str) -> None:
    text = f'id: alpha\nquestions:\n  - prompt: "ctrl {escape}[31m"\n'
    with pytest.raises(CurriculumError) as caught:
        parse(text, "quizzes/alpha.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"quizzes/alpha.yaml:3:13: questions[0].prompt: control character U+{code} (written "
        "as an escape) is not allowed (delete the escape: no page, handout or LMS export can "
        "carry it)"]


def test_an_escaped_key_and_every_value_are_reported_at_once() -> None:
    text = 'id: alpha\n"ke\\ty": "tab \\t and newline \\n pass"\n"k\\x1b": "\\x01"\n'
    with pytest.raises(CurriculumError) as caught:
        parse(text, "quizzes/alpha.yaml")
    assert [(p.line, p.column, p.path) for p in caught.value.problems] == [(3, 1, ""),
                                                                        (3, 10, "")]
