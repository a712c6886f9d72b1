"""docs/quizzes.md: its YAML examples are valid questions; its scoring claims hold in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from quizkit import ASSETS

DOC = Path(__file__).resolve().parents[2] / "docs" / "quizzes.md"


def _question_blocks() -> list[dict]:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text("utf-8"), re.S)
    out = []
    for b in blocks:
        if b.lstrip().startswith("- id:"):
            out.extend(yaml.safe_load(b))
    return out


def test_examples_cover_every_type():
    from builder.model.schema import QUESTION_TYPES

    assert {q["type"] for q in _question_blocks()} == set(QUESTION_TYPES)


def test_examples_are_valid_questions():
    from builder.model import schema  # the project's own: a broken import must fail

    bank = {"id": "doc-examples", "title": "Examples", "questions": _question_blocks()}
    schema.Bank.model_validate(bank)


# the worked examples of the "How answers are scored" section
CLAIMS = [
    # multiple, 2 right of 4, 1 point -> percentages
    (
        {
            "type": "multiple",
            "options": [
                {"text": "a", "correct": True},
                {"text": "b", "correct": True},
                {"text": "c"},
                {"text": "d"},
            ],
        },
        [([0, 1], 1), ([0], 0.5), ([0, 2], 0), ([0, 1, 2, 3], 0)],
    ),
    # ordering, 5 items, 4 points
    (
        {"type": "ordering", "points": 4, "items": ["a", "b", "c", "d", "e"]},
        [
            ([0, 1, 2, 3, 4], 4),
            ([1, 0, 2, 3, 4], 3),
            ([0, 1, 2, 4, 3], 3),
            ([4, 0, 1, 2, 3], 3),
            ([4, 3, 0, 1, 2], 2),
            ([4, 3, 2, 1, 0], 0),
        ],
    ),
    # matching 2 of 3, open 2 of 3
    (
        {
            "type": "matching",
            "points": 3,
            "pairs": [
                {"left": "a", "right": "1"},
                {"left": "b", "right": "2"},
                {"left": "c", "right": "3"},
            ],
        },
        [([0, 1, 0], 2)],
    ),
    ({"type": "open", "points": 3, "checklist": ["x", "y", "z"]}, [([0, 2], 2)]),
]


@pytest.mark.browser
@pytest.mark.parametrize("question,cases", CLAIMS, ids=[c[0]["type"] for c in CLAIMS])
def test_scoring_claims(browser, question, cases):
    ctx = browser.new_context()
    try:
        pg = ctx.new_page()
        pg.set_content("<!doctype html><title>t</title>")
        pg.add_script_tag(path=str(ASSETS / "quiz.js"))
        for response, points in cases:
            got = pg.evaluate("([q, r]) => CBQuiz.score(q, r).points", [question, response])
            assert got == pytest.approx(points), (response, got)
    finally:
        ctx.close()
