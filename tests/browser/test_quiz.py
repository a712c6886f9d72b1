"""End-to-end tests of the quiz pages of the built sample site, in headless Chromium."""

from __future__ import annotations

import json
import re

import pytest
from quizkit import STORAGE_PREFIX, QuizPage, expected_points, open_quiz, types

pytestmark = pytest.mark.browser

ALL_TYPES = ["single", "multiple", "true-false", "fill-in", "matching", "ordering", "open"]


def _quiz_with(site, kind):
    """A quiz page whose bank has a question of this type (smallest draw first)."""
    return site.richest(lambda q: kind in types(q))


def _first_of(qp: QuizPage, kind: str) -> str:
    return next(i for i in qp.shown() if qp.by_id[i]["type"] == kind)


# ---------------------------------------------------------------- every type, right and wrong


@pytest.mark.parametrize("how", ["right", "wrong"])
@pytest.mark.parametrize("kind", ALL_TYPES)
def test_each_type_right_and_wrong(page, site, kind, how):
    url, data = _quiz_with(site, kind)
    qp = open_quiz(page, site, url, data, need={kind})
    qid = _first_of(qp, kind)
    fs = qp.fieldset(qid)
    assert fs.locator(".cb-feedback").inner_text() == ""  # nothing before Check
    qp.answer_and_check(qid, how)
    q = qp.by_id[qid]
    if kind == "open":
        # self-rated: the model answer and the checklist appear after Check
        assert fs.locator(".cb-checklist input[type=checkbox]").count() == max(
            1, len(q.get("checklist") or [])
        )
        if q.get("model_answer"):
            assert fs.locator(".cb-model").is_visible()
        res = qp.finish()
        want = q.get("points", 1) if how == "right" else 0
        assert qp.points(qid) == (want, q.get("points", 1))
        return
    verdict = fs.locator(".cb-verdict")
    assert verdict.is_visible()
    # the verdict is given in words (and an icon), not by colour alone
    word = qp.t("correct") if how == "right" else qp.t("incorrect")
    assert verdict.inner_text().find(word) >= 0
    assert verdict.locator(".cb-icon").inner_text().strip() in ("\u2713", "\u2717")
    assert qp.points(qid) == (expected_points(q, how), q.get("points", 1))
    # inputs are locked after Check
    locked = fs.locator("input:not([disabled]):not([readonly]), select:not([disabled])")
    assert fs.locator(".cb-options, .cb-match, .cb-fill").count() == 0 or locked.count() == 0
    if q.get("explanation"):
        assert fs.locator(".cb-explanation").is_visible()
    res = qp.finish()
    assert res["points"] >= qp.points(qid)[0]


def test_all_right_scores_100_and_all_wrong_0(page, site):
    url, data = site.richest(lambda q: q.get("attempts") in (None,) or q["attempts"] >= 2)
    qp = open_quiz(page, site, url, data)
    for qid in qp.shown():
        qp.answer_and_check(qid, "right")
    res = qp.finish()
    assert res["percent"] == 100 and res["points"] == res["max"]
    qp.new_attempt()
    for qid in qp.shown():
        qp.answer_and_check(qid, "wrong")
    res = qp.finish()
    assert res["percent"] == 0 and res["points"] == 0
    e = qp.entry()
    assert e["attempts"] == 2 and e["first"] == 100 and e["best"] == 100 and e["last"] == 0


@pytest.mark.parametrize("kind", ["multiple", "matching", "ordering", "open"])
def test_partial_credit(page, site, kind):
    def suitable(q):
        if q["type"] != kind:
            return False
        if kind == "multiple":
            return sum(1 for o in q["options"] if o.get("correct")) >= 2
        if kind == "matching":
            return len({p["right"] for p in q["pairs"]}) == len(q["pairs"]) >= 2
        if kind == "ordering":
            return len(q["items"]) >= 3
        return len(q.get("checklist") or []) >= 2

    url, data = site.richest(lambda d: any(suitable(q) for q in d["questions"]))
    qp = open_quiz(page, site, url, data)
    for _ in range(40):
        ids = [i for i in qp.shown() if suitable(qp.by_id[i])]
        if ids:
            break
        page.reload()
    qid = ids[0]
    q = qp.by_id[qid]
    qp.answer_and_check(qid, "partial")
    if kind != "open":
        assert qp.fieldset(qid).locator(".cb-verdict").inner_text().find(qp.t("partly")) >= 0
    qp.finish()
    got, mx = qp.points(qid)
    assert 0 < got < mx
    assert got == pytest.approx(expected_points(q, "partial"))


