"""Imported interface strings in a real Chromium: the quiz script shows the project's own
kk strings (fake markers) and falls back to Russian for the others, from file://."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main

from ..test_translations import BILINGUAL, copy_project
from ..test_ui_po import CHECK, COUNT, catalog


def test_the_quiz_shows_the_imported_strings(tmp_path: Path, page) -> None:
    project = copy_project(BILINGUAL, tmp_path / "p")
    po = tmp_path / "ui.kk.po"
    po.write_text(catalog(CHECK, COUNT), encoding="utf-8")
    result = CliRunner().invoke(main, ["translations", "-p", str(project), "import", "--ui",
                                       str(po)])
    assert result.exit_code == 0, result.output
    site = build_sites(project, BILINGUAL / "mkdocs.yml", tmp_path / "site")
    page.goto((site / "kk" / "modules" / "alpha" / "post-test.html").as_uri())
    button = page.get_by_role("button", name="KK-FAKE Check").first
    button.wait_for()
    assert page.get_by_text("KK-FAKE Questions").count() >= 1
    assert page.get_by_role("button", name="Завершить").count() == 1, "Russian fallback"
    assert page.locator("html").get_attribute("lang") == "kk"
