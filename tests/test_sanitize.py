"""Hostile author Markdown, built into a real site by MkDocs: nothing executable survives.

Authors are trusted staff, but their text is pasted from e-mails, Word and web pages;
the site must not run whatever came along. Every marker below sits inside something
that would run or load (a script, a handler, a URL scheme, a frame); none may reach a
page in a form a browser would act on, and every quiz's JSON must still parse.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from builder.adapters.mkdocs_build import build_sites
from builder.render.sanitize import clean

from .corpus import buildable_copy
from .sitedata import page_json, read_asset

HOSTILE = """\
<script>alert("XSS-SCRIPT")</script>
<img src="https://img.invalid/x.png" onerror="alert('XSS-ONERROR')">
[click](javascript:alert('XSS-JSLINK')) [again](JaVaScRiPt:alert('XSS-JSLINK2'))
<a href=" javascript:alert('XSS-JSLINK3')">spaced</a>
<iframe src="https://evil.invalid/XSS-IFRAME"></iframe>
<style>body { background: url("https://evil.invalid/XSS-STYLE") }</style>
![pixel](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+)
<a href="data:text/html,<script>alert('XSS-DATA')</script>">data link</a>
<svg><script>alert("XSS-SVG")</script><path d="M0 0" onclick="alert('XSS-SVGCLICK')"/></svg>
<svg onload="alert('XSS-SVGLOAD')"><path d="M0 0"/></svg>
<object data="https://evil.invalid/XSS-OBJECT"></object><embed src="https://evil.invalid/XSS-EMBED">
<form action="https://evil.invalid/XSS-FORM"><input type="text" onfocus="alert('XSS-FOCUS')"></form>
<meta http-equiv="refresh" content="0; url=https://evil.invalid/XSS-META">
<base href="https://evil.invalid/XSS-BASE/">
<div style="background:url(javascript:alert('XSS-CSSURL'))">styled</div>

