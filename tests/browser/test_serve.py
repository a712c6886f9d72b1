"""`curriculum serve` as an author uses it: a real server process on a free port, a real
Chromium; every language served, a broken file shown on the page, recovery once fixed."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BILINGUAL = ROOT / "tests" / "data" / "projects" / "bilingual"
CURRICULUM = Path(sys.executable).with_name("curriculum")
BROKEN = "modules/alpha.yaml:5:6: YAML syntax error"


class Served:
    """A `curriculum serve` process and everything it printed."""

    def __init__(self, project: Path):
        self.project = project
        self.process = subprocess.Popen(
            [str(CURRICULUM), "serve", "-p", str(project), "-f", str(project / "mkdocs.yml"),
             "-a", "127.0.0.1:0"], cwd=project, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        if not self.wait_for_line(r"^serving (http://127\.0\.0\.1:\d+/)", 30):
            self.process.kill()
            self.process.wait(timeout=10)
            raise AssertionError(f"serve printed no URL: {self.lines}")
        self.url = re.match(r"^serving (\S+)", self.lines[0])[1]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(re.search(pattern, line) for line in self.lines):
                return True
            time.sleep(0.1)
        return False

    def get(self, path: str) -> tuple[int, str]:
        """One request; it must be answered within 5 s, whatever is being built."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def status(self) -> dict:
        return json.loads(self.get("__curriculum/status")[1])

    def wait_until(self, ok: bool, after: int, seconds: float = 120) -> dict:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            status = self.status()
            # a rebuild publishes each language as it is built: "building" until the last
            if status["version"] > after and status["ok"] is ok and not status["building"]:
                return status
            time.sleep(0.2)
        raise AssertionError(f"no {'good' if ok else 'failed'} build after {after}: "
                             f"{self.lines}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[Served]:
    project = tmp_path / "project"
    shutil.copytree(BILINGUAL, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "../../../../site_templates", str(ROOT / "site_templates")), encoding="utf-8")
    server = Served(project)
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()


def test_serve_prints_its_url_and_serves_every_language(served: Served, page) -> None:
    served.wait_until(ok=True, after=0)
    for lang in ("en", "ru", "kk"):
        assert f"  {lang}: {served.url}{lang}/" in served.lines
        code, text = served.get(f"{lang}/modules/alpha/")
        assert code == 200
        assert f'<html lang="{lang}"' in text
    page.goto(served.url)  # the root leads to the default language
    page.wait_for_url(f"{served.url}en/index.html")
    page.goto(served.url + "en/modules/alpha/")
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="ru"]')
    page.wait_for_url(f"{served.url}ru/modules/alpha/index.html")  # the same page, in Russian
    assert page.get_attribute("html", "lang") == "ru"


def test_a_broken_file_is_shown_in_the_browser_and_the_preview_recovers(
        served: Served, page) -> None:
    good = served.wait_until(ok=True, after=0)
    page.goto(served.url + "en/modules/alpha/")
    assert "Alpha module" in page.title()
    module = served.project / "modules" / "alpha.yaml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("audience: [Judges]", "audience: [Judges"), encoding="utf-8")
    broken = served.wait_until(ok=False, after=good["version"])
    assert any(BROKEN in problem for problem in broken["problems"])
    # The open page reloads by itself and lists the problem with its place.
    page.wait_for_selector(f"li code:has-text('{BROKEN}')", timeout=15_000)
    assert any(BROKEN in line for line in served.lines), served.lines  # and the terminal
    for path in ("en/", "ru/modules/alpha/", "en/modules/beta/"):  # every page, at once
        code, body = served.get(path)
        assert code == 500 and BROKEN in body
    module.write_text(text.replace("title: Alpha module", "title: Alpha fixed"),
                      encoding="utf-8")
    served.wait_until(ok=True, after=broken["version"])
    page.wait_for_function("document.title.includes('Alpha fixed')", timeout=15_000)
    assert served.get("en/modules/alpha/")[0] == 200
    assert served.stop() == 0
    folders = [line for line in served.lines if "curriculum-serve-" in line]
    assert folders == []


def test_the_switcher_keeps_the_page_from_disk(tmp_path: Path, page) -> None:
    """From file:// Material's script cannot read the other language's sitemap."""
    from builder.adapters.mkdocs_build import build_sites

    project = tmp_path / "project"
    shutil.copytree(BILINGUAL, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "../../../../site_templates", str(ROOT / "site_templates")), encoding="utf-8")
    site = build_sites(project, config, tmp_path / "site")
    page.goto((site / "en" / "modules" / "alpha" / "index.html").as_uri())
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="ru"]')
    page.wait_for_url((site / "ru" / "modules" / "alpha" / "index.html").as_uri())
    assert page.get_attribute("html", "lang") == "ru"


def test_the_error_page_shows_markup_in_a_problem_as_text(page) -> None:
    """A problem echoes the author's value: on the error page it is text, never markup."""
    from builder.adapters.preview import error_page

    value = "error: modules/a.yaml:3:11: duration: '<img src=x onerror=alert(1)>' is not a duration"
    page.set_content(error_page([value], 1).decode("utf-8"))
    assert page.locator("li code").inner_text() == value
    assert page.locator("li img").count() == 0
