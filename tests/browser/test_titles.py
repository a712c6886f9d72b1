"""Titles with quotes, apostrophes, ampersands and '<' show as written and inject nothing.

A title is plain text (PlainText refuses tags), yet `"` is legitimate: `Курс "Экстрадиция"`.
The course title becomes MkDocs' site_name, which Material prints as HTML, inside
attributes too; module, session and bank titles reach the nav, headings and `<title>`.
"""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import serving

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main
from tests.corpus import buildable_copy

pytestmark = pytest.mark.browser

ATTACK = ''' "Экстрадиция" x" autofocus onfocus="window.__injected=1" y=" & 'q' < 2'''
COURSE = "Курс" + ATTACK
TITLES = {  # file: (title as in the minimal project, the hostile one)
    "course.yaml": ("Mini course", COURSE),
    "modules/alpha.yaml": ("Alpha module", "Модуль" + ATTACK),
    "quizzes/alpha-bank.yaml": ("Alpha questions", "Банк" + ATTACK),
}
SESSION = "Введение" + ATTACK
INJECTED = {"autofocus", "onfocus", "y"}


@pytest.fixture(scope="module")
def titled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("titles")
    project = buildable_copy(tmp / "project")
    for file, (old, new) in TITLES.items():
        path = project / file
        path.write_text(path.read_text(encoding="utf-8").replace(
            f"title: {old}\n", f"title: {json.dumps(new, ensure_ascii=False)}\n", 1),
            encoding="utf-8")
    module = project / "modules" / "alpha.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "    title: Introduction\n", f"    title: {json.dumps(SESSION, ensure_ascii=False)}\n"),
        encoding="utf-8")
    site = build_sites(project, project / "mkdocs.yml", tmp / "site") / "en"
    result = CliRunner().invoke(main, ["handouts", "-p", str(project), "-o", str(tmp / "pdf"),
                                       "-m", "alpha", "-e", "trainee", "-q"])
    assert result.exit_code == 0, result.output
    return site, tmp / "pdf"


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def _parse(path: Path) -> _Attributes:
    parser = _Attributes()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_attribute_is_injected_on_any_page(titled: tuple[Path, Path]) -> None:
    site, _ = titled
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 8
    for path in pages:
        parsed = _parse(path)
        for tag, attrs in parsed.found:
            assert not INJECTED & set(attrs), (path.name, tag, attrs)
        logos = [a for t, a in parsed.found if "md-logo" in a.get("class", "")]
        assert logos and all(a["aria-label"] == COURSE and a["title"] == COURSE for a in logos)
        assert parsed.title.endswith(COURSE), (path.name, parsed.title)


def test_titles_show_as_written_in_the_pdf(titled: tuple[Path, Path]) -> None:
    _, pdfs = titled
    pdf = next(pdfs.rglob("alpha.trainee.pdf"))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    for title in (TITLES["modules/alpha.yaml"][1], SESSION):
        assert title.strip() in flat
    assert "&#34;" not in flat and "&amp;" not in flat and "&quot;" not in flat


def test_titles_inject_nothing_in_chromium(page, titled: tuple[Path, Path]) -> None:
    site, _ = titled
    with serving(site) as base:
        for path in sorted(site.rglob("*.html")):
            page.goto(base + path.relative_to(site).as_posix())
            page.wait_for_load_state("load")
            page.keyboard.press("Tab")
            page.locator(".md-header .md-logo").focus()
            assert page.evaluate("window.__injected") is None, path.name
            assert page.locator("[onfocus], [autofocus], [y]").count() == 0, path.name
            assert page.title().endswith(COURSE), path.name
            assert page.locator(".md-header .md-logo").get_attribute("aria-label") == COURSE
            assert page.locator(".md-header__topic").first.inner_text().strip() == COURSE
