"""Languages: overlays, fallback marks, the switcher, coverage, PO round trip; real builds."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main
from builder.load.problems import CurriculumError
from builder.load.project import load_project
from builder.render.localize import ui_strings
from builder.translations.catalog import export_catalog
from builder.translations.coverage import course_coverage

from .conftest import DATA, ROOT
from .corpus import tree_digest
from .sitedata import page_json

BILINGUAL = DATA / "projects" / "bilingual"


@pytest.fixture(scope="session")
def bilingual_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bilingual") / "site"
    return build_sites(BILINGUAL, BILINGUAL / "mkdocs.yml", out)


def article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def test_one_site_per_language(bilingual_sites: Path) -> None:
    for lang in ("en", "ru", "kk"):
        html = (bilingual_sites / lang / "modules" / "alpha" / "index.html").read_text("utf-8")
        assert f'<html lang="{lang}"' in html
    assert 'url=en/index.html' in (bilingual_sites / "index.html").read_text()


def test_overlay_texts_reach_the_russian_page(bilingual_sites: Path) -> None:
    page = article(bilingual_sites / "ru" / "modules" / "alpha" / "index.html")
    for text in ("Модуль «Альфа»", "Судьи", "Объяснять, что такое альфа.", "Введение",
                 "Альфа — это <strong>важно</strong>.", "центральный орган", "Цели обучения"):
        assert text in page, text
    assert "ТОЛЬКО-ДЛЯ-ТРЕНЕРА-АЛЬФА" not in page


def test_untranslated_text_is_marked_and_labelled(bilingual_sites: Path) -> None:
    page = article(bilingual_sites / "ru" / "modules" / "alpha" / "index.html")
    assert "Часть этой страницы ещё не переведена" in page
    block = re.search(r'<div class="cb-untranslated" lang="en">(.*?)</div>', page, re.S)
    assert block and "Ещё не переведено" in block[1] and "The first module." in block[1]
    english = article(bilingual_sites / "en" / "modules" / "alpha" / "index.html")
    assert "cb-untranslated" not in english


def test_switcher_lands_on_the_same_page(bilingual_sites: Path) -> None:
    page = bilingual_sites / "ru" / "modules" / "alpha" / "post-test.html"
    links = dict((lang, href) for href, lang in re.findall(
        r'<a href="([^"]+)" hreflang="([a-z]+)"', page.read_text("utf-8")))
    assert set(links) == {"en", "ru", "kk"}
    for lang, href in links.items():
        target = (page.parent / href).resolve()
        assert target == (bilingual_sites / lang / "modules" / "alpha" / "post-test.html")
        assert target.exists()


def test_russian_quiz_data_and_interface(bilingual_sites: Path) -> None:
    data = page_json(bilingual_sites / "ru" / "modules" / "alpha" / "post-test.html")[
        "quiz-post-test-data"]
    assert data["lang"] == "ru"
    single = next(q for q in data["questions"] if q["id"] == "q-single")
    assert single["prompt"] == "<p>Что такое альфа?</p>"
    fill = next(q for q in data["questions"] if q["id"] == "q-fill")
    assert fill["answers"] == ["5", "пять"]
    assert data["strings"]["finish"] != ui_strings("quiz", "en")["finish"], "Russian strings"


def test_kazakh_theme_strings_written_or_borrowed(bilingual_sites: Path) -> None:
    html = (bilingual_sites / "kk" / "index.html").read_text("utf-8")
    assert 'placeholder="Іздеу"' in html
    assert "Перейти к содержанию" in html  # borrowed from Russian, reported as a gap


def test_coverage_figures() -> None:
    project = load_project(BILINGUAL)
    reports = {r.file: r for r in course_coverage(project, "ru")}
    assert (reports["course.yaml"].translated, reports["course.yaml"].total) == (3, 3)
    alpha = reports["modules/alpha.yaml"]
    assert (alpha.translated, alpha.total) == (7, 15)
    assert "sessions[practice].title" in alpha.missing
    assert "assessment.exercises[draft].rubric[0].criterion" in alpha.missing
    assert reports["modules/beta.yaml"].percent == 0.0


def test_coverage_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["translations", "-p", str(BILINGUAL), "--lang", "ru",
                                       "--missing", "--fail-under", "60"])
    assert result.exit_code == 1
    assert "ru:  54.5% (18/33 texts)" in result.output
    assert "missing: sessions[practice].content" in result.output


def copy_project(source: Path, target: Path) -> Path:
    """The course's sources only: course files, modules/ and quizzes/."""
    target.mkdir(parents=True)
    for path in source.glob("course*.yaml"):
        shutil.copy2(path, target / path.name)
    for folder in ("modules", "quizzes", "media"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    return target


def test_overlay_mistakes_point_at_the_overlay(tmp_path: Path) -> None:
    project = copy_project(BILINGUAL, tmp_path / "p")
    (project / "modules" / "beta.ru.yaml").write_text(
        "title: Бета\nduration: 2h\nsessions:\n  - id: onli\n    title: x\nsumary: y\n",
        encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_project(project)
    assert [str(p) for p in caught.value.problems] == [
        "modules/beta.ru.yaml:2:1: duration: 'duration' is not translated (only texts are "
        "translated: change it in the source file)",
        "modules/beta.ru.yaml:4:9: sessions[0].id: no item with id 'onli' in the source file "
        "(did you mean 'only'?)",
        "modules/beta.ru.yaml:6:1: sumary: unknown key 'sumary' (did you mean 'summary'?)",
    ]


def test_overlay_in_an_undeclared_language(tmp_path: Path) -> None:
    project = copy_project(BILINGUAL, tmp_path / "p")
    (project / "modules" / "beta.de.yaml").write_text("title: Beta\n", encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_project(project)
    assert [str(p) for p in caught.value.problems] == [
        "modules/beta.de.yaml:1:1: 'de' is not a language of the course (it has en ru kk) "
        "(add it to languages in course.yaml, or rename the file)"]


def test_complete_language_fails_on_a_missing_text(tmp_path: Path) -> None:
    project = copy_project(BILINGUAL, tmp_path / "p")
    course = project / "course.yaml"
    course.write_text(course.read_text() + "complete_languages: [ru]\n")
    with pytest.raises(CurriculumError) as caught:
        load_project(project)
    lines = [str(p) for p in caught.value.problems]
    assert "modules/beta.yaml:2:8: title: no ru translation, and ru is declared complete " \
           "(add it to modules/beta.ru.yaml)" in lines
    assert len(lines) == 15


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*.yaml"))}


@pytest.mark.parametrize("source", [BILINGUAL, ROOT], ids=["bilingual", "sample"])
def test_po_round_trip_keeps_the_course(tmp_path: Path, source: Path) -> None:
    project = copy_project(source, tmp_path / "p")
    before = digest(project)
    original = load_project(project)
    lang = next(x for x in original.course.languages if x != original.course.default_language)
    runner = CliRunner()
    po = project / "po" / f"{lang}.po"  # --out stays inside the project
    result = runner.invoke(main, ["translations", "-p", str(project), "export", "-l", lang,
                                  "-o", str(po)])
    assert result.exit_code == 0, result.output
    imported = project / "imported"
    result = runner.invoke(main, ["translations", "-p", str(project), "import", str(po),
                                  "-o", str(imported)])
    assert result.exit_code == 0, result.output
    assert {k: v for k, v in digest(project).items()
            if not k.startswith(("imported/", "po/"))} == \
        before, "export and import never touch the sources"
    rebuilt = copy_project(project, tmp_path / "rebuilt")
    for overlay in rebuilt.rglob(f"*.{lang}.yaml"):
        overlay.unlink()
    shutil.copytree(imported, rebuilt, dirs_exist_ok=True)
    again = load_project(rebuilt)
    assert again.course == original.course
    assert again.modules == original.modules
    assert again.banks == original.banks


def test_import_never_overwrites(tmp_path: Path) -> None:
    project = copy_project(BILINGUAL, tmp_path / "p")
    runner = CliRunner()
    po = project / "po" / "ru.po"
    runner.invoke(main, ["translations", "-p", str(project), "export", "-l", "ru", "-o", str(po)])
    before = digest(project)
    result = runner.invoke(main, ["translations", "-p", str(project), "import", str(po)])
    assert result.exit_code == 1
    assert "file exists already" in result.output
    assert digest(project) == before


def test_a_translation_the_format_refuses_is_told_at_the_overlay(tmp_path: Path) -> None:
    project = copy_project(BILINGUAL, tmp_path / "p")
    (project / "modules" / "beta.ru.yaml").write_text(
        "title: Бета\nsessions:\n  - id: only\n    title: 'Бета <b>жирная</b>'\n",
        encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_project(project)
    assert [str(p) for p in caught.value.problems] == [
        "modules/beta.ru.yaml:4:12: sessions[0].title: '<b' starts an HTML tag; a title is "
        "plain text (write it without < and >: titles show in menus and tabs)"]


def test_overlay_in_the_default_language(tmp_path: Path) -> None:
    project = copy_project(BILINGUAL, tmp_path / "p")
    (project / "modules" / "beta.en.yaml").write_text("title: Beta\n", encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_project(project)
    assert [str(p) for p in caught.value.problems] == [
        "modules/beta.en.yaml:1:1: 'en' is the course's default language: its texts belong in "
        "the source file itself (move the texts into modules/beta.yaml, or rename the file for a "
        "translation language)"]


def test_untranslated_short_texts_carry_their_language(bilingual_sites: Path) -> None:
    """Titles, objectives and audience shown in the default language say so with `lang`,
    as untranslated blocks do, so that a screen reader reads them as English."""
    page = (bilingual_sites / "ru" / "modules" / "beta" / "index.html").read_text("utf-8")
    assert '<span class="cb-untranslated-inline" lang="en">Explain beta.</span>' in page \
        or '<span lang="en" class="cb-untranslated-inline">Explain beta.</span>' in page
    russian = (bilingual_sites / "ru" / "modules" / "alpha" / "index.html").read_text("utf-8")
    assert "Объяснять, что такое альфа." in russian
    assert 'lang="en" class="cb-untranslated-inline">Explain alpha.' not in russian


def test_feedback_units_and_partial_answers_are_translatable() -> None:
    """The fields of issue 21 reach the PO catalogue with their Russian texts."""
    catalog = export_catalog(load_project(DATA / "projects" / "handouts"), "ru")
    got = {e.msgctxt.split("#", 1)[1]: e.msgstr for e in catalog
           if e.msgctxt.startswith("quizzes/workshop-check.yaml#")}
    assert got["questions[deadline].unit"] == "дней"
    assert got["questions[deadline].answers[1].feedback"] == "NUM-FEEDBACK-NEAR: близко."
    assert got["questions[deadline].feedback_wrong"].startswith("NUM-FEEDBACK-WRONG: см.")
    assert got["questions[tf].feedback_true"].startswith("TF-FEEDBACK-TRUE: он")
    assert got["questions[channel].options[1].feedback"].startswith("CREDIT-FEEDBACK: только")
    assert got["questions[treaty].partial[0].feedback"].startswith("PARTIAL-FEEDBACK: ош")
    assert "questions[treaty].partial[0].answer" in got
    assert got["questions[treaty].feedback_right"].startswith("FILL-FEEDBACK-RIGHT: 22")


# Issue 19, 18: the text export takes the interface export's checks, and more.
@pytest.mark.parametrize(("out", "why"), [
    ("quizzes/new.yaml", "is not a .po file"),
    ("quizzes/new.po", "is in a folder no catalogue may go: it is the project's own folder "
                       "quizzes/"),
    ("docs/ru.po", "is in a folder no catalogue may go: it is the project's own folder docs/"),
    ("../outside.po", "is outside the project"),
    ("elsewhere/ru.po", "is outside the project"),
    ("dangling.po", "file exists already"),
])
def test_text_export_refuses(tmp_path: Path, out: str, why: str) -> None:
    project = copy_project(BILINGUAL, tmp_path / "p")
    (project / "docs").mkdir(exist_ok=True)
    (tmp_path / "away").mkdir()
    (project / "elsewhere").symlink_to(tmp_path / "away")
    (project / "dangling.po").symlink_to("translations/nothing.po")
    before = tree_digest(tmp_path)
    result = CliRunner().invoke(main, ["translations", "-p", str(project), "export", "-l",
                                       "ru", "-o", str(project / out)])
    assert result.exit_code == 1, result.output
    assert f"{(project / out).as_posix()}: --out: {why} (export to a new file" in result.stderr
    assert tree_digest(tmp_path) == before
    assert load_project(project).banks  # still validates
