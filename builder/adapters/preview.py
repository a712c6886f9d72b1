"""`curriculum serve`: every language of the course at /en/, /ru/ ..., rebuilt on each save.

The site is built (by `build_sites`, the same build as `curriculum build`) into a
temporary folder and served from there by a small HTTP server. Builds run in a thread
of their own; a request never waits for one: it gets the last good site, or, while a
file is broken, a page that lists the problems. Every served page polls
STATUS_PATH and reloads itself after each build, so the open page follows the files.
"""

from __future__ import annotations

import html
import http.server
import ipaddress
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..load.glossary import GLOSSARY_FILE
from ..load.problems import CurriculumError, Problem
from ..load.project import Project, matches_disk
from ..load.references import REGISTRY_FILE
from ..load.yaml_source import inside
from ..render.templates import templates_dir
from .mkdocs_build import PreviewBuild, build_languages, theme_folders
from .mkdocs_memo import PageMemo

STATUS_PATH = "/__curriculum/status"
POLL_SECONDS = 0.25
"""How often serve looks at the files' times (about 13 ms a look at 200 modules)."""
SETTLE_SECONDS = 0.1
"""After a change is seen: an editor saving several files has them in one build."""
QUIET_SECONDS = 3.0
"""The PDFs are remade once no save came for this long: they do not slow the pages of
the next save of an author at work (saves 1.5 s apart on the sample course: 0.73 s median
to the page with 1.5 s here, 0.49 s with 3 s)."""
WATCHED = ("course.yaml", "course.*.yaml", GLOSSARY_FILE, "glossary.*.yaml", REGISTRY_FILE,
           "instruments.*.yaml", "mkdocs.yml", "modules", "quizzes", "media", "docs",
           "site_templates")
WAIT_SECONDS = 10
"""How long a page's question `status?wait=N` is held open while build N is the newest:
the page reloads the moment a newer build is in place, without polling."""

RELOAD_SCRIPT = """<script>(function () {
  var seen = %d;
  function ask() {
    fetch("%s?wait=" + seen + "%s", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (s) { if (s.version !== seen) { location.reload(); } else { ask(); } })
      .catch(function () { setTimeout(ask, 1000); });
  }
  ask();
})();</script>"""


LANGUAGE_SEGMENT = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
"""A language code as the first segment of a served path (en/, ru/, pt-BR/): nothing else
of the path reaches the page's script."""


def reload_script(version: int, lang: str | None = None) -> str:
    """The script a served page carries: it reloads the page once its pages (those of
    `lang`, None: any) are newer than `version` (serve ended: it asks again every second)."""
    asks = f"&lang={lang}" if lang and LANGUAGE_SEGMENT.fullmatch(lang) else ""
    return RELOAD_SCRIPT % (version, STATUS_PATH, asks)


def page_language(path: str) -> str | None:
    """The language whose pages `path` is one of (its first segment), if it looks like one."""
    first = path.split("/")[1] if path.count("/") > 1 else ""
    return first if LANGUAGE_SEGMENT.fullmatch(first) else None


