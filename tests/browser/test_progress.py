"""My progress page, certificate of completion and knowledge gain, in headless Chromium."""

from __future__ import annotations

import json

import pytest
from quizkit import STORAGE_PREFIX, T, open_quiz

pytestmark = pytest.mark.browser


def _progress(site):
    if not site.progress:
        pytest.fail("the site has no progress page")
    return site.progress


def _seed(page, site, course: str, quizzes: dict):
    """Open the site's home page and write this course's progress into localStorage."""
    page.goto(site.url(""))
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [STORAGE_PREFIX + course, json.dumps({"schema": 1, "quizzes": quizzes})],
    )


def _locked(data) -> str:
    """What the certificate box says before every post-test is passed: with a post-test taken
    in the LMS (an LMS-only bank), the LMS issues the certificate (docs/lms.md)."""
    return "cert_lms" if data.get("lms_posts") else "cert_locked"


def _entry(best, kind, passed, attempts=1, first=None):
    return {
        "attempts": attempts,
        "first": best if first is None else first,
        "best": best,
        "last": best,
        "passed": passed,
        "at": "2025-11-20T10:00:00.000Z",
        "kind": kind,
    }


def _all_posts(data, best=95, passed=True) -> dict:
    out = {}
    for m in data["modules"]:
        for z in m["quizzes"]:
            if z["kind"] == "post":
                out[f"{m['id']}/{z['quiz']}"] = _entry(best, "post", passed)
    return out


def test_progress_page_lists_every_quiz(page, site):
    url, data = _progress(site)
    page.goto(site.url(url))
    S = data.get("strings")
    rows = page.locator(".cb-progress tbody tr")
    want = sum(len(m["quizzes"]) for m in data["modules"])
    assert rows.count() == want
    body = page.locator(".cb-progress").inner_text()
    for m in data["modules"]:
        assert m["title"] in body
    assert body.count(T(S, "not_attempted")) == want
    assert T(S, _locked(data)) in body
    # the links lead to the quiz pages
    hrefs = page.locator(".cb-progress tbody td a").evaluate_all("els => els.map(a => a.href)")
    assert len(hrefs) == want
    for h in hrefs[:3]:
        r = page.request.get(h)
        assert r.ok, h


def test_progress_after_a_real_attempt(page, site):
    _, pdata = _progress(site)
    url, data = site.find(
        lambda q: q["kind"] == "post" and q.get("pass_mark") is not None and q["module"]
    )
    qp = open_quiz(page, site, url, data)
    for qid in qp.shown():
        qp.answer_and_check(qid, "right")
    res = qp.finish()
    page.goto(site.url(site.progress[0]))
    rows = page.locator(".cb-progress tbody tr")
    hrefs = rows.evaluate_all("trs => trs.map(tr => tr.querySelector('td a').href)")
    row = rows.nth(next(i for i, h in enumerate(hrefs) if site.same_page(h, site.url(url))))
    assert f"{res['percent']}%" in row.inner_text()
    assert T(pdata.get("strings"), "status_passed") in row.inner_text()


def test_certificate_after_all_post_tests(page, site_posts):
    site = site_posts
    url, data = _progress(site)
    S = data.get("strings")
    posts = _all_posts(data)
    assert posts, "the course has post-tests"
    # all but one passed: no certificate yet
    first = next(iter(posts))
    partial = dict(posts)
    partial[first] = _entry(40, "post", False, attempts=2)
    _seed(page, site, data["course"], partial)
    page.goto(site.url(url))
    root = page.locator(".cb-progress")
    assert T(S, "cert_locked") in root.inner_text()
    assert T(S, "posts_passed", n=len(posts) - 1, total=len(posts)) in root.inner_text()
    assert T(S, "status_failed") in root.inner_text()
    # all passed
    _seed(page, site, data["course"], posts)
    page.goto(site.url(url))
    assert T(S, "posts_passed", n=len(posts), total=len(posts)) in root.inner_text()
    name_box = page.get_by_label(T(S, "cert_name"))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    # an empty name is refused
    root.locator("button.cb-cert-show").click()
    assert root.locator(".cb-cert").count() == 0
    name_box.fill("Айгерим Садыкова")
    name_box.press("Enter")
    cert = root.locator(".cb-cert")
    cert.wait_for()
    text = cert.inner_text()
    assert "Айгерим Садыкова" in text
    assert data["title"] in text
    for m in data["modules"]:
        assert m["title"] in text
    assert T(S, "cert_title") in text
    assert root.locator("button.cb-print").is_visible()
    assert not [r for r in requests if "Айгерим" in r or "%D0%90" in r], "the name is never sent"
    # printing shows the certificate only
    page.emulate_media(media="print")
    assert cert.is_visible()
    assert (
        page.locator("table.cb-table").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    )
    assert root.locator("button.cb-print").evaluate("e => getComputedStyle(e).display") == "none"
    page.emulate_media(media="screen")