A paragraph with attributes.
{: onclick="alert('XSS-ATTRLIST')" }
"""

PROMPT = ('Which closes the data? </script><script>alert("XSS-PROMPT")</script> '
          '<!-- </script> --> '
          '<img src="https://img.invalid/p.png" onerror="alert(\'XSS-PROMPTIMG\')">')


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = buildable_copy(tmp_path_factory.mktemp("hostile") / "project")
    module = project / "modules" / "alpha.yaml"
    text = module.read_text(encoding="utf-8")
    # Titles refuse HTML at load time (tests/data/invalid/html-in-title.yaml); < and &
    # as plain characters are fine.
    text = text.replace("title: Alpha module", "title: 'Alpha & co < 2 module'")
    text = text.replace("    content: |\n      Alpha is **important**.\n",
                        "    content: |\n" + _indent(HOSTILE, 6))
    text = text.replace("      instructions: Draft it.",
                        "      instructions: |\n" + _indent(HOSTILE, 8).rstrip("\n"))
    module.write_text(text, encoding="utf-8")
    bank = project / "quizzes" / "alpha-bank.yaml"
    text = bank.read_text(encoding="utf-8")
    text = text.replace("    prompt: Which is alpha?", f"    prompt: {json.dumps(PROMPT)}")
    text = text.replace("{text: Alpha, correct: true, feedback: Yes.}",
                        "{text: '<img src=\"https://img.invalid/o.png\" onerror=\"alert(1)\">"
                        "Alpha', correct: true, feedback: '[yes](javascript:alert(\"XSS-FB\"))'}")
    text = text.replace("    explanation: Because.",
                        "    explanation: |\n" + _indent(HOSTILE, 6).rstrip("\n"))
    text = text.replace("title: Alpha questions", "title: Alpha questions\n"
                        "description: |\n" + _indent(HOSTILE, 2).rstrip("\n"))
    bank.write_text(text, encoding="utf-8")
    return build_sites(project, project / "mkdocs.yml", project / "site") / "en"


class _Page(HTMLParser):
    """What a browser would act on: elements, attributes, script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, dict[str, str]] | None = None
        self._body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k.lower(): v or "" for k, v in attrs}
        self.tags.append((tag, found))
        if tag in ("script", "style"):
            self._open, self._body = (tag, found), []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            body = "".join(self._body)
            if tag == "script":
                self.scripts.append((self._open[1], body))
            else:
                self.styles.append(body)
            self._open = None


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_the_hostile_text_reached_the_pages(hostile_site: Path) -> None:
    module = (hostile_site / "modules" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "A paragraph with attributes." in module
    assert "data link" in module and "styled" in module


@pytest.mark.parametrize("forbidden", ["iframe", "object", "embed", "form", "base", "meta"])
def test_no_dangerous_element_from_authors(hostile_site: Path, forbidden: str) -> None:
    for path in _pages(hostile_site):
        for tag, attrs in _parsed(path).tags:
            if tag == forbidden:
                assert "XSS" not in json.dumps(attrs), (path, tag, attrs)


def test_no_event_handler_or_script_url(hostile_site: Path) -> None:
    for path in _pages(hostile_site):
        for tag, attrs in _parsed(path).tags:
            for name, value in attrs.items():
                assert not (name.startswith("on") and "XSS" in value), (path, tag, name)
                squeezed = re.sub(r"\s+", "", value).lower()
                if name in ("href", "src", "action", "formaction", "data", "style"):
                    assert not squeezed.startswith(("javascript:", "data:", "vbscript:")), (
                        path, tag, name, value)
                    assert "javascript:" not in squeezed, (path, tag, name, value)


def test_no_author_script_or_style_runs(hostile_site: Path) -> None:
    for path in _pages(hostile_site):
        page = _parsed(path)
        for attrs, body in page.scripts:
            if attrs.get("type") == "application/json":
                continue
            assert "XSS" not in body, (path, body[:200])
            assert not attrs.get("src", "").lower().startswith(("data:", "javascript:"))
        for body in page.styles:
            assert "XSS" not in body, path


def test_quiz_json_survives_a_closing_script_tag_in_a_prompt(hostile_site: Path) -> None:
    path = hostile_site / "banks" / "alpha-bank.html"
    html = path.read_text(encoding="utf-8")
    blobs = [b for key, b in page_json(path).items() if key.endswith("-data")]
    assert len(blobs) == 1
    prompt = blobs[0]["questions"][0]["prompt"]
    assert "Which closes the data?" in prompt
    assert "XSS-PROMPT" not in prompt and "onerror" not in prompt
    assert html.count("</script>") == html.lower().count("</script>")  # no case tricks
    # Neither the page's data nor the bank's asset holds a raw '<': nothing in them can
    # end an element early, and the asset is one registration call (sitedata.read_asset).
    assert all("<" not in body for attrs, body in _parsed(path).scripts
               if attrs.get("type") == "application/json" and attrs.get("id") != "__config")
    asset = hostile_site / "assets" / "curriculum" / blobs[0]["bank_src"]
    assert "<" not in asset.read_text(encoding="utf-8")
    assert read_asset(asset)[2]["questions"][0]["prompt"] == prompt


def test_every_quiz_page_json_parses(hostile_site: Path) -> None:
    count = 0
    for path in _pages(hostile_site):
        for attrs, body in _parsed(path).scripts:
            if attrs.get("type") == "application/json" and attrs.get("id", "").endswith("-data"):
                json.loads(body)
                count += 1
    assert count >= 5  # bank page, pre-test, session quiz, post-test, progress


@pytest.mark.parametrize("html", [
    '<p>ok</p><script>alert(1)</script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://example.org"></iframe>',
    '<style>p{}</style>',
    '<img src="data:image/png;base64,AAAA">',
    '<svg><script>alert(1)</script></svg>',
    '<svg onload="alert(1)"></svg>',
    '<a href="vbscript:msgbox(1)">x</a>',
])
def test_clean_removes(html: str) -> None:
    cleaned = clean(html)
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<style", "data:",
                "vbscript:", "alert"):
        assert bad not in cleaned.lower(), cleaned


