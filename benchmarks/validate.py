"""`curriculum validate` against the parse floor: libyaml parsing the same files alone.

Each figure is a fresh process, as a user runs it: `curriculum validate` with an
empty parse cache (a first run), again with the cache it wrote (warm), and
`python -m benchmarks.validate parse PROJECT`, which only reads and parses every
YAML file of the course with PyYAML's C loader (the interpreter's start-up included
in both, so the ratio compares what a user waits for).

    python -m benchmarks.validate parse PROJECT_DIR
    python -m benchmarks.validate profile PROJECT_DIR --out profile.txt
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from .timing import BIN, Sample, log, run_timed


def yaml_files(project: Path) -> list[Path]:
    return [project / "course.yaml", *sorted((project / "modules").glob("*.yaml")),
            *sorted((project / "quizzes").glob("*.yaml"))]


def parse_all(project: Path) -> int:
    """Parse every file of the course with libyaml: the floor of any loader."""
    import yaml

    loader = yaml.CSafeLoader
    count = 0
    for path in yaml_files(project):
        yaml.load(path.read_bytes(), Loader=loader)
        count += 1
    return count


def _median(runs: list[Sample]) -> dict[str, Any]:
    return {"cpu": statistics.median(r.cpu for r in runs),
            "wall": statistics.median(r.wall for r in runs),
            "runs": [{"cpu": r.cpu, "wall": r.wall} for r in runs]}


def measure(project: Path, repeats: int) -> dict[str, Any]:
    """First and warm `curriculum validate`, and the libyaml parse, median of `repeats`."""
    command = [str(BIN / "curriculum"), "validate", "-p", str(project)]
    first, warm = [], []
    for _ in range(repeats):
        cache = Path(tempfile.mkdtemp(prefix="cb-bench-cache-"))
        env = {**os.environ, "CURRICULUM_CACHE_DIR": str(cache)}
        first.append(run_timed(command, env=env))
        warm.append(run_timed(command, env=env))
        shutil.rmtree(cache, ignore_errors=True)
    parse = [run_timed([sys.executable, "-m", "benchmarks.validate", "parse", str(project)])
             for _ in range(repeats)]
    startup = [run_timed([sys.executable, "-c", "import yaml"]) for _ in range(repeats)]
    result = {"first": _median(first), "warm": _median(warm), "parse": _median(parse),
              "python_startup": _median(startup),
              "yaml_bytes": sum(p.stat().st_size for p in yaml_files(project))}
    log(f"  validate {project.parent.name}: first {result['first']['cpu']:.2f} s CPU, "
        f"warm {result['warm']['cpu']:.2f} s, libyaml parse {result['parse']['cpu']:.2f} s "
        f"(median of {repeats})")
    return result


def profile(project: Path, out: Path, limit: int = 25) -> str:
    """cProfile of a first validate's load, in process, as text: where the walk's time goes."""
    os.environ["CURRICULUM_CACHE_DIR"] = "off"
    from builder.load.project import load_project

    profiler = cProfile.Profile()
    profiler.enable()
    load_project(project)
    profiler.disable()
    with out.open("w", encoding="utf-8") as stream:
        stats = pstats.Stats(profiler, stream=stream)
        stats.sort_stats("tottime").print_stats(limit)
        stats.sort_stats("cumulative").print_stats(limit)
    return out.read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["parse", "profile"])
    parser.add_argument("project", type=Path)
    parser.add_argument("--out", type=Path, default=Path("profile-validate.txt"))
    args = parser.parse_args()
    if args.what == "parse":
        parse_all(args.project)
    else:
        profile(args.project, args.out)


if __name__ == "__main__":
    main()
