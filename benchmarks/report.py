"""docs/benchmarks.md from the figures of a run, beside the baseline measured on main.

    python -m benchmarks.report   # again from benchmarks/results.json
    python -m benchmarks.report --merge out/results-50.json out/results-200.json ...
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from .course_features import CHECK_QUESTIONS, FEATURES, PRE_DRAW, SESSION_QUIZ_DRAW, TERMS
from .generate import OPTIONS, POST_DRAW, QUESTIONS, SESSIONS
from .timing import ROOT, failed

RESULTS = ROOT / "benchmarks" / "results.json"
"""The figures of the last full run, kept in git beside the page written from them."""
BASELINE = ROOT / "benchmarks" / "baseline-main.json"
"""The figures of main before issue 13's changes (`--label before`), kept in git."""
BUILD_TARGET, PEER_TARGET, SIZE_TARGET, PAGE_TARGET = 1.10, 2.0, 1.5, 1.3
FIRST_TARGET, WARM_TARGET, LINEAR_MAX = 1.5, 0.5, 1.10
NAMES = {"ours": "curriculum", "floor": "plain floor", "peer": "mkdocs-quiz"}


def load(path: Path = RESULTS) -> dict[str, Any] | None:
    """Results as run.py wrote them, with size keys back to numbers (None: no file)."""
    if not path.exists():
        return None
    results = json.loads(path.read_text(encoding="utf-8"))
    results["sizes"] = {int(k): v for k, v in results["sizes"].items()}
    return results


def build(results: dict[str, Any], size: int, variant: str, nav: str = "default") -> Any:
    entry = results["sizes"].get(size, {}).get(nav, {}).get(variant)
    return None if failed(entry) else entry


def ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top and bottom else None


def exponent(points: dict[int, float]) -> float | None:
    """b in t = a * N^b, least squares on logs: 1 is linear, 2 quadratic."""
    points = {n: t for n, t in points.items() if t}
    if len(points) < 2:
        return None
    xs = [math.log(n) for n in points]
    ys = [math.log(t) for t in points.values()]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
            / sum((x - mx) ** 2 for x in xs))


def _x(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1e6:.1f} MB"


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1024:.0f} KiB"


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else "**met**" if ok else "**not met**"


# --- tables ----------------------------------------------------------------------------


def size_table(results: dict[str, Any], size: int) -> list[str]:
    """The issue's table at one size: build, site, module page, pages; fixed nav beside."""
    head = ["", *(NAMES[v] for v in NAMES), *(f"{NAMES[v]}, fixed nav" for v in NAMES)]
    rows = [head, ["---"] * len(head)]
    cells = {"build, CPU s (median)": lambda b: _s(b["cpu"]),
             "build, wall s": lambda b: _s(b["wall"]),
             "site size": lambda b: _mb(b["bytes"]),
             "one module page": lambda b: _kb(b["module_page"]),
             "pages": lambda b: str(b["pages"])}
    for label, show in cells.items():
        row = [label]
        for nav in ("default", "fixed"):
            for variant in NAMES:
                entry = build(results, size, variant, nav)
                row.append(show(entry) if entry else "—")
        rows.append(row)
    gz = results["sizes"][size].get("module_page_gzip", {})
    rows.append(["one module page, gzip", *(_kb(gz.get(v, {}).get("gzip")) for v in NAMES),
                 "", "", ""])
    return ["| " + " | ".join(r) + " |" for r in rows]


LIMITS = {
    "First validate": "fixed costs that libyaml's parse does not have: the interpreter and "
                      "imports (pydantic, building the schema's 30 model classes, click) take "
                      "about 0.5 s; libyaml composing the nodes (with PyYAML's resolver, in "
                      "Python, called for every value) is about 0.7 s at N=200; above it the "
                      "walk that keeps each value's line and column (0.45 s), writing the "
                      "parse cache (0.2-0.3 s, most of it system time creating and writing "
                      "the files), pydantic's validation (0.2 s) and the link search (0.15 s); "
                      "profiled on issue 13's corpus, before the features (see the profile "
                      "below for this one)",
    "Warm validate": "the interpreter and imports: 0.4-0.5 s before any file is read, a third "
                     "of libyaml's whole parse (pydantic itself, then building the schema's 30 "
                     "model classes: 0.2-0.25 s, their attribute docstrings 0.05 s of it); then "
                     "pydantic validating every file again (0.14 s at N=200: keeping the "
                     "validated models in the cache was measured, and unpickling them costs "
                     "as much as validating) and unpickling data and text (0.07 s); profiled on "
                     "issue 13's corpus, before the features",
    "Cost per page": "",
}


