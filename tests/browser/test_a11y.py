"""axe-core on pages with quizzes, before and after feedback, in the light and dark palettes."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from quizkit import open_quiz, types

pytestmark = pytest.mark.browser

ALL = {"single", "multiple", "true-false", "fill-in", "matching", "ordering", "open"}


def _axe(page) -> list[str]:
    """Serious and critical findings in the page's main area (content and navigation).

    The whole page, theme header and footer included, is checked by test_axe_whole_page."""
    return _serious(Axe().run(page, context={"include": [[".md-main"]]}))


def _serious(results) -> list[str]:
    out = []
    for v in results.response["violations"]:
        if v.get("impact") in ("serious", "critical"):
            nodes = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            out.append(f"{v['id']} ({v['impact']}): {v['help']} -> {nodes}")
    return out


def _set_scheme(page, scheme: str):
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_every_question_type(page, site, scheme):
    url, data = site.richest()
    need = types(data) & ALL
    qp = open_quiz(page, site, url, data, need=need)
    _set_scheme(page, scheme)
    assert _axe(page) == [], "before answering"
    # give every kind of feedback: wrong answers, hints, shown answers, a finished result
    for qid in qp.shown():
        fs = qp.fieldset(qid)
        if fs.locator("button.cb-hintbtn").count():
            fs.locator("button.cb-hintbtn").click()
        qp.answer_and_check(qid, "wrong" if qid != qp.shown()[0] else "right")
        if fs.locator("button.cb-show").count():
            fs.locator("button.cb-show").click()
    qp.finish()
    assert _axe(page) == [], "after feedback"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_progress_and_certificate(page, site_posts, scheme):
    site = site_posts  # a site that offers the certificate (no post-test taken in the LMS)
    if not site.progress:
        pytest.fail("no progress page")
    url, data = site.progress
    from test_progress import _all_posts, _seed

    _seed(page, site, data["course"], _all_posts(data))
    page.goto(site.url(url))
    _set_scheme(page, scheme)
    page.locator(".cb-certbox input[type=text]").fill("Test Trainee")
    page.locator(".cb-progress button.cb-cert-show").click()
    page.locator(".cb-progress button.cb-reset").click()
    assert _axe(page) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("rel", ["index.html", "modules/judicial-cooperation/index.html",
                                 "progress.html"])
def test_axe_whole_page(page, site, site_dir, scheme, rel):
    """The whole page, the theme's header, navigation and footer included."""
    page.goto((site_dir / rel).resolve().as_uri())
    _set_scheme(page, scheme)
    findings = _serious(Axe().run(page))
    assert not findings, findings
