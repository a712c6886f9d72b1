"""The byte scan that lets the nesting check skip a file must never skip a deep one."""

from __future__ import annotations

import re
import sys

import pytest

from builder.load.nesting import DIGIT_LEADS, MAX_MARKDOWN_DEPTH, may_nest_deep

# Characters that \d takes beyond ASCII: one of each block, and every one in the next test.
SAMPLE_DIGITS = ["\u0663", "\u06f3", "\u07c3", "\u0967", "\u09e7", "\u0e53", "\u1043",
                 "\uff13", "\U0001d7d9"]


def test_every_unicode_digit_has_its_lead_byte_listed():
    leads = {chr(cp).encode()[0] for cp in range(0x80, sys.maxunicode + 1)
             if not 0xD800 <= cp <= 0xDFFF and re.match(r"\d", chr(cp))}
    assert leads <= set(DIGIT_LEADS)


@pytest.mark.parametrize("line", [
    "  " * MAX_MARKDOWN_DEPTH + "- deep",
    "> " * MAX_MARKDOWN_DEPTH + "quote",
    "\t" * MAX_MARKDOWN_DEPTH + "x",
    *[(digit + ". ") * MAX_MARKDOWN_DEPTH + "x" for digit in SAMPLE_DIGITS],
    "text: \"a\\n- b\"",  # an escape could write a deep line
])
def test_a_run_the_depth_regex_takes_is_seen(line):
    assert re.search(rf"[ \t>*+\-\d.)]{{{MAX_MARKDOWN_DEPTH},}}|\\", line)
    assert may_nest_deep(f"content: |\n  Текст {line}\n")


@pytest.mark.parametrize("text", [
    "title: Взаимная правовая помощь\ncontent: |\n  - один\n    - два\n",
    "prompt: 1. 2. 3. short\n",
    "x: १ y\n",
])
def test_shallow_text_is_skipped(text):
    assert not may_nest_deep(text)
