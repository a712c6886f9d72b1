"""A rebuild as authors meet it: `curriculum build` cold, again with nothing changed,
and after one module is edited (what `curriculum serve` runs on each save).

Cold starts from an empty parse cache (a fresh CURRICULUM_CACHE_DIR); the two
rebuilds keep the cache the cold build wrote, as a user's machine does.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .generate import dump_yaml
from .timing import BIN, log, run_timed


def edit_module(project: Path) -> tuple[Path, str]:
    """Change one sentence of the first session of a module in the middle of the course."""
    modules = sorted((project / "modules").glob("*.yaml"))
    path = modules[len(modules) // 2]
    original = path.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    data["sessions"][0]["content"] += "\nEdited: the requested State answered in two weeks.\n"
    dump_yaml(data, path)
    return path, original


def measure(project: Path) -> dict[str, Any]:
    """CPU and wall seconds of the three builds, each into the same fresh site folder."""
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as tmp:
        env = {**os.environ, "CURRICULUM_CACHE_DIR": str(Path(tmp) / "cache")}
        site = Path(tmp) / "site"
        command = [str(BIN / "curriculum"), "build", "-q", "-p", str(project), "-d", str(site)]
        cold = run_timed(command, env=env)
        unchanged = run_timed(command, env=env)
        path, original = edit_module(project)
        try:
            edited = run_timed(command, env=env)
        finally:
            path.write_text(original, encoding="utf-8")
        shutil.rmtree(site, ignore_errors=True)
    figures = {name: {"cpu": s.cpu, "wall": s.wall}
               for name, s in (("cold", cold), ("unchanged", unchanged), ("edited", edited))}
    log(f"  rebuild: cold {cold.cpu:.1f} s CPU, unchanged {unchanged.cpu:.1f} s, "
        f"one module edited {edited.cpu:.1f} s")
    return figures