# ---------------------------------------------------------------- feedback details


def test_answers_not_in_dom_before_check_and_show_answer(page, site):
    url, data = site.richest(lambda q: q.get("show_answers"))
    qp = open_quiz(page, site, url, data)
    html = qp.root.inner_html()
    for qid in qp.shown():
        q = qp.by_id[qid]
        for key in ("explanation", "model_answer"):
            if q.get(key):
                assert q[key] not in html
        for o in q.get("options") or []:
            if o.get("feedback"):
                assert o["feedback"] not in html
        assert qp.fieldset(qid).locator(".cb-show").count() == 0  # only after a check
    assert "correct" not in page.evaluate(
        "() => [...document.querySelectorAll('.cb-quiz *')]"
        ".flatMap(e => [...e.attributes].map(a => a.name + '=' + a.value)).join(' ')"
    )
    qid = next(i for i in qp.shown() if qp.by_id[i]["type"] != "open")
    qp.answer_and_check(qid, "wrong")
    fs = qp.fieldset(qid)
    fs.locator("button.cb-show").click()
    assert fs.locator(".cb-answer").is_visible()
    assert fs.locator(".cb-answer").inner_text().strip() != ""


def test_show_answer_absent_when_disabled(page, site):
    off = [(u, q) for u, q in site.quizzes if q.get("show_answers") is False]
    if off:
        url, data = off[0]
    else:  # the sample has none: serve a real quiz page with show_answers switched off
        url, data = site.richest()
        data = {**data, "show_answers": False}

        def patch(route):
            body = route.fetch().text()
            body = re.sub(r'"show_answers":\s*true', '"show_answers": false', body)
            route.fulfill(body=body, content_type="text/html; charset=utf-8")

        page.route(site.url(url), patch)
    qp = open_quiz(page, site, url, data)
    qid = next(i for i in qp.shown() if qp.by_id[i]["type"] != "open")
    qp.answer_and_check(qid, "wrong")
    assert qp.fieldset(qid).locator(".cb-verdict").is_visible()
    assert qp.fieldset(qid).locator("button.cb-show").count() == 0


def test_hint_button(page, site):
    url, data = site.find(lambda q: any(x.get("hint") for x in q["questions"]))
    qp = open_quiz(page, site, url, data)
    for _ in range(40):
        ids = [i for i in qp.shown() if qp.by_id[i].get("hint")]
        if ids:
            break
        page.reload()
    fs = qp.fieldset(ids[0])
    btn = fs.locator("button.cb-hintbtn")
    assert btn.get_attribute("aria-expanded") == "false"
    btn.click()
    assert btn.get_attribute("aria-expanded") == "true"
    assert fs.locator(".cb-hint").is_visible()
    no_hint = [i for i in qp.shown() if not qp.by_id[i].get("hint")]
    for i in no_hint:
        assert qp.fieldset(i).locator("button.cb-hintbtn").count() == 0


def test_check_without_answer_asks_for_one(page, site):
    url, data = site.richest()
    qp = open_quiz(page, site, url, data)
    qid = next(i for i in qp.shown() if qp.by_id[i]["type"] != "ordering")
    qp.check(qid)
    assert qp.fieldset(qid).locator("button.cb-check").is_visible()
    page.wait_for_function(
        "t => document.querySelector('.cb-quiz .cb-sr').textContent === t", arg=qp.t("answer_first")
    )


def test_options_shuffled(page, site):
    url, data = site.find(
        lambda d: d.get("shuffle") and any(len(q.get("options") or []) >= 4 for q in d["questions"])
    )
    qp = open_quiz(page, site, url, data)
    seen: dict[str, set] = {}
    for _ in range(15):
        for qid in qp.shown():
            if len(qp.by_id[qid].get("options") or []) >= 4:
                labels = qp.fieldset(qid).locator(".cb-opt label").all_text_contents()
                seen.setdefault(qid, set()).add(tuple(labels))
        if any(len(v) > 1 for v in seen.values()):
            return
        page.reload()
        qp.root.locator("fieldset.cb-q").first.wait_for()
    pytest.fail("options never came in another order")


