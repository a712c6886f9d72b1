"""A question worth `points: 0` (practice, counted for nothing) still says whether it is right."""

from __future__ import annotations

import pytest
from quizkit import ASSETS, QuizPage

from builder.render.localize import ui_strings
from builder.render.templates import script_json

pytestmark = pytest.mark.browser


def _quiz(points: int) -> dict:
    return {"schema": 1, "course": "c", "module": "", "quiz": "bank-x", "kind": "practice",
            "title": "X", "lang": "en", "draw": None, "pass_mark": None, "attempts": None,
            "shuffle": False, "show_answers": True, "strings": ui_strings("quiz", "en"),
            "questions": [{"id": "q", "type": "single", "prompt": "<p>P</p>", "points": points,
                           "options": [{"text": "A", "correct": True},
                                       {"text": "B", "correct": False}]}]}


@pytest.mark.parametrize("points", [0, 1])
@pytest.mark.parametrize(("how", "verdict"), [("wrong", "cb-bad"), ("right", "cb-ok")])
def test_verdict_follows_the_answer_not_the_points(page, points: int, how: str,
                                                   verdict: str) -> None:
    data = _quiz(points)
    page.set_content('<!doctype html><html lang="en"><body><div class="cb-quiz" '
                     'data-quiz-data="d"></div><script type="application/json" id="d">'
                     f"{script_json(data)}</script></body></html>")
    page.add_script_tag(path=str(ASSETS / "quiz.js"))
    quiz = QuizPage(page, data)
    quiz.answer_and_check("q", how)
    shown = quiz.fieldset("q").locator(".cb-verdict")
    assert verdict in shown.get_attribute("class")
    assert quiz.t("incorrect" if how == "wrong" else "correct") in shown.inner_text()
    assert (quiz.fieldset("q").locator("button.cb-show").count() == 1) == (how == "wrong")
