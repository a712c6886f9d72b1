"""Save-to-preview latency of `curriculum edit`: the author presses Save in a form; how
long until the preview beside it serves the module's page with the change?

The editor and its preview run in this process as `curriculum edit` runs them (a save
tells the preview at once); each run saves one changed sentence of a module through
the editor's own API (round trip, the project's checks, the atomic write), then fetches
the module's page in the course's default language every 50 ms until it holds the
sentence. Between runs the preview is left to finish (the other language, the
handouts), as an author reads before saving again. The page in the browser holds a
question for a newer build open (status?wait=N) and reloads as soon as it is served.

    python -m benchmarks.edit_latency                 # the sample course (this checkout)
    python -m benchmarks.edit_latency --modules 200   # benchmarks/generate.py's corpus

Next to the same floor as serve_latency: `mkdocs serve --dirtyreload` on the plain twin.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from builder.adapters.preview import start
from builder.edit.server import TOKEN_HEADER, App, make_server

from . import serve_latency
from .serve_latency import LEFT_OUT, ROOT, _fetch, _middle, _settled, _until


def _json(url: str, body: Any = None, token: str = "") -> Any:
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers={TOKEN_HEADER: token},
                                     method="GET" if data is None else "POST")
    with urllib.request.urlopen(request, timeout=600) as answer:
        return json.loads(answer.read())


def measure(project: Path = ROOT, runs: int = 3) -> dict[str, Any]:
    """Seconds from Save to the served page holding the edit, `runs` times, on a copy
    of `project` (a module in the middle of the course)."""
    with tempfile.TemporaryDirectory(prefix="bench-edit-") as tmp:
        copy = Path(tmp) / "course"
        shutil.copytree(project, copy, ignore=lambda folder, names: [
            n for n in names if Path(folder) == ROOT and n in LEFT_OUT])
        module = _middle(copy / "modules", ".yaml").stem
        app = App(copy)
        server = make_server(app)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        preview = start(copy, copy / "mkdocs.yml", "127.0.0.1:0", say=lambda line: None)
        app.on_write = preview.poke  # as `curriculum edit` does
        api = f"http://127.0.0.1:{server.server_address[1]}/api/"
        try:
            first = _until(lambda: _settled(preview))
            seconds = []
            for run in range(runs):
                _until(lambda: _settled(preview))
                opened = _json(f"{api}file?file=modules/{module}.yaml", token=app.token)
                data = opened["data"]
                sentence = f"Edited in run {run + 1}: the requested State answered."
                data["sessions"][0]["content"] += f"\n{sentence}\n"
                started = time.perf_counter()
                _json(api + "save", {"file": f"modules/{module}.yaml", "data": data,
                                     "version": opened["version"]}, app.token)
                page = f"{preview.url}{opened['page']}"
                _until(lambda text=sentence, url=page: text in _fetch(url))
                seconds.append(time.perf_counter() - started)
        finally:
            server.shutdown()
            server.server_close()
            preview.close()
    return {"module": module, "first_build": first, "runs": seconds,
            "median": statistics.median(seconds)}


if __name__ == "__main__":
    serve_latency.main(__doc__, "edit", measure)
