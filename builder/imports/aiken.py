"""Aiken (Moodle's plain-text format) into a bank: single-choice questions.

    Which body receives requests under the Minsk Convention?
    A) The court
    B. The central authority
    ANSWER: B

A question is its text (one line or more), two options or more labelled `A)` or `A.`, and
the `ANSWER:` line; blank lines are allowed anywhere. A question that breaks these rules is
left out with a warning at its line, as Moodle does, and the others are imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .common import Imported, unique_id

# Cyrillic capitals that look like Latin ones: a Russian author's "А)" is option A.
HOMOGLYPHS = str.maketrans("АВСЕНКМОРТХ", "ABCEHKMOPTX")
_OPTION = re.compile(r"^([A-ZА-ЯЁ])(?:\)\s*|\.\s+)(.+)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)
_MARKDOWN = re.compile(r"([\\`*_\[\]])")


@dataclass
class _Draft:
    line: int
    text: list[str]
    options: list[tuple[str, str]] = field(default_factory=list)


def parse_aiken(text: str, source: str) -> Imported:
    """The questions of an Aiken text, each with its line; a question that breaks the format
    is left out, with its line and why (builder/imports/write.py writes the bank)."""
    imported, taken = Imported(source), set()
    draft: _Draft | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        answer, option = _ANSWER.match(line), _OPTION.match(line)
        if answer:
            if draft is None or not draft.options:
                imported.leave_out(number, "an ANSWER line without a question and options "
                                   "before it", "each question: its text, options A) B) ..., "
                              "then ANSWER: <letter>")
            else:
                _finish(draft, answer[1].strip(), number, imported, taken)
            draft = None
        elif option:
            if draft is None:
                imported.leave_out(number, "an option before any question text",
                                   "write the question's text on the line before its options")
                continue
            draft.options.append((option[1].translate(HOMOGLYPHS), option[2].strip()))
        elif draft is not None and draft.options:
            imported.leave_out(draft.line, "a question without its ANSWER line (a new "
                               f"question starts on line {number})",
                               "end each question with ANSWER: <letter>")
            draft = _Draft(number, [line])
        elif draft is not None:
            draft.text.append(line)
        else:
            draft = _Draft(number, [line])
    if draft is not None:
        imported.leave_out(draft.line, "a question without its ANSWER line at the end of the "
                           "file", "end each question with ANSWER: <letter>")
    return imported


def _finish(draft: _Draft, letter: str, line: int, imported: Imported, taken: set[str]) -> None:
    labels = [label for label, _ in draft.options]
    wanted = letter[:1].upper().translate(HOMOGLYPHS)
    if len(draft.options) < 2:
        imported.leave_out(line, "a question needs two options or more")
    elif len(set(labels)) < len(labels):
        imported.leave_out(draft.line, f"two options share a letter ({', '.join(labels)})",
                           "label the options A), B), C) ... once each")
    elif wanted not in labels or (len(letter) > 1 and letter[1:2].isalnum()):
        imported.leave_out(line, f"ANSWER: {letter!r} names none of the options "
                           f"{', '.join(labels)}", "write one option's letter: ANSWER: B")
    else:
        prompt = "\n\n".join(_escape(t) for t in draft.text)
        options: list[dict[str, Any]] = []
        for label, text in draft.options:
            options.append({"text": _escape(text), **({"correct": True} if label == wanted
                                                      else {})})
        imported.add({"id": unique_id(draft.text[0], taken, len(imported.questions) + 1,
                                      imported, draft.line),
                      "type": "single", "prompt": prompt, "options": options}, draft.line)


def _escape(text: str) -> str:
    """Aiken text is plain: Markdown's marks and HTML stay as the author typed them."""
    return _MARKDOWN.sub(r"\\\1", text).replace("<", "&lt;")
