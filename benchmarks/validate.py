"""`curriculum validate` on a course, as a user runs it: a fresh process each time."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from .generate import generate, write_project
from .timing import BIN, Best, best_of, log, run_timed


def project_of(size: int, out: Path) -> Path:
    """A course of `size` modules for validation only (no sites)."""
    root = out / f"validate-{size}"
    shutil.rmtree(root, ignore_errors=True)
    return write_project(generate(size), root)


def validate(project: Path, repeats: int, *, cold: bool = False) -> Best:
    """Best of `repeats` runs; `cold` turns the parse cache off, as on a first run."""
    command = [str(BIN / "curriculum"), "validate", "-p", str(project)]
    env = {**os.environ, "CURRICULUM_CACHE_DIR": "off"} if cold else None
    result = best_of(repeats, lambda: run_timed(command, env=env))
    log(f"  validate {project.name}{' (cold)' if cold else ''}: {result.cpu:.2f} s CPU, "
        f"{result.wall:.2f} s wall (best of {repeats})")
    return result


def startup(repeats: int) -> Best:
    """The floor of any `curriculum` command: the interpreter and the CLI's imports."""
    return best_of(repeats, lambda: run_timed([str(BIN / "curriculum"), "--version"]))


def profile(project: Path, out: Path) -> dict[str, Any]:
    target = out / f"profile-validate-{project.name}.json"
    run_timed([sys.executable, "-m", "benchmarks.profile", "validate", str(project),
               "--json", str(target)])
    return json.loads(target.read_text(encoding="utf-8"))
