"""`curriculum handouts` and the MkDocs plugin's `handouts` option, run for real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main
from builder.render.templates import templates_dir

from ..conftest import MINIMAL
from .conftest import HANDOUTS_PROJECT

MKDOCS_YML = """\
site_name: Handouts test
docs_dir: {docs}
site_dir: site/en
strict: true
theme: {{name: material, language: en, font: false, custom_dir: {overrides}}}
plugins:
  - search
  - offline
  - curriculum:
      handouts: true
markdown_extensions: [tables, admonition, attr_list, md_in_html, {{toc: {{permalink: true}}}}]
"""


def test_cli_builds_one_module_on_letter(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["handouts", "-p", str(MINIMAL), "-o", str(out), "--module", "beta",
            "--edition", "trainee", "--paper", "letter", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "[1/1]" in result.stderr and "beta.trainee.pdf" in result.stderr
    assert "1 PDFs in" in result.stdout and "1 built" in result.stdout
    box = PdfReader(out / "en" / "beta.trainee.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "unchanged" in again.stderr and "0 built" in again.stdout


def test_cli_unknown_module_is_a_problem(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["handouts", "-p", str(MINIMAL), "-o", str(tmp_path),
                                       "--module", "gamma"])
    assert result.exit_code == 1
    assert "no module 'gamma'" in result.stderr
    assert not list(tmp_path.iterdir())


@pytest.fixture(scope="module")
def site_with_handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plugin") / "project"
    shutil.copytree(HANDOUTS_PROJECT, root)
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS_YML.format(docs=templates_dir() / "docs",
                                        overrides=templates_dir() / "overrides"))
    return build_sites(root, config, root / "site")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_plugin_puts_handouts_in_the_site(site_with_handouts: Path, lang: str) -> None:
    site = site_with_handouts / lang
    for module in ("requests", "workshop"):
        trainee = site / "handouts" / f"{module}.pdf"
        assert PdfReader(trainee).metadata.title.endswith(
            "Trainee handout" if lang == "en" else "Раздаточный материал для слушателей")
        # course.yaml says trainer_guide_on_site: true
        assert (site / "handouts" / f"{module}.trainer.pdf").exists()
        page = (site / "modules" / module / "index.html").read_text(encoding="utf-8")
        assert f'href="../../handouts/{module}.pdf"' in page
        assert f'href="../../handouts/{module}.trainer.pdf"' in page
    assert not (site / "handouts" / "course.trainee.pdf").exists()


def test_plugin_reuses_the_cache(site_with_handouts: Path) -> None:
    cache = site_with_handouts.parent / "handouts"
    assert (cache / "manifest.json").exists()
    assert sorted(p.name for p in (cache / "ru").iterdir()) == [
        "programme.pdf", "requests.programme.pdf", "requests.trainee.pdf",
        "requests.trainer.pdf", "workshop.programme.pdf", "workshop.trainee.pdf",
        "workshop.trainer.pdf"]
