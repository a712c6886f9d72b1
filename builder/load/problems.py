"""The one error type of the loader: a list of problems, each pointing at a place."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, where it is and what to do about it."""

    file: str
    line: int = 0
    column: int = 0
    path: str = ""
    message: str = ""
    hint: str = ""
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class CurriculumError(Exception):
    """Raised once per run with every problem found, so authors fix them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # from a handout worker process: the problems, not their text
        return (CurriculumError, (self.problems,))


def format_path(parts: tuple[str | int, ...]) -> str:
    """Turn ('sessions', 2, 'duration') into 'sessions[2].duration'."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


SHOWN_CHARS = 80
"""Most characters of a value echoed in a message; the rest is counted, not printed."""


def shown(value: object) -> str:
    """A value as a message quotes it: repr(), cut after SHOWN_CHARS characters."""
    text = repr(value)
    if len(text) <= SHOWN_CHARS:
        return text
    size = len(value) if isinstance(value, str) else len(text)
    return f"{text[:SHOWN_CHARS]}… ({size:,} characters)"
