"""The project's own checks over would-be texts, each problem told at its form field."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..load.problems import CurriculumError, Problem
from ..load.project import Project, load_project

_SEGMENT = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")
COMPLETENESS = "is declared complete"
"""The end of a completeness error: a text still to translate, told but never blocking
a save (the translation view lists what is missing)."""


def check(root: Path, texts: dict[str, str], pending: dict[tuple[str, str], str] | None = None
          ) -> tuple[list[Problem], Project | None]:
    """Every problem and warning of the project, with `texts` in place of those files; the
    project, if it loaded (the preview builds a save from it)."""
    try:
        project = load_project(root, texts=texts, pending=pending)
    except CurriculumError as exc:
        return list(exc.problems), None
    return [*project.warnings], project


def blocking(problems: list[Problem], files: set[str]) -> list[Problem]:
    """The errors in the files being saved, which refuse the save."""
    return [p for p in problems if p.severity == "error" and p.file in files
            and not p.message.endswith(COMPLETENESS)]


def form_path(path: str, data: Any) -> str:
    """'sessions[1].duration' (or sessions[intro].title) as json-editor's path,
    root.sessions.1.duration."""
    parts, node = ["root"], data
    for name, key in _SEGMENT.findall(path):
        step: str | int = name or key
        if key and not key.isdigit() and isinstance(node, list):
            step = next((i for i, item in enumerate(node)
                         if isinstance(item, dict) and item.get("id") == key), key)
        elif key.isdigit():
            step = int(key)
        parts.append(str(step))
        node = _child(node, step)
    return ".".join(parts)


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and step < len(node):
        return node[step]
    return None


def as_json(problem: Problem, data: Any, file: str) -> dict[str, Any]:
    """A problem for the page: its text as validate prints it, and its field if in `file`."""
    found = asdict(problem)
    found["text"] = str(problem)
    found["field"] = form_path(problem.path, data) if problem.file == file else None
    return found