def limit(goal: str, results: dict[str, Any] | None = None) -> str:
    size = int(goal.rsplit("N=", 1)[1]) if "N=" in goal else None
    if results is not None and size is not None:
        measured = measured_limit(goal, results, size)
        if measured:
            return measured
    return next((text for key, text in LIMITS.items() if goal.startswith(key)), "")


def measured_limit(goal: str, results: dict[str, Any], size: int) -> str:
    """What keeps a build or size goal out of reach, from this run's own figures: the
    pages the floor does not have, and the features that cost most."""
    ours, floor = build(results, size, "ours"), build(results, size, "floor")
    if not (ours and floor):
        return ""
    extra = ours["pages"] - floor["pages"]
    pages = (f"the course has {ours['pages']} pages against the floor's {floor['pages']}: "
             f"{extra / size:.1f} more a module (its pre-test, its session quiz and the "
             "practice pages of its two banks, each with Material's page frame, search entry "
             "and the quiz's data)")
    if goal.startswith(("Build", "≥")):
        gap = ours["cpu"] - floor["cpu"]
        text = (f"{pages}; the {gap:.1f} s above the floor is {1000 * gap / max(extra, 1):.0f} ms "
                "per extra page")
        costs = top_features(results)
        return text + (f"; the features that cost most at N={costs[0]}: {costs[1]}"
                       if costs else "")
    if goal.startswith("Site size"):
        return pages + f"; {(ours['bytes'] - floor['bytes']) / max(extra, 1) / 1024:.0f} KiB a page"
    if goal.startswith("Module page"):
        return ("the module page carries what the plain twin has not: the quiz widgets' "
                "markup, the tooltips' definitions (each `<abbr>` holds its title), the "
                "instruments' statuses and the page's own navigation")
    return ""


def top_features(results: dict[str, Any]) -> tuple[int, str] | None:
    for size in sorted(results["sizes"]):
        found, ours = results["sizes"][size].get("features"), _all_on(results, size)
        if not found or failed(found) or not ours:
            continue
        costs = sorted(((ours["cpu"] - e["cpu"], f) for f, e in found.items()
                        if f in FEATURES and not failed(e)),
                       reverse=True)[:3]
        return size, ", ".join(f"{FEATURE_NAMES[f]} {c:+.1f} s" for c, f in costs)
    return None


def goals(results: dict[str, Any]) -> list[list[str]]:
    """One row per goal and size: measured, verdict, what limits it (when not met)."""
    rows = _goal_rows(results)
    return [[*row, limit(row[0], results) if "not met" in row[2] else ""] for row in rows]


