"""Issue 19, 3, 4 and 8: a symlink in docs_dir or site_templates/ never takes a file from
outside the project into the site, and `serve` answers a bad path with 404."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.adapters.preview import start
from builder.cli.main import main

from .corpus import buildable_copy, tree_digest


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return buildable_copy(tmp_path / "project")


def build(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-f",
                                       str(project / "mkdocs.yml")])
    return result.exit_code, result.stderr


# (the link, relative to the project; what it points at; what the error says)
LINKS = [
    ("docs/leak.txt", "/etc/passwd", "is a symlink to /etc/passwd, outside the project"),
    ("docs/etcdir", "/etc", "is a symlink to /etc, outside the project"),
    ("docs/gone.txt", "../nothing", "is a symlink to ../nothing, which does not exist"),
    ("site_templates/assets/passwd.css", "/etc/passwd",
     "is a symlink to /etc/passwd, outside the project"),
    ("docs/bank.yaml", "../quizzes/alpha-bank.yaml", "is a symlink to ../quizzes/alpha-bank.yaml, "
     "which the site must not publish: it is inside the project's own folder quizzes/"),
    ("docs/up", "..", "is a symlink to .., which the site must not publish: it holds the "
     "project itself"),
]


@pytest.mark.parametrize(("link", "target", "why"), LINKS, ids=[x for x, _, _ in LINKS])
def test_a_build_refuses_a_symlink_out_of_the_project(project: Path, link: str, target: str,
                                                      why: str) -> None:
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, project / link)
    before = tree_digest(project.parent)
    code, stderr = build(project)
    assert code == 1, stderr
    assert f"error: {link}: {why} (delete the link, or put a copy" in stderr, stderr
    assert "internal error" not in stderr
    assert tree_digest(project.parent) == before  # no site, nothing else


def test_handouts_refuse_a_template_linked_out_of_the_project(project: Path) -> None:
    (project / "site_templates" / "handouts").mkdir(parents=True)
    os.symlink("/etc/passwd", project / "site_templates" / "handouts" / "_running.html.j2")
    before = tree_digest(project.parent)
    result = CliRunner().invoke(main, ["handouts", "-p", str(project), "-o",
                                       str(project / "handouts"), "-e", "trainee", "-q"])
    assert result.exit_code == 1, result.output
    assert "error: site_templates/handouts/_running.html.j2: is a symlink to /etc/passwd, " \
        "outside the project" in result.stderr
    assert tree_digest(project.parent) == before


def test_a_link_inside_the_project_is_followed_but_not_a_link_out_of_it(project: Path) -> None:
    (project / "shared").mkdir()
    (project / "shared" / "note.txt").write_text("ours", encoding="utf-8")
    os.symlink("../shared", project / "docs" / "shared")
    assert build(project)[0] == 0
    assert (project / "site" / "en" / "shared" / "note.txt").read_text() == "ours"
    os.symlink("/etc/passwd", project / "shared" / "passwd")
    code, stderr = build(project)
    assert code == 1 and "error: docs/shared/passwd: is a symlink to /etc/passwd" in stderr


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_answers_a_nul_and_a_link_out_of_the_site_with_404(project: Path) -> None:
    said: list[str] = []
    preview = start(project, project / "mkdocs.yml", "127.0.0.1:0", say=said.append)
    try:
        deadline = time.monotonic() + 120
        while preview.state.version == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert preview.state.snapshot() == (1, []), said
        assert _get(preview.url + "en/")[0] == 200
        assert _get(preview.url + "en/%00") == (404, b"not found\n")
        assert _get(preview.url + "en/%00/x.html") == (404, b"not found\n")
        assert _get(preview.url + "en/" + "a" * 5000) == (404, b"not found\n")  # ENAMETOOLONG
        os.symlink("/etc/passwd", preview.state.site / "en" / "leak.txt")
        os.symlink("/etc", preview.state.site / "en" / "etcdir")
        assert _get(preview.url + "en/leak.txt") == (404, b"not found\n")
        assert _get(preview.url + "en/etcdir/passwd") == (404, b"not found\n")
        assert not any("Traceback" in line for line in said), said
    finally:
        preview.close()


def _with_custom_dir(project: Path) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "custom_dir" not in text
    config.write_text(text.replace("theme: {", "theme: {custom_dir: overrides, ", 1),
                      encoding="utf-8")
    assert "custom_dir: overrides" in config.read_text(encoding="utf-8")
    (project / "overrides").mkdir()
    return project / "overrides"


def test_a_build_refuses_a_symlink_in_the_themes_custom_dir(project: Path) -> None:
    """A tester's reproduction: mkdocs.yml's custom_dir is copied into the site as docs_dir
    is, and a link there published /etc/passwd."""
    os.symlink("/etc/passwd", _with_custom_dir(project) / "leak.txt")
    code, stderr = build(project)
    assert code == 1 and "error: overrides/leak.txt: is a symlink to /etc/passwd" in stderr, \
        stderr


def test_export_refuses_the_themes_custom_dir(project: Path) -> None:
    _with_custom_dir(project)
    result = CliRunner().invoke(main, ["export", "gift", "-p", str(project), "--out",
                                       str(project / "overrides")])
    assert result.exit_code == 1, result.output
    assert not any((project / "overrides").iterdir())
