"""Numeric questions, partial credit and feedback through the real quiz UI in Chromium: the
quiz data the builder makes for tests/data/lms/quizzes/alpha-scored.yaml, on a page served
with the real quiz.js and quiz.css."""

from __future__ import annotations

import html
import json
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import serving
from quizkit import ASSETS, QuizPage
from test_a11y import _serious

from builder.load.project import load_project
from builder.model.schema import QuizRef
from builder.render.quiz import quiz_data
from builder.render.site import localizer
from tests.lmskit import lms_project

pytestmark = pytest.mark.browser
BANK = "alpha-scored"


@pytest.fixture(scope="module")
def quiz_url(tmp_path_factory: pytest.TempPathFactory):
    """One page per language holding the scored bank as a post-test with pass mark 50."""
    tmp = tmp_path_factory.mktemp("scored-page")
    project = load_project(lms_project(tmp))
    out = tmp / "site"
    out.mkdir()
    for name in ("quiz.js", "quiz.css"):
        shutil.copy(ASSETS / name, out / name)
    for lang in ("en", "ru"):
        data = quiz_data(course="mini", module="alpha", quiz="scored", kind="post",
                         title="Scored", bank=project.banks[BANK], t=localizer(project, lang),
                         ref=QuizRef(bank=BANK, pass_mark=50, shuffle=False))
        blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        (out / f"{lang}.html").write_text(
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>q</title>'
            '<link rel="stylesheet" href="quiz.css"></head><body>'
            '<div class="cb-quiz" data-quiz-data="qd"></div>'
            f'<script type="application/json" id="qd">{blob}</script>'
            '<script src="quiz.js"></script></body></html>', encoding="utf-8")
    with serving(out) as base:
        yield lambda lang: f"{base}{lang}.html"


def _open(page, url: str) -> QuizPage:
    page.goto(url)
    blob = page.locator("#qd").text_content()
    qp = QuizPage(page, json.loads(html.unescape(blob)))
    page.locator("fieldset.cb-q").first.wait_for()
    return qp


def _type_number(qp: QuizPage, qid: str, text: str) -> None:
    """Keyboard only: focus the field, type, Enter checks."""
    field = qp.fieldset(qid).locator("input")
    field.focus()
    qp.page.keyboard.type(text)
    qp.page.keyboard.press("Enter")


@pytest.mark.parametrize("typed,points,verdict,feedback", [
    ("24", 2, "correct", "Right."),
    ("25,5", 1, "partly", "That is the Latin alphabet."),
    ("99", 0, "incorrect", "Count again."),
])
def test_numeric_right_partly_wrong(page, quiz_url, typed, points, verdict, feedback):
    qp = _open(page, quiz_url("en"))
    fs = qp.fieldset("s-number")
    field = fs.locator("input")
    assert field.get_attribute("inputmode") == "decimal"
    label = fs.locator(f'label[for="{field.get_attribute("id")}"]')
    assert label.inner_text() == qp.t("your_number")
    unit = fs.locator(f'#{field.get_attribute("aria-describedby")}')
    assert unit.inner_text() == "letters"
    _type_number(qp, "s-number", typed)
    assert qp.points("s-number") == (points, 2)
    assert qp.t(verdict) in fs.locator(".cb-verdict").inner_text()
    assert fs.locator(".cb-feedback .cb-optfb").inner_text() == feedback


def test_not_a_number_is_not_checked(page, quiz_url):
    qp = _open(page, quiz_url("en"))
    _type_number(qp, "s-number", "twenty")
    fs = qp.fieldset("s-number")
    page.locator(".cb-sr").filter(has_text=qp.t("not_a_number")).wait_for()
    assert fs.get_attribute("data-points") is None
    assert fs.locator("button.cb-check").count() == 1


def test_partial_credit_and_feedback_make_the_total(page, quiz_url):
    qp = _open(page, quiz_url("en"))
    _type_number(qp, "s-number", "26")                       # 1 of 2 (a partly right range)
    _type_number(qp, "s-decimal", "2,53")                    # 1 of 1 (within 0.05)
    qp._label_for(qp.fieldset("s-single"), "Beta").click()   # 0.5 of 1 (credit 50)
    qp.check("s-single")
    qp._label_for(qp.fieldset("s-tf"), qp.t("true")).click()  # 1 of 1
    qp.check("s-tf")
    qp.fieldset("s-fill").locator("input").fill("Gamma")     # 0.25 of 1 (partial, 25)
    qp.check("s-fill")
    qp.fieldset("s-essay").locator("textarea").fill("Beginnings.")
    single = qp.fieldset("s-single")
    assert single.locator(".cb-opt.cb-part .cb-mark").inner_text().strip().endswith(qp.t("partly"))
    assert "Second, half the points." in single.inner_text()
    assert "Yes, the last." in qp.fieldset("s-tf").inner_text()
    assert "Gamma is third." in qp.fieldset("s-fill").inner_text()
    assert [qp.points(q)[0] for q in ("s-number", "s-decimal", "s-single", "s-tf", "s-fill")] \
        == [1, 1, 0.5, 1, 0.25]
    assert _serious(Axe().run(page)) == [], "axe-core after partly right feedback"
    result = qp.finish()                                     # the essay rated 0 of 1
    assert (result["points"], result["max"], result["percent"]) == (3.75, 7, 53)
    assert result["passed"] == "true"
    assert qp.entry()["best"] == 53


def test_russian_label_and_decimal_comma_in_the_answer(page, quiz_url):
    qp = _open(page, quiz_url("ru"))
    fs = qp.fieldset("s-decimal")
    assert fs.locator("label").inner_text() == "Ваш ответ (число)"
    _type_number(qp, "s-decimal", "3")
    fs.locator("button.cb-show").click()
    assert "2,5 ± 0,05" in fs.locator(".cb-answer").inner_text()
