"""`curriculum serve`: live preview of the default language."""

from __future__ import annotations

from pathlib import Path

from ..adapters.mkdocs_build import serve_site


def serve(project_dir: Path, config_file: Path, dev_addr: str) -> int:
    serve_site(project_dir, config_file, dev_addr)
    return 0
