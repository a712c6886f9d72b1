"""Full site builds, side by side: the curriculum plugin, the plain floor, mkdocs-quiz.

Each build is a fresh process from a clean output folder, as a user runs it:
`curriculum build` for the course, `mkdocs build` for the floor and the peer
("ours-mkdocs" is the course through `mkdocs build`, without the CLI's wrapper).
Navigations (generate.NAV_CONFIGS): the course's (every module and quiz page in
the nav, as the plugin makes it), the same with Material's navigation.prune, and
a fixed nav of two pages, where the cost of a page does not grow with N.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .generate import NAV_CONFIGS, generate, write_project
from .plain import write_site
from .timing import BIN, Best, Sample, attempt, best_of, has_module, log, run_timed, timed

VARIANTS = ("ours", "floor", "peer", "ours-mkdocs")
Plan = list[tuple[str, str, int]]  # (nav, variant, repeats) in the order they run


@dataclass
class Sites:
    """The three sites of one size, written under `root`."""

    size: int
    root: Path
    pages: int
    generate_seconds: float

    def folder(self, variant: str) -> Path:
        return self.root / ("project" if variant.startswith("ours") else variant)

    def config(self, variant: str, nav: str) -> Path:
        return self.folder(variant) / NAV_CONFIGS[nav].file

    def site(self, variant: str, nav: str) -> Path:
        return self.folder(variant) / NAV_CONFIGS[nav].site_dir

    def command(self, variant: str, nav: str) -> list[str]:
        folder, config = self.folder(variant), self.config(variant, nav)
        if variant == "ours":
            return [str(BIN / "curriculum"), "build", "-p", str(folder), "-f", str(config),
                    "-d", str(self.site(variant, nav))]
        return [str(BIN / "mkdocs"), "build", "-q", "-f", str(config)]


def prepare(size: int, out: Path) -> Sites:
    """Write the course, the floor and the peer of `size` modules (anew)."""
    root = out / f"n{size}"
    shutil.rmtree(root, ignore_errors=True)

    def write() -> int:
        curriculum = generate(size)
        write_project(curriculum, root / "project")
        write_site(curriculum, root / "floor", peer=False)
        write_site(curriculum, root / "peer", peer=True)
        return sum(1 for _ in (root / "floor" / "docs").rglob("*.md"))

    pages, sample = timed(write)
    return Sites(size, root, pages, sample.wall)


def peer_available() -> bool:
    return has_module("mkdocs_quiz")


def build(sites: Sites, variant: str, nav: str, repeats: int) -> Best:
    site = sites.site(variant, nav)

    def clean() -> None:
        shutil.rmtree(site, ignore_errors=True)

    def run() -> Sample:
        return run_timed(sites.command(variant, nav))

    result = best_of(repeats, run, before_each=clean)
    log(f"  N={sites.size} {nav:6} nav {variant:5}: {result.cpu:6.1f} s CPU, "
        f"{result.wall:6.1f} s wall (best of {repeats})")
    return result


def build_figures(sites: Sites, variant: str, nav: str, repeats: int) -> dict[str, Any]:
    what = f"N={sites.size} {nav} nav {variant}"
    return attempt(what, lambda: build(sites, variant, nav, repeats).as_dict())


def measure(sites: Sites, plan: Plan) -> dict[str, Any]:
    """Run the plan's builds in order: figures[nav][variant]."""
    figures: dict[str, Any] = {"pages": sites.pages, "generate_s": sites.generate_seconds}
    for nav, variant, repeats in plan:
        if variant == "peer" and not peer_available():
            log("  mkdocs-quiz is not installed: peer not available")
            continue
        figures.setdefault(nav, {})[variant] = build_figures(sites, variant, nav, repeats)
    return figures


def remove_sites(sites: Sites) -> None:
    """Delete the built sites (hundreds of MB with the course nav), keeping the sources."""
    for folder in ("project", "floor", "peer"):
        for nav in NAV_CONFIGS.values():
            shutil.rmtree(sites.root / folder / nav.site_dir, ignore_errors=True)


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


