"""Run the benchmark suite of issue 13 and write docs/benchmarks.md from it.

    python -m benchmarks.run [--quick] [--sizes 50,200,800] [--repeats 3] [--label after]

At each size the three sites are built side by side with the default navigation
(median of --repeats builds; one above --single-above modules, where a build takes
minutes), then once with a one-entry fixed nav for comparison; `curriculum validate`
is timed first (empty parse cache) and warm against libyaml parsing the same files.
--quick is a smoke run (small sizes, one run each) whose report goes to benchmarks/out/.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
from pathlib import Path
from typing import Any

from . import page_weight, report, site_build, validate
from .timing import BIN, OUT, ROOT, attempt, log, machine, today, versions


def build_plan(repeats: int, peer: bool) -> site_build.Plan:
    variants = [v for v in site_build.VARIANTS if peer or v != "peer"]
    plan = [("default", variant, repeats) for variant in variants]
    return plan + [("fixed", variant, 1) for variant in variants]


def run_size(size: int, repeats: int, keep: bool, profile: bool,
             peer_max: int) -> dict[str, Any]:
    log(f"N={size}: writing the course, the floor and the peer")
    sites = site_build.prepare(size, OUT)
    figures = site_build.measure(sites, build_plan(repeats, size <= peer_max))
    figures["module_page_gzip"] = page_weight.module_pages(sites, "default")
    figures["home_page"] = page_weight.home_pages(sites, "default")
    figures["assets"] = page_weight.shared_assets(sites.site("ours", "default"))
    project = sites.folder("ours")
    figures["validate"] = attempt("validate", lambda: validate.measure(project, repeats))
    if profile:
        target = OUT / f"profile-validate-n{size}.txt"
        attempt("profile", lambda: validate.profile(project, target))
        figures["profile"] = target.read_text(encoding="utf-8") if target.exists() else ""
    if not keep:
        site_build.remove_sites(sites)
    return figures


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes, 1 run")
    parser.add_argument("--sizes", help="module counts, e.g. 50,200,800")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--single-above", type=int, default=200,
                        help="one build (not the median of --repeats) above this many modules")
    parser.add_argument("--peer-max", type=int, default=200,
                        help="largest N built with mkdocs-quiz (minutes of CPU above)")
    parser.add_argument("--label", default="after",
                        help="'before' keeps the figures as the baseline the report compares to")
    parser.add_argument("--results", type=Path,
                        help="write the figures here and no report (benchmarks.report --merge)")
    parser.add_argument("--keep-sites", action="store_true",
                        help="keep the built sites under benchmarks/out")
    args = parser.parse_args(argv)
    default = "10,40" if args.quick else "50,200,800"
    args.sizes = sorted(int(n) for n in (args.sizes or default).split(","))
    if args.quick:
        args.repeats = 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    repeats = {n: args.repeats if n <= args.single_above else 1 for n in args.sizes}
    results: dict[str, Any] = {"date": today(), "machine": machine(), "versions": versions(),
                               "label": args.label, "commit": _commit(),
                               "settings": {"sizes": args.sizes, "quick": args.quick,
                                            "repeats": repeats, "peer_max": args.peer_max}}
    log(f"sizes {args.sizes}, repeats {repeats}; {BIN}")
    profile_at = 200  # the reference size of issue 13
    results["sizes"] = {n: run_size(n, repeats[n], args.keep_sites, n == profile_at,
                                    args.peer_max) for n in args.sizes}
    results["machine"]["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["cpu_seconds"] = _cpu_used()
    data, doc = _outputs(args.quick, args.label)
    if args.results:
        args.results.write_text(json.dumps(results, indent=1), encoding="utf-8")
        log(f"wrote {args.results}")
        return 0
    data.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.label != "before":
        report.write(results, report.load(report.BASELINE), doc)
        log(f"wrote {doc.relative_to(ROOT)} and {data.relative_to(ROOT)}")
    else:
        log(f"wrote the baseline {data.relative_to(ROOT)}")
    return 0


def _commit() -> str:
    import subprocess

    done = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"],
                          capture_output=True, text=True)
    return done.stdout.strip()[:100]


def _cpu_used() -> float:
    """CPU seconds of this run and every process it ran: about its length on idle cores."""
    return sum(getattr(resource.getrusage(who), field)
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for field in ("ru_utime", "ru_stime"))


def _outputs(quick: bool, label: str) -> tuple[Path, Path]:
    """Where the figures and the report go: a quick run stays in benchmarks/out."""
    if quick:
        return OUT / f"results-{label}-quick.json", OUT / "benchmarks-quick.md"
    if label == "before":
        return report.BASELINE, ROOT / "docs" / "benchmarks.md"
    return report.RESULTS, ROOT / "docs" / "benchmarks.md"


if __name__ == "__main__":
    sys.exit(main())
