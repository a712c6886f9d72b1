"""Page weight: a module page against its plain twin, the home page, and the assets
every page of the course shares (loaded once, then from the browser's cache)."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from .site_build import VARIANTS, Sites


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def _middle_module(site: Path) -> Path | None:
    pages = sorted(site.glob("modules/*/index.html"))
    return pages[len(pages) // 2] if pages else None


def module_pages(sites: Sites, nav: str) -> dict[str, Any]:
    """The middle module's page in each site: raw and gzip bytes."""
    row: dict[str, Any] = {}
    for variant in VARIANTS:
        page = _middle_module(sites.site(variant, nav))
        if page is not None:
            data = page.read_bytes()
            row[variant] = {"raw": len(data), "gzip": gzip_size(data),
                            "path": page.relative_to(sites.site(variant, nav)).as_posix()}
    return row


def home_pages(sites: Sites, nav: str) -> dict[str, Any]:
    row = {}
    for variant in VARIANTS:
        page = sites.site(variant, nav) / "index.html"
        if page.exists():
            row[variant] = page.stat().st_size
    return row


def shared_assets(site: Path) -> dict[str, Any]:
    """The curriculum's own assets: quiz script, styles, strings, bank data."""
    found: dict[str, Any] = {}
    for path in sorted(site.glob("assets/**/*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and ("curriculum" in rel or "banks" in rel):
            found[rel] = path.stat().st_size
    banks = [size for rel, size in found.items() if "/banks/" in rel]
    return {"curriculum": {k: v for k, v in found.items() if "/banks/" not in k},
            "banks": len(banks), "bank_bytes": sum(banks)}
