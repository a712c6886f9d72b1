"""The UI strings: the two locale tables agree, and the builder passes them into the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

LOCALES = Path(__file__).resolve().parents[2] / "site_templates" / "locales"


def _table(lang: str) -> dict[str, str]:
    return yaml.safe_load((LOCALES / f"quiz.{lang}.yaml").read_text("utf-8"))


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize("lang", ["ru"])
def test_locale_matches_english(lang):
    en, other = _table("en"), _table(lang)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in other.items())
    assert set(other) == set(en)
    for key, text in en.items():
        assert _placeholders(other[key]) == _placeholders(text), key
        assert other[key].strip(), key


def test_every_string_the_script_uses_is_in_the_table():
    js = (LOCALES.parent / "assets" / "quiz.js").read_text("utf-8")
    used = set(re.findall(r"\bT\(S, '([a-z_]+)'", js))
    used |= set(re.findall(r"'(col_[a-z]+)'", js))
    assert used, "quiz.js reads its strings through T(S, key)"
    assert used <= set(_table("en")), used - set(_table("en"))
    unused = {k for k in _table("en") if f"'{k}'" not in js}
    assert not unused, f"strings nothing uses: {unused}"


def test_pages_carry_the_strings(site):
    """Each quiz and progress page's JSON holds the full table of its language."""
    for url, data in site.quizzes + ([site.progress] if site.progress else []):
        table = (
            _table(data.get("lang") or "en")
            if (LOCALES / f"quiz.{data.get('lang')}.yaml").exists()
            else _table("en")
        )
        missing = set(table) - set(data.get("strings") or {})
        assert not missing, f"{url}: strings missing from the page's JSON: {sorted(missing)[:8]}"


@pytest.mark.browser
def test_russian_quiz_page(page, site_dir):
    """The Russian build of the site (a sibling folder `ru`) shows the quiz in Russian."""
    ru = site_dir.parent / "ru"
    pages = sorted(p for p in ru.rglob("*.html") if 'class="cb-quiz"' in p.read_text("utf-8"))
    assert pages, "the sample course is built in Russian too"
    table = _table("ru")
    page.goto(pages[0].resolve().as_uri())
    root = page.locator(".cb-quiz").first
    root.locator("fieldset.cb-q").first.wait_for()
    assert root.locator("button.cb-check").first.inner_text() == table["check"]
    assert root.locator("button.cb-finish").inner_text() == table["finish"]
    assert root.locator("legend").first.inner_text().startswith("Вопрос 1 из ")


@pytest.mark.browser
def test_translated_module_quiz_in_russian(page, site_dir):
    """A module translated into Russian gives a Russian quiz: questions, buttons, feedback."""
    post_test = site_dir.parent / "ru" / "modules" / "mla-requests" / "pre-test.html"  # post: LMS
    table = _table("ru")
    page.goto(post_test.resolve().as_uri())
    root = page.locator(".cb-quiz").first
    first = root.locator("fieldset.cb-q").first
    first.wait_for()
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in first.inner_text())
    assert cyrillic > 20, first.inner_text()
    assert page.locator("html").get_attribute("lang") == "ru"
    first.locator("button.cb-check").click()
    live = root.locator(".cb-sr[aria-live]").first
    page.wait_for_function("el => el.textContent.trim().length > 0", arg=live.element_handle())
    said = live.inner_text() + first.inner_text()
    assert any(table[k] in said for k in ("correct", "incorrect", "partly")) or \
        sum("\u0400" <= ch <= "\u04ff" for ch in live.inner_text()) > 5, said
    assert root.locator("button.cb-finish").inner_text() == table["finish"]
