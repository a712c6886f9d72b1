"""The plugin brings what its pages need: a minimal mkdocs.yml renders like the sample's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from builder.adapters.mkdocs_build import build_sites
from builder.load.problems import CurriculumError

from .conftest import MINIMAL, ROOT

BARE = "site_name: Mini\ntheme: material\nplugins: [search, curriculum]\n"
# The sample course's own mkdocs.yml, pointed at the minimal project; without the offline
# plugin, which changes every URL, and without handouts (the bare config has neither).
SAMPLE = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("  - offline\n", "").replace(
    "handouts: true", "handouts: false")
LITERALS = ("!!! ", "{ .md-button", "{ #", "{#")


def _project(tmp_path: Path, config: str) -> Path:
    project = tmp_path / "project"
    project.mkdir(parents=True)
    for name in ("course.yaml", "modules", "quizzes", "media"):
        source = MINIMAL / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def _articles(site: Path) -> dict[str, str]:
    pages = {}
    for page in sorted(site.rglob("*.html")):
        found = re.search(r"<article[^>]*>(.*?)</article>", page.read_text(encoding="utf-8"),
                          re.S)
        if found:
            pages[str(page.relative_to(site))] = found.group(1)
    return pages


@pytest.fixture(scope="module")
def bare_and_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    base = tmp_path_factory.mktemp("needs")
    sample_config = SAMPLE.replace("docs_dir: site_templates/docs", "docs_dir: docs").replace(
        "custom_dir: site_templates/overrides", f"custom_dir: {ROOT / 'site_templates/overrides'}")
    built = []
    for name, config in (("bare", BARE), ("sample", sample_config)):
        project = _project(base / name, config)
        built.append(_articles(build_sites(project, project / "mkdocs.yml") / "en"))
    return built[0], built[1]


def test_bare_config_renders_every_page_like_the_sample(bare_and_sample) -> None:
    bare, sample = bare_and_sample
    assert bare.keys() == sample.keys() and len(bare) >= 4
    for name in bare:
        assert bare[name] == sample[name], name


def test_bare_config_shows_no_markdown_syntax(bare_and_sample) -> None:
    bare, _ = bare_and_sample
    text = "".join(bare.values())
    assert 'class="admonition' in text and 'class="md-button"' in text
    visible = re.sub(r"<[^>]+>", "", text)
    for literal in LITERALS:
        assert literal not in visible, literal


def test_other_theme_stops_with_a_clear_message(tmp_path: Path) -> None:
    project = _project(tmp_path, BARE.replace("theme: material", "theme: readthedocs"))
    with pytest.raises(CurriculumError) as error:
        build_sites(project, project / "mkdocs.yml")
    message = str(error.value.problems[0])
    assert "'readthedocs'" in message and "theme: material" in message
    assert not (project / "site").exists()


def test_user_extension_options_are_kept(tmp_path: Path) -> None:
    config = BARE + "markdown_extensions: [{toc: {permalink: '#'}}]\n"
    project = _project(tmp_path, config)
    site = build_sites(project, project / "mkdocs.yml") / "en"
    page = (site / "modules" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert 'class="headerlink" href="#' in page and ">#</a>" in page


def test_bare_config_uses_the_package_theme_overrides(tmp_path: Path) -> None:
    project = _project(tmp_path, BARE)
    site = build_sites(project, project / "mkdocs.yml") / "en"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search" role="dialog" aria-label=' in page


def test_every_plugin_option_is_documented() -> None:
    from builder.adapters.mkdocs_plugin import CurriculumConfig

    text = (ROOT / "docs" / "plugin.md").read_text(encoding="utf-8")
    table = {line.split("|")[1].strip().strip("`") for line in text.splitlines()
             if line.startswith("| `")}
    options = {name for name, _ in CurriculumConfig._schema}
    assert options and options == table
