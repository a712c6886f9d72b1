"""Quiz data is shared: each bank is one cached asset that every page drawing from it
loads, from a server and from disk (file://), never repeated in the pages."""

from __future__ import annotations

import functools
import http.server
import threading
from collections import Counter
from pathlib import Path
from typing import ClassVar

import pytest
from quizkit import page_json

from builder.render.templates import script_json

pytestmark = pytest.mark.browser


def pages_of_one_bank(site_dir: Path) -> tuple[str, list[Path]]:
    """A bank's asset and two pages that draw from it (its quizzes, its practice page)."""
    by_asset: dict[str, list[Path]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        for blob in page_json(path).values():
            if "bank_src" in blob:
                by_asset.setdefault(blob["bank_src"], []).append(path)
    asset, pages = max(by_asset.items(), key=lambda item: len(item[1]))
    assert len(pages) >= 2, "no bank is drawn from by two pages"
    return asset, pages[:2]


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a web server would: hashed assets cacheable for a year."""

    hits: ClassVar[Counter] = Counter()

    def end_headers(self):
        if "/assets/curriculum/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()

    def do_GET(self):
        type(self).hits[self.path.split("?")[0]] += 1
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def counting_server(site_dir):
    _Counting.hits = Counter()
    handler = functools.partial(_Counting, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", _Counting.hits
    server.shutdown()
    server.server_close()


def shown_questions(page) -> int:
    page.wait_for_selector(".cb-quiz fieldset.cb-q")
    return page.locator(".cb-quiz fieldset.cb-q").count()


def test_a_bank_is_downloaded_once_for_two_pages(page, site_dir, counting_server):
    base, hits = counting_server
    asset, (first, second) = pages_of_one_bank(site_dir)
    for path in (first, second):
        page.goto(base + path.relative_to(site_dir).as_posix())
        assert shown_questions(page) > 0, path
    assert hits[f"/assets/curriculum/{asset}"] == 1, dict(hits)
    assert sum(n for p, n in hits.items() if "/strings/" in p) == 1, dict(hits)


def test_bank_questions_live_only_in_the_asset(site_dir):
    asset, pages = pages_of_one_bank(site_dir)
    (blob,) = [b for b in page_json(pages[0]).values() if b.get("bank_src") == asset]
    text = script_json(blob["questions"][0]["prompt"])[1:-1]  # as the builder writes it
    holders = [p for p in site_dir.rglob("*") if p.is_file() and p.suffix in (".html", ".js")
               and text in p.read_text(encoding="utf-8", errors="replace")]
    assert holders == [site_dir / "assets" / "curriculum" / asset]


def test_quizzes_work_from_disk(page, site_dir):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    _, (first, second) = pages_of_one_bank(site_dir)
    for path in (first, second):
        page.goto(path.resolve().as_uri())
        assert shown_questions(page) > 0, path
        page.locator(".cb-quiz fieldset.cb-q input").first.check()
    assert any("/assets/curriculum/banks/" in u for u in requests)
    assert not [u for u in requests if u.startswith(("http:", "https:"))], requests