# ---------------------------------------------------------------- progress, pass and fail, attempts


def test_progress_kept_after_reload(page, site):
    url, data = site.richest()
    qp = open_quiz(page, site, url, data)
    for qid in qp.shown():
        qp.answer_and_check(qid, "right")
    res = qp.finish()
    page.reload()
    qp = QuizPage(page, data)
    qp.root.locator(".cb-meta").wait_for()
    e = qp.entry()
    assert e["attempts"] == 1 and e["best"] == res["percent"] == 100
    assert e["kind"] == data["kind"] and e["at"]
    assert qp.t("best_result").split("{")[0].strip() in qp.root.locator(".cb-meta").inner_text()
    if data.get("attempts"):
        left = qp.t("attempts_left", n=data["attempts"] - 1, total=data["attempts"])
        assert left in qp.root.locator(".cb-meta").inner_text()


def _post_test(site):
    return site.find(lambda q: q["kind"] == "post" and q.get("pass_mark") is not None)


def test_pass_post_test(page, posts_site):
    site = posts_site
    url, data = _post_test(site)
    qp = open_quiz(page, site, url, data)
    for qid in qp.shown():
        qp.answer_and_check(qid, "right")
    res = qp.finish()
    assert res["passed"] == "true" and res["percent"] >= data["pass_mark"]
    assert qp.t("passed", pass_mark=data["pass_mark"]) in res["text"]
    assert qp.entry()["passed"] is True


def test_fail_post_test(page, posts_site):
    site = posts_site
    url, data = _post_test(site)
    qp = open_quiz(page, site, url, data)
    for qid in qp.shown():
        qp.answer_and_check(qid, "wrong")
    res = qp.finish()
    assert res["passed"] == "false" and res["percent"] < data["pass_mark"]
    assert qp.t("failed", pass_mark=data["pass_mark"]) in res["text"]
    assert qp.entry()["passed"] is False
    # the result says so in words, with an icon: not by colour alone
    assert "\u2717" in res["text"]


def test_run_out_of_attempts(page, posts_site):
    site = posts_site
    url, data = site.find(lambda q: q.get("attempts"))
    n = data["attempts"]
    qp = open_quiz(page, site, url, data)
    for k in range(n):
        for qid in qp.shown():
            qp.answer_and_check(qid, "right" if k == 1 else "wrong")
        res = qp.finish()
        if k < n - 1:
            assert qp.t("attempts_left", n=n - k - 1, total=n) in res["text"]
            qp.new_attempt()
    assert qp.root.locator("button.cb-again").count() == 0
    assert qp.t("no_attempts", attempts=n) in res["text"]
    best = 100 if n > 1 else 0
    page.reload()
    qp = QuizPage(page, data)
    qp.root.locator(".cb-result").wait_for()
    assert qp.root.locator("fieldset.cb-q").count() == 0
    assert qp.root.locator("button.cb-finish").is_hidden()
    text = qp.root.locator(".cb-result").inner_text()
    assert qp.t("best_result", percent=best) in text
    assert qp.entry()["attempts"] == n


def test_draw_from_bank(page, site):
    url, data = site.find(lambda q: q.get("draw") and q["draw"] < len(q["questions"]))
    bank = {q["id"]: q for q in data["questions"]}
    qp = open_quiz(page, site, url, data)
    draws = []
    for _ in range(2):
        ids = qp.shown()
        assert len(ids) == data["draw"] == len(set(ids))
        assert set(ids) <= set(bank)
        for qid in ids:  # each rendered as its bank question's type
            assert (
                qp.fieldset(qid).get_attribute("class").split()[-1] == "cb-q-" + bank[qid]["type"]
            )
        draws.append(frozenset(ids))
        res = qp.finish()
        assert res["max"] == sum(bank[i].get("points", 1) for i in ids)
        if qp.root.locator("button.cb-again").count() == 0:
            break
        qp.new_attempt()
    # an unfinished attempt does not count: reloading draws again; the draws differ sooner or later
    for _ in range(30):
        if len(set(draws)) > 1:
            break
        page.reload()
        qp.root.locator("fieldset.cb-q").first.wait_for()
        draws.append(frozenset(qp.shown()))
    assert len(set(draws)) > 1


# ---------------------------------------------------------------- robustness