def _goal_rows(results: dict[str, Any]) -> list[list[str]]:
    out = []
    sizes = sorted(results["sizes"])
    for size in sizes:
        ours, floor, peer = (build(results, size, v) for v in NAMES)
        if not (ours and floor):
            continue
        r = ratio(ours["cpu"], floor["cpu"])
        out.append([f"Build ≤ {BUILD_TARGET:.2f}× the floor, N={size}",
                    f"{_x(r)} ({ours['cpu']:.1f} s against {floor['cpu']:.1f} s CPU)",
                    _verdict(None if r is None else r <= BUILD_TARGET)])
        if peer:
            r = ratio(peer["cpu"], ours["cpu"])
            out.append([f"≥ {PEER_TARGET:.0f}× faster than mkdocs-quiz, N={size}",
                        f"{_x(r)} ({peer['cpu']:.1f} s against {ours['cpu']:.1f} s)",
                        _verdict(None if r is None else r >= PEER_TARGET)])
        r = ratio(ours["bytes"], floor["bytes"])
        out.append([f"Site size ≤ {SIZE_TARGET}× the floor, N={size}",
                    f"{_x(r)} ({_mb(ours['bytes'])} against {_mb(floor['bytes'])})",
                    _verdict(None if r is None else r <= SIZE_TARGET)])
        r = ratio(ours["module_page"], floor["module_page"])
        out.append([f"Module page ≤ {PAGE_TARGET}× its plain twin, N={size}",
                    f"{_x(r)} ({_kb(ours['module_page'])} against "
                    f"{_kb(floor['module_page'])})",
                    _verdict(None if r is None else r <= PAGE_TARGET)])
    out += linear_rows(results, sizes)
    for size in sizes:
        v = results["sizes"][size].get("validate")
        if failed(v):
            continue
        first, warm = ratio(v["first"]["cpu"], v["parse"]["cpu"]), ratio(v["warm"]["cpu"],
                                                                         v["parse"]["cpu"])
        out.append([f"First validate ≤ {FIRST_TARGET}× libyaml, N={size}",
                    f"{_x(first)} ({v['first']['cpu']:.2f} s against {v['parse']['cpu']:.2f} s"
                    f" CPU; {v['yaml_bytes'] / 1e6:.1f} MB of YAML)",
                    _verdict(None if first is None else first <= FIRST_TARGET)])
        out.append([f"Warm validate ≤ {WARM_TARGET}× libyaml, N={size}",
                    f"{_x(warm)} ({v['warm']['cpu']:.2f} s)",
                    _verdict(None if warm is None else warm <= WARM_TARGET)])
    size = max(results["sizes"])
    assets = results["sizes"][size].get("assets", {})
    out.append(["Quiz data of a bank downloaded once and cached, from file:// too",
                f"N={size}: {assets.get('banks', 0)} bank assets ({_mb(assets.get('bank_bytes'))}"
                "), none repeated in a page; tests/browser/test_shared_data.py: one request for "
                "two pages, and the quizzes from file://", _verdict(assets.get("banks", 0) > 0)])
    return out


def linear_rows(results: dict[str, Any], sizes: list[int]) -> list[list[str]]:
    rows = []
    for variant in NAMES:
        cpu = {n: (build(results, n, variant) or {}).get("cpu") for n in sizes}
        page = {n: (build(results, n, variant) or {}).get("module_page") for n in sizes}
        b, p = exponent(cpu), exponent(page)
        if b is None:
            continue
        per_page = ", ".join(f"{_kb(page[n])} at N={n}" for n in sizes if page[n])
        shape = f"build ∝ N^{b:.2f}" + (f"; module page ∝ N^{p:.2f} ({per_page})"
                                         if p is not None else "")
        ok = b <= LINEAR_MAX and (p is None or p <= 0.1)
        rows.append([f"Cost per page constant: {NAMES[variant]}", shape,
                     _verdict(ok) if variant == "ours" else "(reference)"])
    return rows


def before_after(results: dict[str, Any], before: dict[str, Any] | None) -> list[str]:
    if before is None:
        return ["No baseline (benchmarks/baseline-main.json) was found."]
    lines = [f"Before: main at `{before.get('commit', '?')}`, run {before['date']}; "
             f"after: `{results.get('commit', '?')}`, run {results['date']}. "
             "Default navigation, minimal mkdocs.yml, the same corpus.", "",
             "| N | | build CPU s | site size | module page | pages | first validate |",
             "|---|---|---|---|---|---|---|"]
    for size in sorted(set(results["sizes"]) | set(before["sizes"])):
        for label, data in (("before", before), ("after", results)):
            entry = build(data, size, "ours") if size in data["sizes"] else None
            v = data["sizes"].get(size, {}).get("validate")
            first = "—" if failed(v) else f"{v['first']['cpu']:.2f} s"
            if entry:
                lines.append(f"| {size} | {label} | {entry['cpu']:.1f} | {_mb(entry['bytes'])} "
                             f"| {_kb(entry['module_page'])} | {entry['pages']} | {first} |")
            else:
                lines.append(f"| {size} | {label} | not measured | | | | {first} |")
    return lines


def validate_table(results: dict[str, Any]) -> list[str]:
    lines = ["| N | YAML | libyaml parse | first validate | warm validate | python + import yaml |",
             "|---|---|---|---|---|---|"]
    for size in sorted(results["sizes"]):
        v = results["sizes"][size].get("validate")
        if failed(v):
            continue
        lines.append(f"| {size} | {v['yaml_bytes'] / 1e6:.1f} MB | {v['parse']['cpu']:.2f} s "
                     f"| {v['first']['cpu']:.2f} s | {v['warm']['cpu']:.2f} s "
                     f"| {v['python_startup']['cpu']:.2f} s |")
    return lines


