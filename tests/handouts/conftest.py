"""Handouts built once per test session: the sample course and the handouts test project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.handouts import HandoutResult, build_handouts
from builder.handouts.editions import localizer
from builder.load.project import Project, load_project

from ..conftest import DATA, MINIMAL
from .reading import running_texts

HANDOUTS_PROJECT = DATA / "projects" / "handouts"


@dataclass
class Built:
    """A project, the folder its PDFs went to, and the results of the run."""

    project: Project
    out: Path
    results: list[HandoutResult]

    def path(self, name: str) -> Path:
        return self.out / name

    def running(self, lang: str) -> list[str]:
        t = localizer(self.project, lang)
        labels = [t.ui("trainee_handout"), t.ui("programme"),
                  f"{t.ui('trainer_guide')} · {t.ui('trainer_only')}"]
        return running_texts(self.project, t, labels)


@pytest.fixture(scope="session")
def sample_handouts(sample_project: Project, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Trainee handout and trainer guide of every sample module, in English."""
    out = tmp_path_factory.mktemp("sample-handouts")
    results = build_handouts(sample_project, out, languages=["en"],
                             editions=["trainee", "trainer"], whole_course=False)
    return Built(sample_project, out, results)


@pytest.fixture(scope="session")
def handouts_project() -> Project:
    return load_project(HANDOUTS_PROJECT)


@pytest.fixture(scope="session")
def project_handouts(handouts_project: Project,
                     tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Every PDF of the handouts test project: en and ru, all editions, course-wide too."""
    out = tmp_path_factory.mktemp("project-handouts")
    return Built(handouts_project, out, build_handouts(handouts_project, out))


@pytest.fixture(scope="session")
def minimal_handouts(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Trainee handout and trainer guide of the minimal project's modules."""
    project = load_project(MINIMAL)
    out = tmp_path_factory.mktemp("minimal-handouts")
    results = build_handouts(project, out, editions=["trainee", "trainer"], whole_course=False)
    return Built(project, out, results)
