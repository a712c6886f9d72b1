"""Parsed files kept between runs: never stale, never written into the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.load import parse_cache
from builder.load.project import load_project

from .conftest import MINIMAL


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CURRICULUM_CACHE_DIR", str(folder))
    parse_cache._folder.cache_clear()
    yield folder
    parse_cache._folder.cache_clear()


def test_second_load_reads_the_cache_and_gives_the_same_course(tmp_path: Path,
                                                               cache_dir: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("site"))
    before = sorted(project.rglob("*"))
    first = load_project(project)
    entries = list(cache_dir.rglob("*.pickle"))
    assert len(entries) == 4  # course, two modules, one bank
    second = load_project(project)
    assert second.modules == first.modules and second.banks == first.banks
    assert sorted(project.rglob("*")) == before, "nothing is written into the project"


def test_an_edit_of_the_same_length_is_seen_at_once(tmp_path: Path, cache_dir: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("site"))
    load_project(project)
    module = project / "modules" / "alpha.yaml"
    module.write_text(module.read_text().replace("Alpha module", "Omega module"))
    assert load_project(project).modules["alpha"].title == "Omega module"


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CURRICULUM_CACHE_DIR", "off")
    parse_cache._folder.cache_clear()
    try:
        assert parse_cache._entry(MINIMAL / "course.yaml") is None
    finally:
        parse_cache._folder.cache_clear()
