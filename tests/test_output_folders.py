"""What a build may replace: only a missing or empty folder, or a site the builder made.

Every refusal touches nothing: the whole temporary tree (project and the user's other
folders) hashes the same before and after.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli.main import main
from builder.output import MARKER

from .corpus import buildable_copy, tree_digest

CURRICULUM = Path(sys.executable).with_name("curriculum")


def build(project: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-f",
                                       str(project / "mkdocs.yml"), *extra])
    return result.exit_code, result.stderr


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    project = buildable_copy(tmp_path / "project")
    (project / "media").mkdir(exist_ok=True)
    (project / "media" / "map.png").write_bytes(b"\x89PNG not really")
    (project / "docs" / "notes.md").write_text("# My notes\n", encoding="utf-8")
    (project / "handouts").mkdir()
    (project / "handouts" / "keep.pdf").write_bytes(b"%PDF-1.7 mine")
    mine = tmp_path / "my-folder"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"years of work")
    return project


# (what -d names, relative to the project; the reason the refusal gives)
REFUSED = [
    ("modules", "it is the project's own folder modules/"),
    ("quizzes", "it is the project's own folder quizzes/"),
    ("media", "it is the project's own folder media/"),
    ("docs", "it is the project's own folder docs/"),
    ("handouts", "it is the project's own folder handouts/"),
    ("site_templates", "it is the project's own folder site_templates/"),
    ("modules/site", "it is inside the project's own folder modules/"),
    (".", "it holds the project itself"),
    ("..", "it holds the project itself"),
    ("../my-folder", "it is not empty and the builder did not make it"),
]


@pytest.mark.parametrize(("target", "why"), REFUSED, ids=[t for t, _ in REFUSED])
def test_a_build_refuses_to_replace(project: Path, target: str, why: str) -> None:
    before = tree_digest(project.parent)
    code, stderr = build(project, "-d", str(project / target))
    assert code == 1, stderr
    assert f"<command line>: --site-dir: will not replace {(project / target).resolve()}: " \
        f"{why}" in stderr, stderr
    assert "nothing was written or deleted" in stderr
    assert tree_digest(project.parent) == before


def test_site_dir_in_mkdocs_yml_is_guarded_the_same(project: Path) -> None:
    config = project / "mkdocs.yml"
    # A GitHub Pages layout: the pages' sources elsewhere, the site in docs/.
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_dir: site/en", "site_dir: docs/en").replace("docs_dir: docs", "docs_dir: pages"),
        encoding="utf-8")
    (project / "pages").mkdir()
    before = tree_digest(project.parent)
    code, stderr = build(project)
    assert code == 1
    assert f"mkdocs.yml: site_dir: will not replace {(project / 'docs').resolve()}" in stderr
    assert tree_digest(project.parent) == before


def test_a_folder_of_a_project_elsewhere_is_refused(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-course"
    other.mkdir()
    (other / "course.yaml").write_text("title: x\n", encoding="utf-8")
    code, stderr = build(project, "-d", str(other))
    assert code == 1
    assert "it holds course.yaml, a file of a project" in stderr
    assert (other / "course.yaml").read_text(encoding="utf-8") == "title: x\n"


def test_a_site_of_an_older_version_is_replaced_but_not_with_a_file_of_yours(
        project: Path, tmp_path: Path) -> None:
    """Sites built before the marker existed: the redirect page and language folders only."""
    site = tmp_path / "site"
    assert build(project, "-d", str(site))[0] == 0
    (site / MARKER).unlink()
    assert build(project, "-d", str(site))[0] == 0
    assert (site / MARKER).is_file()
    (site / MARKER).unlink()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    before = tree_digest(site)
    code, stderr = build(project, "-d", str(site))
    assert code == 1
    assert f"there is no {MARKER} file in it" in stderr
    assert tree_digest(site) == before


def test_a_new_an_empty_and_a_marked_folder_are_replaced(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for site in (tmp_path / "new" / "site", empty):
        code, stderr = build(project, "-d", str(site))
        assert code == 0, stderr
        assert (site / MARKER).is_file()
        assert (site / "en" / "index.html").is_file()
        (site / "en" / "stale.html").write_text("old", encoding="utf-8")
        code, stderr = build(project, "-d", str(site))  # the builder's own: replaced
        assert code == 0, stderr
        assert not (site / "en" / "stale.html").exists()


def _modes(root: Path) -> set[tuple[str, str]]:
    return {("dir" if p.is_dir() else "file", oct(stat.S_IMODE(p.stat().st_mode)))
            for p in [root, *root.rglob("*")]}


@pytest.mark.parametrize(("mask", "folder", "file"), [("022", "0o755", "0o644"),
                                                      ("027", "0o750", "0o640")])
def test_output_follows_the_umask(project: Path, tmp_path: Path, mask: str, folder: str,
                                  file: str) -> None:
    """The site, the handout PDFs and their manifest: what open() and mkdir() would give."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "plugins: [search, offline, curriculum]",
        "plugins: [search, offline, {curriculum: {handouts: true, handouts_dir: cache}}]"),
        encoding="utf-8")
    site = tmp_path / "out" / "site"
    command = (f"umask {mask} && exec {CURRICULUM} build -p {project} -f {config} -d {site}")
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=300,
                          cwd=project, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 0, done.stderr
    assert _modes(site) == {("dir", folder), ("file", file)}
    cache = project / "cache"
    assert list(cache.rglob("*.pdf")) and (cache / "manifest.json").is_file()
    assert _modes(cache) == {("dir", folder), ("file", file)}