def assets_lines(results: dict[str, Any]) -> list[str]:
    size = max(results["sizes"])
    assets = results["sizes"][size].get("assets", {})
    lines = [f"At N={size}: {assets.get('banks', 0)} bank assets, "
             f"{_mb(assets.get('bank_bytes'))} in all; the shared curriculum assets:", ""]
    lines += [f"- `{name}`: {_kb(bytes_)}" for name, bytes_ in
              assets.get("curriculum", {}).items()]
    return lines


def rebuild_lines(results: dict[str, Any]) -> list[str]:
    """`curriculum build` cold, unchanged and after one edit; `curriculum handouts`."""
    lines = []
    for size in sorted(results["sizes"]):
        r = results["sizes"][size].get("rebuild")
        if r and not failed(r):
            lines += [f"`curriculum build` of the N={size} course into a fresh folder: cold "
                      "(empty parse cache), again with nothing changed, and after one "
                      "module's session text is edited (what `curriculum serve` runs on a "
                      "save; `benchmarks/rebuild.py`).", "",
                      "| | CPU s | wall s |", "|---|---|---|",
                      *(f"| {label} | {r[key]['cpu']:.1f} | {r[key]['wall']:.1f} |"
                        for key, label in (("cold", "cold"), ("unchanged", "nothing changed"),
                                           ("edited", "one module edited"))), ""]
        h = results["sizes"][size].get("handouts")
        if h and not failed(h):
            lines += ["`curriculum handouts` (trainee handout, trainer guide, programme) on "
                      "the first modules of the corpus (`benchmarks/handouts.py`): cold, "
                      "again with nothing changed, and after one module is edited.", "",
                      "| modules | PDFs | pages | cold CPU s | nothing changed | PDFs remade "
                      "| one module edited | PDFs remade |", "|---|---|---|---|---|---|---|---|"]
            lines += [f"| {x['modules']} | {x['pdfs']} | {x['pages']} | {x['cold']['cpu']:.1f}"
                      f" | {x['unchanged']['cpu']:.1f} | {x['unchanged_remade']} | "
                      f"{x['edited']['cpu']:.1f} | {x['edited_remade']} |"
                      for x in h["samples"]]
            lines += ["", f"Cold: {h['cpu_per_page']:.2f} CPU s per PDF page "
                      f"({h['wall_per_page']:.2f} s wall).", ""]
    return lines or ["Not measured in this run."]


FEATURE_NAMES = {"glossary": f"glossary ({len(TERMS)} terms, en and ru)",
                 "references": "references registry (3 citations a module)",
                 "session_quizzes": "a session quiz a module",
                 "pre_tests": "a pre-test a module",
                 "lms_only": "post-test from an LMS-only bank",
                 "images": "an image a module", "languages": "Russian translation"}


def feature_lines(results: dict[str, Any]) -> list[str]:
    """The build with every feature on, and with each switched off in turn."""
    for size in sorted(results["sizes"]):
        found = results["sizes"][size].get("features")
        ours = _all_on(results, size)
        if not found or failed(found) or not ours:
            continue
        lines = [f"At N={size}: the course with every feature on ({ours['cpu']:.1f} s CPU), "
                 "then with each feature switched off, the rest the same "
                 "(`benchmarks/feature_costs.py`), each the median of the runs the notes "
                 "above give. The cost is the difference; differences of a few tenths of "
                 "a second are within the noise of a shared machine.", "",
                 "| switched off | build CPU s | the feature costs | per module |",
                 "|---|---|---|---|"]
        for feature in FEATURES:
            entry = found.get(feature)
            if failed(entry):
                lines.append(f"| {FEATURE_NAMES[feature]} | failed | | |")
                continue
            cost = ours["cpu"] - entry["cpu"]
            lines.append(f"| {FEATURE_NAMES[feature]} | {entry['cpu']:.1f} | {cost:+.1f} s "
                         f"({100 * cost / ours['cpu']:+.0f}%) | {1000 * cost / size:+.0f} ms |")
        return lines
    return ["Not measured in this run."]


