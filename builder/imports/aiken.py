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
from pathlib import Path
from typing import Any

from .common import Imported, unique_id
from .decoding import decoded

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


def read_aiken(path: Path, display: str, bank_id: str, encoding: str | None = None) -> Imported:
    return parse_aiken(decoded(path.read_bytes(), display, encoding), display)


def parse_aiken(text: str, source: str) -> Imported:
    """The questions of an Aiken text, each with its line; what breaks the format is a
    warning with the line, and that question is left out."""
    imported, taken = Imported(source), set()
    draft: _Draft | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        answer, option = _ANSWER.match(line), _OPTION.match(line)
        if answer:
            if draft is None or not draft.options:
                imported.note(number, "an ANSWER line without a question and options before "
                              "it: left out", "each question: its text, options A) B) ..., "
                              "then ANSWER: <letter>")
            else:
                _finish(draft, answer[1].strip(), number, imported, taken)
            draft = None
        elif option:
            if draft is None:
                imported.note(number, "an option before any question text: left out",
                              "write the question's text on the line before its options")
                continue
            draft.options.append((option[1].translate(HOMOGLYPHS), option[2].strip()))
        elif draft is not None and draft.options:
            imported.note(draft.line, "a question without its ANSWER line: left out "
                          f"(a new question starts on line {number})",
                          "end each question with ANSWER: <letter>")
            draft = _Draft(number, [line])
        elif draft is not None:
            draft.text.append(line)
        else:
            draft = _Draft(number, [line])
    if draft is not None:
        imported.note(draft.line, "a question without its ANSWER line at the end of the file: "
                      "left out", "end each question with ANSWER: <letter>")
    return imported


def _finish(draft: _Draft, letter: str, line: int, imported: Imported, taken: set[str]) -> None:
    labels = [label for label, _ in draft.options]
    wanted = letter[:1].upper().translate(HOMOGLYPHS)
    if len(draft.options) < 2:
        imported.note(line, "a question needs two options or more: left out")
    elif len(set(labels)) < len(labels):
        imported.note(draft.line, f"two options share a letter ({', '.join(labels)}): left "
                      "out", "label the options A), B), C) ... once each")
    elif wanted not in labels or (len(letter) > 1 and letter[1:2].isalnum()):
        imported.note(line, f"ANSWER: {letter!r} names none of the options "
                      f"{', '.join(labels)}: left out", "write one option's letter: ANSWER: B")
    else:
        prompt = "\n\n".join(_escape(t) for t in draft.text)
        options: list[dict[str, Any]] = []
        for label, text in draft.options:
            options.append({"text": _escape(text), **({"correct": True} if label == wanted
                                                      else {})})
        imported.questions.append({"id": unique_id(draft.text[0], taken,
                                                   len(imported.questions) + 1),
                                   "type": "single", "prompt": prompt, "options": options})


def _escape(text: str) -> str:
    """Aiken text is plain: Markdown's marks and HTML stay as the author typed them."""
    return _MARKDOWN.sub(r"\\\1", text).replace("<", "&lt;")
