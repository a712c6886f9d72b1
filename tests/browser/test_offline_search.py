"""Search works with no server and no network: the site opened from disk (file://)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_search_from_disk_finds_pages(page, site_dir):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site_dir / "index.html").resolve().as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("extradition")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "el => /\\d/.test(el.textContent)", arg=meta.element_handle(), timeout=15_000)
    assert int(re.search(r"\d+", meta.inner_text())[0]) > 0
    assert page.locator(".md-search-result__item").count() > 0
    assert not [u for u in requests if u.startswith(("http:", "https:"))], requests
