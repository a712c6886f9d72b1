"""Helpers for the browser tests: what the built site holds (quiz pages and their JSON),
and a driver that answers quiz questions through the real UI, right, wrong or partly right,
knowing the answers from the quiz JSON embedded in the page."""

from __future__ import annotations

import html as htmllib
import re
import sys
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parents[2] / "site_templates" / "assets"
STORAGE_PREFIX = "curriculum-builder:v1:"

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.sitedata

from tests.sitedata import page_json  # noqa: E402 (the page's JSON, quiz data completed)


class Site:
    """What the built site holds: its quiz pages (with their JSON), the progress page."""

    def __init__(self, root: Path, base: str):
        self.root, self.base = root, base
        self.quizzes: list[tuple[str, dict]] = []  # (url relative to site root, quiz JSON)
        self.gain_pages: list[tuple[str, str, str]] = []  # (url, course, module)
        self.progress: tuple[str, dict] | None = None
        for f in sorted(root.rglob("*.html")):
            text = f.read_text("utf-8")
            if "cb-" not in text:
                continue
            url = f.relative_to(root).as_posix()  # works with and without directory URLs
            if 'class="cb-quiz"' in text:
                for blob in page_json(f).values():
                    if "questions" in blob:
                        self.quizzes.append((url, blob))
            if 'class="cb-progress"' in text:
                blob = next(b for b in page_json(f).values() if "modules" in b)
                self.progress = (url, blob)
            for m in re.finditer(
                r'<div class="cb-gain" data-course="([^"]+)" data-module="([^"]+)"', text
            ):
                self.gain_pages.append(
                    (url, htmllib.unescape(m.group(1)), htmllib.unescape(m.group(2)))
                )

    def url(self, rel: str) -> str:
        return self.base + rel

    @staticmethod
    def same_page(a: str, b: str) -> bool:
        """Two absolute URLs of the same page (dir/ and dir/index.html are the same)."""
        return a.removesuffix("index.html") == b.removesuffix("index.html")

    def find(self, pred) -> tuple[str, dict]:
        for url, q in self.quizzes:
            if pred(q):
                return url, q
        pytest.fail("the site has no quiz of the kind this test needs: a feature the sample "
                    "course must show (show_answers, shuffle, hint, ...) is missing from the data")

    def richest(self, pred=lambda q: True) -> tuple[str, dict]:
        """The quiz that shows the most question types in one attempt (ties: smallest bank)."""
        cands = [(u, q) for u, q in self.quizzes if pred(q)]
        if not cands:
            pytest.fail("no suitable quiz in the site: the data lacks what the test checks")
        return max(cands, key=lambda uq: (coverable(uq[1]), -len(uq[1]["questions"])))


def T(strings: dict | None, key: str, **values) -> str:
    """A UI string as quiz.js shows it: the page's table, else the key itself; {name}s filled."""
    text = (strings or {}).get(key, key)
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), text)


def types(q: dict) -> set[str]:
    return {x["type"] for x in q["questions"]}


def coverable(q: dict) -> int:
    """How many question types one attempt of this quiz can show at once."""
    draw = q.get("draw") or len(q["questions"])
    return min(len(types(q)), draw)


# ---------------------------------------------------------------- answering through the UI


def plain(fragment: str) -> str:
    """Text of an HTML fragment as the browser's textContent gives it, whitespace collapsed."""
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", fragment or ""))).strip()


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


