"""Save-to-served-page latency of `curriculum serve`: an author saves a module; how long
until the preview serves its page with the change? Next to the floor: `mkdocs serve
--dirtyreload` on the plain twin of the pages (benchmarks/plain.py), the least a live
preview of the same text costs.

Each run appends a sentence to the first session of a module in the middle of the
course (a source file: every language is rebuilt), then fetches the module's English
page every 50 ms until it holds the sentence. Between runs the preview is left to
finish (the other languages, the handouts), as an author reads before saving again.
A page in the browser polls the status once a second, so an author waits up to that
much more than measured here.

    python -m benchmarks.serve_latency                 # the sample course (this checkout)
    python -m benchmarks.serve_latency --modules 200   # benchmarks/generate.py's corpus
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from builder.adapters.preview import STATUS_PATH, Preview, start

from .generate import dump_yaml, generate, write_project
from .plain import write_site
from .timing import BIN, log

ROOT = Path(__file__).resolve().parents[1]
LEFT_OUT = {".git", ".venv", "site", "handouts", "dist", "build", ".cache", "node_modules",
            "tests", "benchmarks", "builder", "docs", "curriculum_builder.egg-info"}
"""Folders of this checkout that are not the sample course (site_templates/docs is; a
generated course's docs/ too)."""


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def _until(seen: Callable[[], bool], timeout: float = 600) -> float:
    """Seconds until `seen()` holds, polled every 50 ms."""
    started = time.perf_counter()
    while not seen():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the change never showed")
        time.sleep(0.05)
    return time.perf_counter() - started


def _settled(preview: Preview) -> bool:
    status = json.loads(_fetch(preview.url.rstrip("/") + STATUS_PATH) or "{}")
    if status.get("problems"):
        raise RuntimeError(f"the course does not build: {status['problems']}")
    return bool(status.get("ok")) and not status.get("building") \
        and preview.state.handouts_done.is_set()


def _append_yaml(path: Path, sentence: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sessions"][0]["content"] += f"\n{sentence}\n"
    dump_yaml(data, path)


def _append_markdown(path: Path, sentence: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n\n{sentence}\n", encoding="utf-8")


def _middle(folder: Path, suffix: str) -> Path:
    files = sorted(p for p in folder.glob(f"*{suffix}") if "." not in p.name[:-len(suffix)])
    return files[len(files) // 2]


def _runs(runs: int, edit: Callable[[str], None], page: Callable[[], str],
          settle: Callable[[], bool]) -> list[float]:
    seconds = []
    for run in range(runs):
        _until(settle)
        sentence = f"Edited in run {run + 1}: the requested State answered in two weeks."
        edit(sentence)
        seconds.append(_until(lambda text=sentence: text in page()))
    return seconds


def measure_course(project: Path, runs: int) -> dict[str, Any]:
    """`curriculum serve` on a copy of `project`: seconds from a save to the served page."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        copy = Path(tmp) / "course"
        shutil.copytree(project, copy, ignore=lambda folder, names: [
            n for n in names if Path(folder) == ROOT and n in LEFT_OUT])
        module = _middle(copy / "modules", ".yaml")
        preview = start(copy, copy / "mkdocs.yml", "127.0.0.1:0", say=lambda line: None)
        page = f"{preview.url}en/modules/{module.stem}/"
        try:
            first = _until(lambda: _settled(preview))
            seconds = _runs(runs, lambda s: _append_yaml(module, s), lambda: _fetch(page),
                            lambda: _settled(preview))
        finally:
            preview.close()
    return {"module": module.stem, "first_build": first, "runs": seconds,
            "median": statistics.median(seconds)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_floor(modules: int, runs: int) -> dict[str, Any]:
    """`mkdocs serve --dirtyreload` on the plain twin of the N-module corpus."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-floor-") as tmp:
        root = write_site(generate(modules), Path(tmp) / "plain", peer=False)
        module = _middle(root / "docs" / "modules", ".md")
        port = _free_port()
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirtyreload", "-a",
                                   f"127.0.0.1:{port}"], cwd=root, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        page = f"http://127.0.0.1:{port}/modules/{module.stem}/"
        try:
            first = _until(lambda: bool(_fetch(page)))
            seconds = _runs(runs, lambda s: _append_markdown(module, s), lambda: _fetch(page),
                            lambda: True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"module": module.stem, "first_build": first, "runs": seconds,
            "median": statistics.median(seconds)}


def measure(modules: int | None, runs: int, command: str = "serve",
            course: Callable[[Path, int], dict[str, Any]] = measure_course) -> dict[str, Any]:
    """`course` (measure_course, or edit_latency's) on the sample course or the generated
    one of `modules`, and the floor."""
    if modules is None:
        log(f"{command} latency: the sample course")
        result = {"course": "sample", "curriculum": course(ROOT, runs)}
        floor_modules = len(list((ROOT / "modules").glob("*.yaml"))) // 2
    else:
        with tempfile.TemporaryDirectory(prefix=f"bench-{command}-corpus-") as tmp:
            log(f"{command} latency: the generated course, N={modules}")
            project = write_project(generate(modules), Path(tmp) / "course")
            result = {"course": f"N={modules}", "curriculum": course(project, runs)}
        floor_modules = modules
    log(f"{command} latency: the plain floor, N={floor_modules}")
    result["floor"] = {"modules": floor_modules, **measure_floor(floor_modules, runs)}
    return result


def main(description: str = __doc__, command: str = "serve",
         course: Callable[[Path, int], dict[str, Any]] = measure_course) -> None:
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--modules", type=int, default=None,
                        help="the generated course of N modules (default: the sample course)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.modules, args.runs, command, course), indent=2))


if __name__ == "__main__":
    main()
