"""Put an export on disk: only once every file is made, each file replaced atomically."""

from __future__ import annotations

from pathlib import Path

from ..handouts.pdf import write_atomic
from .common import Export


def write_export(export: Export, out: Path) -> list[Path]:
    """Write the files under `out` (checked beforehand: output.check_writable_into)."""
    written = []
    for relative, data in sorted(export.files.items()):
        target = out.resolve() / relative
        write_atomic(target, data)
        written.append(target)
    return written
