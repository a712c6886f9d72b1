"""Fixtures for the browser tests: one headless Chromium per session, a fresh context per test,
the built sample site served over http://127.0.0.1, and helpers that answer quiz questions
through the real UI, knowing the right answers from the quiz JSON embedded in the page.

The built site comes from the ``sample_site`` fixture (tests/conftest.py). Setting
CB_SITE_DIR=/path/to/built/site runs these tests against another build instead.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # quizkit.py, beside this file

import playwright.sync_api as playwright_sync  # a test dependency: missing is a failure
from quizkit import Site

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: make test installs it with apt-get")
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    assert not pg.errors, f"JavaScript errors on the page: {pg.errors}"


# ---------------------------------------------------------------- the site


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    env = os.environ.get("CB_SITE_DIR")
    d = Path(env) if env else Path(request.getfixturevalue("sample_site"))
    if not (d / "index.html").exists():
        pytest.fail(f"no built site in {d}")
    return d


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """`directory` served over http://127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site_dir) -> Iterator[str]:
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def site(site_dir, base_url) -> Site:
    s = Site(site_dir, base_url)
    if not s.quizzes:
        pytest.fail("the built sample site has no quiz page")
    return s


@pytest.fixture(scope="session")
def posts_site(minimal_site) -> Iterator[Site]:
    """The minimal project's site: its post-test (pass mark, attempts) is on the site, while
    the sample course's post-tests are LMS-only and so have no page."""
    with serving(minimal_site) as url:
        yield Site(minimal_site, url)


@pytest.fixture(scope="session")
def site_posts(site, tmp_path_factory):
    """A site that offers its own certificate: the sample's, or, when some of its post-tests
    are taken in the LMS (LMS-only banks, which leave the certificate to the LMS), the
    sample course built with those banks on the site."""
    if not site.progress[1].get("lms_posts"):
        yield site
        return
    import re
    import shutil

    from scormkit import serve

    from builder.adapters.mkdocs_build import build_sites

    root = Path(__file__).resolve().parents[2]
    copy = tmp_path_factory.mktemp("posts") / "course"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", ".cache", "site", "handouts", "tests", "benchmarks", "*.egg-info"))
    for bank in (copy / "quizzes").glob("*.yaml"):
        bank.write_text(re.sub(r"(?m)^lms_only: true\n", "", bank.read_text("utf-8")), "utf-8")
    built = build_sites(copy, copy / "mkdocs.yml", copy / "site") / "en"
    base, server = serve(built)
    yield Site(built, base)
    server.shutdown()
    server.server_close()
