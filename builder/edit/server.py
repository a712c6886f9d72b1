"""The editor's HTTP server: one page, its scripts, and a small JSON API.

Safe by default: it listens on 127.0.0.1 only; every /api/ request carries the
per-launch token of the page (header X-Curriculum-Token), and its Host and Origin must
be this server's own (no other site, and no DNS rebinding, can read or post); paths
are checked by files.resolve (the course, modules/, quizzes/, media/ and nothing else).
"""

from __future__ import annotations

import errno
import hmac
import http.server
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..load.problems import CurriculumError, Problem
from ..load.project import Project
from ..render.templates import templates_dir
from . import actions, files

TOKEN_HEADER = "X-Curriculum-Token"
MAX_REQUEST_BYTES = 8 * 1024 * 1024
"""Largest request body read: above a YAML file's and an image's own limits, which tell
the author what is too large; a larger body is refused before it is read."""
CSP = ("default-src 'self'; frame-src http://127.0.0.1:*; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:")
"""The page runs only its own scripts; the preview beside it is the one frame allowed."""
ASSETS = {"/editor.js": ("editor/editor.js", "text/javascript; charset=utf-8"),
          "/editor.css": ("editor/editor.css", "text/css; charset=utf-8"),
          "/jsoneditor.js": ("vendor/jsoneditor.js", "text/javascript; charset=utf-8")}


@dataclass
class App:
    """What every request needs: the project, the token, the preview's address."""

    root: Path
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    preview_url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """One write at a time: the stale-file check and the write are one step."""
    on_write: Callable[[Project | None], None] = lambda project: None
    """Called after each write, with the project as the save's check loaded it (if it
    did): the preview in this process rebuilds at once, from it."""


DISK_HINTS = {
    errno.ENAMETOOLONG: "use a shorter name",
    errno.EISDIR: "a folder has this name: open or name a file, not a folder",
    errno.ENOTDIR: "a file stands where a folder of the path should be: choose another name",
    errno.ENOSPC: "the disk is full: free some space, then save again (nothing was written)",
    errno.EDQUOT: "the disk quota is used up: free some space, then save again",
    errno.EACCES: "the file or its folder may not be written: check its permissions",
    errno.EPERM: "the file or its folder may not be written: check its permissions",
    errno.EROFS: "the project is on a read-only disk: copy it where it can be written",
}
"""What an author can do about a refusal of the disk, by its errno."""


def _hint_for(exc: OSError) -> str:
    return DISK_HINTS.get(exc.errno or 0, "check the file and its folder, then try again")


class Handler(http.server.BaseHTTPRequestHandler):
    app: App
    server_version = "curriculum-edit"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        if not self._own_host():
            return self._json(403, {"error": "this server answers only at its own address "
                                             f"({self._address()})"})
        if url.path.startswith("/api/"):
            return self._api(method, url.path[5:], parse_qs(url.query))
        if method == "GET" and url.path == "/":
            return self._send(200, "text/html; charset=utf-8", self._page())
        if method == "GET" and url.path in ASSETS:
            name, kind = ASSETS[url.path]
            path = templates_dir() / name
            if path.exists():
                return self._send(200, kind, path.read_bytes())
        self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _address(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"

    def _own_host(self) -> bool:
        port = self.server.server_address[1]
        allowed = {f"127.0.0.1:{port}", f"localhost:{port}"}
        origin = self.headers.get("Origin")
        if self.headers.get("Host") not in allowed:
            return False
        return origin is None or origin in {f"http://{a}" for a in allowed}

    def _api(self, method: str, name: str, query: dict[str, list[str]]) -> None:
        sent = self.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(sent.encode(), self.app.token.encode()):
            return self._json(403, {"error": f"missing or wrong {TOKEN_HEADER}: reload the "
                                             "page that `curriculum edit` opened"})
        try:
            if method == "GET":
                args = {k: v[0] for k, v in query.items()}
                return self._json(200, actions.read(self.app, name, args))
            if name == "upload":
                data = self._body(MAX_REQUEST_BYTES)
                return self._json(200, actions.upload(self.app, query.get("name", [""])[0],
                                                      data))
            body = json.loads(self._body(MAX_REQUEST_BYTES) or b"{}")
            if not isinstance(body, dict):
                raise ValueError("expected a JSON object")
            code, answer = actions.write(self.app, name, body)
            return self._json(code, answer)
        except CurriculumError as exc:
            return self._json(422, {"problems": [dict(vars(p), text=str(p))
                                                 for p in exc.problems]})
        except files.Stale as exc:
            return self._json(409, {"error": "changed on disk since you opened it",
                                    "disk": exc.disk})
        except (ValueError, KeyError, TypeError) as exc:
            return self._json(400, {"error": f"bad request: {exc}"})
        except OSError as exc:  # a name too long, a folder where a file is meant, a full disk
            return self._json(422, {"error": f"the file cannot be read or written: "
                                             f"{exc.strerror or exc}", "hint": _hint_for(exc)})

    def _body(self, limit: int) -> bytes:
        size = int(self.headers.get("Content-Length") or 0)
        if size > limit:
            self._drain(size)
            raise CurriculumError([Problem("<request>", 0, 0, "", f"{size:,} bytes is over the "
                                           f"limit of {limit:,}", "send a smaller file")])
        return self.rfile.read(size)

    def _drain(self, size: int) -> None:
        """Read a refused body away, so that the client hears why (up to 4x the limit of
        a request; a larger one is cut off and its connection closed)."""
        if size > 4 * MAX_REQUEST_BYTES:
            self.close_connection = True
            return
        while size > 0:
            chunk = self.rfile.read(min(size, 1 << 16))
            if not chunk:
                break
            size -= len(chunk)

    def _page(self) -> bytes:
        page = (templates_dir() / "editor" / "index.html").read_text(encoding="utf-8")
        return page.replace("{{token}}", self.app.token).encode("utf-8")

    def _json(self, code: int, data: Any) -> None:
        self._send(code, "application/json; charset=utf-8",
                   json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def _send(self, code: int, kind: str, data: bytes) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("X-Frame-Options", "DENY")
            self.send_header("Content-Security-Policy", CSP)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except ConnectionError:  # the tab closed or reloaded while its check ran:
            self.close_connection = True  # nobody to answer, nothing to tell the author


def make_server(app: App, port: int = 0) -> http.server.ThreadingHTTPServer:
    """The editor's server on 127.0.0.1:port (0: any free port); never another address."""
    handler = type("BoundEditHandler", (Handler,), {"app": app})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server
