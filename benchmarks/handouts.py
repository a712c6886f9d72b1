"""PDF handouts: seconds per page cold, a run with nothing changed, a run after one edit.

`curriculum handouts` runs on the first modules of the corpus (two sample courses),
as a user runs it; a whole course is extrapolated per page and per module.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from .generate import generate, write_project
from .rebuild import edit_module
from .timing import BIN, Sample, log, run_timed

SAMPLES = (3, 6)  # modules of the two sample courses: a line through them extrapolates


def pdf_pages(folder: Path) -> tuple[int, int]:
    """(PDF files, pages) under `folder`."""
    from pypdf import PdfReader

    files = sorted(folder.rglob("*.pdf"))
    return len(files), sum(len(PdfReader(f).pages) for f in files)


def _run(project: Path, out: Path) -> Sample:
    return run_timed([str(BIN / "curriculum"), "handouts", "-q", "-p", str(project),
                      "-o", str(out)])


def _stamps(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*.pdf")}


def _remade(out: Path, run: Any) -> tuple[Sample, int]:
    """A run, and how many PDFs it wrote again."""
    before = _stamps(out)
    sample = run()
    return sample, sum(1 for p, stamp in _stamps(out).items() if before.get(p) != stamp)


def sample(out: Path, modules: int) -> dict[str, Any]:
    """Cold, nothing changed, and one module edited, on the first `modules` modules."""
    root = out / f"handouts-{modules}"
    shutil.rmtree(root, ignore_errors=True)
    project = write_project(generate(modules), root / "project")
    pdfs = root / "pdf"
    cold = _run(project, pdfs)
    files, pages = pdf_pages(pdfs)
    unchanged, unchanged_remade = _remade(pdfs, lambda: _run(project, pdfs))
    path, original = edit_module(project)
    try:
        edited, edited_remade = _remade(pdfs, lambda: _run(project, pdfs))
    finally:
        path.write_text(original, encoding="utf-8")
    shutil.rmtree(root, ignore_errors=True)
    log(f"  handouts, {modules} modules: {files} PDFs, {pages} pages, cold {cold.cpu:.1f} s "
        f"CPU; nothing changed {unchanged.cpu:.1f} s ({unchanged_remade} remade); one module "
        f"edited {edited.cpu:.1f} s ({edited_remade} remade)")
    return {"modules": modules, "pdfs": files, "pages": pages,
            "cold": vars(cold), "unchanged": vars(unchanged), "unchanged_remade":
            unchanged_remade, "edited": vars(edited), "edited_remade": edited_remade}


def measure(out: Path) -> dict[str, Any]:
    samples = [sample(out, n) for n in SAMPLES]
    pages = sum(s["pages"] for s in samples)
    return {"samples": samples, "cpu_per_page": sum(s["cold"]["cpu"] for s in samples) / pages,
            "wall_per_page": sum(s["cold"]["wall"] for s in samples) / pages}
