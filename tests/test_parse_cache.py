"""Parsed files kept between runs: never stale, never written into the project."""

from __future__ import annotations

import shutil
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.load import parse_cache, yaml_source
from builder.load.problems import CurriculumError
from builder.load.project import load_project

from .conftest import MINIMAL


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CURRICULUM_CACHE_DIR", str(folder))
    parse_cache._folder.cache_clear()
    yield folder
    parse_cache._folder.cache_clear()


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed (not read from the cache), in order."""
    names: list[str] = []
    real = yaml_source._parse  # what load_file calls when the cache has no entry

    def counting(text: str, display: str):
        names.append(display)
        return real(text, display)

    monkeypatch.setattr(yaml_source, "_parse", counting)
    return names


def copy(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("site"))
    return project


def test_second_load_reads_the_cache_and_gives_the_same_course(
        tmp_path: Path, cache_dir: Path, parsed: list[str]) -> None:
    project = copy(tmp_path)
    before = sorted(project.rglob("*"))
    first = load_project(project)
    assert len(parsed) == 4  # course, two modules, one bank
    assert len(list(cache_dir.rglob("*.pickle"))) == 4
    second = load_project(project)
    assert len(parsed) == 4, "the second load parsed again instead of reading the cache"
    assert second.modules == first.modules and second.banks == first.banks
    assert sorted(project.rglob("*")) == before, "nothing is written into the project"


def test_an_edit_of_the_same_length_is_seen_at_once(tmp_path: Path, cache_dir: Path) -> None:
    project = copy(tmp_path)
    load_project(project)
    module = project / "modules" / "alpha.yaml"
    module.write_text(module.read_text().replace("Alpha module", "Omega module"))
    assert load_project(project).modules["alpha"].title == "Omega module"


def test_a_save_during_the_parse_never_leaves_a_stale_parse(
        tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor's autosave between the read and the parse (likely under `serve`)."""
    project = copy(tmp_path)
    module = project / "modules" / "alpha.yaml"
    broken = module.read_text().replace("level: introductory", "level: expert")
    real = yaml_source._parse  # what load_file calls when the cache has no entry

    def saved_meanwhile(text: str, display: str):
        if display == "modules/alpha.yaml" and module.read_text() != broken:
            module.write_text(broken)  # the file changes after it was read
        return real(text, display)

    monkeypatch.setattr(yaml_source, "_parse", saved_meanwhile)
    load_project(project)  # parsed what it read, before the save: no problem yet
    monkeypatch.setattr(yaml_source, "_parse", real)
    with pytest.raises(CurriculumError) as caught:
        load_project(project)
    assert [p.path for p in caught.value.problems] == ["level"]


def test_a_file_grown_past_the_limit_is_refused_before_it_is_read(
        tmp_path: Path, cache_dir: Path) -> None:
    project = copy(tmp_path)
    load_project(project)  # cached while small
    module = project / "modules" / "beta.yaml"
    with module.open("ab") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB that take no disk
    tracemalloc.start()
    try:
        with pytest.raises(CurriculumError) as caught:
            load_project(project)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "over the limit" in caught.value.problems[0].message
    assert peak < 20 * 1024 * 1024, f"{peak:,} bytes allocated to refuse the file"


def test_tests_keep_parsed_files_out_of_the_users_cache_folder() -> None:
    from .conftest import TEST_CACHE

    parse_cache._folder.cache_clear()
    folder = parse_cache._folder()
    assert folder is not None and folder.is_relative_to(TEST_CACHE)
    assert not folder.is_relative_to(Path.home())


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CURRICULUM_CACHE_DIR", "off")
    parse_cache._folder.cache_clear()
    try:
        assert parse_cache._entry(MINIMAL / "course.yaml") is None
    finally:
        parse_cache._folder.cache_clear()


def test_positions_are_found_again_from_the_text_when_a_problem_needs_them() -> None:
    import pickle

    text = "id: alpha\ntitle: Alpha\nsessions:\n  - id: one\n    title: One\n"
    source = yaml_source.parse(text, "modules/alpha.yaml")
    restored = pickle.loads(pickle.dumps(source, protocol=5))
    assert "marks" not in restored.__dict__ and restored.data == source.data
    assert restored.where(("sessions", 0, "title")) == (5, 12)
    assert restored.where(("sessions", 0), key=True) == source.where(("sessions", 0), key=True)
    assert restored.text == text and restored == source
    assert pickle.loads(pickle.dumps(restored)).where(("title",)) == (2, 8)


def test_a_problem_in_an_unchanged_file_is_told_at_its_place_from_the_cache(
        tmp_path: Path, cache_dir: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    """Positions are not cached: a cross-file problem in a cached file finds them again."""
    project = copy(tmp_path)
    load_project(project)
    (project / "quizzes" / "alpha-bank.yaml").unlink()  # the modules now draw from nothing
    with pytest.raises(CurriculumError) as warm:
        load_project(project)
    assert "modules/alpha.yaml" in parsed[4:], "positions were found again by a parse"
    monkeypatch.setenv("CURRICULUM_CACHE_DIR", "off")
    parse_cache._folder.cache_clear()
    with pytest.raises(CurriculumError) as cold:
        load_project(project)
    told = [str(p) for p in warm.value.problems]
    assert told == [str(p) for p in cold.value.problems]
    assert any(p.startswith("modules/alpha.yaml:") and ":0:" not in p for p in told)