@pytest.mark.parametrize(("html", "kept"), [
    ('<p><strong>Bold</strong> and <a href="https://www.unodc.org/">a link</a></p>', None),
    ('<table><tbody><tr><th scope="col">A</th></tr><tr><td colspan="2">1</td></tr></tbody>'
     '</table>', None),
    ('<details open><summary>More</summary><p>Text</p></details>',
     '<details open=""><summary>More</summary><p>Text</p></details>'),
    ('<img src="../media/map.png" alt="Map" width="300">', None),
])
def test_clean_keeps_the_allowed_html(html: str, kept: str | None) -> None:
    assert clean(html) == (kept or html)


# --- every text field that reaches a trainee page, one marker each ----------------------


def payload(name: str) -> str:
    """Visible text SAFE-<name>, then markup that would run, all marked XSS-<name>."""
    return (f"SAFE-{name} <img src=\"https://img.invalid/{name}.png\" "
            f"onerror=\"alert('XSS-{name}')\"> <script>alert('XSS-{name}')</script> "
            f"[link](javascript:alert('XSS-{name}')) <a href=\"javascript:alert('XSS-{name}')\""
            f" onclick=\"alert('XSS-{name}')\">a</a>")


EXTRA_QUESTIONS = [
    {"id": "q-match", "type": "matching", "prompt": "Match.", "objectives": ["know-alpha"],
     "pairs": [{"left": "L1", "right": "R1"}, {"left": "L2", "right": "R2"}]},
    {"id": "q-order", "type": "ordering", "prompt": "Order.", "objectives": ["know-alpha"],
     "items": ["I1", "I2"]},
    {"id": "q-open", "type": "open", "prompt": "Explain.", "objectives": ["know-alpha"],
     "model_answer": "M", "checklist": ["C1"]},
]
# (file, path to the text, marker); overlays (.ru.yaml) are translated texts, shown in ru.
FIELDS = [
    ("course.yaml", ("summary",), "course-summary"),
    ("course.yaml", ("audience", 0), "course-audience"),
    ("modules/alpha.yaml", ("summary",), "module-summary"),
    ("modules/alpha.yaml", ("audience", 0), "module-audience"),
    ("modules/alpha.yaml", ("objectives", 0, "text"), "objective"),
    ("modules/alpha.yaml", ("sessions", 0, "content"), "session-content"),
    ("modules/alpha.yaml", ("assessment", "exercises", 0, "instructions"), "instructions"),
    ("modules/alpha.yaml", ("references", 0, "instrument"), "ref-instrument"),
    ("modules/alpha.yaml", ("references", 0, "note"), "ref-note"),
    ("quizzes/alpha-bank.yaml", ("description",), "bank-description"),
    ("quizzes/alpha-bank.yaml", ("questions", 0, "prompt"), "prompt"),
    ("quizzes/alpha-bank.yaml", ("questions", 0, "hint"), "hint"),
    ("quizzes/alpha-bank.yaml", ("questions", 0, "explanation"), "explanation"),
    ("quizzes/alpha-bank.yaml", ("questions", 0, "options", 0, "text"), "option-text"),
    ("quizzes/alpha-bank.yaml", ("questions", 0, "options", 0, "feedback"), "feedback"),
    ("quizzes/alpha-bank.yaml", ("questions", 3, "pairs", 0, "left"), "pair-left"),
    ("quizzes/alpha-bank.yaml", ("questions", 3, "pairs", 1, "right"), "pair-right"),
    ("quizzes/alpha-bank.yaml", ("questions", 4, "items", 1), "item"),
    ("quizzes/alpha-bank.yaml", ("questions", 5, "model_answer"), "model-answer"),
    ("quizzes/alpha-bank.yaml", ("questions", 5, "checklist", 0), "checklist"),
    ("modules/alpha.ru.yaml", ("sessions", 0, "content"), "ru-session-content"),
    ("quizzes/alpha-bank.ru.yaml", ("description",), "ru-bank-description"),
    ("quizzes/alpha-bank.ru.yaml", ("questions", 0, "options", 1, "text"), "ru-option-text"),
    ("quizzes/alpha-bank.ru.yaml", ("questions", 0, "explanation"), "ru-explanation"),
]
OVERLAYS = {
    "modules/alpha.ru.yaml": {"sessions": [{"id": "intro", "content": ""}]},
    "quizzes/alpha-bank.ru.yaml": {"description": "", "questions": [
        {"id": "q-single", "explanation": "", "options": [{}, {"text": ""}]}]},
}