@dataclass
class State:
    """What the server shows: the build count, the site folder, the problems of the last build,
    the handout PDFs (served from their cache: the pages do not wait for them)."""

    site: Path
    version: int = 0
    """Counts every change to what is served: a build, a language of it, a failure."""
    every: int = 0
    """The version of the last change to every page (a whole build, a failure, a fix)."""
    shown: dict[str, int] = field(default_factory=dict)
    """{language: the version its pages last changed at}: a page of one language does not
    reload when another language's pages are published."""
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    newer: threading.Condition = field(init=False)
    """Notified (under `lock`) whenever the version changes."""
    pdfs: dict[str, Path] = field(default_factory=dict)
    """{path in the site (en/handouts/x.pdf): the PDF in the cache, once it is current}."""
    handouts_done: threading.Event = field(default_factory=threading.Event)
    requested: str | None = None
    """The language of the page last asked for: rebuilt first."""
    building: bool = False
    """A build is under way: some language may still show the files before the change."""
    unpublished: bool = False
    """No language of the build under way is in place yet."""
    memos: dict[str, PageMemo] = field(default_factory=dict)
    """What the served build of each language made, page by page (mkdocs_memo)."""
    poked: threading.Event = field(default_factory=threading.Event)
    """Set by a writer in this process (`curriculum edit`): look at the files now."""
    offered: Project | None = None
    """The project the writer loaded to check its write: built from, unless the files say
    otherwise (load.project.matches_disk)."""

    def __post_init__(self) -> None:
        self.newer = threading.Condition(self.lock)

    def _version_of(self, lang: str | None) -> int:
        """The version of `lang`'s pages (None: of anything served); under `lock`."""
        return self.version if lang is None else max(self.every, self.shown.get(lang, 0))

    def snapshot(self, lang: str | None = None) -> tuple[int, list[str]]:
        with self.lock:
            return self._version_of(lang), list(self.problems)

    def wait_past(self, seen: int, timeout: float, lang: str | None = None) -> None:
        """Return once the version (of `lang`'s pages) is not `seen`, or after `timeout`."""
        with self.newer:
            self.newer.wait_for(lambda: self._version_of(lang) != seen, timeout)

    def finished(self, problems: list[str], *, building: bool = False,
                 lang: str | None = None) -> None:
        """A change to the pages of `lang` (None: to every page)."""
        with self.lock:
            self.version += 1
            if lang is None:
                self.every = self.version
            else:
                self.shown[lang] = self.version
            self.problems = problems
            self.building = building
            self.newer.notify_all()

    def started(self) -> None:
        with self.lock:
            self.building, self.unpublished = True, True

    def published(self, lang: str) -> None:
        """One language of a rebuild is in place: its open pages reload now, not after all;
        the first build shows the course once every language is there."""
        if self.version > 0:
            self.finished([], building=True, lang=lang)
            self.unpublished = False

    def done(self) -> None:
        """The build is over: the pages reload unless each language's build made them."""
        with self.lock:
            if self.unpublished:
                self.version += 1
                self.every = self.version
            self.problems, self.building = [], False
            self.newer.notify_all()


