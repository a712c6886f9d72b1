"""ProperDocs (a continuation of MkDocs 1.x): the same build as MkDocs', every language.

ProperDocs runs MkDocs plugins and themes by making every `mkdocs.*` import resolve to
`properdocs.*`. That alias must be in place before anything imports MkDocs, so the build
runs in a Python process of its own: the same `build_sites` as the MkDocs engine, the
curriculum plugin and Material, with ProperDocs underneath. Problems come back as data and
are raised here as the one error type.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import MAX_FILE_BYTES

ENGINE = "properdocs"


def available() -> bool:
    return importlib.util.find_spec(ENGINE) is not None


def build_sites(project_dir: Path, config_file: Path, site_dir: Path | None = None, *,
                max_bytes: int = MAX_FILE_BYTES,
                on_warning: Callable[[Problem], None] | None = None) -> Path:
    if not available():
        raise CurriculumError([Problem("<command line>", 0, 0, "--engine",
                                       "ProperDocs is not installed",
                                       "pip install properdocs (or: pip install "
                                       "'curriculum-builder[engines]'); nothing was written")])
    request = {"project": str(project_dir), "config": str(config_file),
               "site_dir": str(site_dir) if site_dir else None, "max_bytes": max_bytes}
    result = subprocess.run([sys.executable, "-m", __name__, json.dumps(request)],
                            stdout=subprocess.PIPE, text=True, check=False)
    answer = json.loads(result.stdout.strip().splitlines()[-1]) if result.stdout.strip() else {}
    for problem in answer.get("warnings", []):
        if on_warning is not None:
            on_warning(Problem(**problem))
    if "problems" in answer:
        raise CurriculumError([Problem(**p) for p in answer["problems"]])
    if result.returncode != 0 or "site" not in answer:
        raise RuntimeError(f"the ProperDocs build stopped (exit {result.returncode})")
    return Path(answer["site"])


def _child(request: dict) -> dict:
    import properdocs.replacement  # noqa: F401  (first: mkdocs.* is properdocs.* from here on)

    from .mkdocs_build import build_sites as build

    warnings: list[Problem] = []
    try:
        site = build(Path(request["project"]), Path(request["config"]),
                     Path(request["site_dir"]) if request["site_dir"] else None,
                     max_bytes=request["max_bytes"], on_warning=warnings.append)
    except CurriculumError as exc:
        return {"problems": [asdict(p) for p in exc.problems],
                "warnings": [asdict(p) for p in warnings]}
    return {"site": str(site), "warnings": [asdict(p) for p in warnings]}


if __name__ == "__main__":
    print(json.dumps(_child(json.loads(sys.argv[1]))))
