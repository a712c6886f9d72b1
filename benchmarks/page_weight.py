"""Page weight: built HTML of the curriculum's pages against their plain twins, and the
gzip size of the quiz script and stylesheet every quiz page loads."""

from __future__ import annotations

import gzip
import re
import statistics
from pathlib import Path
from typing import Any

from .site_build import Sites
from .timing import ROOT

ASSETS = ROOT / "site_templates" / "assets"
ASSET_FILES = ("quiz.js", "quiz.css")
KINDS = {"module page": "modules/*/index.html", "quiz page": "modules/*/post-test.html",
         "bank page": "banks/*.html"}


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def assets() -> dict[str, Any]:
    """Raw and gzip bytes of each quiz asset, and the gzip size of both."""
    found = {name: (ASSETS / name).read_bytes() for name in ASSET_FILES
             if (ASSETS / name).exists()}
    sizes = {name: {"raw": len(data), "gzip": gzip_size(data)} for name, data in found.items()}
    return {"files": sizes, "gzip_total": sum(s["gzip"] for s in sizes.values()),
            "missing": [name for name in ASSET_FILES if name not in found]}


def _sizes(site: Path, pattern: str) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.glob(pattern)}


_INLINE = re.compile(rb"<(script|style)\b[^>]*>.*?</\1>", re.S)


def inline_assets(html: bytes) -> int:
    """Bytes of inline <script> and <style> elements in a page (mkdocs-quiz inlines its own)."""
    return sum(len(m.group(0)) for m in _INLINE.finditer(html))


def compare(sites: Sites, nav: str) -> dict[str, Any]:
    """For each kind of page: median bytes in each site, and ours over the floor."""
    out: dict[str, Any] = {}
    for kind, pattern in KINDS.items():
        row: dict[str, Any] = {}
        for variant in ("ours", "floor", "peer"):
            sizes = _sizes(sites.site(variant, nav) / "en", pattern)
            if sizes:
                row[variant] = statistics.median(sizes.values())
        if "ours" in row and "floor" in row:
            row["ours_over_floor"] = row["ours"] / row["floor"]
        out[kind] = row
    out["gzip module page"] = _gzip_module_page(sites, nav)
    return out


def _gzip_module_page(sites: Sites, nav: str) -> dict[str, Any]:
    """One module page (the middle module's) gzipped, with the peer's inline assets."""
    row: dict[str, Any] = {}
    for variant in ("ours", "floor", "peer"):
        pages = sorted((sites.site(variant, nav) / "en").glob(KINDS["module page"]))
        if pages:
            html = pages[len(pages) // 2].read_bytes()
            row[variant] = gzip_size(html)
            row[f"{variant}_inline_assets"] = inline_assets(html)
    return row
