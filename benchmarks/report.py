"""docs/benchmarks.md and docs/benchmarks.png from the figures of a run.

    python -m benchmarks.report   # again from benchmarks/out/results.json
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from .generate import QUESTIONS, SESSIONS
from .timing import OUT, ROOT, failed

BUILD_TARGET, PEER_TARGET, VALIDATE_TARGET = 1.10, 2.0, 2.0
WEIGHT_TARGET, ASSETS_TARGET, HANDOUT_TARGET, LINEAR_SLACK = 1.2, 12 * 1024, 1.0, 1.15
SERIES = {  # label: (nav, variant)
    "curriculum (fixed nav)": ("fixed", "ours"),
    "floor (fixed nav)": ("fixed", "floor"),
    "mkdocs-quiz (fixed nav)": ("fixed", "peer"),
    "curriculum (course nav)": ("course", "ours"),
    "floor (course nav)": ("course", "floor"),
    "curriculum (course nav, pruned)": ("pruned", "ours"),
}


RESULTS = OUT / "results.json"


def load(path: Path = RESULTS) -> dict[str, Any]:
    """Results as run.py wrote them, with size keys back to numbers."""
    results = json.loads(path.read_text(encoding="utf-8"))
    results["builds"] = {int(k): v for k, v in results["builds"].items()}
    if not failed(results["validate"]):
        sizes = results["validate"]["sizes"]
        results["validate"]["sizes"] = {int(k): v for k, v in sizes.items()}
    return results


# --- derived figures -------------------------------------------------------------------


def series(results: dict[str, Any]) -> dict[str, dict[int, float]]:
    """CPU seconds by size of each build series, and of `curriculum validate`."""
    out: dict[str, dict[int, float]] = {}
    for label, (nav, variant) in SERIES.items():
        points = {n: b[nav][variant]["cpu"] for n, b in results["builds"].items()
                  if not failed(b.get(nav, {}).get(variant))}
        if points:
            out[label] = points
    if not failed(results["validate"]):
        out["curriculum validate"] = {n: v["cpu"] for n, v in results["validate"]["sizes"].items()
                                      if not failed(v)}
    return out


def exponent(points: dict[int, float]) -> float | None:
    """b in t = a * N^b, least squares on logs: 1 is linear, 2 quadratic."""
    if len(points) < 2:
        return None
    xs = [math.log(n) for n in points]
    ys = [math.log(t) for t in points.values()]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    covariance = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return covariance / sum((x - mx) ** 2 for x in xs)


def ratio(results: dict[str, Any], size: int, nav: str, top: str, bottom: str) -> float | None:
    builds = results["builds"].get(size, {}).get(nav, {})
    if failed(builds.get(top)) or failed(builds.get(bottom)):
        return None
    return builds[top]["cpu"] / builds[bottom]["cpu"]


def hook_share(results: dict[str, Any]) -> dict[str, float]:
    """CPU seconds of the cold build in the curriculum plugin's hooks, by hook, and in all."""
    cold = results["rebuild"]["cold"]
    hooks = {event: t["cpu"] for event, t in cold["hooks"].get("curriculum", {}).items()}
    return {"total": cold["total"]["cpu"], "plugin": cold["plugin_total"]["cpu"], **hooks}


