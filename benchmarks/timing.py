"""Timing helpers, and the machine and versions a run is reported against."""

from __future__ import annotations

import datetime
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent


@dataclass
class Sample:
    """One timed run: seconds on the clock and CPU seconds (user + system)."""

    wall: float
    cpu: float


@dataclass
class Best:
    """The best of several runs, with every run kept."""

    wall: float
    cpu: float
    runs: list[Sample]

    @classmethod
    def of(cls, runs: list[Sample]) -> Best:
        return cls(min(r.wall for r in runs), min(r.cpu for r in runs), runs)

    def as_dict(self) -> dict[str, Any]:
        return {"wall": self.wall, "cpu": self.cpu, "runs": [asdict(r) for r in self.runs]}


class CommandFailed(RuntimeError):
    pass


RETRY_AFTER = 30.0


def attempt(what: str, action: Callable[[], Any], tries: int = 2) -> Any:
    """The action's result, or {"error": ...} after `tries` failures. Others edit the
    builder while the suite runs, so a failure may be their half-made change: wait, retry."""
    for turn in range(1, tries + 1):
        try:
            return action()
        except CommandFailed as exc:
            first = next((line for line in str(exc).splitlines()[1:] if line.strip()), str(exc))
            again = f"; again in {RETRY_AFTER:.0f} s" if turn < tries else ""
            log(f"  {what}: failed ({first}){again}")
            if turn < tries:
                time.sleep(RETRY_AFTER)
    return {"error": first}


def failed(entry: Any) -> bool:
    return not isinstance(entry, dict) or "error" in entry


def run_timed(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Sample:
    """Run a command to the end; its wall time and the CPU time of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-15:])
        raise CommandFailed(f"{' '.join(cmd)} exited {done.returncode}:\n{tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Sample(wall, cpu)


def best_of(repeats: int, action: Callable[[], Sample],
            before_each: Callable[[], None] | None = None) -> Best:
    runs = []
    for _ in range(repeats):
        if before_each is not None:
            before_each()
        runs.append(action())
    return Best.of(runs)


def timed(action: Callable[[], Any]) -> tuple[Any, Sample]:
    """Run a function in this process; its result and timing (CPU of this process)."""
    cpu0, start = time.process_time(), time.perf_counter()
    result = action()
    return result, Sample(time.perf_counter() - start, time.process_time() - cpu0)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- machine and versions --------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def machine() -> dict[str, Any]:
    return {"cpu": _cpu_model(), "cores": os.cpu_count(), "ram_gib": round(_memory_gib(), 1),
            "os": f"{platform.system()} {platform.release()}",
            "load_at_start": [round(x, 2) for x in os.getloadavg()]}


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def versions() -> dict[str, str]:
    import yaml

    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "without libyaml"
    found = {"python": platform.python_version()}
    for name in ("mkdocs", "mkdocs-material", "pydantic", "markdown", "nh3", "jinja2",
                 "weasyprint", "mkdocs-quiz", "curriculum-builder"):
        found[name] = _version(name)
    found["pyyaml"] = f"{_version('pyyaml')} ({libyaml})"
    return found


def today() -> str:
    return datetime.datetime.now().strftime("%Y-%m-%d %H:%M")


def has_module(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None
