"""GIFT: one text file per bank and language, in Moodle's GIFT dialect with [markdown] text.

GIFT carries the question, its answers with fractions, per-answer feedback and general
feedback; it has no points, hints, grader information, ordering questions or files, so each
of those is a warning naming the question.
"""

from __future__ import annotations

import re

from ..load.project import Project
from ..model.schema import Bank, QuestionBase
from ..render.markdown import to_html
from .common import (
    BankContext,
    Export,
    category_path,
    credit_fraction,
    export_each,
    moodle_fraction,
    number,
    short_answer,
)
from .text import plain_right, rendered

_SPECIAL = re.compile(r"([\\~=#{}:])")
_RAW_HTML = re.compile(r"<[A-Za-z!?/]")
_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")


def escape(text: str) -> str:
    """GIFT's escapes: a backslash before ~ = # { } : and itself; a newline as \\n."""
    text = _SPECIAL.sub(r"\\\1", text.strip())
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def export_gift(project: Project, banks: list[Bank], languages: list[str]) -> Export:
    return export_each(project, banks, languages, "GIFT", "gift",
                       lambda ctx: bank_gift(ctx).encode("utf-8"))


def bank_gift(ctx: BankContext) -> str:
    title = " ".join(ctx.t(ctx.bank.title).split())  # a newline would start GIFT text
    lines = [f"// {title} ({ctx.bank.id}), language {ctx.lang}",
             f"$CATEGORY: {category_path(title)}", ""]
    for question in ctx.bank.questions:
        text = question_gift(ctx, question)
        if text:
            lines += [f"// question: {question.id}", text, ""]
    return "\n".join(lines)


def _md(ctx: BankContext, q: QuestionBase, value, *, marked: bool = False) -> str:
    """A text as escaped GIFT Markdown (`marked`: with its [markdown] tag); images and files
    of the project cannot travel.

    Moodle renders GIFT Markdown with the HTML in it as written, so a text holding raw HTML
    goes as [html], sanitised as the site, Moodle XML and QTI have it (render.sanitize).
    """
    text = ctx.t(value)
    if not text:
        return ""
    if rendered(ctx, value)[1]:
        ctx.warn(q, "an image or file it links to is left out: GIFT carries no files",
                 "use Moodle XML, which embeds them")
        text = _IMAGE.sub(lambda m: m[1], text)
    if _RAW_HTML.search(text):
        return f"[html]{escape(to_html(text))}"
    # A text without its tag is in the prompt's format: after an [html] prompt, Markdown
    # needs its own (*italic* showed as written).
    marked = marked or bool(_RAW_HTML.search(ctx.t(q.prompt)))
    return ("[markdown]" if marked else "") + escape(text)


def question_gift(ctx: BankContext, q: QuestionBase) -> str:
    if q.type == "ordering":
        ctx.warn(q, "left out: GIFT has no ordering questions", "use Moodle XML (qtype_ordering)"
                 " or QTI")
        return ""
    if q.points != 1:
        ctx.warn(q, f"its {q.points} points are not carried: GIFT has no points (set the "
                 "question's default mark in Moodle)")
    if q.hint:
        ctx.warn(q, "the hint is left out: GIFT has no hints")
    parts = [ANSWERS[q.type](ctx, q)]
    if q.explanation:
        parts.append(f"####{_md(ctx, q, q.explanation, marked=True)}")
    inner = "\n".join(p for p in parts if p)  # no blank line: it would end the question
    inner = f"\n{inner}\n" if inner else ""
    return f"::{escape(q.id)}::{_md(ctx, q, q.prompt, marked=True)}{{{inner}}}"


def _feedback(ctx: BankContext, q, value) -> str:
    return f"#{_md(ctx, q, value)}" if value else ""


def _choice(ctx: BankContext, q) -> str:
    if q.type == "single":
        return "\n".join(f"{'=' if o.correct else '~'}{_credit(ctx, q, o.credit, may_be_full=True)}"
                         f"{_md(ctx, q, o.text)}{_feedback(ctx, q, o.feedback)}"
                         for o in q.options)
    right = sum(o.correct for o in q.options)
    share, exact = moodle_fraction(1 / right)
    if not exact:
        ctx.warn(q, f"partial credit is rounded: 1/{right} is not a fraction Moodle accepts, "
                 f"{share:g}% is used")
    return "\n".join(f"~%{share if o.correct else -share:g}%{_md(ctx, q, o.text)}"
                     f"{_feedback(ctx, q, o.feedback)}" for o in q.options)


def _credit(ctx: BankContext, q, credit: int, *, may_be_full: bool = False) -> str:
    """`%50%` before an answer that earns part of the points (nothing for 0 or 100)."""
    if credit in (0, 100):
        return ""
    return f"%{credit_fraction(ctx, q, credit, may_be_full=may_be_full):g}%"


def _true_false(ctx: BankContext, q) -> str:
    # GIFT's first feedback is for a wrong answer, the second for the right one
    wrong, right = ((q.feedback_false, q.feedback_true) if q.answer
                    else (q.feedback_true, q.feedback_false))
    feedback = f"#{_md(ctx, q, wrong)}#{_md(ctx, q, right)}" if wrong or right else ""
    return ("TRUE" if q.answer else "FALSE") + feedback


def _fill_in(ctx: BankContext, q) -> str:
    if q.case_sensitive:
        ctx.warn(q, "case_sensitive is not carried: GIFT short answers ignore case",
                 "use Moodle XML")
    if q.ignore_punctuation:
        ctx.warn(q, "ignore_punctuation is not carried: Moodle compares punctuation")
    lines = [f"={escape(short_answer(ctx.t(a)))}{_feedback(ctx, q, q.feedback_right)}"
             for a in q.answers]
    lines += [f"={_credit(ctx, q, p.credit)}{escape(short_answer(ctx.t(p.answer)))}"
              f"{_feedback(ctx, q, p.feedback)}" for p in q.partial]
    _unsaid(ctx, q, q.feedback_wrong)
    return "\n".join(lines)


def _unsaid(ctx: BankContext, q, feedback_wrong) -> None:
    if feedback_wrong:
        ctx.warn(q, "feedback_wrong is left out: GIFT has no feedback for any other answer",
                 "use Moodle XML, where it becomes a '*' answer")


def _numeric(ctx: BankContext, q) -> str:
    if q.unit:
        ctx.warn(q, f"the unit {ctx.t(q.unit)!r} is left out: GIFT numeric answers have no "
                 "units", "name the unit in the prompt, or use Moodle XML")
    _unsaid(ctx, q, q.feedback_wrong)
    answers = [f"={_credit(ctx, q, a.credit)}{number(a.value)}:{number(a.tolerance)}"
               f"{_feedback(ctx, q, a.feedback)}" for a in q.answers]
    return "#\n" + "\n".join(answers)


def _matching(ctx: BankContext, q) -> str:
    return "\n".join(f"={_md(ctx, q, p.left)} -> {escape(plain_right(ctx, q, p.right))}"
                     for p in q.pairs)


def _open(ctx: BankContext, q) -> str:
    if q.model_answer or q.checklist:
        ctx.warn(q, "the model answer is left out: GIFT has no grader information",
                 "use Moodle XML, where it becomes the essay's grader information")
    return ""


ANSWERS = {"single": _choice, "multiple": _choice, "true-false": _true_false,
           "fill-in": _fill_in, "matching": _matching, "open": _open, "numeric": _numeric}
