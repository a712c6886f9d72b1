"""The package another academy installs: complete, and working outside this checkout."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from .installed import ROOT, Installed

MINIMAL = ROOT / "tests" / "data" / "projects" / "minimal"
MKDOCS_YML = """site_name: Mini course
site_dir: site/en
theme: {name: material, custom_dir: %s}
plugins: [search, offline, {curriculum: {handouts: true}}]
markdown_extensions: [tables, admonition, attr_list, md_in_html, def_list, toc]
"""


def _tracked(folder: str) -> set[str]:
    listed = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    return set(listed)


def test_wheel_carries_every_template_and_the_shim(installed: Installed) -> None:
    names = installed.wheel_names()
    expected = {f"builder/{name}" for name in _tracked("site_templates")}
    assert expected, "no site_templates tracked"
    assert expected - names == set()
    assert "builder/site_templates/vendor/iframe-worker-shim.js" in names
    assert "builder/site_templates/vendor/jsoneditor.js" in names  # the forms of `edit`
    assert "builder/site_templates/vendor/decap-cms/decap-cms.js" in names  # cms decap
    assert not any(name.startswith("site_templates/") for name in names)


def test_sdist_carries_templates_shim_and_build_hook(installed: Installed) -> None:
    with tarfile.open(installed.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert _tracked("site_templates") - names == set()
    assert {"setup.py", "tools/vendor_shim.py", "site_templates/vendor/iframe-worker-shim.js",
            "site_templates/vendor/jsoneditor.js", "CHANGELOG.md", "LICENSE"} <= names


def test_building_prints_no_deprecation(installed: Installed) -> None:
    assert "Deprecat" not in installed.build_log
    assert "License classifiers" not in installed.build_log


def test_installed_code_reads_its_own_templates(installed: Installed, tmp_path: Path) -> None:
    script = ("import builder, builder.render.templates as t, builder.handouts.manifest as m,"
              " builder.load.parse_cache as c; print(builder.__file__); print(t.templates_dir());"
              " print(m.tooling()['code']); print(c._loader_version())")
    lines = installed.run(installed.bin("python"), "-c", script, cwd=tmp_path).stdout.split()
    assert all(Path(line).is_relative_to(installed.venv) for line in lines[:2]), lines
    assert len(lines[2]) == 64 and len(lines[3]) == 16


def test_installed_version_is_the_single_source(installed: Installed, tmp_path: Path) -> None:
    from builder import __version__

    out = installed.run(installed.bin("curriculum"), "--version", cwd=tmp_path).stdout
    assert __version__ in out
    assert f"curriculum_builder-{__version__}-" in installed.wheel.name


@pytest.mark.parametrize("command", [("validate", "--strict"), ("build",), ("handouts",)])
def test_installed_commands_build_a_course(installed: Installed, tmp_path: Path,
                                           command: tuple[str, ...]) -> None:
    for name in ("course.yaml", "modules", "quizzes", "media"):
        source = MINIMAL / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    (tmp_path / "docs").mkdir()
    overrides = installed.run(installed.bin("python"), "-c", "from builder.render.templates "
                              "import templates_dir as t; print(t() / 'overrides')",
                              cwd=tmp_path).stdout.strip()
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML % overrides)
    installed.run(installed.bin("curriculum"), *command, cwd=tmp_path)
    if command[0] == "build":
        page = (tmp_path / "site" / "en" / "modules" / "alpha" / "index.html").read_text()
        assert "assets/curriculum/quiz.js" in page
        assert (tmp_path / "site" / "en" / "assets" / "curriculum"
                / "iframe-worker-shim.js").exists()
    if command[0] == "handouts":
        assert list((tmp_path / "handouts").rglob("*.pdf"))


MINIMAL_YML = "site_name: Minimal\nsite_dir: minimal-site\ntheme: material\n" \
              "plugins: [search, curriculum]\n"


@pytest.fixture(scope="module")
def new_course(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`curriculum init --lang ru` of the installed package, in an empty folder."""
    folder = tmp_path_factory.mktemp("empty")
    out = installed.run(installed.bin("curriculum"), "init", "kurs", "--lang", "ru",
                        "--title", "Международный розыск", "--ci", "github", cwd=folder)
    assert "wrote course.yaml" in out.stdout
    return folder / "kurs"


def test_installed_init_makes_a_russian_only_course(installed: Installed,
                                                    new_course: Path) -> None:
    course = (new_course / "course.yaml").read_text(encoding="utf-8")
    assert "languages: [ru]" in course and "Международный розыск" in course
    out = installed.run(installed.bin("curriculum"), "validate", "--strict", cwd=new_course)
    assert out.stdout.startswith("ok:") and "0 warning(s)" in out.stdout


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_installed_build_with_each_engine(installed: Installed, new_course: Path,
                                          engine: str) -> None:
    installed.run(installed.bin("curriculum"), "build", "--engine", engine, cwd=new_course)
    site = new_course / "site"
    assert sorted(p.name for p in site.iterdir() if p.name[0] != ".") == ["index.html", "ru"]
    page = next((site / "ru" / "modules").glob("getting-started/index.html"))
    text = page.read_text(encoding="utf-8")
    assert '<html lang="ru"' in text and "Файл модуля" in text
    assert "Только для преподавателей" not in text  # trainer notes never on the site


def test_installed_handouts(installed: Installed, new_course: Path) -> None:
    installed.run(installed.bin("curriculum"), "handouts", "-q", cwd=new_course)
    pdfs = sorted(p.name for p in (new_course / "handouts" / "ru").glob("*.pdf"))
    assert "getting-started.trainee.pdf" in pdfs and "getting-started.trainer.pdf" in pdfs


def test_installed_mkdocs_build_with_a_minimal_config(installed: Installed,
                                                      new_course: Path) -> None:
    (new_course / "minimal.yml").write_text(MINIMAL_YML, encoding="utf-8")
    installed.run(installed.bin("python"), "-m", "mkdocs", "build", "-f", "minimal.yml",
                  cwd=new_course)
    page = (new_course / "minimal-site" / "modules" / "getting-started" / "index.html")
    text = page.read_text(encoding="utf-8")
    assert 'class="admonition' in text or 'class="md-button"' in text
    assert "!!! " not in text and "{ .md-button" not in text and "{ #" not in text


def test_installed_python_m_builder(installed: Installed, new_course: Path) -> None:
    out = installed.run(installed.bin("python"), "-m", "builder", "validate", "-q",
                        cwd=new_course)
    assert out.stdout == ""