def profile_row(summary: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The profile's row of the function whose location ends with `name`."""
    for row in summary["cumulative"] + summary["own"]:
        if row["function"].endswith(name):
            return row
    return None


# --- formatting ------------------------------------------------------------------------


def s(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def kib(value: float) -> str:
    return f"{value / 1024:.1f} KiB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# --- sections --------------------------------------------------------------------------


def header(results: dict[str, Any], image: Path) -> str:
    m, v = results["machine"], results["versions"]
    settings = results["settings"]
    runs = ", ".join(f"N={n}: {r}" for n, r in settings["repeats"].items())
    return f"""# Benchmarks

Figures of `make bench` (`python -m benchmarks.run`), run on {results['date']}.
The raw figures are in `benchmarks/out/results.json`; `python -m benchmarks.report`
writes this page again from them. Issue 7 states the targets.

- **Machine:** {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}.
  Load average at the start {m['load_at_start']}, at the end {m.get('load_at_end', 'n/a')}:
  other work on the machine slows the clock, so ratios are taken on **CPU seconds**
  (user + system of the measured process and its children); wall seconds are shown beside.
- **Versions:** Python {v['python']}, MkDocs {v['mkdocs']}, Material {v['mkdocs-material']},
  pydantic {v['pydantic']}, PyYAML {v['pyyaml']}, Markdown {v['markdown']}, nh3 {v['nh3']},
  Jinja2 {v['jinja2']}, WeasyPrint {v['weasyprint']}, mkdocs-quiz {v['mkdocs-quiz']}.
- **Runs:** best of {runs} for the fixed-nav builds; one run for the others.
  The whole run used {s(results.get('cpu_seconds', 0) / 60)} CPU minutes, about its
  length on two idle cores (the builds run one at a time).

Run it with `make bench`, or `.venv/bin/python -m benchmarks.run [--quick] [--sizes 50,200,800]`
(`--quick` is a smoke run whose report goes to `benchmarks/out/`). Everything it writes
besides this page and its plot is under `benchmarks/out/` (git-ignored): the generated
courses and sites, `results.json`, the profiles. It needs the `bench` extra (mkdocs-quiz,
matplotlib) and pypdf; without mkdocs-quiz the peer is left out, without matplotlib the plot.

![Cost against the number of modules]({image.name})
"""


def method(results: dict[str, Any]) -> str:
    peer_max = results["settings"]["peer_max"]
    return f"""## What is measured

`benchmarks/generate.py` writes a synthetic course of N modules (seeded: module i is
the same in every run and at every N). Each module has {SESSIONS} one-hour sessions of
about 350 words of Markdown each (headings, emphasis, links, lists, a table or an
admonition), trainer notes, four objectives, an exercise, references, and a bank of
{QUESTIONS} questions of all seven types (6 single, 4 multiple, 3 true-false, 3 fill-in,
2 matching, 1 ordering, 1 open). As in the sample course, each module has a pre-test
(draw 6), a quiz after its third session (draw 5) and a post-test (draw 8, pass mark 70).

Three sites of the same content, built with the same theme, Markdown extensions and
`search` and `offline` plugins (the repository's `mkdocs.yml`):

- **curriculum**: the YAML course through `curriculum build`, which generates the pages.
- **floor**: the same pages written as plain Markdown (`benchmarks/plain.py`): the course
  home, each module page's text (summary, objectives, structure table, assessment,
  sessions, exercise, references), each quiz page and each bank's practice page with
  its questions as static text (prompt, choices, answer, explanation), the progress page.
- **mkdocs-quiz** (the peer): the same pages, the questions in its `<quiz>` syntax.
  Its quizzes live on separate pages like ours, so that all three sites hold the same
  pages and the same questions; like ours, every quiz page holds its whole bank (ours
  embeds the bank and draws from it in the browser; mkdocs-quiz has no draw). It has
  single, multiple and fill-in questions: true-false is written as a two-answer single
  choice, matching and ordering as one `[[blank]]` per pair or position, an open
  question as one self-check answer followed by the model answer.

Each site is built with two navigations: the **course nav** (every module, quiz and
bank page, as the plugin makes it), and a **fixed nav** of two pages. Material renders
the whole nav into every page, so with the course nav each page grows with N and the
build grows as N²; the fixed nav takes that out and shows what the content and the
plugins cost. Our site is also built with the course nav and Material's
`navigation.prune` (**pruned**), and through `mkdocs build` instead of `curriculum build`
(once, at the reference size). mkdocs-quiz and the course nav are built up to
N={peer_max} only (one of those builds takes minutes above it).
"""


def targets(results: dict[str, Any]) -> str:
    ref = results["settings"]["reference"]
    rows = [_build_row(results, ref, "fixed"), _build_row(results, ref, "course"),
            _peer_row(results, ref), _validate_row(results), _weight_row(results, ref),
            _assets_row(results), _handout_row(results), *_growth_rows(results)]
    return "## Targets\n\n" + table(["Target", "Measured", "Verdict", "What limits it"],
                                    [r for r in rows if r]) + "\n"


def _limit_build(results: dict[str, Any]) -> str:
    if failed(results["rebuild"]):
        return f"not profiled: the rebuild benchmark failed ({results['rebuild']['error']})"
    hooks = hook_share(results)
    profile = results["rebuild"]["profile"]
    size = results["rebuild"]["size"]
    text = (f"the plugin's hooks take {s(hooks['plugin'])} s of the {s(hooks['total'])} s CPU "
            f"of a build at N={size} (`on_config` {s(hooks.get('config'))} s: loading the "
            "course and rendering every page)")
    to_html = profile_row(profile, "to_html")
    data = profile_row(profile, "question_data")
    if to_html and profile["total"]:
        share = to_html["cumulative"] / profile["total"]
        text += (f"; {share:.0%} of the hooks' time is `render/markdown.py:to_html`, "
                 f"{to_html['calls']:,} one-fragment Markdown + nh3 conversions")
    if data:
        questions = results["rebuild"]["profile_size"] * QUESTIONS
        again = (" (each bank is rendered again for every page that shows it)"
                 if data["calls"] > questions else " (each bank is rendered once)")
        text += f"; `question_data` runs {data['calls']:,} times for {questions:,} questions{again}"
    return text


def _build_row(results: dict[str, Any], ref: int, nav: str) -> list[str] | None:
    value = ratio(results, ref, nav, "ours", "floor")
    if value is None:
        return None
    builds = results["builds"][ref][nav]
    measured = (f"{value:.2f}× ({s(builds['ours']['cpu'])} s against "
                f"{s(builds['floor']['cpu'])} s CPU)")
    limit = _limit_build(results) if nav == "fixed" else (
        "as with the fixed nav, plus Material's nav in every page, which costs both sites "
        "the same")
    return [f"Full build ≤ {BUILD_TARGET:.2f}× the plain floor, N={ref}, {nav} nav",
            measured, verdict(value <= BUILD_TARGET), limit]


def _peer_row(results: dict[str, Any], ref: int) -> list[str]:
    value = ratio(results, ref, "fixed", "peer", "ours")
    if value is None:
        return [f"≥ {PEER_TARGET:.0f}× faster than mkdocs-quiz", "not measured", "n/a",
                "mkdocs-quiz is not installed"]
    builds = results["builds"][ref]["fixed"]
    need, floor = builds["peer"]["cpu"] / PEER_TARGET, builds["floor"]["cpu"]
    if value >= PEER_TARGET:
        limit = (f"met by {s(need - builds['ours']['cpu'])} s: mkdocs-quiz makes a Markdown "
                 "instance per question and inlines its assets into every page; our margin "
                 "is whatever the plugin's own work (above) leaves")
    elif need >= floor:
        limit = (f"2× needs our build at ≤ {s(need)} s CPU, {s(need - floor)} s above the "
                 "floor: the plugin's work above is what stands in the way")
        if not failed(builds.get("ours-mkdocs")):
            plain = builds["ours-mkdocs"]["cpu"]
            limit += (f"; the same course through `mkdocs build` takes {s(plain)} s "
                      f"({builds['peer']['cpu'] / plain:.2f}× faster than mkdocs-quiz): "
                      f"`curriculum build` adds {s(builds['ours']['cpu'] - plain)} s, mostly "
                      "a second load of the course (see `curriculum validate`)")
    else:
        limit = (f"mkdocs-quiz costs only {builds['peer']['cpu'] / floor:.2f}× the floor, so "
                 f"2× needs our build at ≤ {s(need)} s CPU, {s(floor - need)} s *below* the "
                 "floor (plain Markdown, no quiz plugin): reachable only if our quiz pages "
                 "(a JSON blob, little Markdown) save MkDocs more than all the plugin's own "
                 "work costs")
    return [f"≥ {PEER_TARGET:.0f}× faster than mkdocs-quiz, N={ref}",
            f"{value:.2f}× ({s(builds['peer']['cpu'])} s against {s(builds['ours']['cpu'])} s)",
            verdict(value >= PEER_TARGET), limit]


def _validate_row(results: dict[str, Any]) -> list[str]:
    v = results["validate"]
    if failed(v):
        return ["`curriculum validate` ≤ 2 s", "failed", "n/a", v["error"]]
    big, start = v["big"], v["startup"]
    per_module = (big["cpu"] - start["cpu"]) / v["big_size"] * 1000
    profile = v["profile"]
    parts = [f"`{name}` {row['cumulative'] / profile['total']:.0%}"
             for name in ("load_file", "check_links", "check_project")
             if (row := profile_row(profile, name))]
    cold = v.get("big_cold")
    first = f"; first run, no parse cache: {s(cold['wall'], 1)} s" if cold else ""
    return [f"`curriculum validate` on {v['big_size']} modules ≤ {VALIDATE_TARGET:.0f} s",
            f"{s(big['wall'], 2)} s wall, {s(big['cpu'], 2)} s CPU, files unchanged{first}",
            verdict(big["wall"] <= VALIDATE_TARGET),
            f"{per_module:.1f} ms CPU per module past a {s(start['cpu'], 2)} s start-up, "
            f"linear in N; of `load_project`'s time: {', '.join(parts)} (profile below); "
            f"most own time in {_top_own(profile, 3)}. A first run parses every file: "
            "libyaml's composer and the walk that keeps each value's line and column"]


def _top_own(summary: dict[str, Any], count: int) -> str:
    total = summary["total"] or 1.0
    rows = summary["own"][:count]
    return ", ".join(f"`{_short(r['function'])}` ({r['own'] / total:.0%})" for r in rows)


def _short(function: str) -> str:
    """`path:line name` -> name; a built-in's description stays whole."""
    where, _, name = function.partition(" ")
    return name if ":" in where and name else function


def _weight_row(results: dict[str, Any], ref: int) -> list[str]:
    row = results["page_weight"]["module page"]
    value = row.get("ours_over_floor")
    return [f"Module page HTML ≤ {WEIGHT_TARGET}× its plain twin (N={ref}, fixed nav)",
            f"{s(value, 3)}× ({kib(row.get('ours', 0))} against {kib(row.get('floor', 0))})",
            verdict(None if value is None else value <= WEIGHT_TARGET),
            "the module page carries no quiz data; the difference is the gain widget's div"]


def _assets_row(results: dict[str, Any]) -> list[str]:
    a = results["assets"]
    parts = ", ".join(f"{name} {kib(f['gzip'])}" for name, f in a["files"].items())
    missing = f" ({', '.join(a['missing'])} missing)" if a["missing"] else ""
    return [f"quiz.js + quiz.css < {ASSETS_TARGET // 1024} KiB gzip",
            f"{kib(a['gzip_total'])} ({parts}){missing}",
            verdict(a["gzip_total"] < ASSETS_TARGET and not a["missing"]),
            "gzip -9 of site_templates/assets as they are now"]


def _handout_row(results: dict[str, Any]) -> list[str]:
    h = results.get("handouts", {})
    if not h.get("available"):
        return [f"No-change handout rebuild < {HANDOUT_TARGET:.0f} s", "not available",
                "n/a", h.get("reason", "")]
    est = h["estimate"]["unchanged_wall"]
    measured = "; ".join(f"{s(x['unchanged']['wall'], 2)} s for {x['modules']} modules"
                         for x in h["samples"])
    sample_ok = all(x["unchanged"]["wall"] < HANDOUT_TARGET and not x["unchanged_remade"]
                    for x in h["samples"])
    ok = sample_ok and est < HANDOUT_TARGET
    where = "" if ok else (" (met on the samples)" if sample_ok else "")
    return [f"No-change handout rebuild < {HANDOUT_TARGET:.0f} s",
            f"{measured}; about {s(est)} s at N={h['estimate_size']} (on the line through "
            "the samples)", verdict(ok) + where,
            "a no-change run still loads and validates the whole course and hashes each "
            "PDF's inputs, so it grows like `curriculum validate`"]


def _growth_rows(results: dict[str, Any]) -> list[list[str]]:
    rows = []
    for label, points in series(results).items():
        b = exponent(points)
        if b is None:
            continue
        sizes = "–".join(str(n) for n in sorted(points))
        limit = ""
        if "pruned" in label and b > 1.0:
            limit = ("with navigation.prune each page still lists every module's title: an N² "
                     "term remains, small at these sizes")
        elif "course nav" in label:
            limit = "Material renders the whole nav into every page"
        rows.append([f"Linear growth: {label}", f"t ∝ N^{b:.2f} (N={sizes})",
                     verdict(b <= LINEAR_SLACK), limit])
    return rows


def builds(results: dict[str, Any]) -> str:
    rows = []
    for size, figures in sorted(results["builds"].items()):
        for nav in ("fixed", "course", "pruned"):
            b = figures.get(nav)
            if not b:
                continue

            def cell(variant: str, b: dict[str, Any] = b) -> str:
                if variant not in b:
                    return "—"
                if failed(b[variant]):
                    return f"failed: {b[variant]['error']}"
                return f"{s(b[variant]['cpu'])} / {s(b[variant]['wall'])}"

            over = ratio(results, size, nav, "ours", "floor")
            peer = ratio(results, size, nav, "peer", "ours")
            rows.append([str(size), str(figures["pages"]), nav, cell("ours"), cell("floor"),
                         cell("peer"), s(over, 2), s(peer, 2)])
    return ("## Full site build\n\nSeconds, CPU / wall, best of the runs; a fresh process "
            "from a clean output folder each time. *pruned* is the course nav with "
            "Material's `navigation.prune`.\n\n"
            + table(["N", "pages", "nav", "curriculum", "floor", "mkdocs-quiz",
                     "curriculum / floor", "mkdocs-quiz / curriculum"], rows) + "\n"
            + _wrapper_note(results))


def _wrapper_note(results: dict[str, Any]) -> str:
    """What `curriculum build` costs past `mkdocs build` of the same project."""
    ref = results["settings"]["reference"]
    fixed = results["builds"].get(ref, {}).get("fixed", {})
    if failed(fixed.get("ours")) or failed(fixed.get("ours-mkdocs")):
        return ""
    cli, plain = fixed["ours"]["cpu"], fixed["ours-mkdocs"]["cpu"]
    return (f"\nThe same course through `mkdocs build` (no CLI) at N={ref}: {s(plain)} s CPU; "
            f"`curriculum build` adds {s(cli - plain)} s ({(cli - plain) / plain:.0%}): it "
            "loads and validates the whole course once before MkDocs starts (the plugin "
            "reuses it for every language), then swaps the site folder in.\n")


def where_time_goes(results: dict[str, Any]) -> str:
    r = results["rebuild"]
    if failed(r):
        return f"## Where the build's time goes\n\nNot measured: {r['error']}\n"
    cold = r["cold"]
    rows = [[plugin, event, s(t["cpu"], 2), s(t["wall"], 2)]
            for plugin, events in cold["hooks"].items()
            for event, t in sorted(events.items(), key=lambda e: -e[1]["cpu"])
            if t["cpu"] >= 0.01]
    rest = {k: cold["total"][k] - sum(t[k] for events in cold["hooks"].values()
                                      for t in events.values()) for k in ("cpu", "wall")}
    rows.append(["MkDocs and Material, outside hooks", "config, pages, templates, writing",
                 s(rest["cpu"], 2), s(rest["wall"], 2)])
    rows.append(["**all**", "", s(cold["total"]["cpu"], 2), s(cold["total"]["wall"], 2)])
    profile = r["profile"]
    return (f"## Where the build's time goes\n\nThe cold build of the rebuild benchmark "
            f"(N={r['size']}, fixed nav, in one process), every plugin hook timed:\n\n"
            + table(["plugin", "hook", "CPU s", "wall s"], rows)
            + f"\n\nProfile of the curriculum plugin's hooks only (cProfile, N="
            f"{r['profile_size']}, {s(profile['total'])} s under the profiler), by "
            "cumulative time:\n\n" + _profile_table(profile["cumulative"])
            + "\n\nBy own time:\n\n" + _profile_table(profile["own"]) + "\n")


def _profile_table(rows: list[dict[str, Any]]) -> str:
    return table(["function", "calls", "cumulative s", "own s"],
                 [[f"`{r['function']}`", f"{r['calls']:,}", s(r["cumulative"], 2),
                   s(r["own"], 2)] for r in rows])


def rebuild(results: dict[str, Any]) -> str:
    r = results["rebuild"]
    if failed(r):
        return f"## Rebuild after one module is edited\n\nNot measured: {r['error']}\n"
    rows = [[label, s(r[key]["total"]["cpu"], 2), s(r[key]["total"]["wall"], 2),
             s(r[key]["plugin_total"]["cpu"], 2),
             f"{r[key]['plugin_total']['cpu'] / r[key]['total']['cpu']:.0%}"]
            for label, key in (("cold (first build of serve)", "cold"),
                               (f"after editing {r['edited']}", "rebuild"))]
    return (f"## Rebuild after one module is edited\n\n`mkdocs serve`'s code path in one "
            f"process (N={r['size']}, fixed nav): the config is loaded again, plugins "
            "without `on_startup` are made anew, and the whole site is built again.\n\n"
            + table(["build", "CPU s", "wall s", "curriculum plugin, CPU s", "plugin share"],
                    rows) + "\n\n" + _instance_note(r))


def _instance_note(r: dict[str, Any]) -> str:
    if r.get("keeps_instance"):
        return ("The plugin defines `on_startup`, so MkDocs keeps its instance across "
                "rebuilds; the rest of a rebuild is MkDocs rendering every page again.\n")
    return ("MkDocs makes a new plugin instance for every rebuild, so the course is loaded "
            "again for a one-module edit; unchanged files come back from the parse cache and "
            "unchanged banks from the rendered-bank cache. The rest is MkDocs rendering "
            "every page again.\n")


def validate_section(results: dict[str, Any]) -> str:
    v = results["validate"]
    if failed(v):
        return f"## `curriculum validate`\n\nNot measured: {v['error']}\n"
    rows = [[str(n), s(b["cpu"], 2), s(b["wall"], 2)] for n, b in sorted(v["sizes"].items())]
    if "big_cold" in v:
        rows.append([f"{v['big_size']}, first run (no parse cache)", s(v["big_cold"]["cpu"], 2),
                     s(v["big_cold"]["wall"], 2)])
    rows.append([f"{v['big_size']}, files unchanged since the last run (best of 3)",
                 s(v["big"]["cpu"], 2), s(v["big"]["wall"], 2)])
    rows.append(["start-up (`curriculum --version`)", s(v["startup"]["cpu"], 2),
                 s(v["startup"]["wall"], 2)])
    return ("## `curriculum validate`\n\n" + table(["modules", "CPU s", "wall s"], rows)
            + f"\n\nProfile of `load_project` on {v['profile_size']} modules (cProfile, "
            f"{s(v['profile']['total'], 2)} s under the profiler), by cumulative time:\n\n"
            + _profile_table(v["profile"]["cumulative"][:12])
            + "\n\nBy own time:\n\n" + _profile_table(v["profile"]["own"][:10]) + "\n")


def weight(results: dict[str, Any]) -> str:
    rows = []
    for label, key in (("fixed nav", "page_weight"), ("course nav", "page_weight_course_nav")):
        for kind, row in results.get(key, {}).items():
            if kind.startswith("gzip"):
                continue
            rows.append([kind, label] + [kib(row[v]) if v in row else "—"
                                         for v in ("ours", "floor", "peer")]
                        + [s(row.get("ours_over_floor"), 3)])
    g = results["page_weight"]["gzip module page"]
    assets = results["assets"]
    files = ", ".join(f"{n}: {kib(f['raw'])} raw, {kib(f['gzip'])} gzip"
                      for n, f in assets["files"].items())
    return ("## Page weight\n\nMedian HTML bytes of each kind of page (the post-test stands "
            f"for quiz pages), N={results['settings']['reference']}:\n\n"
            + table(["page", "nav", "curriculum", "floor", "mkdocs-quiz", "curriculum / floor"],
                    rows)
            + _site_sizes(results)
            + f"\n\nThe middle module page gzipped: curriculum {kib(g.get('ours', 0))}, floor "
            f"{kib(g.get('floor', 0))}, mkdocs-quiz {kib(g.get('peer', 0))}. mkdocs-quiz "
            f"inlines its stylesheet and scripts into every page "
            f"({kib(g.get('peer_inline_assets', 0))} of inline `<script>`/`<style>` on a "
            f"module page, against {kib(g.get('ours_inline_assets', 0))} for ours); ours "
            f"loads one cached script and stylesheet: {files}.\n")


def _site_sizes(results: dict[str, Any]) -> str:
    ref = results["settings"]["reference"]
    sizes = results["builds"].get(ref, {}).get("site_bytes", {})
    rows = [[nav] + [f"{sizes[nav][v] / 2**20:,.0f} MiB" if sizes[nav].get(v) else "—"
                     for v in ("ours", "floor", "peer")] for nav in sizes]
    if not rows:
        return ""
    return (f"\n\nThe whole site (every file of the built folder) at N={ref}:\n\n"
            + table(["nav", "curriculum", "floor", "mkdocs-quiz"], rows))


def handouts_section(results: dict[str, Any]) -> str:
    h = results.get("handouts", {})
    if not h.get("available"):
        return f"## Handouts\n\nNot available: {h.get('reason', 'not run')}.\n"
    rows = []
    for x in h["samples"]:
        edited = x.get("edited")
        rows.append([str(x["modules"]), str(x["pdfs"]), str(x["pages"]),
                     f"{s(x['cold']['cpu'])} / {s(x['cold']['wall'])}",
                     f"{s(x['unchanged']['cpu'], 2)} / {s(x['unchanged']['wall'], 2)}",
                     f"{s(edited['cpu'])} / {s(edited['wall'])}" if edited else "—"])
    est = h["estimate"]
    return ("## Handouts\n\n`curriculum handouts` on the first modules of the course (the "
            "trainee handout, trainer guide and programme of each module and of the course), "
            "as a user runs it. Seconds, CPU / wall; no change is the best of 3 runs:\n\n"
            + table(["modules", "PDFs", "pages", "cold", "no change", "one module edited"],
                    rows)
            + "".join(_remade_note(x) for x in h["samples"])
            + f"\n\n{s(h['wall_per_page'], 3)} s wall per page ({s(h['cpu_per_page'], 3)} s "
            "CPU; PDFs are rendered in parallel on the cores). On the line through the two "
            f"samples, N={h['estimate_size']} would make about {est['pages']:,.0f} pages in "
            f"{s(est['cold_wall'] / 60)} minutes cold, and a no-change run would take about "
            f"{s(est['unchanged_wall'])} s.\n")


def _remade_note(x: dict[str, Any]) -> str:
    if not x.get("unchanged_remade"):
        return ""
    return (f"\n\nWith {x['modules']} modules the no-change run made {x['unchanged_remade']} "
            "PDFs again: the builder's code, part of every PDF's inputs, changed during the "
            "benchmark.")


def growth(results: dict[str, Any]) -> str:
    data = series(results)
    sizes = sorted({n for points in data.values() for n in points})
    rows = []
    for label, points in data.items():
        b = exponent(points)
        rows.append([label] + [s(points.get(n), 2) if n in points else "—" for n in sizes]
                    + [s(b, 2)])
    return ("## Growth with N\n\nCPU seconds; the exponent b fits t = a·N^b (1 is linear, "
            "2 quadratic).\n\n" + table(["series", *(f"N={n}" for n in sizes), "b"], rows)
            + "\n")


COLORS = {"curriculum": "tab:blue", "floor": "tab:orange", "mkdocs-quiz": "tab:green"}


def _style(label: str) -> dict[str, Any]:
    name = label.split(" (")[0]
    line = ":" if "pruned" in label else "--" if "course nav" in label else "-"
    return {"color": COLORS.get(name, "tab:purple"), "linestyle": line, "marker": "o"}


def plot(results: dict[str, Any], image: Path) -> bool:
    try:
        import matplotlib
    except ImportError:
        return False
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    data = series(results)
    sizes = sorted({n for points in data.values() for n in points})
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.6))
    for label, points in data.items():
        xs = sorted(points)
        left.plot(xs, [points[n] for n in xs], label=label, **_style(label))
        right.plot(xs, [points[n] / n * 1000 for n in xs], label=label, **_style(label))
    left.set(xscale="log", yscale="log", xlabel="modules (N)", ylabel="CPU seconds",
             title="Cost (log-log: slope 1 is linear)")
    right.set(xscale="log", xlabel="modules (N)", ylabel="CPU ms per module",
              title="Cost per module (flat is linear)")
    right.set_ylim(bottom=0)
    for axis in (left, right):
        axis.set_xticks(sizes)
        axis.xaxis.set_major_formatter(ScalarFormatter())
        axis.xaxis.set_minor_formatter(NullFormatter())
        axis.grid(True, which="both", alpha=0.3)
    left.yaxis.set_major_formatter(ScalarFormatter())
    left.yaxis.set_minor_formatter(NullFormatter())
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.12, 1, 1))
    image.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(image, dpi=110)
    plt.close(fig)
    return True


def render(results: dict[str, Any], image: Path) -> str:
    parts = [header(results, image), targets(results), method(results), builds(results),
             where_time_goes(results), rebuild(results), validate_section(results),
             weight(results), handouts_section(results), growth(results)]
    return "\n".join(parts)


def write(results: dict[str, Any], doc: Path, image: Path) -> None:
    doc.parent.mkdir(parents=True, exist_ok=True)
    text = render(results, image)
    if not plot(results, image):
        text = text.replace(f"![Cost against the number of modules]({image.name})\n",
                            "(No plot: matplotlib is not installed.)\n")
    doc.write_text(text, encoding="utf-8")


def main() -> None:
    write(load(), ROOT / "docs" / "benchmarks.md", ROOT / "docs" / "benchmarks.png")


if __name__ == "__main__":
    main()
