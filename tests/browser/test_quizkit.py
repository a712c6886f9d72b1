"""The browser tests' helpers fail, never skip, when the site lacks what a test checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from quizkit import Site

_PAGE = ('<div class="cb-quiz" data-quiz-data="q-data"></div><script type="application/json" '
         'id="q-data">{}</script>')


@pytest.mark.parametrize("lacks", ["show_answers", "shuffle", "hint"])
def test_missing_quiz_feature_fails(tmp_path: Path, lacks: str) -> None:
    data = {"kind": "practice", "show_answers": True, "shuffle": True,
            "questions": [{"id": "q", "type": "single", "hint": "<p>h</p>"}]}
    data.pop(lacks, None)
    data["questions"][0].pop(lacks, None)
    (tmp_path / "quiz.html").write_text(_PAGE.replace("{}", json.dumps(data)), "utf-8")
    site = Site(tmp_path, "http://127.0.0.1/")
    wanted = {"show_answers": lambda q: q.get("show_answers"),
              "shuffle": lambda q: q.get("shuffle"),
              "hint": lambda q: any(x.get("hint") for x in q["questions"])}[lacks]
    for look in (site.find, site.richest):
        with pytest.raises(BaseException) as caught:
            look(wanted)
        assert caught.type is pytest.fail.Exception, f"{look.__name__} skipped instead"
