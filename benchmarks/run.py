"""Run the benchmark suite and write docs/benchmarks.md and docs/benchmarks.png.

    python -m benchmarks.run [--quick] [--sizes 50,200,800] [--keep-sites]

Sized to finish within 15 minutes on 2 idle cores: builds are the best of 3 at
N <= 50, of 2 at N <= 200 and one run above; mkdocs-quiz and the course-nav
builds are left out above N=200, where one of them takes minutes. --quick is a
smoke run (small sizes, one run each) whose report goes to benchmarks/out/.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
from pathlib import Path
from typing import Any

from . import handouts, page_weight, report, site_build, validate
from .generate import NAV_CONFIGS
from .timing import BIN, OUT, ROOT, attempt, log, machine, run_timed, today, versions

VALIDATE_SIZE = 1000


def repeats_for(size: int, quick: bool) -> int:
    if quick:
        return 1
    return 3 if size <= 50 else 2 if size <= 200 else 1


def reference_size(sizes: list[int]) -> int:
    """The size the targets are stated at (N=200), or the nearest one measured."""
    return min(sizes, key=lambda n: abs(n - 200))


def build_plan(size: int, ref: int, quick: bool, peer_max: int) -> site_build.Plan:
    """Fixed nav: all three sites, repeated. Up to peer_max: the course nav once for ours
    and the floor, and pruned once for ours. At the reference size: ours through
    `mkdocs build` once, to part the CLI's own cost from the plugin's."""
    repeats = repeats_for(size, quick)
    plan = [("fixed", "ours", repeats), ("fixed", "floor", repeats)]
    if size <= peer_max:
        plan.append(("fixed", "peer", repeats))
    if size == ref:
        plan.append(("fixed", "ours-mkdocs", 1))
    if size <= peer_max:
        plan += [("course", "ours", 1), ("course", "floor", 1), ("pruned", "ours", 1)]
    return plan


def run_builds(sizes: list[int], ref: int, quick: bool, peer_max: int,
               keep: bool) -> tuple[dict[int, Any], dict[int, site_build.Sites]]:
    figures: dict[int, Any] = {}
    all_sites = {}
    for size in sizes:
        log(f"site builds, N={size}")
        sites = site_build.prepare(size, OUT)
        figures[size] = site_build.measure(sites, build_plan(size, ref, quick, peer_max))
        figures[size]["site_bytes"] = {
            nav: {variant: site_build.site_bytes(sites.site(variant, nav)) for variant in built}
            for nav, built in figures[size].items() if nav in NAV_CONFIGS}
        if size != ref and not keep:
            site_build.remove_sites(sites)
        all_sites[size] = sites
    return figures, all_sites


def run_validate(sizes: list[int], quick: bool, ref: int) -> dict[str, Any]:
    log("curriculum validate")
    big = 200 if quick else VALIDATE_SIZE
    repeats = 1 if quick else 3
    project = validate.project_of(big, OUT)
    result: dict[str, Any] = {
        "startup": validate.startup(repeats).as_dict(),
        "big_size": big,
        "big_cold": validate.validate(project, 1, cold=True).as_dict(),
        "big": validate.validate(project, repeats).as_dict(),
        "sizes": {size: validate.validate(OUT / f"n{size}" / "project", 1).as_dict()
                  for size in sizes},
    }
    result["profile_size"] = ref
    result["profile"] = validate.profile(OUT / f"n{ref}" / "project", OUT)
    shutil.rmtree(project, ignore_errors=True)
    return result


def run_rebuild(sites: site_build.Sites, profile_sites: site_build.Sites) -> dict[str, Any]:
    log(f"rebuild after one module is edited, N={sites.size} (serve's code path)")
    config = sites.config("ours", "fixed")
    target = OUT / "rebuild.json"
    run_timed([sys.executable, "-m", "benchmarks.rebuild", str(config), "--json", str(target)])
    result = json.loads(target.read_text(encoding="utf-8"))
    result["size"] = sites.size
    cold, again = result["cold"], result["rebuild"]
    log(f"  CPU s: cold {cold['total']['cpu']:.1f} (plugin {cold['plugin_total']['cpu']:.1f}), "
        f"rebuild {again['total']['cpu']:.1f} (plugin {again['plugin_total']['cpu']:.1f})")
    log(f"profile of the plugin's hooks, N={profile_sites.size}")
    config = profile_sites.config("ours", "fixed")
    target = OUT / "profile-plugin.json"
    run_timed([sys.executable, "-m", "benchmarks.rebuild", str(config), "--json", str(target),
               "--profile"])
    result["profile"] = json.loads(target.read_text(encoding="utf-8"))
    result["profile_size"] = profile_sites.size
    return result


def run_handouts(results: dict[str, Any], ref: int) -> None:
    """Tried last, so that a builder/handouts still being written gets the most time."""
    log("handouts")
    figures = handouts.measure(OUT)
    if figures.get("available"):
        figures["estimate"] = handouts.extrapolate(figures, ref)
        figures["estimate_size"] = ref
    results["handouts"] = figures


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes, 1 run")
    parser.add_argument("--sizes", help="module counts, e.g. 50,200,800")
    parser.add_argument("--peer-max", type=int, default=200,
                        help="largest N built with mkdocs-quiz and with the course nav")
    parser.add_argument("--keep-sites", action="store_true",
                        help="keep the built sites under benchmarks/out (GBs at N=800)")
    args = parser.parse_args(argv)
    default = "10,40" if args.quick else "50,200,800"
    args.sizes = sorted(int(n) for n in (args.sizes or default).split(","))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    ref = reference_size(args.sizes)
    results: dict[str, Any] = {"date": today(), "machine": machine(), "versions": versions(),
                               "settings": {"sizes": args.sizes, "quick": args.quick,
                                            "reference": ref, "peer_max": args.peer_max,
                                            "repeats": {n: repeats_for(n, args.quick)
                                                        for n in args.sizes}}}
    log(f"sizes {args.sizes}, reference N={ref}; {BIN}")
    missing = handouts.available()
    if missing is not None:
        log(f"handouts: not available ({missing}); will try again at the end")
    builds, sites = run_builds(args.sizes, ref, args.quick, args.peer_max, args.keep_sites)
    results["builds"] = builds
    results["page_weight"] = page_weight.compare(sites[ref], "fixed")
    if "course" in builds[ref]:
        results["page_weight_course_nav"] = page_weight.compare(sites[ref], "course")
    if not args.keep_sites:
        site_build.remove_sites(sites[ref])
    results["assets"] = page_weight.assets()
    results["validate"] = attempt("validate", lambda: run_validate(args.sizes, args.quick, ref))
    results["rebuild"] = attempt("rebuild", lambda: run_rebuild(sites[ref], sites[args.sizes[0]]))
    run_handouts(results, ref)
    results["machine"]["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["cpu_seconds"] = _cpu_used()
    data, doc, image = _outputs(args.quick)
    data.write_text(json.dumps(results, indent=1), encoding="utf-8")
    report.write(results, doc, image)
    log(f"wrote {doc.relative_to(ROOT)}, {image.relative_to(ROOT)} and {data.relative_to(ROOT)}")
    return 0


def _cpu_used() -> float:
    """CPU seconds of this run and every process it ran: about its length on idle cores."""
    return sum(getattr(resource.getrusage(who), field)
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for field in ("ru_utime", "ru_stime"))


def _outputs(quick: bool) -> tuple[Path, Path, Path]:
    """Where the figures, the report and the plot go: a quick run stays in benchmarks/out."""
    if quick:
        return (OUT / "results-quick.json", OUT / "benchmarks-quick.md",
                OUT / "benchmarks-quick.png")
    return report.RESULTS, ROOT / "docs" / "benchmarks.md", ROOT / "docs" / "benchmarks.png"


if __name__ == "__main__":
    sys.exit(main())
