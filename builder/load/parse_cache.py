"""Parsed files kept between runs, so an unchanged file is not parsed again.

Parsing YAML with positions is most of the cost of `curriculum validate` and of
every build: a course of a thousand modules takes seconds. A file whose content has
not changed since it was last parsed (same digest) is read back from
the user's cache folder (~/.cache/curriculum-builder, or $CURRICULUM_CACHE_DIR)
instead. Nothing is written into the project. Only files that parsed without a
problem are kept; the loader's own source is part of the key, so a new version
never reads an old entry. Set CURRICULUM_CACHE_DIR=off to turn the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def _folder() -> Path | None:
    setting = os.environ.get("CURRICULUM_CACHE_DIR", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    base = Path(setting) if setting else Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "curriculum-builder"
    return base / "parsed" / _loader_version()


@lru_cache(maxsize=1)
def _loader_version() -> str:
    digest = hashlib.sha256()
    # The package's own files as installed (wheel or checkout), read through importlib.
    package = resources.files("builder.load")
    for name in ("yaml_source.py", "yaml_errors.py", "paths.py", "nesting.py", "parse_cache.py"):
        digest.update(name.encode() + b"\0" + package.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def _entry(path: Path | str, real: bool = False) -> Path | None:
    """The entry of a file; `real` when `path` is already its real path (symlinks
    followed), as the loader has it: resolving it again cost a tenth of a warm load."""
    folder = _folder()
    if folder is None:
        return None
    name = os.fspath(path) if real else os.path.realpath(path)
    return folder / (hashlib.sha256(name.encode()).hexdigest()[:32] + ".pickle")


def key(raw: bytes, display: str, max_bytes: int) -> tuple[Any, ...]:
    """What an entry must match: the digest of the bytes that were (or will be) parsed.

    The content's digest, not the modification time: an edit within the clock's
    resolution, or a file restored with its old time, must never read stale data. The
    caller reads the file once and parses those same bytes, so the key always says what
    the stored parse was made from.
    """
    return (hashlib.blake2b(raw, digest_size=20).hexdigest(), display, max_bytes)


def get(path: Path | str, stamp: tuple[Any, ...], real: bool = False) -> Any | None:
    """The Source parsed from `path` before, if it was parsed from the same bytes."""
    entry = _entry(path, real)
    if entry is None:
        return None
    try:
        with entry.open("rb") as handle:
            stored, source = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
        return None
    return source if stored == stamp else None


def put(path: Path | str, stamp: tuple[Any, ...], source: Any, real: bool = False) -> None:
    """Keep `source`, parsed from the bytes `stamp` was made of; a cache that cannot be
    written is no error."""
    entry = _entry(path, real)
    if entry is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((stamp, source), handle, protocol=5)
        os.replace(temporary, entry)
    except OSError:
        return
