"""Issue 21: every real GIFT and Moodle XML file of tests/data/real-imports/ (written by
others) imports in one process without a traceback, and what is written validates."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import click
import pytest

from builder.cli import import_ as verb
from builder.load.problems import CurriculumError
from builder.load.project import load_project
from tests.lmskit import lms_project

CORPUS = Path(__file__).resolve().parent / "data" / "real-imports"


def test_real_files_import_without_a_crash_and_validate(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    project = lms_project(tmp_path)
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".gift", ".txt", ".xml"))
    assert len(files) >= 100
    said: list[str] = []
    monkeypatch.setattr(click, "echo", lambda message="", **_: said.append(str(message)))
    for number, file in enumerate(files):
        # anything but a CurriculumError (a clear refusal) fails the test
        with contextlib.suppress(CurriculumError):
            verb.import_(project, "moodle" if file.suffix == ".xml" else "gift", file,
                         f"r{number}")
    totals = [re.match(r"(\d+) question\(s\) read, (\d+) written.*, (\d+) left out", s)
              for s in said]
    totals = [(int(m[1]), int(m[2]), int(m[3])) for m in totals if m]
    assert all(r == w + left for r, w, left in totals)  # no question missing unexplained
    read, written = sum(t[0] for t in totals), sum(t[1] for t in totals)
    assert written >= 0.95 * read, (read, written)  # measured 255 of 268 (95.1 %)
    load_project(project)  # every written bank validates, with the whole project