def test_reset_with_confirmation(page, site):
    url, data = _progress(site)
    S = data.get("strings")
    _seed(page, site, data["course"], _all_posts(data))
    page.goto(site.url(url))
    root = page.locator(".cb-progress")
    root.locator("button.cb-reset").click()
    confirm = root.locator(".cb-confirm")
    assert confirm.is_visible() and T(S, "reset_confirm") in confirm.inner_text()
    # cancel keeps everything
    confirm.locator("button.cb-reset-no").click()
    assert confirm.is_hidden()
    assert page.evaluate("k => localStorage.getItem(k)", STORAGE_PREFIX + data["course"])
    # confirm deletes
    root.locator("button.cb-reset").click()
    root.locator("button.cb-reset-yes").click()
    assert page.evaluate("k => localStorage.getItem(k)", STORAGE_PREFIX + data["course"]) is None
    assert T(S, _locked(data)) in root.inner_text()
    assert root.inner_text().count(T(S, "not_attempted")) == sum(
        len(m["quizzes"]) for m in data["modules"]
    )
    page.wait_for_function(
        "t => document.querySelector('.cb-progress .cb-sr').textContent === t",
        arg=T(S, "reset_done"),
    )


def test_progress_page_with_corrupt_storage(page, site):
    url, data = _progress(site)
    page.goto(site.url(""))
    page.evaluate(
        'k => localStorage.setItem(k, \'{"schema":1,"quizzes":{"x/y":[1]}\')',
        STORAGE_PREFIX + data["course"],
    )
    page.goto(site.url(url))
    assert page.locator(".cb-progress tbody tr").count() == sum(
        len(m["quizzes"]) for m in data["modules"]
    )


def test_knowledge_gain(page, site):
    if not site.gain_pages:
        pytest.fail("no module page with a knowledge-gain box")
    url, course, module = site.gain_pages[0]
    page.goto(site.url(url))
    gain = page.locator(f'.cb-gain[data-module="{module}"]')
    assert gain.inner_text().strip() == ""  # nothing before both tests exist
    _seed(
        page,
        site,
        course,
        {
            f"{module}/pre-test": _entry(40, "pre", None, attempts=2, first=30),
            f"{module}/post-test": _entry(85, "post", True, attempts=2, first=60),
        },
    )
    page.goto(site.url(url))
    text = gain.inner_text()
    assert "30%" in text and "85%" in text and "+55" in text
    # only the pre-test: still nothing
    _seed(page, site, course, {f"{module}/pre-test": _entry(40, "pre", None)})
    page.goto(site.url(url))
    assert gain.inner_text().strip() == ""


def test_gain_after_real_pre_and_post_tests(page, posts_site):
    site = posts_site
    if not site.gain_pages:
        pytest.fail("no module page with a knowledge-gain box")
    by_mod = {}
    for u, q in site.quizzes:
        by_mod.setdefault(q.get("module"), {})[q["kind"]] = (u, q)
    pages = [g for g in site.gain_pages if {"pre", "post"} <= set(by_mod.get(g[2], {}))]
    if not pages:
        pytest.fail("no module with both a pre-test and a post-test")
    url, _course, module = pages[0]
    for kind, how in (("pre", "wrong"), ("post", "right")):
        u, data = by_mod[module][kind]
        qp = open_quiz(page, site, u, data)
        for qid in qp.shown():
            qp.answer_and_check(qid, how)
        qp.finish()
    page.goto(site.url(url))
    text = page.locator(f'.cb-gain[data-module="{module}"]').inner_text()
    assert "0%" in text and "100%" in text and "+100" in text


def test_progress_uses_the_current_pass_mark(page, posts_site):
    """A "passed" stored under a lower pass mark does not pass under today's."""
    site = posts_site
    url, data = _progress(site)
    S = data.get("strings")
    marked = [(m["id"], z) for m in data["modules"] for z in m["quizzes"]
              if z["kind"] == "post" and (z.get("pass_mark") or 0) > 1]
    assert marked, "the sample course has a post-test with a pass mark"
    module, quiz = marked[0]
    below = quiz["pass_mark"] - 1
    _seed(page, site, data["course"], {f"{module}/{quiz['quiz']}": _entry(below, "post", True)})
    page.goto(site.url(url))
    row = page.locator(".cb-progress tbody tr", has_text=quiz["title"]).first
    assert f"{below}%" in row.inner_text()
    assert T(S, "status_failed") in row.inner_text()
    assert T(S, "status_passed") not in row.inner_text()


def test_each_module_is_its_own_row_group(page, site):
    url, data = _progress(site)
    page.goto(site.url(url))
    page.locator(".cb-progress tbody tr").first.wait_for()
    groups = page.locator(".cb-progress tbody").evaluate_all(
        "bs => bs.map(b => [b.rows.length, b.querySelectorAll('th[scope=rowgroup]').length,"
        " b.rows[0] && b.rows[0].cells[0].getAttribute('scope')])")
    with_quizzes = [m for m in data["modules"] if m["quizzes"]]
    assert [g for g in groups if g[0]] == [[len(m["quizzes"]), 1, "rowgroup"]
                                           for m in with_quizzes]
