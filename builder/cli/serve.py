"""`curriculum serve`: live preview of every language, rebuilt when a file is saved."""

from __future__ import annotations

from pathlib import Path

from ..adapters.preview import serve_forever
from ..load.problems import CurriculumError
from ..load.project import load_project


def serve(project_dir: Path, config_file: Path, dev_addr: str) -> int:
    try:
        languages = load_project(project_dir).course.languages
    except CurriculumError:
        languages = []  # broken now: the preview shows why, and recovers once it is fixed
    serve_forever(project_dir, config_file, dev_addr, languages)
    return 0
