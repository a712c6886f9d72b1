"""The sample course through ProperDocs and Zensical (MkDocs: the sample_sites fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.adapters.engines import engine_builder
from builder.load.project import Project

from .conftest import ROOT


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_the_sample_course_builds_with_the_engine(engine: str, tmp_path: Path,
                                                   sample_project: Project) -> None:
    warnings = []
    site = engine_builder(engine)(ROOT, ROOT / "mkdocs.yml", tmp_path / "site",
                                  on_warning=warnings.append)
    for lang in sample_project.course.languages:
        for module in sample_project.course.modules:
            page = site / lang / "modules" / module / "index.html"
            assert page.is_file(), page
            assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8")
    assert (site / "index.html").is_file()
    assert bool(warnings) == (engine == "zensical")  # what Zensical lacks is said
