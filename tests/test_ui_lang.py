"""Interface strings shown in a fallback language carry that language's `lang` (real builds).

The bilingual project is en (default), ru, kk: the kk pages show the Russian interface
strings (kk falls back via Russian) and the English course texts."""

from __future__ import annotations

import re
from pathlib import Path

from builder.render.localize import Localizer, ui_sources, ui_strings

from .sitedata import page_json
from .test_translations import article, bilingual_sites  # noqa: F401 (the fixture)

LABEL = re.compile(r'<span lang="[a-z]+">')
"""An interface string marked with a fallback's language (Localizer.label)."""


def test_a_string_from_a_fallback_table_names_its_language() -> None:
    assert ui_sources("pages", "kk")["assessment"] == "ru"
    assert ui_sources("pages", "ru") == {} and ui_sources("pages", "en") == {}
    t = Localizer("kk", "en", strings=ui_strings("pages", "kk"),
                  sources=ui_sources("pages", "kk"))
    assert t.ui_lang("assessment") == "ru"
    assert t.label("assessment") == '<span lang="ru">Оценивание</span>'
    assert t.ui("assessment") == "Оценивание", "attribute values stay plain"


def test_module_page_labels_carry_the_fallback_language(bilingual_sites: Path) -> None:  # noqa: F811
    page = article(bilingual_sites / "kk" / "modules" / "alpha" / "index.html")
    assert '<p class="cb-untranslated-mark" lang="ru">Ещё не переведено</p>' in page
    assert '<p class="admonition-title" lang="ru">Ещё не переведено</p>' in page
    assert '<strong><span lang="ru">Целевая аудитория</span>:</strong>' in page
    assert re.search(r'<h2 id="[^"]+"><span lang="ru">Оценивание</span>', page)
    assert '<th><span lang="ru">Занятие</span></th>' in page
    assert '<strong><span lang="ru">Итоговый тест</span></strong>: <span lang="ru">' in page


def test_quiz_page_heading_carries_the_fallback_language(bilingual_sites: Path) -> None:  # noqa: F811
    html = (bilingual_sites / "kk" / "modules" / "alpha" / "post-test.html").read_text("utf-8")
    assert re.search(r'<h1 id="[^"]*"><span lang="ru">Итоговый тест</span>', html)
    assert "<title>Итоговый тест" in html, "the document's title stays plain text"


def test_home_page_labels_carry_the_fallback_language(bilingual_sites: Path) -> None:  # noqa: F811
    page = article(bilingual_sites / "kk" / "index.html")
    assert '<th><span lang="ru">Модуль</span></th>' in page
    assert re.search(r'<h2 id="[^"]+"><span lang="ru">Программа</span>', page)
    assert 'data-label="Найти модуль' in page, "an attribute value holds no markup"


def test_no_lang_where_the_interface_is_in_the_pages_language(bilingual_sites: Path) -> None:  # noqa: F811
    for lang in ("en", "ru"):
        for name in ("index.html", "modules/alpha/index.html", "modules/beta/index.html"):
            page = article(bilingual_sites / lang / name)
            assert not LABEL.search(page), f"{lang}/{name}"
            assert "cb-untranslated-mark" not in page or f'mark" lang="{lang}"' in page


def test_quiz_assets_name_the_fallback_languages(bilingual_sites: Path) -> None:  # noqa: F811
    kk = page_json(bilingual_sites / "kk" / "modules" / "alpha" / "post-test.html")[
        "quiz-post-test-data"]
    assert kk["strings"]["_lang"]["question_n"] == "ru"
    assert {q.get("lang") for q in kk["questions"]} == {"en"}, "kk has no question texts"
    ru = page_json(bilingual_sites / "ru" / "modules" / "alpha" / "post-test.html")[
        "quiz-post-test-data"]
    assert "_lang" not in ru["strings"]
    translated = [q for q in ru["questions"] if q["prompt"] == "<p>Что такое альфа?</p>"]
    assert translated and "lang" not in translated[0]


def test_the_sample_course_shows_no_mark_in_russian(sample_sites: Path) -> None:
    pages = list((sample_sites / "ru").rglob("*.html"))
    assert pages
    for path in pages:
        html = path.read_text("utf-8")
        assert "cb-untranslated-mark" not in html, path
        assert not LABEL.search(html), path
