"""Cases as data: each YAML file under tests/data/{invalid,valid}/ lays a small project out.

A case starts from a copy of tests/data/projects/minimal (or from nothing with
`base: empty`) and changes it:

    edit:     {path: [[old, new], ...]}  replace text; each `old` must occur exactly once
    files:    {path: text}               write a file whole (UTF-8)
    bytes:    {path: text}               write raw bytes: each character U+0000-U+00FF is a byte
    repeat:   {path: [[piece, n], ...]}  write pieces repeated n times (deep or huge files)
    delete:   [path, ...]                remove files or folders of the base
    outside:  {path: text}               files beside the project, for symlinks to leave it
    symlinks: {path: target}             symlinks (target as written, relative to the link)
    fifos:    [path, ...]                named pipes (a reader that opens one blocks)
    args:     [...]                      extra command-line arguments for `validate`
    seconds:  n                          the run must take less (default 10)
    subprocess: true                     also run through a real `curriculum` process
    expect:   [line, ...]                exact output: stderr (invalid) or stdout (valid)
    values:   {dotted.path: value}       (valid cases) values of the loaded Project

Set CURRICULUM_UPDATE_GOLDEN=1 to rewrite `expect` from the actual output (then read
the diff: every line must be one a person can act on).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"
MINIMAL = DATA / "projects" / "minimal"
UPDATE = os.environ.get("CURRICULUM_UPDATE_GOLDEN") == "1"


@dataclass
class Case:
    name: str
    file: Path
    spec: dict[str, Any] = field(default_factory=dict)

    @property
    def expect(self) -> list[str]:
        return list(self.spec.get("expect") or [])

    @property
    def args(self) -> list[str]:
        return [str(a) for a in self.spec.get("args", [])]

    def lay_out(self, tmp: Path) -> Path:
        """Write the case's project under tmp/project; return that folder."""
        project = tmp / "project"
        if self.spec.get("base", "minimal") == "minimal":
            shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("site"))
        else:
            project.mkdir(parents=True)
        for rel in self.spec.get("delete", []):
            target = project / rel
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        for rel, pairs in self.spec.get("edit", {}).items():
            path = project / rel
            text = path.read_text(encoding="utf-8")
            for old, new in pairs:
                count = text.count(old)
                assert count == 1, f"{self.name}: {old!r} occurs {count} times in {rel}"
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")
        for rel, text in self.spec.get("files", {}).items():
            _write(project / rel, text.encode("utf-8"))
        for rel, text in self.spec.get("bytes", {}).items():
            _write(project / rel, text.encode("latin-1"))
        for rel, pieces in self.spec.get("repeat", {}).items():
            _write(project / rel, "".join(p * int(n) for p, n in pieces).encode("utf-8"))
        for rel, text in self.spec.get("outside", {}).items():
            _write(tmp / rel, text.encode("utf-8"))
        for rel, target in self.spec.get("symlinks", {}).items():
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / rel).symlink_to(target)
        for rel in self.spec.get("fifos", []):
            os.mkfifo(project / rel)
        return project

    def update(self, lines: list[str]) -> None:
        """Rewrite the `expect:` block (always last in the file) with `lines`."""
        text = self.file.read_text(encoding="utf-8")
        head = text[: text.index("\nexpect:") + 1] if "\nexpect:" in text else text
        body = "".join(f"  - {json.dumps(line, ensure_ascii=False)}\n" for line in lines)
        self.file.write_text(head.rstrip("\n") + "\nexpect:\n" + body, encoding="utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def cases(kind: str) -> list[Case]:
    """Every case of tests/data/<kind>/, sorted by name."""
    found = []
    for path in sorted((DATA / kind).glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found.append(Case(path.stem, path, spec))
    return found


def tree_digest(root: Path) -> dict[str, str]:
    """Every file (and symlink) under root with a hash of its bytes, to show nothing changed."""
    import hashlib

    digest = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            digest[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            digest[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest[rel] = "dir"
    return digest


def buildable_copy(dest: Path) -> Path:
    """A copy of the minimal project that MkDocs can build where it stands."""
    shutil.copytree(MINIMAL, dest, ignore=shutil.ignore_patterns("site"))
    (dest / "docs").mkdir()
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "../../../../site_templates/docs", "docs"), encoding="utf-8")
    return dest
