"""Questions on paper: what a trainee sees, and the answer key that only trainers get.

`trainee_question` reads only the fields a trainee may see (prompt, option texts,
items, pairs' two sides shuffled apart). `answer_key` is the only place that reads
correct marks, feedback, explanations, accepted answers and model answers.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import partial

from markupsafe import Markup

from ..model.schema import QuestionBase
from ..render.links import Rebaser
from ..render.localize import Localizer
from ..render.markdown import to_html

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
WRITING_LINES = {"fill-in": 1, "numeric": 1, "open": 8}


HEADING_SHIFT = 3
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def markdown(text: str, *, inline: bool = False, links: Rebaser | None = None) -> Markup:
    """Author Markdown as sanitised HTML; its headings go below the handout's own (h4+).

    `links` rewrites links to project files (written relative to the YAML file) relative
    to the project root, the base of every handout: without it `../media/map.png` in a
    module would point outside the project and the image would not be printed.
    """
    html = _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + HEADING_SHIFT)}",
                        to_html(text, inline=inline))
    return Markup(links.markdown(html) if links is not None else html)


_markdown = markdown


@dataclass
class Choice:
    """A labelled line of a question: an option, a matching side, an item to order."""

    label: str
    html: Markup


@dataclass
class QuestionView:
    """A question as printed for trainees: nothing in it tells the answer."""

    number: int
    anchor: str
    kind: str
    instruction: str
    prompt: Markup
    points: int
    choices: list[Choice] = field(default_factory=list)
    lefts: list[Choice] = field(default_factory=list)
    rights: list[Choice] = field(default_factory=list)
    lines: int = 0
    unit: str = ""


@dataclass
class KeyedOption:
    label: str
    html: Markup
    correct: bool
    feedback: Markup
    credit: int = 0


@dataclass
class Credited:
    """An answer that earns points (all or some) with what the trainee is told."""

    text: str
    credit: int
    feedback: Markup


@dataclass
class AnswerKey:
    """Everything a trainer needs to mark a question."""

    options: list[KeyedOption] = field(default_factory=list)
    answer: str = ""
    accepted: list[str] = field(default_factory=list)
    credited: list[Credited] = field(default_factory=list)
    feedbacks: list[tuple[str, Markup]] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    pairs: list[tuple[Choice, Choice]] = field(default_factory=list)
    order: list[Choice] = field(default_factory=list)
    model_answer: Markup = field(default_factory=Markup)
    checklist: list[Markup] = field(default_factory=list)
    explanation: Markup = field(default_factory=Markup)


@dataclass
class TrainerQuestion(QuestionView):
    key: AnswerKey = field(default_factory=AnswerKey)


def letter(index: int) -> str:
    """A, B, C ... for the index-th choice; numbers past Z."""
    return LETTERS[index] if index < len(LETTERS) else str(index + 1)


def shuffled(count: int, seed: str) -> list[int]:
    """A fixed order of `count` indices that is never the original one (for count > 1)."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def option_order(question: QuestionBase) -> list[int]:
    """Options in a fixed shuffled order, so the right one is not always where authors put it."""
    order = list(range(len(question.options)))
    random.Random(f"{question.id}:options").shuffle(order)
    return order


def trainee_question(question: QuestionBase, number: int, anchor: str,
                     t: Localizer, links: Rebaser | None = None) -> QuestionView:
    """The allow-list of a question's fields that may be printed for trainees."""
    markdown = partial(_markdown, links=links)
    kind = question.type
    view = QuestionView(number, anchor, kind, t.ui(f"instruction.{kind}"),
                        markdown(t(question.prompt)), question.points,
                        lines=WRITING_LINES.get(kind, 0),
                        unit=t(question.unit) if kind == "numeric" else "")
    if kind in ("single", "multiple"):
        view.choices = [Choice(letter(n), markdown(t(question.options[i].text), inline=True))
                        for n, i in enumerate(option_order(question))]
    elif kind == "true-false":
        view.choices = [Choice("", Markup.escape(t.ui("true"))),
                        Choice("", Markup.escape(t.ui("false")))]
    elif kind == "matching":
        view.lefts = [Choice(str(i), markdown(t(p.left), inline=True))
                      for i, p in enumerate(question.pairs, 1)]
        view.rights = [Choice(letter(n), markdown(t(question.pairs[i].right), inline=True))
                       for n, i in enumerate(shuffled(len(question.pairs), question.id))]
    elif kind == "ordering":
        view.choices = [Choice(letter(n), markdown(t(question.items[i]), inline=True))
                        for n, i in enumerate(shuffled(len(question.items), question.id))]
    return view


