"""Partial credit reaches the LMS: a SCORM package whose post-test is the scored bank
(tests/data/lms/quizzes/alpha-scored.yaml) reports the credit-weighted percent to scorm-again
and a relaunch restores the typed number."""

from __future__ import annotations

import pytest

from tests.lmskit import lms_project

from .test_scorm import VERSIONS, _launch, _post_test, _received, served_packages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lms(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("scorm-scored")
    root = lms_project(tmp)
    module = root / "modules" / "alpha.yaml"
    module.write_text(module.read_text().replace("bank: alpha-exam", "bank: alpha-scored"))
    yield from served_packages(tmp, root)


@pytest.mark.parametrize("version", list(VERSIONS))
def test_credit_weighted_score_reaches_the_lms(version: str, lms, browser) -> None:
    root, base = lms
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    quiz = _post_test(page, _launch(page, base, version), root, version)
    quiz.fieldset("s-number").locator("input").fill("26")     # 1 of 2
    quiz.fieldset("s-decimal").locator("input").fill("2,53")  # 1 of 1
    quiz._label_for(quiz.fieldset("s-single"), "Beta").click()  # 0.5 of 1
    quiz._label_for(quiz.fieldset("s-tf"), quiz.t("true")).click()  # 1 of 1
    quiz.fieldset("s-fill").locator("input").fill("gamma")    # 0.25 of 1
    assert "s-essay" not in quiz.shown()  # open questions stay out of SCORM packages
    result = quiz.finish()
    assert (result["points"], result["max"], result["percent"]) == (3.75, 6, 62)
    got = _received(page, version)
    assert (got["raw"], got["min"], got["max"]) == ("62", "0", "100")
    assert got["status"] == "failed"  # pass mark 70
    page.close()

    stored = {"suspend_data": got["suspend_data"]}
    page = browser.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    quiz = _post_test(page, _launch(page, base, version, stored), root, version)
    assert quiz.fieldset("s-number").locator("input").input_value() == "26"
    assert quiz.fieldset("s-number").get_attribute("data-points") == "1"
    page.close()
    assert not errors
