"""What each feature of the course costs: the build with all of them, and with one off.

At the reference size, the course is written again with each feature of
course_features.FEATURES switched off in turn (everything else the same) and built as
the course is (`mkdocs build` with the minimal mkdocs.yml, the default navigation);
the difference to the build with every feature on is what the feature costs. Then the
same course with every feature on is built with `curriculum build`, every language,
by MkDocs and by Zensical (`--engine zensical`), side by side.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from .course_features import FEATURES
from .generate import NAV_CONFIGS, generate, write_project
from .site_build import median_of
from .timing import BIN, attempt, has_module, log, run_timed


def _build(project: Path, repeats: int) -> dict[str, Any]:
    site = project / NAV_CONFIGS["default"].site_dir
    runs = []
    for _ in range(repeats):
        shutil.rmtree(site, ignore_errors=True)
        runs.append(run_timed([str(BIN / "mkdocs"), "build", "-q", "-f",
                               str(project / NAV_CONFIGS["default"].file)]))
    shutil.rmtree(site, ignore_errors=True)
    return median_of(runs)


def measure(size: int, out: Path, repeats: int) -> dict[str, Any]:
    """{feature: the build without it}, each the median of `repeats` builds."""
    figures: dict[str, Any] = {}
    for feature in FEATURES:
        project = out / f"n{size}-without-{feature}"
        shutil.rmtree(project, ignore_errors=True)
        write_project(generate(size, features=frozenset(FEATURES) - {feature}), project)
        figures[feature] = attempt(f"N={size} without {feature}",
                                   lambda p=project: _build(p, repeats))
        if "cpu" in figures[feature]:
            log(f"  N={size} without {feature:15}: {figures[feature]['cpu']:6.1f} s CPU")
        shutil.rmtree(project, ignore_errors=True)
    return figures


def engines(project: Path, repeats: int) -> dict[str, Any]:
    """`curriculum build` of every language with MkDocs and with Zensical."""
    figures: dict[str, Any] = {}
    for engine in ("mkdocs", "zensical"):
        if engine == "zensical" and not has_module("zensical"):
            log("  zensical is not installed: not measured")
            continue
        site = project / f"site-{engine}"

        def build(engine: str = engine, site: Path = site) -> dict[str, Any]:
            runs = []
            for _ in range(repeats):
                shutil.rmtree(site, ignore_errors=True)
                runs.append(run_timed([str(BIN / "curriculum"), "build", "-q", "-p",
                                       str(project), "-d", str(site), "--engine", engine]))
            return median_of(runs)

        figures[engine] = attempt(f"curriculum build --engine {engine}", build)
        shutil.rmtree(site, ignore_errors=True)
        if "cpu" in figures[engine]:
            log(f"  curriculum build --engine {engine:8}: {figures[engine]['cpu']:6.1f} s CPU")
    return figures