class QuizPage:
    """A loaded quiz page and helpers to answer its displayed questions."""

    def __init__(self, page, data: dict):
        self.page, self.data = page, data
        self.S = data.get("strings") or {}
        self.root = page.locator(".cb-quiz").first
        self.by_id = {q["id"]: q for q in data["questions"]}

    def t(self, key: str, **values) -> str:
        return T(self.S, key, **values)

    def shown(self) -> list[str]:
        return self.root.locator("fieldset.cb-q").evaluate_all("els => els.map(e => e.dataset.qid)")

    def fieldset(self, qid: str):
        return self.root.locator(f'fieldset.cb-q[data-qid="{qid}"]')

    def _label_for(self, fs, text: str):
        labels = fs.locator(".cb-options .cb-opt label")
        texts = [norm(x) for x in labels.all_text_contents()]
        return labels.nth(texts.index(text))

    def answer(self, qid: str, how: str = "right"):
        """Give a right, wrong or partly right answer to one question (without checking it)."""
        q, fs = self.by_id[qid], self.fieldset(qid)
        kind = q["type"]
        if kind in ("single", "multiple"):
            opts = q["options"]
            good = [o for o in opts if o.get("correct")]
            bad = [o for o in opts if not o.get("correct")]
            if how == "right":
                pick = good if kind == "multiple" else good[:1]
            elif how == "partial":
                pick = good[:1]
            else:
                pick = bad if kind == "multiple" else bad[:1]
            for o in pick:
                self._label_for(fs, plain(o["text"])).click()
        elif kind == "true-false":
            val = bool(q["answer"]) if how == "right" else not bool(q["answer"])
            self._label_for(fs, self.t("true" if val else "false")).click()
        elif kind == "fill-in":
            fs.locator("input[type=text]").fill(
                q["answers"][0] if how == "right" else "zz-not-the-answer"
            )
        elif kind == "matching":
            pairs = q["pairs"]
            n = len(pairs)
            sels = fs.locator("select")
            for i, p in enumerate(pairs):
                if how == "right" or (how == "partial" and i == 0):
                    target = p["right"]
                else:  # a different right-hand item
                    target = next(
                        (
                            pairs[(i + k) % n]["right"]
                            for k in range(1, n)
                            if pairs[(i + k) % n]["right"] != p["right"]
                        ),
                        None,
                    )
                    if target is None:
                        continue
                sels.nth(i).select_option(label=plain(target))
        elif kind == "ordering":
            items = [plain(x) for x in q["items"]]
            want = list(items)
            if how == "wrong":
                want = want[::-1]
            elif how == "partial":  # one adjacent swap of the right order
                want[0], want[1] = want[1], want[0]
            self.arrange(fs, want)
        elif kind == "open":
            fs.locator("textarea").fill("My answer: the act must be an offence in both states.")
        else:
            raise AssertionError(kind)

    def current_order(self, fs) -> list[str]:
        return [norm(x) for x in fs.locator(".cb-order .cb-item").all_text_contents()]

    def arrange(self, fs, want: list[str]):
        for p, name in enumerate(want):
            for _ in range(len(want)):
                cur = self.current_order(fs)
                at = cur.index(name)
                if at == p:
                    break
                fs.locator(".cb-order li").nth(at).locator("button.cb-up").click()
        assert self.current_order(fs) == want

    def check(self, qid: str):
        self.fieldset(qid).locator("button.cb-check").click()

    def rate_open(self, qid: str, how: str = "right"):
        boxes = self.fieldset(qid).locator(".cb-checklist input[type=checkbox]")
        n = boxes.count()
        for i in range(n):
            if how == "right" or (how == "partial" and i == 0):
                boxes.nth(i).check()

    def answer_and_check(self, qid: str, how: str = "right"):
        self.answer(qid, how)
        self.check(qid)
        if self.by_id[qid]["type"] == "open":
            self.rate_open(qid, how)

    def points(self, qid: str) -> tuple[float, float]:
        fs = self.fieldset(qid)
        return float(fs.get_attribute("data-points")), float(fs.get_attribute("data-max"))

    def finish(self) -> dict:
        btn = self.root.locator("button.cb-finish")
        btn.click()
        if btn.is_visible():  # open questions revealed by Finish: rate them, then finish again
            btn.click()
        res = self.root.locator(".cb-result")
        res.wait_for(state="visible")
        return {
            "points": float(res.get_attribute("data-points")),
            "max": float(res.get_attribute("data-max")),
            "percent": int(res.get_attribute("data-percent")),
            "passed": res.get_attribute("data-passed"),
            "text": norm(res.text_content()),
        }

    def new_attempt(self):
        self.root.locator("button.cb-again").click()

    def storage(self) -> dict:
        return self.page.evaluate(
            "k => JSON.parse(localStorage.getItem(k) || 'null')",
            STORAGE_PREFIX + self.data["course"],
        )

    def entry(self) -> dict | None:
        st = self.storage() or {}
        key = "/".join(x for x in (self.data.get("module"), self.data["quiz"]) if x)
        return (st.get("quizzes") or {}).get(key)


def open_quiz(
    page, site: Site, url: str, data: dict, need: set[str] | None = None, tries: int = 40
) -> QuizPage:
    """Load a quiz page; when a draw is random, reload until the drawn questions cover `need`."""
    page.goto(site.url(url))
    qp = QuizPage(page, data)
    qp.root.locator("fieldset.cb-q, .cb-result").first.wait_for()
    for _ in range(tries):
        if not need or need <= {qp.by_id[i]["type"] for i in qp.shown()}:
            return qp
        page.reload()
        qp.root.locator("fieldset.cb-q").first.wait_for()
    pytest.fail(f"could not draw questions of types {need} from {url}")


def expected_points(q: dict, how: str) -> float:
    """Reference values of the documented scoring rules for the answers QuizPage.answer gives."""
    pts = q.get("points", 1)
    kind = q["type"]
    if how == "right":
        return pts
    if how == "wrong":
        return 0
    if kind == "multiple":
        n = sum(1 for o in q["options"] if o.get("correct"))
        return round(pts / n, 2)
    if kind == "matching":
        return round(
            pts / len(q["pairs"]), 2
        )  # only the first pair right (right-hand texts differ)
    if kind == "ordering":
        n = len(q["items"])
        return round(pts * (n - 2) / (n - 1), 2)
    if kind == "open":
        return round(pts * 1 / max(1, len(q.get("checklist") or [])), 2)
    raise AssertionError(kind)
