"""Quiz data: what the quiz script needs to run one quiz, as JSON-ready dicts."""

from __future__ import annotations

from typing import Any

from ..model.schema import Bank, QuestionBase, QuizRef
from .localize import Localizer
from .markdown import Fragment, render_all

SCHEMA_VERSION = 1


class _Fragments:
    """Texts to render together (markdown.render_all): each call notes one and stands
    for its HTML until `resolved` puts the HTML in its place."""

    def __init__(self) -> None:
        self.pending: list[Fragment] = []

    def __call__(self, text: str, *, inline: bool = False) -> Fragment:
        fragment = Fragment(text, inline)
        self.pending.append(fragment)
        return fragment

    def resolved(self, value: Any) -> Any:
        render_all(self.pending)
        self.pending = []
        return _with_html(value)


def _with_html(value: Any) -> Any:
    if isinstance(value, Fragment):
        return value.html
    if isinstance(value, list):
        return [_with_html(v) for v in value]
    if isinstance(value, dict):
        return {k: _with_html(v) for k, v in value.items()}
    return value


def question_data(question: QuestionBase, t: Localizer,
                  to_html: Any = None) -> dict[str, Any]:
    """One question with its Markdown rendered to sanitised HTML (`to_html` may note the
    texts for rendering later, with the rest of the bank: _Fragments)."""
    if to_html is None:
        fragments = _Fragments()
        return fragments.resolved(question_data(question, t, fragments))
    data: dict[str, Any] = {"id": question.id, "type": question.type,
                            "prompt": to_html(t(question.prompt)), "points": question.points}
    if not t.is_translated(question.prompt):
        data["lang"] = t.default  # shown untranslated: the script puts it on the question
    for name in ("hint", "explanation"):
        if value := getattr(question, name):
            data[name] = to_html(t(value))
    kind = question.type
    if kind in ("single", "multiple"):
        data["options"] = [_option(o, t, to_html) for o in question.options]
    elif kind == "true-false":
        data["answer"] = question.answer
        _feedbacks(data, question, ("feedback_true", "feedback_false"), t, to_html)
    elif kind == "fill-in":
        data["answers"] = [t(a) for a in question.answers]
        data["case_sensitive"] = question.case_sensitive
        data["ignore_punctuation"] = question.ignore_punctuation
        if question.partial:
            data["partial"] = [_with_feedback({"answer": t(p.answer), "credit": p.credit},
                                              p.feedback, t, to_html) for p in question.partial]
        _feedbacks(data, question, ("feedback_right", "feedback_wrong"), t, to_html)
    elif kind == "numeric":
        data["answers"] = [_with_feedback({"value": a.value, "tolerance": a.tolerance,
                                           "credit": a.credit}, a.feedback, t, to_html)
                           for a in question.answers]
        if question.unit:
            data["unit"] = t(question.unit)
        _feedbacks(data, question, ("feedback_wrong",), t, to_html)
    elif kind == "matching":
        data["pairs"] = [{"left": to_html(t(p.left), inline=True),
                          "right": to_html(t(p.right), inline=True)} for p in question.pairs]
    elif kind == "ordering":
        data["items"] = [to_html(t(i), inline=True) for i in question.items]
    elif kind == "open":
        data["model_answer"] = to_html(t(question.model_answer))
        data["checklist"] = [to_html(t(c), inline=True) for c in question.checklist]
    return data


def _option(option, t: Localizer, to_html: Any) -> dict[str, Any]:
    data = {"text": to_html(t(option.text), inline=True), "correct": option.correct}
    if option.credit:
        data["credit"] = option.credit
    return _with_feedback(data, option.feedback, t, to_html)


def _with_feedback(data: dict[str, Any], feedback, t: Localizer,
                   to_html: Any) -> dict[str, Any]:
    """`data` with its `feedback` as inline HTML, when there is one."""
    if feedback:
        data["feedback"] = to_html(t(feedback), inline=True)
    return data


def _feedbacks(data: dict[str, Any], question: QuestionBase, names: tuple[str, ...],
               t: Localizer, to_html: Any) -> None:
    for name in names:
        if value := getattr(question, name):
            data[name] = to_html(t(value), inline=True)


_RENDERED: dict[tuple[str, str, str], tuple[list[dict[str, Any]], int, int]] = {}


def bank_questions(bank: Bank, t: Localizer) -> list[dict[str, Any]]:
    """The bank's questions as data, rendered once per bank content and language.

    A bank serves a pre-test, a post-test, formative quizzes and its practice page:
    rendering its Markdown once instead of four times, and keeping the result across
    `mkdocs serve` rebuilds while the bank is unchanged, is most of the plugin's work.
    """
    key = (bank.id, t.lang, bank.model_dump_json())
    if key not in _RENDERED:
        if len(_RENDERED) > 4096:
            _RENDERED.clear()
        missing, found = t.missing, t.found
        fragments = _Fragments()
        questions = fragments.resolved([question_data(q, t, fragments) for q in bank.questions])
        _RENDERED[key] = (questions, t.missing - missing, t.found - found)
        t.missing, t.found = missing, found
    questions, missing, found = _RENDERED[key]
    t.missing += missing  # the page still counts the texts it shows, translated or not
    t.found += found
    return questions


def quiz_settings(*, course: str, module: str, quiz: str, kind: str, title: str, bank: Bank,
                  ref: QuizRef | None, lang: str) -> dict[str, Any]:
    """How one quiz runs, without its questions and interface strings."""
    ref = ref or QuizRef(bank=bank.id)
    return {
        "schema": SCHEMA_VERSION, "course": course, "module": module, "quiz": quiz,
        "kind": kind, "title": title, "lang": lang, "draw": ref.draw,
        "pass_mark": ref.pass_mark, "attempts": ref.attempts, "shuffle": ref.shuffle,
        "show_answers": ref.show_answers,
    }


def quiz_data(*, course: str, module: str, quiz: str, kind: str, title: str, bank: Bank,
              ref: QuizRef | None, t: Localizer) -> dict[str, Any]:
    """Everything one quiz needs in one blob: settings, questions, interface strings (the
    site instead loads the questions and strings as shared assets: render.assets)."""
    data = quiz_settings(course=course, module=module, quiz=quiz, kind=kind, title=title,
                         bank=bank, ref=ref, lang=t.lang)
    data["questions"] = bank_questions(bank, t)
    data["strings"] = t.script_table("quiz")
    return data