CORRUPT = [
    "{not json",
    "null",
    "[]",
    '"a string"',
    '{"schema": 99, "quizzes": {}}',
    '{"schema": 1, "quizzes": [1, 2, 3]}',
    '{"schema": 1, "quizzes": {"%KEY%": "broken"}}',
    '{"schema": 1, "quizzes": {"%KEY%": {"attempts": "many", "best": "all"}}}',
    '{"schema": 1, "quizzes": {"%KEY%": {"attempts": 1e309, "best": null}}}',
]


@pytest.mark.parametrize("raw", CORRUPT)
def test_corrupt_storage(page, site, raw):
    url, data = site.richest()
    key = "/".join(x for x in (data.get("module"), data["quiz"]) if x)
    page.goto(site.url(url))
    page.evaluate(
        "([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }",
        [STORAGE_PREFIX + data["course"], raw.replace("%KEY%", key)],
    )
    page.reload()
    qp = QuizPage(page, data)
    qp.root.locator("fieldset.cb-q").first.wait_for()
    qid = qp.shown()[0]
    qp.answer_and_check(qid, "right")
    res = qp.finish()
    st = qp.storage()
    assert st["schema"] == 1
    assert st["quizzes"][key]["attempts"] == 1
    assert st["quizzes"][key]["best"] == res["percent"]


def test_foreign_keys_left_alone(page, site):
    url, data = site.richest()
    page.goto(site.url(url))
    page.evaluate("() => localStorage.setItem('other-app', 'keep me')")
    page.reload()
    qp = QuizPage(page, data)
    qp.finish()
    assert page.evaluate("() => localStorage.getItem('other-app')") == "keep me"


def test_storage_unavailable(browser, site):
    ctx = browser.new_context()
    ctx.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page = ctx.new_page()
    errors = []
    # the theme's own scripts may fail without storage; quiz.js must not
    page.on(
        "pageerror",
        lambda e: errors.append(e.stack or "") if "quiz.js" in (e.stack or "") else None,
    )
    try:
        url, data = site.richest()
        qp = open_quiz(page, site, url, data)
        assert qp.t("storage_off") in qp.root.locator(".cb-meta").inner_text()
        for qid in qp.shown():
            qp.answer_and_check(qid, "right")
        res = qp.finish()
        assert res["percent"] == 100
        assert not errors
    finally:
        ctx.close()


def test_init_is_idempotent(page, site):
    url, data = site.richest()
    qp = open_quiz(page, site, url, data)
    n = qp.root.locator("fieldset.cb-q").count()
    page.evaluate(
        "() => { CBQuiz.init(); CBQuiz.init();"
        " document.dispatchEvent(new Event('DOMContentLoaded')); }"
    )
    assert qp.root.locator("fieldset.cb-q").count() == n
    assert page.locator(".cb-quiz .cb-meta").count() == 1


def test_file_url(page, site):
    url, data = site.richest()
    path = site.root / (url + "index.html" if url.endswith("/") or not url else url)
    page.goto(path.resolve().as_uri())
    qp = QuizPage(page, data)
    qp.root.locator("fieldset.cb-q").first.wait_for()
    assert qp.root.locator(".cb-noscript").count() == 0
    for qid in qp.shown():
        qp.answer_and_check(qid, "right")
    res = qp.finish()
    assert res["percent"] == 100
    page.reload()
    qp = QuizPage(page, data)
    qp.root.locator(".cb-meta").wait_for()
    assert (qp.entry() or {}).get("best") == 100 or qp.t("storage_off") in qp.root.inner_text()


# ---------------------------------------------------------------- keyboard only


def _tab_to(page, js_pred: str, limit: int = 80):
    """Press Tab (then Shift+Tab) until document.activeElement satisfies js_pred(el)."""
    for key in ("Tab", "Shift+Tab"):
        for _ in range(limit):
            if page.evaluate(
                f"(() => {{ const el = document.activeElement; return !!({js_pred}); }})()"
            ):
                return
            page.keyboard.press(key)
    raise AssertionError(f"could not reach {js_pred} with the keyboard")


def _focused_text(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; const l = e.labels && e.labels[0];"
        " return (l ? l.textContent : e.textContent).replace(/\\s+/g, ' ').trim(); }"
    )