def watched_files(project_dir: Path, config_file: Path, theirs: list[Path] | None = None
                  ) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file a build reads: the course, its folders, mkdocs.yml, and
    `theirs`, mkdocs.yml's own docs_dir and custom_dir."""
    roots = [p for pattern in WATCHED for p in project_dir.glob(pattern)]
    roots += [config_file, templates_dir(), *(theirs or [])]
    stamps: dict[str, tuple[int, int]] = {}
    for root in roots:
        for path in [root, *(root.rglob("*") if root.is_dir() else [])]:
            try:
                stat = path.stat()
            except OSError:
                continue
            stamps[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return stamps


def renders_every_page(changed: set[str], project_dir: Path, config_file: Path,
                       theirs: list[Path] | None = None) -> bool:
    """Whether a change is to what every page is rendered with (mkdocs.yml, the templates,
    the docs folder, mkdocs.yml's docs_dir and custom_dir: `theirs`), which no page's own
    inputs show: then no page is kept."""
    every = [config_file, project_dir / "site_templates", project_dir / "docs", templates_dir(),
             *(theirs or [])]
    return any(Path(name) == root or Path(name).is_relative_to(root)
               for name in changed for root in every)


def touched_languages(changed: set[str], languages: list[str]) -> list[str] | None:
    """The languages a change touches: those of its overlays (modules/x.ru.yaml,
    course.ru.yaml) if it changed nothing else, else None: every language the course
    now declares (course.yaml may have added or dropped one)."""
    touched: list[str] = []
    for name in changed:
        if os.path.isdir(name):  # a folder's time: a file made or renamed in it (a save)
            continue
        stem, _, suffix = Path(name).name.rpartition(".")
        lang = stem.rpartition(".")[2] if "." in stem else ""
        if suffix != "yaml" or lang not in languages:
            return None
        if lang not in touched:
            touched.append(lang)
    return [lang for lang in languages if lang in touched]


class Handouts:
    """Remakes the stale handout PDFs after the pages are published, in a thread of its own;
    until then the pages link the PDFs the cache held (the build copied them)."""

    def __init__(self, state: State, stop: threading.Event, say: Callable[[str], None]):
        self.state, self.stop, self.say = state, stop, say
        self.wanted = threading.Event()
        self.job: tuple[PreviewBuild, list[str]] | None = None
        self.asked = 0.0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def request(self, built: PreviewBuild, languages: list[str]) -> None:
        if built.handouts is None:  # the site has none
            self.state.handouts_done.set()
            return
        with self.lock:
            self.state.handouts_done.clear()
            before = self.job[1] if self.job is not None else []  # not made yet: kept
            self.job = (built, [*before, *(code for code in languages if code not in before)])
            self.asked = time.monotonic()
            self.wanted.set()

    def _run(self) -> None:
        while not self.stop.is_set():
            if not self.wanted.wait(POLL_SECONDS):
                continue
            # an author saving again soon: their pages are built first, the PDFs after
            while not self.stop.is_set() and time.monotonic() - self.asked < QUIET_SECONDS:
                time.sleep(0.1)
            with self.lock:
                job, self.job = self.job, None
                self.wanted.clear()
            if job is not None:
                self._make(*job)
            with self.lock:
                if self.job is None:
                    self.state.handouts_done.set()

    def _make(self, built: PreviewBuild, languages: list[str]) -> None:
        from ..handouts import site

        assert built.handouts is not None
        started = time.perf_counter()
        try:
            for lang in languages:
                made = site.site_files(built.project, lang, built.handouts)
                with self.state.lock:
                    kept = {k: v for k, v in self.state.pdfs.items()
                            if not k.startswith(f"{lang}/")}
                    self.state.pdfs = {**kept, **{f"{lang}/{uri}": path
                                                  for uri, path in made.items()}}
        except CurriculumError as exc:
            lines = [f"error: {p}" for p in exc.problems]
            for line in lines:
                self.say(line)
            self.state.finished(lines)
            return
        self.say(f"handouts ready in {time.perf_counter() - started:.1f} s")


def _build_once(project_dir: Path, config_file: Path, state: State, handouts: Handouts,
                languages: list[str] | None, say: Callable[[str], None],
                loaded: Project | None = None) -> list[str] | None:
    """Build `languages` (None: all), publishing each as it is done, keeping the pages
    the change left as they were (state.memos); the course's languages when it built."""
    warnings: list[Problem] = []
    started = time.perf_counter()
    state.started()
    try:
        built = build_languages(project_dir, config_file, state.site, languages,
                                state.published, first=state.requested,
                                on_warning=warnings.append, memos=state.memos,
                                loaded=loaded)
    except CurriculumError as exc:
        lines = [f"error: {p}" for p in exc.problems]
        for line in lines:
            say(line)
        say(f"{len(lines)} problem(s): the browser shows them; save a fix to rebuild")
        state.finished(lines)
        return None
    except Exception as exc:  # a bug must not stop the preview: show it, keep serving
        text = " ".join(str(exc).split())[:300]
        line = f"internal error: {type(exc).__name__}: {text} (this is a bug in curriculum-builder)"
        say(line)
        say(traceback.format_exc())
        state.finished([line])
        return None
    codes = list(built.project.course.languages)
    handouts.request(built, [code for code in codes if languages is None or code in languages])
    for warning in warnings:
        say(f"warning: {warning}")
    said = " (from the save's check)" if loaded is not None else ""
    say(f"built in {time.perf_counter() - started:.1f} s, {len(warnings)} warning(s){said}")
    state.done()
    return codes


def _watch(project_dir: Path, config_file: Path, state: State, stop: threading.Event,
           say: Callable[[str], None]) -> None:
    handouts = Handouts(state, stop, say)
    handouts.thread.start()
    theirs = theme_folders(config_file)
    taken = time.monotonic()  # when the files the last build took in were looked at
    seen = watched_files(project_dir, config_file, theirs)
    languages = _build_once(project_dir, config_file, state, handouts, None, say)
    while not stop.is_set():
        poked = state.poked.wait(POLL_SECONDS)
        state.poked.clear()
        offered, state.offered = state.offered, None
        look = time.monotonic()
        now = watched_files(project_dir, config_file, theirs)
        lost = bool(languages) and not all((state.site / code / "index.html").is_file()
                                           for code in languages)
        if (now == seen and not lost) or stop.is_set():
            continue
        if lost:  # the temporary site deleted under the server (a clean-up of /tmp)
            say("the preview's site is gone: rebuilding it")
            state.memos.clear()
            seen, touched, offered = now, None, None
        else:
            if not poked:  # the writer that pokes has written every file of its change
                time.sleep(SETTLE_SECONDS)
                look = time.monotonic()
                now = watched_files(project_dir, config_file, theirs)
            changed = {n for n in now.keys() | seen.keys() if now.get(n) != seen.get(n)}
            say("change seen: rebuilding")
            if str(config_file) in changed:  # its docs_dir or custom_dir may be others now
                theirs = theme_folders(config_file)
                look = time.monotonic()
                now = watched_files(project_dir, config_file, theirs)
            seen = now
            # after a failed build, everything: the last good site may be of an older course
            touched = touched_languages(changed, languages) if languages else None
            if renders_every_page(changed, project_dir, config_file, theirs):
                state.memos.clear()
            if offered is not None and not matches_disk(offered, changed, taken):
                offered = None
        taken = look
        languages = _build_once(project_dir, config_file, state, handouts, touched,
                                say, offered) or None


def error_page(problems: list[str], version: int, lang: str | None = None) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Problems in the course - curriculum serve</title>"
            f"<style>body{{font-family:sans-serif;margin:2rem;max-width:60rem}}"
            f"li{{margin:.5rem 0}}code{{white-space:pre-wrap}}</style></head><body>"
            f"<h1>The course does not build</h1>"
            f"<p>{len(problems)} problem(s); each names its file, line and column. Fix and save:"
            f" this page reloads by itself.</p><ul>{items}</ul>"
            f"{reload_script(version, lang)}</body></html>").encode()


