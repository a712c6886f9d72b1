"""An LMS for the SCORM tests: scorm-again's real SCORM 1.2 / 2004 runtime on a harness page
that gives window.API / window.API_1484_11 and launches a package in an iframe."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCORM_AGAIN = ROOT / ".cache" / "npm" / "scorm-again" / "package" / "dist"

HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS harness</title>
<script src="scorm12.js"></script><script src="scorm2004.js"></script>
<script>
  var v = new URLSearchParams(location.search).get('v') || '1.2';
  var settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  var lms = v === '2004' ? new Scorm2004API(settings) : new Scorm12API(settings);
  if (window.__CMI) lms.loadFromJSON(window.__CMI);
  if (v === '2004') window.API_1484_11 = lms; else window.API = lms;
</script></head>
<body><script>
  var f = document.createElement('iframe');
  f.id = 'sco'; f.title = 'package'; f.style.width = '1000px'; f.style.height = '2400px';
  f.src = (new URLSearchParams(location.search).get('pkg') || 'pkg') + '/index.html';
  document.body.appendChild(f);
</script></body></html>
"""


def serve(folder: Path):
    """Serve `folder` on a free port; returns (base url, server)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def lay_out_lms(folder: Path, packages: dict[str, bytes]) -> Path:
    """folder/harness.html, scorm-again's two runtimes and each package unzipped."""
    if not (SCORM_AGAIN / "scorm12.js").exists():
        pytest.fail("scorm-again is missing: `make lms-test-deps` puts it in .cache/npm")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "harness.html").write_text(HARNESS, encoding="utf-8")
    for name in ("scorm12.js", "scorm2004.js"):
        shutil.copy(SCORM_AGAIN / name, folder / name)
    for name, data in packages.items():
        target = folder / name
        target.mkdir()
        (folder / f"{name}.zip").write_bytes(data)
        with zipfile.ZipFile(folder / f"{name}.zip") as archive:
            archive.extractall(target)
    return folder


def content_frame(page, harness: bool = True):
    """The package's content frame: harness -> launch page (#sco) -> module pages."""
    launch = page.locator("#sco").element_handle().content_frame() if harness else page
    launch.locator("#cb-content").wait_for(state="attached")
    return launch.locator("#cb-content").element_handle().content_frame()
