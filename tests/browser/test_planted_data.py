"""Quiz data comes only from the <script type="application/json"> elements the builder wrote.

The sanitiser keeps `id`, `class` and `data-*` on author HTML, so an author (in a session's
content, a bank's description) or a translator (through `translations import`) can plant an
element carrying a quiz data's id, or a quiz container of their own, with entity-encoded
markup inside. Read by id, its decoded text would become the quiz and its markup live.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from conftest import serving
from quizkit import QuizPage, page_json

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main
from tests.corpus import buildable_copy

pytestmark = pytest.mark.browser

BANK_DATA = "quiz-bank-alpha-bank-data"


def planted(data_id: str, marker: str) -> str:
    """An element with `data_id` holding quiz data whose prompt, once decoded, runs code."""
    run = f"window.__planted=(window.__planted||[]).concat(['{marker}'])"
    data = {"schema": 1, "course": "mini-course", "module": "", "quiz": "bank-alpha-bank",
            "kind": "practice", "title": "Planted", "lang": "en", "draw": None,
            "pass_mark": None, "attempts": None, "shuffle": False, "show_answers": True,
            "strings": {}, "questions": [{
                "id": "q-planted", "type": "single", "points": 1,
                "prompt": f'&lt;img src="x" onerror="{run}"&gt;PLANTED-PROMPT',
                "options": [{"text": f'&lt;img src="y" onerror="{run}"&gt;', "correct": True},
                            {"text": "b", "correct": False}]}]}
    text = json.dumps(data).replace('"', "&quot;") if marker.endswith("quoted") else \
        json.dumps(data)
    return f'<div id="{data_id}" class="cb-quiz-data" data-quiz-data="{data_id}">{text}</div>'


def author_html(marker: str) -> str:
    """Planted data for the page's real quiz, and a quiz container of the author's own."""
    return (planted(BANK_DATA, marker) + "\n\n"
            + f'<div class="cb-quiz" data-quiz-data="cb-own-{marker}"></div>\n\n'
            + planted(f"cb-own-{marker}", marker + "-own") + "\n")


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("planted")
    project = buildable_copy(tmp / "project")
    course = project / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + "languages: [en, ru]\n",
                      encoding="utf-8")
    module = project / "modules" / "alpha.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "      Alpha is **important**.\n",
        "      Alpha is **important**.\n\n"
        + "".join(f"      {line}\n" for line in author_html("session").splitlines())),
        encoding="utf-8")
    bank = project / "quizzes" / "alpha-bank.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace(
        "title: Alpha questions\n", "title: Alpha questions\ndescription: |\n"
        + "".join(f"  {line}\n" for line in author_html("description").splitlines())),
        encoding="utf-8")
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    for context, marker in (("quizzes/alpha-bank.yaml#description", "po-quoted"),
                            ("modules/alpha.yaml#sessions[intro].content", "po-session")):
        catalog.append(polib.POEntry(msgctxt=context, msgid="x", msgstr=author_html(marker)))
    catalog.save(str(tmp / "ru.po"))
    result = CliRunner().invoke(main, ["translations", "-p", str(project), "import",
                                       str(tmp / "ru.po")])
    assert result.exit_code == 0, result.output
    return build_sites(project, project / "mkdocs.yml", tmp / "site")


PAGES = ["en/banks/alpha-bank.html", "ru/banks/alpha-bank.html",
         "en/modules/alpha/index.html", "ru/modules/alpha/index.html"]


@pytest.fixture(scope="module")
def http_base(planted_site: Path):
    with serving(planted_site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize("rel", PAGES)
def test_planted_quiz_data_never_runs(page, planted_site: Path, http_base: str, scheme: str,
                                      rel: str) -> None:
    html = (planted_site / rel).read_text(encoding="utf-8")
    assert html.count(f'id="{BANK_DATA}"') >= 1 + rel.endswith("alpha-bank.html"), \
        "the planted element reached the page"
    page.goto(http_base + rel if scheme == "http" else (planted_site / rel).as_uri())
    page.wait_for_load_state("load")
    page.locator(".cb-quiz[data-cb-ready]").first.wait_for(state="attached")
    page.wait_for_timeout(300)  # an <img onerror> fires once its load fails
    assert page.evaluate("window.__planted") is None
    assert page.locator("fieldset.cb-q", has_text="PLANTED-PROMPT").count() == 0
    assert page.locator('img[src="x"], img[src="y"]').count() == 0
    if rel.endswith("alpha-bank.html"):  # the real quiz works
        data = page_json(planted_site / rel)[BANK_DATA]
        quiz = QuizPage(page, data)
        quiz.root = page.locator(f'.cb-quiz[data-quiz-data="{BANK_DATA}"]')  # not the author's
        assert quiz.shown()[0] == "q-single"
        quiz.answer_and_check("q-single", "right")
        assert quiz.points("q-single") == (1.0, 1.0)
