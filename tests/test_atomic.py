"""Output is all or nothing: a failed build keeps the old site; builds at once do not mix;
`curriculum new` never overwrites a file."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main

from .corpus import buildable_copy, tree_digest

CURRICULUM = Path(sys.executable).with_name("curriculum")


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A buildable project and its site, built once."""
    project = buildable_copy(tmp_path / "project")
    site = tmp_path / "out" / "site"
    build_sites(project, project / "mkdocs.yml", site)
    return project, site


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def leftovers(site: Path) -> list[str]:
    """Staging or old folders a build left beside the site."""
    return sorted(p.name for p in site.parent.iterdir() if p.name != site.name)


def test_bad_yaml_leaves_the_old_site_as_it_was(built: tuple[Path, Path]) -> None:
    project, site = built
    before = tree_digest(site)
    module = project / "modules" / "alpha.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "audience: [Judges]", "audience: [Judges"), encoding="utf-8")
    code, stderr = cli("build", "-p", str(project), "-f", str(project / "mkdocs.yml"),
                       "-d", str(site))
    assert code == 1
    assert "modules/alpha.yaml:5:6: YAML syntax error" in stderr
    assert tree_digest(site) == before
    assert leftovers(site) == []


def test_a_failure_inside_mkdocs_leaves_the_old_site_as_it_was(
        built: tuple[Path, Path]) -> None:
    project, site = built
    before = tree_digest(site)
    # A page with a broken link: MkDocs in strict mode stops after writing part of the site.
    (project / "docs" / "extra.md").write_text("# Extra\n\n[gone](missing.md)\n",
                                               encoding="utf-8")
    code, stderr = cli("build", "-p", str(project), "-f", str(project / "mkdocs.yml"),
                       "-d", str(site))
    assert code == 1
    assert "MkDocs build failed (en)" in stderr
    assert "Traceback" not in stderr
    assert tree_digest(site) == before
    assert leftovers(site) == []


def test_a_good_build_replaces_the_site(built: tuple[Path, Path]) -> None:
    project, site = built
    (site / "en" / "stale.html").write_text("from an older build", encoding="utf-8")
    module = project / "modules" / "alpha.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "title: Alpha module", "title: Renamed alpha"), encoding="utf-8")
    code, _ = cli("build", "-p", str(project), "-f", str(project / "mkdocs.yml"),
                  "-d", str(site))
    assert code == 0
    assert not (site / "en" / "stale.html").exists()
    assert "Renamed alpha" in (site / "en" / "modules" / "alpha" / "index.html").read_text(
        encoding="utf-8")
    assert leftovers(site) == []


def test_builds_at_once_leave_one_complete_site(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    site = tmp_path / "out" / "site"
    command = [str(CURRICULUM), "build", "-p", str(project), "-f", str(project / "mkdocs.yml"),
               "-d", str(site)]
    subprocess.run(command, check=True, capture_output=True, timeout=180, cwd=project)
    expected = sorted(tree_digest(site))
    seen_missing: list[float] = []
    stop = threading.Event()

    def read_all_the_time() -> None:
        while not stop.is_set():
            if not (site / "en" / "index.html").is_file():
                seen_missing.append(time.monotonic())
            time.sleep(0.001)

    reader = threading.Thread(target=read_all_the_time)
    reader.start()
    try:
        processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, cwd=project) for _ in range(3)]
        results = [p.communicate(timeout=180) for p in processes]
    finally:
        stop.set()
        reader.join()
    assert [p.returncode for p in processes] == [0, 0, 0], results
    assert sorted(tree_digest(site)) == expected
    for page in (site / "en").rglob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    assert leftovers(site) == []
    if sys.platform.startswith("linux"):  # folders swapped in one step: never a gap
        assert seen_missing == []


def test_new_module_never_overwrites(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    target = project / "modules" / "alpha.yaml"
    before = target.read_bytes()
    code, stderr = cli("new", "-p", str(project), "module", "alpha")
    assert code == 1
    assert stderr.splitlines() == [
        "error: modules/alpha.yaml: exists already (choose another id, or edit the file)",
        "error: quizzes/alpha-bank.yaml: exists already (choose another id, or edit the file)",
        "2 problem(s) found; nothing was written."]
    assert target.read_bytes() == before


def test_new_module_does_not_write_through_a_symlink(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    outside = tmp_path / "outside.yaml"
    (project / "modules" / "gamma.yaml").symlink_to(outside)
    code, _ = cli("new", "-p", str(project), "module", "gamma")
    assert code == 1
    assert not outside.exists()


def test_new_refuses_a_bad_id(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    before = tree_digest(project)
    code, stderr = cli("new", "-p", str(project), "module", "Gamma Module")
    assert code == 1
    assert stderr.splitlines()[0] == ("error: <command line>: id: 'Gamma Module' is not an id "
                                      "(use lowercase letters, digits and hyphens)")
    assert tree_digest(project) == before


@pytest.mark.parametrize("kind", ["module", "bank"])
def test_a_new_file_validates(tmp_path: Path, kind: str) -> None:
    project = buildable_copy(tmp_path / "project")
    code, _ = cli("new", "-p", str(project), kind, "gamma")
    assert code == 0
    if kind == "module":
        course = project / "course.yaml"
        course.write_text(course.read_text(encoding="utf-8").replace(
            "modules: [alpha, beta]", "modules: [alpha, beta, gamma]"), encoding="utf-8")
    code, stderr = cli("validate", "-p", str(project))
    assert code == 0, stderr
    assert "error" not in stderr


def test_new_creates_its_folder(tmp_path: Path) -> None:
    project = tmp_path / "fresh"
    project.mkdir()
    code, _ = cli("new", "-p", str(project), "bank", "first-bank")
    assert code == 0
    assert (project / "quizzes" / "first-bank.yaml").is_file()
    assert oct(os.stat(project / "quizzes" / "first-bank.yaml").st_mode)[-3:] in ("644", "664")


# Issue 19, 13: `$` matches before a final newline; ids, languages and clocks are whole.
def test_new_refuses_an_id_ending_in_a_newline(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    before = tree_digest(project)
    code, stderr = cli("new", "-p", str(project), "module", "abc\n")
    assert code == 1
    assert "id: 'abc\\n' is not an id" in stderr
    assert tree_digest(project) == before


@pytest.mark.parametrize(("file", "line", "field"), [
    ("modules/alpha.yaml", "id: alpha", 'id: "alpha\\n"'),
    ("modules/alpha.yaml", "  - id: know-alpha", '  - id: "know-alpha\\n"'),
    ("course.yaml", "id: mini-course", 'id: "mini-course\\n"\nlanguages: ["en\\n"]'),
])
def test_validate_refuses_a_value_ending_in_a_newline(tmp_path: Path, file: str, line: str,
                                                     field: str) -> None:
    project = buildable_copy(tmp_path / "project")
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert line + "\n" in text
    path.write_text(text.replace(line + "\n", field + "\n", 1), encoding="utf-8")
    code, stderr = cli("validate", "-p", str(project))
    assert code == 1, stderr
    assert f"error: {file}:" in stderr and "\\n' is not" in stderr, stderr