def _set(data: object, path: tuple, value: str) -> None:
    for part in path[:-1]:
        data = data[part]  # type: ignore[index]
    data[path[-1]] = value  # type: ignore[index]


@pytest.fixture(scope="module")
def field_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = buildable_copy(tmp_path_factory.mktemp("fields") / "project")
    files = {f: yaml.safe_load((project / f).read_text(encoding="utf-8"))
             for f in ("course.yaml", "modules/alpha.yaml", "quizzes/alpha-bank.yaml")}
    files["course.yaml"]["languages"] = ["en", "ru"]
    files["quizzes/alpha-bank.yaml"]["questions"] += EXTRA_QUESTIONS
    files["quizzes/alpha-bank.yaml"]["description"] = ""
    files["quizzes/alpha-bank.yaml"]["questions"][0]["hint"] = ""
    files |= OVERLAYS
    for file, path, name in FIELDS:
        _set(files[file], path, payload(name))
    for file, data in files.items():
        (project / file).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return build_sites(project, project / "mkdocs.yml", project / "site")


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _live(page: _Page, marker: str) -> list[str]:
    """What of `marker` a browser would run in this HTML: handlers, scripts, script URLs."""
    found = []
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if marker not in value:
                continue
            if name.startswith("on") or "javascript:" in re.sub(r"\s+", "", value).lower():
                found.append(f"<{tag} {name}={value!r}>")
    found += [f"<script>{body[:80]}" for attrs, body in page.scripts
              if marker in body and attrs.get("type") != "application/json"]
    return found


def _html(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


@pytest.mark.parametrize(("file", "path", "name"), FIELDS, ids=[f[2] for f in FIELDS])
def test_every_text_field_is_sanitised(field_site: Path, file: str, path: tuple,
                                       name: str) -> None:
    reached, live = 0, []
    for page_path in _pages(field_site):
        page = _parsed(page_path)
        text = page_path.read_text(encoding="utf-8")
        reached += f"SAFE-{name}" in text
        live += [f"{page_path.name}: {x}" for x in _live(page, f"XSS-{name}")]
        for blob in page_json(page_path).values():  # quiz data (shared assets included),
            for value in _strings(blob):  # which quiz.js renders as HTML
                if f"SAFE-{name}" in value:
                    reached += 1
                    live += [f"{page_path.name} (quiz data): {x}"
                             for x in _live(_html(value), f"XSS-{name}")]
    assert reached, f"{name} reached no page: the test would prove nothing"
    assert not live, live


def test_author_html_cannot_plant_the_themes_own_hooks() -> None:
    """Material's script finds its search dialog, drawer and components by ids such as
    `__search` and by data-md-* attributes: an author's element with them broke the page."""
    from builder.render.sanitize import clean

    html = clean('<div id="__search" data-md-component="dialog" data-x="1" id2="y">'
                 '<form id="__drawer"></form><span id="mine">a</span></div>')
    assert "__search" not in html and "data-md" not in html and "__drawer" not in html
    assert 'id="mine"' in html and 'data-x="1"' in html
