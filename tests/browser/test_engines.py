"""The same course through every engine: MkDocs, ProperDocs, Zensical; every language, quizzes
working in a real browser, author HTML sanitised, nothing fetched from the network."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli.main import main

from ..conftest import DATA

BILINGUAL = DATA / "projects" / "bilingual"
CONFIG = "site_name: Bilingual\ntheme: {name: material, font: false}\n" \
         "plugins: [search, offline, curriculum]\n"
HOSTILE = ("<script>alert('engine')</script> <img src=x onerror=\"alert(2)\"> "
           "Alpha is **important**.")
GENERATOR = {"mkdocs": "mkdocs-1.", "properdocs": "ProperDocs", "zensical": "zensical-"}
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=list(GENERATOR))
def engine_site(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, str]:
    engine = request.param
    project = tmp_path_factory.mktemp(engine) / "project"
    shutil.copytree(BILINGUAL, project)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    module = project / "modules" / "alpha.yaml"
    module.write_text(module.read_text().replace("Alpha is **important**.", HOSTILE))
    result = CliRunner().invoke(main, ["build", "--engine", engine, "-p", str(project),
                                       "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return engine, project / "site", result.stderr


def test_every_language_is_built_by_the_engine(engine_site) -> None:
    engine, site, _ = engine_site
    for lang in ("en", "ru"):
        page = (site / lang / "modules" / "alpha" / "index.html").read_text(encoding="utf-8")
        assert GENERATOR[engine] in re.search(r'<meta name="generator" content="([^"]+)"',
                                              page)[1]
        assert f'<html lang="{lang}"' in page
    assert "Модуль" in (site / "ru" / "index.html").read_text(encoding="utf-8") or \
        "модул" in (site / "ru" / "index.html").read_text(encoding="utf-8").lower()


def test_author_html_is_sanitised_and_trainer_notes_absent(engine_site) -> None:
    _, site, _ = engine_site
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "alert(" not in text and "onerror" not in text, page
        assert "TRAINER-ONLY-NOTE-ALPHA" not in text, page


def test_nothing_is_fetched_from_the_network(engine_site) -> None:
    _, site, _ = engine_site
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fetched = re.findall(r'<(?:script|img|iframe)[^>]+src="(https?:[^"]+)"', text)
        fetched += re.findall(r'<link[^>]+href="(https?:[^"]+)"[^>]*rel="stylesheet"', text)
        assert fetched == [], page


def test_the_engine_says_what_it_lacks(engine_site) -> None:
    engine, _, stderr = engine_site
    if engine == "zensical":
        assert "warning: <zensical>: Zensical: course pages come pre-rendered" in stderr
    else:
        assert "Zensical" not in stderr


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_quizzes_work_from_disk(engine_site, browser, lang: str) -> None:
    _, site, _ = engine_site
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    quiz = next((site / lang / "modules" / "alpha").glob("pre-test*"))
    quiz = quiz / "index.html" if quiz.is_dir() else quiz
    page.goto(quiz.as_uri())
    questions = page.locator("fieldset.cb-q")
    questions.first.wait_for()
    assert questions.count() == 2
    first = page.locator("fieldset.cb-q:has(input[type=radio])").first  # draw 2 of 3: one has
    first.locator("input").first.check()
    first.get_by_role("button").first.click()
    first.locator(".cb-feedback:not(:empty)").first.wait_for(state="visible", timeout=5000)
    assert [u for u in requests if not u.startswith("file:")] == []
    page.close()
