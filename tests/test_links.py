"""Local images and files that author text links to, wherever the project folder is given.

The minimal project's beta module shows `![Map of the region](../media/map.png)` and
`[the request form](<../media/request form.txt>)`; both files are in its media/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from builder.cli.main import main

from .corpus import MINIMAL, buildable_copy

CURRICULUM = Path(sys.executable).with_name("curriculum")
MAP_SIZE = (48, 32)  # tests/data/projects/minimal/media/map.png


def _layout(tmp_path: Path, how: str) -> tuple[Path, str]:
    """(working folder, value of -p) for a copy of the minimal project given `how`."""
    project = tmp_path / "course"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("site"))
    if how == ".":
        return project, "."
    if how == "../x":
        (tmp_path / "elsewhere").mkdir()
        return tmp_path / "elsewhere", "../course"
    if how == "absolute":
        return tmp_path, str(project)
    link = tmp_path / "link"
    link.symlink_to(project, target_is_directory=True)
    return link / "modules", ".."  # a relative path through a symlinked project


def _validate(cwd: Path, project: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["validate", "-p", project])
    return result.exit_code, result.output


@pytest.mark.parametrize("how", [".", "../x", "absolute", "symlink"])
def test_a_local_image_validates_whatever_the_project_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    cwd, project = _layout(tmp_path, how)
    code, output = _validate(cwd, project, monkeypatch)
    assert (code, output) == (0, "ok: 2 modules, 1 question banks, 3 questions, 0 warning(s)\n")


@pytest.mark.parametrize("how", [".", "../x", "symlink"])
def test_a_missing_file_is_named_not_called_outside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    cwd, project = _layout(tmp_path, how)
    (tmp_path / "course" / "media" / "map.png").rename(tmp_path / "course" / "media" / "mop.png")
    code, output = _validate(cwd, project, monkeypatch)
    assert code == 1
    assert ("error: modules/beta.yaml:9:53: summary: media/map.png does not exist "
            "(did you mean '../media/mop.png'?)") in output.splitlines()


def test_a_link_out_of_the_project_is_refused_with_a_relative_project(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd, project = _layout(tmp_path, ".")
    (tmp_path / "secret.png").write_bytes(b"x")
    beta = cwd / "modules" / "beta.yaml"
    beta.write_text(beta.read_text().replace("../media/map.png", "../../secret.png"))
    code, output = _validate(cwd, project, monkeypatch)
    assert code == 1
    assert "'../../secret.png' points outside the project" in output


def test_a_link_to_a_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd, project = _layout(tmp_path, ".")
    beta = cwd / "modules" / "beta.yaml"
    beta.write_text(beta.read_text().replace("../media/map.png", "../media"))
    code, output = _validate(cwd, project, monkeypatch)
    assert code == 1
    assert "summary: media is a folder, not a file (link to a file in it)" in output


def test_the_site_carries_the_image_and_the_file_with_spaces(minimal_site: Path) -> None:
    page = (minimal_site / "modules" / "beta" / "index.html").read_text(encoding="utf-8")
    image = re.search(r'<img alt="Map of the region" src="([^"]+)"', page)
    form = re.search(r'<a href="([^"]+)">the request form</a>', page)
    assert image and form, page
    assert image[1] == "../../media/map.png"
    assert form[1] == "../../media/request%20form.txt"
    assert (minimal_site / "media" / "map.png").read_bytes() == (
        MINIMAL / "media" / "map.png").read_bytes()
    assert (minimal_site / "media" / "request form.txt").is_file()


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run([str(CURRICULUM), *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def test_make_site_builds_a_course_with_an_image_from_its_own_folder(tmp_path: Path) -> None:
    """What `make site` runs: `curriculum build` and `curriculum handouts` with `-p .`."""
    project = buildable_copy(tmp_path / "course")
    built = _run(project, "build")
    assert built.returncode == 0, built.stderr
    site = project / "site" / "en"
    page = (site / "modules" / "beta" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../media/map.png"' in page
    assert (site / "media" / "map.png").is_file()
    printed = _run(project, "handouts", "-m", "beta", "-e", "trainee", "-q")
    assert printed.returncode == 0, printed.stderr
    pdf = PdfReader(project / "handouts" / "en" / "beta.trainee.pdf")
    (page,) = [p for p in pdf.pages if "A map of the region" in p.extract_text()]
    assert "Map of the region" not in page.extract_text(), "the alt text replaced the image"
    assert [image.image.size for image in page.images] == [MAP_SIZE]
    content = page.get_contents().get_data()
    (name,) = page["/Resources"]["/XObject"].keys()
    assert re.search(re.escape(name.encode()) + rb"\s+Do\b", content), "image not drawn here"


def test_a_changed_image_remakes_the_handouts_that_print_it(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "course")
    args = ("handouts", "-m", "beta", "-e", "trainee", "-q")
    assert _run(project, *args).returncode == 0
    pdf = project / "handouts" / "en" / "beta.trainee.pdf"
    first = pdf.read_bytes()
    again = _run(project, *args)
    assert "0 built" in again.stdout + again.stderr and pdf.read_bytes() == first
    image = project / "media" / "map.png"
    image.write_bytes(image.read_bytes() + b"\0" * 8)  # a new map (readers ignore the tail)
    remade = _run(project, *args)
    assert remade.returncode == 0
    assert "1 built" in remade.stdout + remade.stderr, remade.stderr


# Links into the project's own sources or outputs (a tester's reproduction, issue 19): the
# link check refused only links that leave the project, so these published an lms_only bank
# with its answers, a module with its trainer notes, trainer guides and the settings.
@pytest.mark.parametrize("target", ["../quizzes/alpha-bank.yaml", "beta.yaml", "../mkdocs.yml",
                                    "../course.yaml", "../handouts/en/beta.trainer.pdf",
                                    "../media/notes.txt"])
def test_a_link_into_the_sources_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            target: str) -> None:
    project, _ = _layout(tmp_path, ".")
    (project / "handouts" / "en").mkdir(parents=True)
    (project / "handouts" / "en" / "beta.trainer.pdf").write_bytes(b"%PDF-1.4 trainer guide")
    (project / "media" / "notes.txt").symlink_to("../quizzes/alpha-bank.yaml")
    beta = project / "modules" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace(
        "[the request form](<../media/request form.txt>)", f"[the notes]({target})"),
        encoding="utf-8")
    code, output = _validate(project, ".", monkeypatch)
    assert code == 1 and f"'{target}' links to" in output and "would publish it" in output
