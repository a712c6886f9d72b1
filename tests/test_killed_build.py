"""A build killed with SIGKILL: its PDF workers end with it, the next build cleans up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .corpus import buildable_copy

CURRICULUM = Path(sys.executable).with_name("curriculum")


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid`, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def staging_folders(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-"))


def test_sigkill_leaves_no_worker_and_the_next_build_removes_the_staging(
        tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "plugins: [search, offline, curriculum]",
        "plugins: [search, offline, {curriculum: {handouts: true}}]"), encoding="utf-8")
    site = tmp_path / "out" / "site"
    command = [str(CURRICULUM), "build", "-p", str(project), "-f", str(config), "-d", str(site)]
    build = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert wait_for(lambda: len(children(build.pid)) >= 2, 120), "no PDF workers started"
        workers = children(build.pid)
        assert staging_folders(site), "the build stages its site beside the target"
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=10)
        assert wait_for(lambda: not any(alive(w) for w in workers), 10), \
            f"workers {[w for w in workers if alive(w)]} outlived the killed build"
    finally:
        if build.poll() is None:
            build.kill()
        os.killpg(build.pid, signal.SIGKILL) if _group_alive(build.pid) else None
    stale = staging_folders(site)
    assert stale, "the killed build left its staging folder (the next build must remove it)"
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert staging_folders(site) == []
    assert (site / "en" / "index.html").is_file()


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except OSError:
        return False
    return True