def waiting_page(version: int, lang: str | None = None) -> bytes:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Building - curriculum serve</title></head><body>"
            f"<p>The course is being built; this page reloads when it is ready.</p>"
            f"{reload_script(version, lang)}</body></html>").encode()


def missing_page(version: int, lang: str | None = None) -> bytes:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Not built yet - curriculum serve</title></head><body>"
            f"<p>No such page in the last build; this page reloads after the next one.</p>"
            f"{reload_script(version, lang)}</body></html>").encode()


class Handler(http.server.SimpleHTTPRequestHandler):
    state: State

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would bury the build's messages

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def do_GET(self) -> None:
        self._respond(body=True)

    def _own_host(self) -> bool:
        """On a loopback address, a request names it in Host (a page of another site that
        renamed itself to 127.0.0.1, DNS rebinding, would name its own); on an address the
        author opened to the network (-a 0.0.0.0:8000), any Host is theirs."""
        host, port = self.server.server_address[:2]
        if not ipaddress.ip_address(host).is_loopback:
            return True
        names = {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"{host}:{port}"}
        return self.headers.get("Host") in names

    def _respond(self, *, body: bool) -> None:
        if not self._own_host():
            return self._send(403, "text/plain; charset=utf-8",
                              b"this preview answers only to its own address\n", body)
        url = urlsplit(self.path)
        path = unquote(url.path)
        lang = _asked_language(url.query) if path == STATUS_PATH else page_language(path)
        if path == STATUS_PATH and (seen := _build_number(url.query)) is not None:
            self.state.wait_past(seen, WAIT_SECONDS, lang)
        version, problems = self.state.snapshot(lang)
        if path == STATUS_PATH:
            data = json.dumps({"version": version, "ok": version > 0 and not problems,
                               "problems": problems, "building": self.state.building}
                              ).encode("utf-8")
            return self._send(200, "application/json", data, body)
        wants_page = path.endswith("/") or path.endswith(".html") or "." not in path.rsplit(
            "/", 1)[-1]
        if problems and wants_page:
            return self._send(500, "text/html; charset=utf-8",
                              error_page(problems, version, lang), body)
        if version == 0:
            return self._send(503, "text/html; charset=utf-8", waiting_page(version, lang),
                              body)
        if wants_page:
            self.state.requested = path.split("/")[1] or None
        self._file(path, version, lang, body)

    def _file(self, path: str, version: int, lang: str | None, body: bool) -> None:
        target = Path(self.translate_path(path))
        if "\x00" in path or not inside(self.state.site, target):
            # a NUL no file name holds; a link out of the site: served as neither
            return self._send(404, "text/plain; charset=utf-8", b"not found\n", body)
        try:
            folder = target.is_dir()
        except OSError:  # a name longer than the file system takes, and the like
            return self._send(404, "text/plain; charset=utf-8", b"not found\n", body)
        if folder:
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        try:
            data = self._current_pdf(path) or target.read_bytes()
        except OSError:
            if path.endswith("/") or target.suffix == ".html":  # a page not built yet (a new
                # module in `curriculum edit`): it reloads itself after the next build
                return self._send(404, "text/html; charset=utf-8",
                                  missing_page(version, lang), body)
            return self._send(404, "text/plain; charset=utf-8", b"not found\n", body)
        kind = self.guess_type(str(target))
        if target.suffix == ".html":
            script = reload_script(version, lang).encode("utf-8")
            at = data.rfind(b"</body>")
            data = data[:at] + script + data[at:] if at >= 0 else data + script
            kind = "text/html; charset=utf-8"
        self._send(200, kind, data, body)

    def _current_pdf(self, path: str) -> bytes | None:
        """A handout remade since the pages were built, from the cache (written whole)."""
        with self.state.lock:
            made = self.state.pdfs.get(path.lstrip("/"))
        try:
            return made.read_bytes() if made is not None else None
        except OSError:
            return None

    def _send(self, code: int, kind: str, data: bytes, body: bool) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)
        except ConnectionError:  # the page went away (reloaded) while its question waited:
            self.close_connection = True  # nobody to answer, nothing to tell the author


