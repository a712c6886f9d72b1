"""A project for the LMS tests: the minimal course whose module alpha has a post-test that
counts, drawn from an LMS-only bank with one question of each of the seven types."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.corpus import MINIMAL

LMS_DATA = Path(__file__).resolve().parent / "data" / "lms"
EXAM = "alpha-exam"


def warned(export, question_id: str) -> list[str]:
    """The warnings of an export that name this question."""
    return [str(w) for w in export.warnings if f"question '{question_id}'" in str(w)]


def lms_project(tmp: Path) -> Path:
    """tmp/project: minimal + quizzes/alpha-exam.yaml (lms_only) as alpha's post-test."""
    project = tmp / "project"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(LMS_DATA, project, dirs_exist_ok=True)
    (project / "docs").mkdir()
    config = (project / "mkdocs.yml").read_text().replace("../../../../site_templates/docs",
                                                          "docs")
    (project / "mkdocs.yml").write_text(config)
    module = project / "modules" / "alpha.yaml"
    text = module.read_text()
    old = "post_test: {bank: alpha-bank, draw: 2, pass_mark: 70, attempts: 2}"
    assert old in text
    module.write_text(text.replace(old, f"post_test: {{bank: {EXAM}, pass_mark: 70, "
                                        "attempts: 2}"))
    return project