def _all_on(results: dict[str, Any], size: int) -> Any:
    """The build with every feature on that the features were measured against: its own
    (`all_on`, built beside them) or the course's median above."""
    found = results["sizes"][size].get("features") or {}
    own = found.get("all_on") if isinstance(found, dict) else None
    return own if own and not failed(own) else build(results, size, "ours")


def engine_lines(results: dict[str, Any]) -> list[str]:
    """`curriculum build` (every language) with MkDocs and with Zensical."""
    from builder.adapters.zensical_build import LIMITS as ZENSICAL_LIMITS

    for size in sorted(results["sizes"]):
        found = results["sizes"][size].get("engines")
        if not found or failed(found) or failed(found.get("mkdocs")):
            continue
        mk, zen = found["mkdocs"], found.get("zensical")
        lines = [f"`curriculum build` of the N={size} course with every feature on, both "
                 "languages (two sites), one run each:", "",
                 "| engine | CPU s | wall s |", "|---|---|---|",
                 f"| MkDocs | {mk['cpu']:.1f} | {mk['wall']:.1f} |"]
        if zen is None or failed(zen):
            return [*lines, "", "Zensical was not measured (not installed, or it failed)."]
        lines.append(f"| Zensical (`--engine zensical`) | {zen['cpu']:.1f} | {zen['wall']:.1f} |")
        r = ratio(mk["cpu"], zen["cpu"])
        verdict = (f"Zensical is {_x(r)} as fast as MkDocs here" if r and r > 1
                   else f"Zensical is slower here: it takes {_x(ratio(zen['cpu'], mk['cpu']))} "
                        "the CPU time of MkDocs")
        return [*lines, "", f"{verdict}. With it the course loses (what `curriculum build "
                "--engine zensical` says on stderr):", "",
                *(f"- {limit}" for limit in ZENSICAL_LIMITS)]
    return ["Not measured in this run."]


def profile_lines(results: dict[str, Any]) -> list[str]:
    for size in sorted(results["sizes"]):
        text = results["sizes"][size].get("profile")
        if text:
            kept = [line for line in text.splitlines() if line.strip()][:40]
            return [f"cProfile of a first validate's load at N={size} (own time first):", "",
                    "```", *kept, "```"]
    return []


