"""A running `curriculum edit` server (in this process, no preview) and its JSON API."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.edit.server import TOKEN_HEADER, App, make_server

from .conftest import ROOT

SAMPLE_PARTS = ("course.yaml", "course.ru.yaml", "glossary.yaml", "instruments.yaml",
                "mkdocs.yml", "modules", "quizzes", "docs")


def sample_copy(target: Path) -> Path:
    """The sample course copied to `target` and committed in a git repository of its own."""
    target.mkdir(parents=True)
    for part in SAMPLE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def commit_all(root: Path) -> None:
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "author's files")


@dataclass
class Editor:
    app: App
    base: str

    def call(self, method: str, name: str, body: Any = None, query: str = "",
             headers: dict[str, str] | None = None, raw: bytes | None = None
             ) -> tuple[int, Any]:
        sent = {TOKEN_HEADER: self.app.token} if headers is None else headers
        data = raw if raw is not None else None if body is None else json.dumps(
            body).encode("utf-8")
        request = urllib.request.Request(f"{self.base}/api/{name}{query}", data=data,
                                         method=method, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def open(self, file: str) -> dict[str, Any]:
        code, answer = self.call("GET", "file", query=f"?file={file}")
        assert code == 200, answer
        return answer


@contextmanager
def editor(root: Path) -> Iterator[Editor]:
    app = App(root)
    server = make_server(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Editor(app, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
