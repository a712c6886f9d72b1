"""Writing files that must not exist yet: `curriculum new` and `curriculum init`."""

from __future__ import annotations

import os
from pathlib import Path

from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import inside


def check_folder(root: Path, display: str) -> None:
    """A folder of the project that is a symlink to elsewhere is never written through."""
    folder = (root / display).parent
    while folder != root and not folder.exists() and not folder.is_symlink():
        folder = folder.parent
    if (folder.exists() or folder.is_symlink()) and not inside(root, folder):
        raise CurriculumError([Problem(f"{folder.relative_to(root)}/", 0, 0, "",
                                       "is a symlink to a folder outside the project",
                                       "nothing was written there")])


def write_new(root: Path, display: str, text: str | bytes) -> bool:
    """Write root/display unless it exists (then False); never through a symlink."""
    check_folder(root, display)
    path = root / display
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: the check and the creation are one step, so nothing is ever overwritten
        # (not even through a symlink, which O_EXCL refuses to follow).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask decides
    except FileExistsError:
        return False
    if isinstance(text, bytes):
        with os.fdopen(fd, "wb") as handle:
            handle.write(text)
    else:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    return True
