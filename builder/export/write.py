"""Put an export on disk: only once every file is made, each file replaced atomically."""

from __future__ import annotations

from pathlib import Path

from ..handouts.pdf import write_atomic
from ..load.problems import CurriculumError, Problem
from .common import Export


def write_export(export: Export, out: Path, project_root: Path) -> list[Path]:
    """Write the files under `out`; refuse an `out` that is one of the author's folders."""
    out = out.resolve()
    root = project_root.resolve()
    for folder in ("modules", "quizzes", "media", "translations"):
        if out == root / folder or (root / folder) in out.parents or out == root:
            raise CurriculumError([Problem("--out", 0, 0, "", f"{out} is the project's own "
                                           "folder", "export into a folder of its own, e.g. "
                                           "--out lms")])
    written = []
    for relative, data in sorted(export.files.items()):
        target = out / relative
        write_atomic(target, data)
        written.append(target)
    return written
