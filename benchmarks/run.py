"""Run the benchmark suite of issue 13 and write docs/benchmarks.md from it.

    python -m benchmarks.run [--quick] [--sizes 50,200,800] [--repeats 3] [--jobs 2]

At each size the three sites are built side by side with the default navigation
(median of --repeats builds, 3 by default at every size; one above --single-above
modules), then once with a one-entry fixed nav for comparison; `curriculum validate`
is timed first (empty parse cache) and warm against libyaml parsing the same files.
At the reference size (200) a rebuild after one edit is timed too, and the PDF
handouts on two small samples. With --jobs 2 the largest size runs in a process of
its own beside the others (each build is one process on one core; figures are CPU
seconds), and the figures are merged into one report.
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

from . import feature_costs, handouts, page_weight, rebuild, report, site_build, validate
from .timing import BIN, OUT, ROOT, attempt, log, machine, today, versions


def build_plan(repeats: int, peer: bool) -> site_build.Plan:
    variants = [v for v in site_build.VARIANTS if peer or v != "peer"]
    plan = [("default", variant, repeats) for variant in variants]
    return plan + [("fixed", variant, 1) for variant in variants]


def run_size(size: int, repeats: int, keep: bool, reference: bool,
             peer_max: int, feature_repeats: int = 1) -> dict[str, Any]:
    log(f"N={size}: writing the course, the floor and the peer")
    sites = site_build.prepare(size, OUT)
    figures = site_build.measure(sites, build_plan(repeats, size <= peer_max))
    figures["module_page_gzip"] = page_weight.module_pages(sites, "default")
    figures["home_page"] = page_weight.home_pages(sites, "default")
    figures["assets"] = page_weight.shared_assets(sites.site("ours", "default"))
    project = sites.folder("ours")
    figures["validate"] = attempt("validate", lambda: validate.measure(project, repeats))
    if reference:
        figures["engines"] = attempt("engines", lambda: feature_costs.engines(project, 1))
        figures["features"] = attempt("features", lambda: feature_costs.measure(
            size, OUT, feature_repeats))
        figures["rebuild"] = attempt("rebuild", lambda: rebuild.measure(project))
        figures["handouts"] = attempt("handouts", lambda: handouts.measure(OUT))
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
    parser.add_argument("--single-above", type=int, default=800,
                        help="one build (not the median of --repeats) above this many modules")
    parser.add_argument("--peer-max", type=int, default=800,
                        help="largest N built with mkdocs-quiz (minutes of CPU above)")
    parser.add_argument("--label", default="after",
                        help="'before' keeps the figures as the baseline the report compares to")
    parser.add_argument("--results", type=Path,
                        help="write the figures here and no report (benchmarks.report --merge)")
    parser.add_argument("--reference", type=int,
                        help="the size profiled and where rebuilds and handouts are timed "
                             "(200, the size of issue 13's table; the smallest with --quick)")
    parser.add_argument("--feature-repeats", type=int, default=1,
                        help="builds (median) of the course with each feature off, at the "
                             "reference size")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="processes: the largest size runs beside the others")
    parser.add_argument("--keep-sites", action="store_true",
                        help="keep the built sites under benchmarks/out")
    args = parser.parse_args(argv)
    default = "10,40" if args.quick else "50,200,800"
    args.sizes = sorted(int(n) for n in (args.sizes or default).split(","))
    if args.quick:
        args.repeats = 1
    if args.reference is None:
        args.reference = args.sizes[0] if args.quick else 200
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
    if args.jobs > 1 and len(args.sizes) > 1 and not args.results:
        results = _in_parallel(args, results)
    else:
        results["sizes"] = {n: run_size(n, repeats[n], args.keep_sites,
                                        n == args.reference, args.peer_max,
                                        args.feature_repeats) for n in args.sizes}
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


def _in_parallel(args: argparse.Namespace, results: dict[str, Any]) -> dict[str, Any]:
    """The largest size in one process, the others in a second, side by side; merged."""
    import subprocess

    groups = [args.sizes[-1:], args.sizes[:-1]]
    procs, files = [], []
    for group in groups:
        target = OUT / f"results-part-{group[0]}.json"
        command = [sys.executable, "-m", "benchmarks.run", "--sizes",
                   ",".join(map(str, group)), "--repeats", str(args.repeats),
                   "--single-above", str(args.single_above), "--peer-max", str(args.peer_max),
                   "--label", args.label, "--results", str(target), "--jobs", "1",
                   "--reference", str(args.reference),
                   "--feature-repeats", str(args.feature_repeats)]
        if args.quick:
            command.append("--quick")
        if args.keep_sites:
            command.append("--keep-sites")
        procs.append(subprocess.Popen(command, cwd=ROOT))
        files.append(target)
    if any(proc.wait() != 0 for proc in procs):
        raise SystemExit("a benchmark process failed: see its log above")
    merged = report.merge(files)
    results.update({k: merged[k] for k in ("sizes", "cpu_seconds")})
    results["settings"]["repeats"] = merged["settings"]["repeats"]
    results["machine"]["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["notes"] = [f"{' and '.join(map(str, groups[1]))} ran in one process and "
                        f"{groups[0][0]} in another, side by side on the {os.cpu_count()} "
                        "cores."]
    return results


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
