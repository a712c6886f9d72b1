"""Gaps of a Moodle cloze question imported as questions (issue 21), answered in Chromium on
the built site: the prompt shows the asked gap as a blank, and the partial credit Moodle gave
(a choice worth 50 %, a short answer worth 50 %) is what the quiz gives."""

from __future__ import annotations

import pytest
from conftest import serving
from quizkit import QuizPage, Site, norm

from builder.adapters.mkdocs_build import build_sites
from builder.imports.cloze import BLANK, OTHER
from tests.test_cloze_import import import_gap_banks, quiz_the_gaps

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gap_site(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("cloze-site")
    project, _ = import_gap_banks(tmp)
    quiz_the_gaps(project)
    built = build_sites(project, project / "mkdocs.yml", tmp / "site") / "en"
    with serving(built) as base:
        yield Site(built, base)


def test_a_gap_is_answered_for_the_credit_moodle_gave(page, gap_site: Site) -> None:
    url, data = gap_site.find(lambda q: any(x["id"] == "extradition-gap1"
                                            for x in q["questions"]))
    page.goto(gap_site.url(url))
    quiz = QuizPage(page, data)
    quiz.fieldset("extradition-gap1").wait_for()
    prompt = norm(quiz.fieldset("extradition-gap1").locator(".cb-prompt")
                  .text_content())
    assert f"It goes to the {BLANK}." in prompt and f"Grounds: {OTHER}" in prompt
    quiz._label_for(quiz.fieldset("extradition-gap1"), "ministry").click()
    quiz.check("extradition-gap1")
    assert quiz.points("extradition-gap1") == (0.5, 1.0)
    field = quiz.fieldset("extradition-gap3").locator("input[type=text]")
    field.fill("Minsk")
    quiz.check("extradition-gap3")
    assert quiz.points("extradition-gap3") == (0.5, 1.0)
    assert "Say which" in norm(quiz.fieldset("extradition-gap3").text_content())
    quiz.answer_and_check("extradition-gap2")
    assert quiz.points("extradition-gap2") == (2.0, 2.0)