def _build_number(query: str) -> int | None:
    """The N of `wait=N`, if it is a build number (a few ASCII digits)."""
    seen = parse_qs(query).get("wait", [""])[0]
    return int(seen) if seen.isascii() and seen.isdigit() and len(seen) < 19 else None


def _asked_language(query: str) -> str | None:
    """The `lang` of a status question, if it is a language code."""
    asked = parse_qs(query).get("lang", [""])[0]
    return asked if LANGUAGE_SEGMENT.fullmatch(asked) else None


def parse_address(dev_addr: str) -> tuple[str, int]:
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit() or int(port) > 65535:
        raise CurriculumError([Problem("<command line>", 0, 0, "--dev-addr",
                                       f"{dev_addr!r} is not host:port",
                                       "e.g. 127.0.0.1:8000 (port 0: any free port)")])
    return host.strip("[]"), int(port)


def say_now(line: str) -> None:
    print(line, flush=True)


@dataclass
class Preview:
    """A running preview: its server, its builder thread, its temporary site."""

    server: http.server.ThreadingHTTPServer
    state: State
    stop: threading.Event
    folder: Path
    threads: list[threading.Thread]

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def poke(self, project: Project | None = None) -> None:
        """A file was written by this process: rebuild now, not at the next look, from
        `project` if it is what the files now hold (the writer's check loaded it)."""
        self.state.offered = project
        self.state.poked.set()

    def close(self) -> None:
        self.stop.set()
        self.state.poked.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


def _server_class(host: str, port: int) -> type[http.server.ThreadingHTTPServer]:
    """A threading HTTP server of the address family `host` names (IPv6 for ::1, as
    http.server's own command line chooses); OSError if `host` is no address."""
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    return type("PreviewServer", (http.server.ThreadingHTTPServer,), {"address_family": family})


def start(project_dir: Path, config_file: Path, dev_addr: str,
          say: Callable[[str], None] = say_now) -> Preview:
    host, port = parse_address(dev_addr)
    folder = Path(tempfile.mkdtemp(prefix="curriculum-serve-"))
    state = State(folder / "site")
    handler = type("BoundHandler", (Handler,), {"state": state})
    try:
        server = _server_class(host, port)(
            (host, port), lambda *a: handler(*a, directory=str(state.site)))
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise CurriculumError([Problem("<command line>", 0, 0, "--dev-addr",
                                       f"cannot listen on {dev_addr}: {exc.strerror}",
                                       "choose another port, e.g. -a 127.0.0.1:8001")]) from None
    server.daemon_threads = True
    stop = threading.Event()
    threads = [threading.Thread(target=server.serve_forever, daemon=True),
               threading.Thread(target=_watch, args=(project_dir, config_file, state, stop, say),
                                daemon=True)]
    for thread in threads:
        thread.start()
    return Preview(server, state, stop, folder, threads)


def languages_line(preview: Preview, languages: list[str]) -> str:
    return "".join(f"\n  {lang}: {preview.url}{lang}/" for lang in languages)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def stop_on_signals() -> None:
    """SIGTERM and Ctrl-C raise KeyboardInterrupt in the main thread: Ctrl-C even when the
    process started with SIGINT ignored (a job put in the background by a script inherits
    that, Python then keeps it ignored, and the server never stopped)."""
    import signal

    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)


def serve_forever(project_dir: Path, config_file: Path, dev_addr: str,
                  languages: list[str]) -> None:
    """Serve until Ctrl-C (or SIGTERM); the temporary site goes with the server."""
    stop_on_signals()
    preview = start(project_dir, config_file, dev_addr)
    try:
        say_now(f"serving {preview.url} (Ctrl-C stops){languages_line(preview, languages)}")
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        say_now("stopping")
    finally:
        # Bounded: under load a running build, or a browser's open connection, kept close()
        # waiting past 30 s; the temporary site goes whatever close() is waiting for.
        closing = threading.Thread(target=preview.close, daemon=True)
        closing.start()
        closing.join(timeout=5)
        shutil.rmtree(preview.folder, ignore_errors=True)
        sys.stdout.flush()
        sys.stderr.flush()
    # At once, even in the middle of a build: Python's exit would first wait for the PDF
    # workers of a running build; they end with this process (see die_with_parent).
    os._exit(0)
