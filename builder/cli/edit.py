"""`curriculum edit`: the course as forms in the browser, with the preview beside them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..adapters.preview import Preview, say_now, start, stop_on_signals
from ..edit.server import App, make_server
from ..load.problems import CurriculumError, Problem


def edit(project_dir: Path, config_file: Path, port: int, preview: bool) -> int:
    """Serve the editor on 127.0.0.1 (and `curriculum serve`'s preview beside it) until
    Ctrl-C or SIGTERM."""
    stop_on_signals()
    app = App(project_dir)
    try:
        server = make_server(app, port)
    except OSError as exc:
        raise CurriculumError([Problem("<command line>", 0, 0, "--port",
                                       f"cannot listen on 127.0.0.1:{port}: {exc.strerror}",
                                       "choose another port, or --port 0 for any")]) from None
    shown: Preview | None = start(project_dir, config_file, "127.0.0.1:0") if preview else None
    if shown:
        app.preview_url, app.on_write = shown.url, shown.poke
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    say_now(f"editing {url} (Ctrl-C stops)" + (f"\n  preview: {shown.url}" if shown else ""))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say_now("stopping")
    finally:
        server.server_close()
        if shown:
            shown.close()
        sys.stdout.flush()
        sys.stderr.flush()
    # At once, as `serve` does: a preview build's PDF workers end with this process.
    os._exit(0)