def trainer_question(question: QuestionBase, number: int, anchor: str,
                     t: Localizer, links: Rebaser | None = None) -> TrainerQuestion:
    view = trainee_question(question, number, anchor, t, links)
    return TrainerQuestion(**vars(view), key=answer_key(question, t, links))


def answer_key(question: QuestionBase, t: Localizer,
               links: Rebaser | None = None) -> AnswerKey:
    """The right answer of a question, labelled as in the trainee's copy."""
    markdown = partial(_markdown, links=links)
    kind = question.type
    key = AnswerKey(explanation=markdown(t(question.explanation)))
    if kind in ("single", "multiple"):
        options = [question.options[i] for i in option_order(question)]
        key.options = [KeyedOption(letter(n), markdown(t(o.text), inline=True), o.correct,
                                   markdown(t(o.feedback), inline=True), o.credit)
                       for n, o in enumerate(options)]
    elif kind == "true-false":
        key.answer = t.ui("true" if question.answer else "false")
    elif kind == "fill-in":
        key.accepted = [t(a) for a in question.answers]
        key.rules = [t.ui(name) for name in ("case_sensitive", "ignore_punctuation")
                     if getattr(question, name)]
        key.credited = [Credited(t(p.answer), p.credit, markdown(t(p.feedback), inline=True))
                        for p in question.partial]
    elif kind == "numeric":
        key.credited = [Credited(number_range(a, t(question.unit), t.lang), a.credit,
                                 markdown(t(a.feedback), inline=True))
                        for a in question.answers]
    elif kind == "matching":
        letters = {i: letter(n) for n, i in enumerate(shuffled(len(question.pairs),
                                                                   question.id))}
        key.pairs = [(Choice(str(i + 1), markdown(t(p.left), inline=True)),
                      Choice(letters[i], markdown(t(p.right), inline=True)))
                     for i, p in enumerate(question.pairs)]
    elif kind == "ordering":
        letters = {i: letter(n) for n, i in enumerate(shuffled(len(question.items),
                                                                   question.id))}
        key.order = [Choice(letters[i], markdown(t(item), inline=True))
                     for i, item in enumerate(question.items)]
    elif kind == "open":
        key.model_answer = markdown(t(question.model_answer))
        key.checklist = [markdown(t(c), inline=True) for c in question.checklist]
    key.feedbacks = [(t.ui(name), markdown(t(value), inline=True))
                     for name in FEEDBACKS if (value := getattr(question, name, ""))]
    return key


FEEDBACKS = ("feedback_true", "feedback_false", "feedback_right", "feedback_wrong")


def number(value: float, lang: str) -> str:
    """A number as written in `lang`: a decimal comma in Russian, no needless `.0`."""
    text = f"{value:.10g}"
    return text.replace(".", ",") if lang == "ru" else text


def number_range(answer, unit: str, lang: str) -> str:
    """`2.5 ± 0.5 days (2 – 3)`: a numeric answer with its tolerance, as a trainer reads it."""
    text = number(answer.value, lang)
    if answer.tolerance:
        low, high = answer.value - answer.tolerance, answer.value + answer.tolerance
        text += f" ± {number(answer.tolerance, lang)}"
        text += f" {unit}" if unit else ""
        return f"{text} ({number(low, lang)} – {number(high, lang)})"
    return f"{text} {unit}" if unit else text
