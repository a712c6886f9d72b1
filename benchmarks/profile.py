"""Where the time goes: cProfile summaries of `curriculum validate` and the plugin's hooks.

    python -m benchmarks.profile validate PROJECT_DIR --json OUT
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
from pathlib import Path
from typing import Any

from .timing import ROOT

Row = dict[str, Any]


def _where(file: str, line: int, name: str) -> str:
    if file == "~":
        return name  # a built-in function
    path = file.split("site-packages/")[-1]
    if path.startswith(str(ROOT)):
        path = path[len(str(ROOT)) + 1:]
    return f"{path}:{line} {name}"


def summarize(profiler: cProfile.Profile, limit: int = 14) -> dict[str, Any]:
    """The functions with the most cumulative and the most own time."""
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows: list[Row] = [{"function": _where(*key), "calls": nc, "own": tt, "cumulative": ct}
                       for key, (_, nc, tt, ct, _) in stats.items()]
    total = sum(r["own"] for r in rows)
    by_cumulative = sorted(rows, key=lambda r: r["cumulative"], reverse=True)
    by_own = sorted(rows, key=lambda r: r["own"], reverse=True)
    return {"total": total, "cumulative": by_cumulative[:limit], "own": by_own[:limit]}


def profile_validate(project_dir: Path) -> dict[str, Any]:
    from builder.load.project import load_project

    profiler = cProfile.Profile()
    profiler.enable()
    load_project(project_dir)
    profiler.disable()
    return summarize(profiler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["validate"])
    parser.add_argument("project", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args()
    args.json.write_text(json.dumps(profile_validate(args.project), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