@pytest.mark.parametrize("out", ["modules", "quizzes", "modules/pdf", ".", ".."])
def test_handouts_refuse_to_write_into_the_projects_own_folders(project: Path,
                                                               out: str) -> None:
    before = tree_digest(project.parent)
    result = CliRunner().invoke(main, ["handouts", "-p", str(project), "-o",
                                       str(project / out), "-e", "programme"])
    assert result.exit_code == 1, result.output
    assert "will not write into" in result.stderr and "nothing was written" in result.stderr
    assert tree_digest(project.parent) == before


def test_build_of_another_folder_takes_that_projects_mkdocs_yml(project: Path, tmp_path: Path,
                                                                monkeypatch) -> None:
    """Run from inside one course, `build -p ../other` builds the other course with its own
    configuration (and into its own site_dir), never with the configuration of the folder the
    command runs in."""
    here = buildable_copy(tmp_path / "here")
    monkeypatch.chdir(here)
    result = CliRunner().invoke(main, ["build", "-q", "-p", str(project)])
    assert result.exit_code == 0, result.output
    assert (project / "site" / "en" / "index.html").is_file()
    assert not (here / "site").exists()


# Issue 19, 1: a language is a folder name of the output; only the course's are taken.
@pytest.mark.parametrize("lang", ["../site/en", "/abs/path", "../zz", "zz"])
def test_handouts_refuse_a_language_the_course_does_not_declare(project: Path,
                                                                lang: str) -> None:
    before = tree_digest(project.parent)
    result = CliRunner().invoke(main, ["handouts", "-p", str(project), "--lang", lang,
                                       "-o", str(project / "handouts"), "-e", "trainer",
                                       "-m", "alpha", "-q"])
    assert result.exit_code == 1, result.output
    assert f"<command line>: --lang: '{lang}' is not a language of the course " \
        "(the course has en" in result.stderr
    assert tree_digest(project.parent) == before
    assert not Path("/abs").exists()


# Issue 19, 2: an export holds the answers of lms_only banks; it is never published.
@pytest.mark.parametrize(("out", "why"), [
    ("docs", "it is the project's own folder docs/"),
    ("site_templates/assets", "it is inside the project's own folder site_templates/"),
    ("schema", "it is the project's own folder schema/"),
    ("handouts", "it is the project's own folder handouts/"),
    (".git", "it is the project's own folder .git/"),
    ("site", "it is the project's own folder site/"),
    ("..", "it holds the project itself"),  # as `/` does (not run: unguarded, it writes there)
])
def test_export_refuses_what_build_refuses_and_the_site(project: Path, out: str,
                                                       why: str) -> None:
    before = tree_digest(project.parent)
    result = CliRunner().invoke(main, ["export", "gift", "-p", str(project), "--out",
                                       str(project / out)])
    assert result.exit_code == 1, result.output
    assert f"--out: will not write into {(project / out).resolve()}: {why}" in result.stderr
    assert tree_digest(project.parent) == before


def test_export_refuses_a_folder_of_another_project(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-course"
    other.mkdir()
    (other / "course.yaml").write_text("title: x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "gift", "-p", str(project), "--out",
                                       str(other)])
    assert result.exit_code == 1, result.output
    assert "it holds course.yaml, a file of a project" in result.stderr
    assert sorted(p.name for p in other.iterdir()) == ["course.yaml"]


def test_export_and_handouts_refuse_a_site_the_builder_made(project: Path,
                                                           tmp_path: Path) -> None:
    published = tmp_path / "public"
    assert build(project, "-d", str(published))[0] == 0
    for out in (published, published / "en"):
        for verb in (["export", "gift"], ["handouts", "-e", "trainer", "-m", "alpha"]):
            result = CliRunner().invoke(main, [*verb, "-p", str(project), "--out", str(out)])
            assert result.exit_code == 1, result.output
            assert "a site the builder made (it is published)" in result.stderr
    assert not list(published.rglob("*.gift")) and not list(published.rglob("*.pdf"))