def write(results: dict[str, Any], before: dict[str, Any] | None, doc: Path) -> None:
    m, v = results["machine"], results["versions"]
    repeats = ", ".join(f"N={n}: {r}" for n, r in results["settings"]["repeats"].items())
    lines = ["# Benchmarks", "",
             f"Figures of `make bench` (`python -m benchmarks.run`), run on {results['date']} "
             f"at `{results.get('commit', '?')}`. Raw figures: `benchmarks/results.json`; "
             "`python -m benchmarks.report` writes this page again from them. "
             "Issue 13 states the goals.", "",
             f"- **Machine:** {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}. "
             f"Load average at the start {m['load_at_start']}, at the end "
             f"{m.get('load_at_end')}: the machine is shared, so ratios are taken on **CPU "
             "seconds** (user + system of the build process and its children).",
             f"- **Versions:** Python {v['python']}, MkDocs {v['mkdocs']}, Material "
             f"{v['mkdocs-material']}, pydantic {v['pydantic']}, PyYAML {v['pyyaml']}, "
             f"Markdown {v['markdown']}, nh3 {v['nh3']}, mkdocs-quiz {v['mkdocs-quiz']}.",
             f"- **Runs:** builds with the default navigation are the median of {repeats} "
             "(one run where it says 1: a build there takes minutes); the fixed-nav builds "
             "are one run each. Validate figures are medians of the same counts. "
             f"The whole run used {results['cpu_seconds'] / 60:.1f} CPU minutes.",
             *(f"- **Note:** {note}" for note in results.get("notes", [])), "",
             "## What is measured", "",
             f"`benchmarks/generate.py` writes a synthetic course of N modules: {SESSIONS} "
             "sessions of about 300 words of Markdown each (headings, emphasis, links, a list, "
             f"a table or an admonition), four objectives, and a bank of {QUESTIONS} "
             f"single-choice questions ({OPTIONS} options, each with feedback, and an "
             f"explanation). Module i is the same at every N. Every feature the sample course "
             "uses is on (`benchmarks/course_features.py`): a glossary of "
             f"{len(TERMS)} terms in English and Russian, used in the sessions' text; the "
             "references registry (the sample course's `instruments.yaml`), three citations a "
             f"module; a pre-test drawing {PRE_DRAW} from the module's bank; a session quiz "
             f"drawing {SESSION_QUIZ_DRAW} from a check bank of {CHECK_QUESTIONS}; a post-test "
             f"of {POST_DRAW} from an LMS-only bank (no page on the site); an image in the "
             "first session; a Russian translation of each module (`modules/<id>.ru.yaml`: "
             "titles, summary, sessions). The builds below are of the English site; "
             "the per-feature costs and the engines are further down.", "",
             "Three sites of the same text, built side by side in one run by `mkdocs build` "
             "with the same minimal `mkdocs.yml` (`theme: material`, `plugins: [search, "
             "<the site's plugin>]`, the Markdown extensions the plugin needs, written out "
             "for all three: tables, admonition, attr_list, def_list, md_in_html, sane_lists, "
             "toc):", "",
             "- **curriculum**: the YAML course through the plugin, with its **default "
             "navigation** (no `nav:` in mkdocs.yml).",
             "- **plain floor** (`benchmarks/plain.py`): one Markdown page per module (its "
             "text and image, then the questions the site shows, those of its bank and its "
             "check bank, as text: options with feedback, answer, explanation), a home page "
             "listing the modules and a progress page; MkDocs' default navigation (every "
             "page). No tooltips: plain Markdown has none.",
             "- **mkdocs-quiz**: the same pages with the questions in its `<quiz>` syntax.", "",
             "Each is also built once with a **fixed nav** of one entry (`nav: [index.md]`), "
             "shown beside the default figures only, labelled: no user has that nav.", "",
             "## Goals", "", "| Goal | Measured | Verdict | What limits it |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in goals(results)]
    lines += ["", "## What each feature costs", "", *feature_lines(results)]
    lines += ["", "## Zensical", "", *engine_lines(results)]
    lines += ["", "## Before and after (main → this branch)", "",
              "The baseline was measured on issue 13's corpus, which had none of the "
              "features above; the course's own figures with and without them are in the "
              "table of feature costs.", "", *before_after(results, before)]
    for size in sorted(results["sizes"]):
        lines += ["", f"## N = {size}", "", *size_table(results, size)]
    lines += ["", "## curriculum validate against libyaml", "",
              "First: an empty parse cache (a fresh `CURRICULUM_CACHE_DIR`); warm: the same "
              "command again with the cache it wrote. libyaml parse: a fresh Python process "
              "that reads every YAML file of the course and parses it with "
              "`yaml.CSafeLoader`, nothing else (`python -m benchmarks.validate parse`).", "",
              *validate_table(results), "", *profile_lines(results),
              "", "## Rebuilds and handouts", "", *rebuild_lines(results),
              "", "## Shared assets", "", *assets_lines(results), ""]
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")


def merge(paths: list[Path]) -> dict[str, Any]:
    """The figures of runs of one size each (run in parallel), as one run's."""
    runs = [r for r in (load(p) for p in paths) if r is not None]
    merged = runs[0]
    for run in runs[1:]:
        merged["sizes"].update(run["sizes"])
        merged["settings"]["repeats"].update(run["settings"]["repeats"])
        merged["cpu_seconds"] += run["cpu_seconds"]
        merged["machine"]["load_at_end"] = run["machine"]["load_at_end"]
    merged["settings"]["sizes"] = sorted(merged["sizes"])
    merged["sizes"] = dict(sorted(merged["sizes"].items()))
    merged["settings"]["repeats"] = {int(k): v for k, v in
                                     sorted(merged["settings"]["repeats"].items(),
                                            key=lambda kv: int(kv[0]))}
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--merge", nargs="+", type=Path,
                        help="results of one size each, merged into results.json first")
    args = parser.parse_args()
    if args.merge:
        RESULTS.write_text(json.dumps(merge(args.merge), indent=1), encoding="utf-8")
    results = load()
    if results is None:
        raise SystemExit(f"no figures at {RESULTS}: run python -m benchmarks.run first")
    write(results, load(BASELINE), ROOT / "docs" / "benchmarks.md")


if __name__ == "__main__":
    main()
