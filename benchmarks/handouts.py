"""PDF handouts: seconds per page, and a rebuild with nothing changed.

`curriculum handouts` runs on a sample of the course (the first modules), as a
user runs it: cold, again with nothing changed, and after one module is edited.
Figures for a whole course are extrapolated per page and per module.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .generate import generate, write_project
from .rebuild import edit_module
from .timing import BIN, Best, CommandFailed, Sample, has_module, log, run_timed

SAMPLES = (3, 6)  # modules of the two sample courses: a line through them extrapolates


def available() -> str | None:
    """None when handouts can be built, else why not."""
    if not has_module("builder.handouts.build"):
        return "builder/handouts is not there yet"
    if not has_module("weasyprint"):
        return "WeasyPrint is not installed"
    if not has_module("pypdf"):
        return "pypdf (to count PDF pages) is not installed"
    import builder.handouts as handouts

    if not hasattr(handouts, "build_handouts"):
        return "builder.handouts has no build_handouts"
    return None


def pdf_pages(folder: Path) -> tuple[int, int]:
    """(PDF files, pages) under `folder`."""
    from pypdf import PdfReader

    files = sorted(folder.rglob("*.pdf"))
    return len(files), sum(len(PdfReader(f).pages) for f in files)


def _run(project: Path, out: Path) -> Sample:
    return run_timed([str(BIN / "curriculum"), "handouts", "-p", str(project), "-o", str(out),
                      "-q"])


def _stamps(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*.pdf")}


def _unchanged_run(project: Path, out: Path, repeats: int = 3) -> tuple[Best, int]:
    """Best of runs with nothing changed, and how many PDFs the last one made again: none,
    unless the builder's code changed meanwhile (it is part of each PDF's inputs)."""
    runs, remade = [], 0
    for _ in range(repeats):
        before = _stamps(out)
        runs.append(_run(project, out))
        remade = sum(1 for p, stamp in _stamps(out).items() if before.get(p) != stamp)
    return Best.of(runs), remade


def sample(out: Path, modules: int, edit: bool) -> dict[str, Any]:
    """Cold, no-change (and after an edit) runs on the first `modules` modules."""
    root = out / f"handouts-{modules}"
    shutil.rmtree(root, ignore_errors=True)
    project = write_project(generate(modules), root / "project")
    pdfs = root / "pdf"
    cold = _run(project, pdfs)
    files, pages = pdf_pages(pdfs)
    unchanged, remade = _unchanged_run(project, pdfs)
    figures: dict[str, Any] = {"modules": modules, "pdfs": files, "pages": pages,
                               "cold": vars(cold), "unchanged": unchanged.as_dict(),
                               "unchanged_remade": remade}
    if edit:
        path, original = edit_module(project)
        try:
            figures["edited"] = vars(_run(project, pdfs))
        finally:
            path.write_text(original, encoding="utf-8")
    log(f"  handouts, {modules} modules: {files} PDFs, {pages} pages, cold "
        f"{cold.wall:.1f} s wall; no change {unchanged.wall:.2f} s ({remade} remade)")
    return figures


def measure(out: Path) -> dict[str, Any]:
    reason = available()
    if reason is not None:
        log(f"  handouts: not available ({reason})")
        return {"available": False, "reason": reason}
    try:
        samples = [sample(out, n, edit=i == 0) for i, n in enumerate(SAMPLES)]
    except CommandFailed as exc:
        log(f"  handouts: failed ({exc})")
        return {"available": False, "reason": f"`curriculum handouts` failed: {exc}"}
    pages = sum(s["pages"] for s in samples)
    return {"available": True, "samples": samples,
            "wall_per_page": sum(s["cold"]["wall"] for s in samples) / pages,
            "cpu_per_page": sum(s["cold"]["cpu"] for s in samples) / pages}


def extrapolate(figures: dict[str, Any], size: int) -> dict[str, float]:
    """A whole course of `size` modules, on the line through the two samples: its pages,
    cold seconds (per page) and no-change seconds (loading the course and hashing each
    PDF's inputs both grow with the modules)."""
    small, large = figures["samples"][:2]

    def line(value: Callable[[dict[str, Any]], float]) -> float:
        slope = (value(large) - value(small)) / (large["modules"] - small["modules"])
        return value(small) + slope * (size - small["modules"])

    pages = line(lambda s: s["pages"])
    return {"pages": pages, "cold_wall": pages * figures["wall_per_page"],
            "unchanged_wall": line(lambda s: s["unchanged"]["wall"])}
