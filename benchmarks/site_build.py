"""Full site builds, side by side in one run: the curriculum plugin, the plain floor,
mkdocs-quiz.

Each build is a fresh `mkdocs build` process from a clean output folder, as a
user runs it, with the same minimal mkdocs.yml for all three (generate.write_configs).
Navigations (generate.NAV_CONFIGS): "default", none in mkdocs.yml (the plugin's
own for the course, MkDocs' list of every page for the others), and "fixed", a
nav of one entry set in mkdocs.yml, shown beside the default only.
"""

from __future__ import annotations

import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .generate import NAV_CONFIGS, generate, write_project
from .plain import write_site
from .timing import BIN, Sample, attempt, has_module, log, run_timed, timed

VARIANTS = ("ours", "floor", "peer")
Plan = list[tuple[str, str, int]]  # (nav, variant, repeats) in the order they run


@dataclass
class Sites:
    """The three sites of one size, written under `root`."""

    size: int
    root: Path
    generate_seconds: float

    def folder(self, variant: str) -> Path:
        return self.root / ("project" if variant == "ours" else variant)

    def config(self, variant: str, nav: str) -> Path:
        return self.folder(variant) / NAV_CONFIGS[nav].file

    def site(self, variant: str, nav: str) -> Path:
        return self.folder(variant) / NAV_CONFIGS[nav].site_dir

    def command(self, variant: str, nav: str) -> list[str]:
        return [str(BIN / "mkdocs"), "build", "-q", "-f", str(self.config(variant, nav))]


def prepare(size: int, out: Path) -> Sites:
    """Write the course, the floor and the peer of `size` modules (anew)."""
    root = out / f"n{size}"
    shutil.rmtree(root, ignore_errors=True)

    def write() -> None:
        curriculum = generate(size)
        write_project(curriculum, root / "project")
        write_site(curriculum, root / "floor", peer=False)
        write_site(curriculum, root / "peer", peer=True)

    _, sample = timed(write)
    return Sites(size, root, sample.wall)


def peer_available() -> bool:
    return has_module("mkdocs_quiz")


def median_of(runs: list[Sample]) -> dict[str, Any]:
    return {"cpu": statistics.median(r.cpu for r in runs),
            "wall": statistics.median(r.wall for r in runs),
            "runs": [{"cpu": r.cpu, "wall": r.wall} for r in runs]}


def build(sites: Sites, variant: str, nav: str, repeats: int) -> dict[str, Any]:
    """Median of `repeats` builds, then what the last one wrote."""
    site = sites.site(variant, nav)
    runs = []
    for _ in range(repeats):
        shutil.rmtree(site, ignore_errors=True)
        runs.append(run_timed(sites.command(variant, nav)))
    result = median_of(runs)
    result.update(site_figures(site))
    log(f"  N={sites.size} {nav:7} nav {variant:5}: {result['cpu']:6.1f} s CPU "
        f"(median of {repeats}), {result['bytes'] / 1e6:6.1f} MB, {result['pages']} pages")
    return result


def site_figures(site: Path) -> dict[str, Any]:
    """Bytes of the whole site, its pages, and the median module page."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.name.endswith(".html") and p.name != "404.html"]
    modules = sorted(p.stat().st_size for p in pages if _is_module_page(site, p))
    return {"bytes": sum(p.stat().st_size for p in files), "pages": len(pages),
            "module_page": statistics.median(modules) if modules else None}


def _is_module_page(site: Path, page: Path) -> bool:
    """modules/<id>/index.html in each site: the page of a module's text."""
    parts = page.relative_to(site).parts
    return len(parts) == 3 and parts[0] == "modules" and parts[2] == "index.html"


def measure(sites: Sites, plan: Plan) -> dict[str, Any]:
    """Run the plan's builds in order: figures[nav][variant]."""
    figures: dict[str, Any] = {"generate_s": sites.generate_seconds}
    for nav, variant, repeats in plan:
        if variant == "peer" and not peer_available():
            log("  mkdocs-quiz is not installed: peer not available")
            continue
        what = f"N={sites.size} {nav} nav {variant}"
        figures.setdefault(nav, {})[variant] = attempt(
            what, lambda v=variant, n=nav, r=repeats: build(sites, v, n, r))
    return figures


def remove_sites(sites: Sites) -> None:
    """Delete the built sites, keeping the sources."""
    for variant in VARIANTS:
        for nav in NAV_CONFIGS:
            shutil.rmtree(sites.site(variant, nav), ignore_errors=True)
