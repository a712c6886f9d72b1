"""Save-to-reloaded-preview latency of `curriculum edit`: the author presses Save in a
form; how long until the preview beside it can show the rebuilt page?

The editor and its preview run in this process as `curriculum edit` runs them; each
run saves one changed sentence of a module through the editor's own API (round trip,
checks, atomic write), then polls the preview's status until that build is done and
fetches the module's page. A page in the browser polls the status once a second, so
an author waits up to POLL_SECONDS more than measured here.

    python -m benchmarks.edit_latency [PROJECT] [RUNS]
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from builder.adapters.preview import STATUS_PATH, start
from builder.edit.server import TOKEN_HEADER, App, make_server

ROOT = Path(__file__).resolve().parents[1]
POLL_SECONDS = 1.0
"""How often a served page asks whether a new build is there (preview.RELOAD_SCRIPT)."""


def _json(url: str, body: Any = None, token: str = "") -> Any:
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers={TOKEN_HEADER: token},
                                     method="GET" if data is None else "POST")
    with urllib.request.urlopen(request, timeout=600) as answer:
        return json.loads(answer.read())


def _built_after(preview_url: str, version: int, timeout: float = 600) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = _json(preview_url.rstrip("/") + STATUS_PATH)
        if status["version"] > version and status["ok"] and not status["building"]:
            return status["version"]
        time.sleep(0.05)
    raise TimeoutError(f"no good build after version {version}")


def measure(project: Path = ROOT, runs: int = 3, module: str | None = None) -> dict[str, Any]:
    """Seconds from Save to the rebuilt module page, `runs` times, on a copy of `project`."""
    with tempfile.TemporaryDirectory(prefix="bench-edit-") as tmp:
        copy = Path(tmp) / "course"
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", "handouts", "dist", "build", ".cache", "node_modules"))
        module = module or sorted(p.stem for p in (copy / "modules").glob("*.yaml")
                                  if "." not in p.stem)[0]
        app = App(copy)
        server = make_server(app)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        preview = start(copy, copy / "mkdocs.yml", "127.0.0.1:0", say=lambda line: None)
        api = f"http://127.0.0.1:{server.server_address[1]}/api/"
        try:
            version = _built_after(preview.url, 0)
            seconds = []
            for run in range(runs):
                opened = _json(f"{api}file?file=modules/{module}.yaml", token=app.token)
                data = opened["data"]
                data["sessions"][0]["content"] += f"\nEdited in run {run + 1}.\n"
                started = time.perf_counter()
                _json(api + "save", {"file": f"modules/{module}.yaml", "data": data,
                                     "version": opened["version"]}, app.token)
                version = _built_after(preview.url, version)
                with urllib.request.urlopen(f"{preview.url}{opened['page']}", timeout=60) as page:
                    assert f"Edited in run {run + 1}." in page.read().decode("utf-8")
                seconds.append(time.perf_counter() - started)
        finally:
            server.shutdown()
            server.server_close()
            preview.close()
    return {"module": module, "runs": seconds, "median": statistics.median(seconds),
            "page_poll_seconds": POLL_SECONDS}


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    result = measure(where, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
    print(json.dumps(result, indent=2))
