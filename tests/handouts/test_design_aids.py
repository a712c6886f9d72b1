"""The course handout prints the curriculum map and the glossary (read back from the PDF)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader

from builder.handouts.build import build_handouts
from builder.load.project import load_project

from ..corpus import MINIMAL

GLOSSARY = """terms:
  - id: central-authority
    term: {en: central authority, ru: центральный орган}
    definition: {en: The body that receives requests., ru: "Орган, получающий просьбы."}
    source: UNTOC art. 18(13)
"""


def test_the_course_handout_has_the_map_and_the_glossary(tmp_path: Path) -> None:
    project_dir = tmp_path / "project"
    shutil.copytree(MINIMAL, project_dir)
    (project_dir / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    project = load_project(project_dir)
    out = tmp_path / "handouts"
    results = build_handouts(project, out, languages=["en"], editions=["trainee"])
    course = next(r.path for r in results if r.path.name.startswith("course."))
    text = "\n".join(page.extract_text() for page in PdfReader(course).pages)
    assert "Curriculum map" in text and "Glossary" in text
    assert "1. Alpha module" in text and "2. Beta module" in text  # the map's boxes
    assert "central authority" in text and "The body that receives requests." in text
    assert "Alignment of objectives" not in text  # design aids for trainers only
    module = next(r.path for r in results if r.path.name.startswith("alpha."))
    assert "Glossary" not in "\n".join(p.extract_text() for p in PdfReader(module).pages)


def test_the_course_trainer_guide_has_the_alignment_matrix(tmp_path: Path) -> None:
    project = load_project(MINIMAL)
    results = build_handouts(project, tmp_path / "h", languages=["en"], editions=["trainer"])
    course = next(r.path for r in results if r.path.name.startswith("course."))
    text = "\n".join(page.extract_text() for page in PdfReader(course).pages)
    assert "Alignment of objectives" in text
    assert "Explain alpha." in text and "Explain beta." in text
