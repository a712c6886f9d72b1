"""On the site, a course whose post-test is LMS-only leaves the certificate to the LMS."""

from __future__ import annotations

import pytest

from builder.adapters.mkdocs_build import build_sites
from tests.lmskit import lms_project

from .scormkit import serve


@pytest.mark.browser
def test_progress_page_sends_the_certificate_to_the_lms(tmp_path, browser) -> None:
    project = lms_project(tmp_path)
    build_sites(project, project / "mkdocs.yml", tmp_path / "site")
    base, server = serve(tmp_path / "site" / "en")
    try:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}progress.html")
        box = page.locator(".cb-certbox")
        box.wait_for()
        assert "issued by your academy's learning platform" in box.text_content()
        assert page.locator(".cb-cert-show").count() == 0
        assert not errors
    finally:
        server.shutdown()
        server.server_close()