def _in_q(qid: str, sel: str) -> str:
    """A JS test: el matches sel inside the fieldset of question qid."""
    fs = "el.closest('fieldset.cb-q')"
    return f"el.matches({json.dumps(sel)}) && {fs} && {fs}.dataset.qid === {json.dumps(qid)}"


def test_keyboard_only(page, site):
    from quizkit import plain

    url, data = site.richest()
    qp = open_quiz(page, site, url, data)
    kb = page.keyboard
    for qid in qp.shown():
        q = qp.by_id[qid]
        kind = q["type"]
        if kind in ("single", "true-false"):
            want = (
                plain(next(o["text"] for o in q["options"] if o.get("correct")))
                if kind == "single"
                else qp.t("true" if q["answer"] else "false")
            )
            _tab_to(page, _in_q(qid, "input[type=radio]"))
            kb.press("Space")
            for _ in range(10):
                if _focused_text(page) == want:
                    break
                kb.press("ArrowDown")
            assert _focused_text(page) == want
            assert page.evaluate("() => document.activeElement.checked")
        elif kind == "multiple":
            good = {plain(o["text"]) for o in q["options"] if o.get("correct")}
            _tab_to(page, _in_q(qid, "input[type=checkbox]"))
            for _ in range(len(q["options"])):
                if _focused_text(page) in good:
                    kb.press("Space")
                kb.press("Tab")
        elif kind == "fill-in":
            _tab_to(page, _in_q(qid, "input[type=text]"))
            kb.type(q["answers"][0])
            kb.press("Enter")  # Enter checks
        elif kind == "matching":
            for i, p in enumerate(q["pairs"]):
                _tab_to(page, _in_q(qid, "select") + f" && el.id.endsWith('s{i}')")
                for _ in range(len(q["pairs"]) + 1):
                    kb.press("ArrowDown")
                    if page.evaluate(
                        "() => document.activeElement.selectedOptions[0].text"
                    ) == plain(p["right"]):
                        break
                assert page.evaluate(
                    "() => document.activeElement.selectedOptions[0].text"
                ) == plain(p["right"])
        elif kind == "ordering":
            items = [plain(x) for x in q["items"]]
            fs = qp.fieldset(qid)
            for pos, name in enumerate(items):
                if qp.current_order(fs).index(name) == pos:
                    continue
                up_of = (
                    "el.closest('li').querySelector('.cb-item').textContent"
                    f".replace(/\\s+/g, ' ').trim() === {json.dumps(name)}"
                )
                _tab_to(page, _in_q(qid, "button.cb-up") + " && " + up_of)
                kb.press("Enter")  # a move button works with Enter ...
                for _ in range(len(items)):
                    if qp.current_order(fs).index(name) == pos:
                        break
                    kb.press("ArrowUp")  # ... and with the arrow keys
                assert qp.current_order(fs).index(name) == pos
                # the move is announced
                said = qp.t("moved", item=name, pos=pos + 1, total=len(items))
                page.wait_for_function(
                    "t => document.querySelector('.cb-quiz .cb-sr').textContent === t", arg=said
                )
            assert qp.current_order(fs) == items
        elif kind == "open":
            _tab_to(page, _in_q(qid, "textarea"))
            kb.type("Dual criminality: the conduct is an offence in both states.")
        if kind != "fill-in":
            _tab_to(page, _in_q(qid, "button.cb-check"))
            kb.press("Enter")
        if kind == "open":
            for i in range(max(1, len(q.get("checklist") or []))):
                _tab_to(page, _in_q(qid, "input[type=checkbox]") + f" && el.id.endsWith('c{i}')")
                kb.press("Space")
        qp.fieldset(qid).locator(".cb-feedback").wait_for()
        if kind != "open":
            assert qp.points(qid)[0] == q.get("points", 1), kind
        # focus stays in the quiz: never lost to <body> after Check
        assert page.evaluate("() => document.activeElement !== document.body")
    _tab_to(page, "el.matches('button.cb-finish')")
    kb.press("Enter")
    if page.locator(".cb-quiz button.cb-finish").is_visible():
        kb.press("Enter")
    res = qp.root.locator(".cb-result")
    res.wait_for()
    assert res.get_attribute("data-percent") == "100"
    # focus moved to the result heading
    assert page.evaluate("() => document.activeElement.closest('.cb-result') !== null")
    # a visible focus indicator
    _tab_to(page, "el.matches('.cb-quiz button')")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
