"""Scoring rules of quiz.js, case by case, run in real Chromium (cases: scoring_cases.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from quizkit import ASSETS

CASES = yaml.safe_load((Path(__file__).with_name("scoring_cases.yaml")).read_text("utf-8"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def js(browser):
    ctx = browser.new_context()
    pg = ctx.new_page()
    pg.set_content("<!doctype html><html lang='en'><body></body></html>")
    pg.add_script_tag(path=str(ASSETS / "quiz.js"))
    yield pg
    ctx.close()


@pytest.mark.parametrize(
    "question,response,expected",
    [pytest.param(c[1], c[2], c[3], id=c[0]) for c in CASES["cases"]],
)
def test_score(js, question, response, expected):
    got = js.evaluate("([q, r]) => CBQuiz.score(q, r)", [question, response])
    assert got["points"] == pytest.approx(expected)
    assert got["max"] == question.get("points", 1)


@pytest.mark.parametrize(
    "text,opts,expected",
    [pytest.param(*c, id=str(c[0])) for c in CASES["normalise"]],
)
def test_normalise(js, text, opts, expected):
    assert js.evaluate("([t, o]) => CBQuiz.normalise(t, o)", [text, opts]) == expected


@pytest.mark.parametrize("text,expected",
                         [pytest.param(*c, id=repr(c[0])) for c in CASES["number"]])
def test_number(js, text, expected):
    assert js.evaluate("t => CBQuiz.number(t)", text) == expected
