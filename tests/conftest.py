"""Shared fixtures: real sites built once per test session and reused by every test."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from builder.adapters.mkdocs_build import build_sites
from builder.load.project import Project, load_project

from .installed import Installed, install

# Tests (and the `curriculum` processes they start, which inherit the environment) keep
# parsed files in a folder of their own, removed at the end, never in the user's cache.
TEST_CACHE = tempfile.mkdtemp(prefix="curriculum-test-cache-")
os.environ["CURRICULUM_CACHE_DIR"] = TEST_CACHE


def pytest_sessionfinish(session: pytest.Session) -> None:
    shutil.rmtree(TEST_CACHE, ignore_errors=True)


ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MINIMAL = DATA / "projects" / "minimal"


@pytest.fixture(scope="session")
def sample_project() -> Project:
    """The sample course, loaded and validated."""
    return load_project(ROOT)


@pytest.fixture(scope="session")
def sample_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample course built with MkDocs: one folder per language (site/en, site/ru ...)."""
    out = tmp_path_factory.mktemp("sample") / "site"
    return build_sites(ROOT, ROOT / "mkdocs.yml", out)


@pytest.fixture(scope="session")
def sample_site(sample_sites: Path, sample_project: Project) -> Path:
    """The sample course's site in its default language."""
    return sample_sites / sample_project.course.default_language


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-module project built with MkDocs, for tests that need known content."""
    out = tmp_path_factory.mktemp("minimal") / "site"
    return build_sites(MINIMAL, MINIMAL / "mkdocs.yml", out) / "en"


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel built from this checkout, installed in a fresh venv outside it (built once)."""
    return install(tmp_path_factory.mktemp("installed"))
