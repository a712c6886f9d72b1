"""Reading handouts back: PDF text without running headers, and the texts to look for."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from pypdf import PdfReader

from builder.load.project import Project
from builder.model.schema import Module
from builder.render.localize import Localizer
from builder.render.markdown import to_html

SNIPPET = 40
"""Characters (whitespace left out) compared; texts shorter than MIN_SNIPPET are skipped."""
MIN_SNIPPET = 30
_PAGE_COUNTER = re.compile(r"\d+/\d+$")


def squash(text: str) -> str:
    """Text with every space, line break and soft hyphen left out: layout-proof comparison."""
    return "".join(text.replace("\u00ad", "").split())


def pdf_text(path: Path, running: list[str]) -> str:
    """The squashed text of every page, with the running header and footer cut off.

    WeasyPrint draws the page's margin boxes after its content, so they end the
    text of each page; a text that runs across a page break stays in one piece.
    """
    stat = path.stat()
    return _pdf_text(path, stat.st_mtime_ns, stat.st_size, tuple(running))


@lru_cache(maxsize=128)
def _pdf_text(path: Path, _mtime: int, _size: int, running: tuple[str, ...]) -> str:
    cuts = sorted({squash(s) for s in running if s}, key=len, reverse=True)
    pages = []
    for page in PdfReader(path).pages:
        text = _PAGE_COUNTER.sub("", squash(page.extract_text()))
        while any(text.endswith(cut) for cut in cuts):
            cut = next(c for c in cuts if text.endswith(c))
            text = text[: -len(cut)]
        pages.append(text)
    return "".join(pages)


def plain_lines(markdown: str) -> list[str]:
    """The text of each block (paragraph, list item, cell) of rendered Markdown."""
    rendered = to_html(markdown)
    blocks = re.sub(r"</?(p|li|td|th|h\d|div|pre|blockquote|tr|ul|ol|table|dt|dd)\b[^>]*>",
                    "\n", rendered)
    text = html.unescape(re.sub(r"<[^>]+>", "", blocks))
    return [line.strip() for line in text.splitlines() if line.strip()]


def snippet(markdown: str) -> str | None:
    """A distinctive piece of a text as it reads in a PDF; None when the text is too short."""
    lines = [squash(line) for line in plain_lines(markdown)]
    longest = max(lines, key=len, default="")
    return longest[:SNIPPET] if len(longest) >= MIN_SNIPPET else None


def module_banks(project: Project, module: Module) -> list[str]:
    refs = [module.assessment.pre_test, module.assessment.post_test]
    refs += [s.quiz for s in module.sessions]
    return sorted({r.bank for r in refs if r is not None})


def trainer_only_texts(project: Project, module: Module, t: Localizer) -> Iterator[str]:
    """Every text of a module that only a trainer may read."""
    for session in module.sessions:
        yield t(session.trainer_notes)
    for exercise in module.assessment.exercises:
        yield t(exercise.model_answer)
        for row in exercise.rubric:
            yield t(row.criterion)
            yield t(row.guidance)
    for bank_id in module_banks(project, module):
        for question in project.banks[bank_id].questions:
            yield t(question.explanation)
            for option in getattr(question, "options", []):
                yield t(option.feedback)
            for name in ("feedback_true", "feedback_false", "feedback_right", "feedback_wrong"):
                yield t(getattr(question, name, ""))
            for credited in getattr(question, "partial", []):
                yield t(credited.answer)
                yield t(credited.feedback)
            if question.type == "numeric":
                yield from (t(a.feedback) for a in question.answers)
            if question.type == "open":
                yield t(question.model_answer)
                yield from (t(c) for c in question.checklist)


def trainee_visible(project: Project, module: Module, t: Localizer) -> str:
    """Squashed text of everything a trainee may read in a module's handout."""
    values = [module.title, module.summary, *(o.text for o in module.objectives)]
    for session in module.sessions:
        values += [session.title, session.content]
    for exercise in module.assessment.exercises:
        values += [exercise.title, exercise.instructions]
    for reference in module.references:
        values += [reference.instrument, reference.note]
    for bank_id in module_banks(project, module):
        for question in project.banks[bank_id].questions:
            values.append(question.prompt)
            values += [o.text for o in getattr(question, "options", [])]
            values += [p.left for p in getattr(question, "pairs", [])]
            values += [p.right for p in getattr(question, "pairs", [])]
            values += getattr(question, "items", [])
    return "".join(squash(line) for v in values for line in plain_lines(t(v)))


def right_answers(project: Project, module: Module, t: Localizer) -> Iterator[str]:
    """The right answer of every question of a module, as text."""
    for bank_id in module_banks(project, module):
        for question in project.banks[bank_id].questions:
            kind = question.type
            if kind in ("single", "multiple"):
                yield from (t(o.text) for o in question.options if o.correct)
            elif kind == "fill-in":
                yield from (t(a) for a in question.answers)
            elif kind == "matching":
                yield from (t(p.right) for p in question.pairs)
            elif kind == "ordering":
                yield from (t(i) for i in question.items)
            elif kind == "open":
                yield t(question.model_answer)
            elif kind == "numeric":
                yield from (f"{a.value:g}" for a in question.answers)


def running_texts(project: Project, t: Localizer, labels: list[str]) -> list[str]:
    """What the margin boxes may print: course and module titles, edition labels."""
    return [t(project.course.title), *labels, *(t(m.title) for m in project.modules.values())]

