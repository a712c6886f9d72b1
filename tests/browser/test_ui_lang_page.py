"""The quiz script puts each fallback string's and each fallback question's `lang` on the
element it fills, in a real Chromium from file:// (kk: Russian interface, English texts)."""

from __future__ import annotations

from pathlib import Path

from ..test_translations import bilingual_sites  # noqa: F401 (the fixture)

QUIZ = Path("modules") / "alpha" / "post-test.html"


def langs(page, selector: str) -> list[str | None]:
    return page.locator(selector).evaluate_all("els => els.map(e => e.getAttribute('lang'))")


def test_fallback_strings_and_questions_carry_their_language(page, bilingual_sites) -> None:  # noqa: F811
    page.goto((bilingual_sites / "kk" / QUIZ).as_uri())
    page.locator(".cb-q").first.wait_for()
    assert langs(page, ".cb-meta p")[0] == "ru", "Вопросов: 2"
    assert set(langs(page, ".cb-q")) == {"en"}, "the English question texts"
    assert set(langs(page, ".cb-q legend span")) == {"ru"}, "Вопрос 1 из 2 inside them"
    assert set(langs(page, ".cb-q .cb-check")) == {"ru"}
    page.get_by_role("button", name="Завершить").click()
    assert langs(page, ".cb-result h2") == ["ru"], "Результат"
    assert langs(page, ".cb-again") == ["ru"], "Новая попытка"


def test_no_lang_on_a_quiz_in_the_pages_language(page, bilingual_sites) -> None:  # noqa: F811
    for lang in ("en", "ru"):
        page.goto((bilingual_sites / lang / QUIZ).as_uri())
        page.locator(".cb-q").first.wait_for()
        marked = page.locator(".cb-quiz [lang]").evaluate_all(
            "els => els.filter(e => !e.closest('.cb-q[lang]')).map(e => e.outerHTML)")
        assert marked == [], lang


def test_strings_inside_a_fallback_question_say_their_own_language(page, bilingual_sites) -> None:  # noqa: F811
    """ru page, one English question: its fieldset is en, the Russian interface inside it ru."""
    page.goto((bilingual_sites / "ru" / "banks" / "alpha-bank.html").as_uri())
    page.locator(".cb-q").first.wait_for()
    assert set(langs(page, ".cb-q[lang]")) == {"en"}
    assert set(langs(page, ".cb-q[lang] legend span")) == {"ru"}
    assert set(langs(page, ".cb-q[lang] .cb-check")) == {"ru"}
    assert set(langs(page, ".cb-q:not([lang]) legend span")) == {None}, "no lang needed"
