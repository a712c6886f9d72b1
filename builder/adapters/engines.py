"""The site generators `curriculum build --engine` can use; each is imported only when chosen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def engine_builder(name: str) -> Callable[..., Path]:
    """build_sites(project_dir, config_file, site_dir, *, max_bytes, on_warning) of `name`."""
    if name == "zensical":
        from .zensical_build import build_sites
    elif name == "properdocs":
        from .properdocs_build import build_sites
    else:
        from .mkdocs_build import build_sites
    return build_sites
