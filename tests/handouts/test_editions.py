"""What each edition holds, checked on the views the templates get (no PDF needed)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from builder.handouts.editions import PROGRAMME, TRAINEE, TRAINER, QuizSection, document, localizer
from builder.handouts.html import render_html
from builder.load.project import Project

from .reading import right_answers, snippet, squash, trainer_only_texts


def view_text(project: Project, lang: str, edition: str) -> str:
    doc = document(project, lang, edition)
    return squash(json.dumps(dataclasses.asdict(doc), ensure_ascii=False, default=str))


def html_text(project: Project, lang: str, edition: str) -> str:
    return squash(render_html(project, document(project, lang, edition)))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_trainee_views_hold_no_trainer_text(handouts_project: Project, lang: str) -> None:
    t = localizer(handouts_project, lang)
    trainee = view_text(handouts_project, lang, TRAINEE)
    trainer = view_text(handouts_project, lang, TRAINER)
    checked = 0
    for module in handouts_project.ordered_modules():
        for text in trainer_only_texts(handouts_project, module, t):
            piece = squash(text)[:40]
            if len(piece) < 12:
                continue
            checked += 1
            assert piece in trainer, piece
            assert piece not in trainee, piece
    assert checked >= 10


def test_trainee_question_views_have_no_answer_fields(handouts_project: Project) -> None:
    doc = document(handouts_project, "en", TRAINEE)
    names = {"key", "correct", "feedback", "explanation", "trainer_notes", "model_answer",
             "rubric", "answer", "accepted", "checklist"}

    def walk(value: object) -> None:
        if dataclasses.is_dataclass(value):
            found = {f.name for f in dataclasses.fields(value)} & names
            assert not found, f"{type(value).__name__} has {found}"
            for f in dataclasses.fields(value):
                if not isinstance(value, QuizSection) or f.name != "repeat_of":
                    walk(getattr(value, f.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(doc)


def test_programme_holds_no_module_content(handouts_project: Project) -> None:
    doc = document(handouts_project, "en", PROGRAMME)
    assert doc.modules == [] and doc.programme
    text = html_text(handouts_project, "en", PROGRAMME)
    assert squash("Draft the request of the case file.") not in text


def test_trainer_html_holds_every_right_answer(handouts_project: Project) -> None:
    t = localizer(handouts_project, "en")
    trainer = html_text(handouts_project, "en", TRAINER)
    for module in handouts_project.ordered_modules():
        for answer in right_answers(handouts_project, module, t):
            assert squash(answer)[:40] in trainer, answer


def test_options_and_items_are_not_in_the_order_that_gives_the_answer(
        handouts_project: Project) -> None:
    doc = document(handouts_project, "en", TRAINEE)
    questions = {q.anchor.rsplit("-", 1)[-1]: q for m in doc.modules
                 for s in [m.pre_test] if s for q in s.questions}
    order = [str(c.html) for c in questions["order"].choices]
    assert order != ["Draft the request", "Translate it", "Send it through the central authority"]
    rights = [str(c.html) for c in questions["match"].rights]
    assert rights != ["art. 18(13)", "art. 46(13)", "art. 27(2)"]


def test_a_bank_printed_twice_points_back(handouts_project: Project) -> None:
    doc = document(handouts_project, "en", TRAINEE)
    module = doc.modules[0]
    assert module.pre_test and module.post_test
    assert module.post_test.repeat_of is module.pre_test
    assert module.post_test.questions == []


def test_snippets_skip_short_texts() -> None:
    assert snippet("Yes.") is None
    assert snippet("- one\n- A longer item that is distinctive enough to search for") == squash(
        "A longer item that is distinctive enough to search for")[:40]
