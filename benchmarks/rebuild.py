"""A rebuild after one module is edited, the way `mkdocs serve` rebuilds, against a cold build.

Runs in its own process, down serve's code path: load the config (`get_config`),
`on_startup(command="serve")`, build with a serve URL; then edit one module's
YAML and rebuild, loading the config again as serve's `builder()` does (plugins
that define on_startup are kept across rebuilds, the others are made anew).
Every plugin hook is timed, so the builder's own work shows beside MkDocs'.

    python -m benchmarks.rebuild PROJECT/mkdocs.yml --json OUT [--profile]

With --profile, one cold build only, with cProfile on inside the curriculum
plugin's hooks.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection

from .generate import dump_yaml
from .profile import summarize

SERVE_URL = "http://127.0.0.1:8000/"
PLUGIN = "curriculum"
HookTimes = dict[str, dict[str, list[float]]]  # plugin -> event -> [wall, cpu]


@contextmanager
def hook_timer(profiler: cProfile.Profile | None = None) -> Iterator[HookTimes]:
    """Wall and CPU seconds in each plugin's hooks, by plugin and event, while the block runs."""
    times: HookTimes = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    original = PluginCollection.run_event

    def run_event(self: PluginCollection, name: str, item: Any = None, **kwargs: Any) -> Any:
        # The loop of PluginCollection.run_event (MkDocs 1.6), with clocks around each call.
        pass_item = item is not None
        for method in self.events[name]:
            origin = self._event_origins.get(method, "<unknown>")
            self._current_plugin = origin
            profile = profiler is not None and origin == PLUGIN
            wall, cpu = time.perf_counter(), time.process_time()
            if profile:
                profiler.enable()  # type: ignore[union-attr]
            result = method(item, **kwargs) if pass_item else method(**kwargs)
            if profile:
                profiler.disable()  # type: ignore[union-attr]
            spent = times[origin][name]
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    PluginCollection.run_event = run_event  # type: ignore[method-assign]
    try:
        yield times
    finally:
        PluginCollection.run_event = original  # type: ignore[method-assign]


def serve_build(config_file: Path, site_dir: Path, startup: bool) -> dict[str, Any]:
    """One build as serve's `builder()` runs it: config loaded anew, then build."""
    with hook_timer() as times:
        wall, cpu = time.perf_counter(), time.process_time()
        config = load_config(config_file=str(config_file), site_dir=str(site_dir))
        if startup:
            config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=False)
        total = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    hooks = {plugin: {event: {"wall": w, "cpu": c} for event, (w, c) in events.items()}
             for plugin, events in times.items()}
    own = hooks.get(PLUGIN, {}).values()
    return {"total": total, "hooks": hooks,
            "plugin_total": {"wall": sum(e["wall"] for e in own),
                             "cpu": sum(e["cpu"] for e in own)}}


def edit_module(project: Path) -> tuple[Path, str]:
    """Change one sentence of the first session of a module in the middle of the course."""
    modules = sorted((project / "modules").glob("*.yaml"))
    path = modules[len(modules) // 2]
    original = path.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    data["sessions"][0]["content"] += "\nEdited: the requested State answered in two weeks.\n"
    dump_yaml(data, path)
    return path, original


def keeps_instance() -> bool:
    """Whether MkDocs keeps the curriculum plugin's instance across serve's rebuilds:
    it does for plugins that define on_startup or on_shutdown (MkDocs 1.4+)."""
    from builder.adapters.mkdocs_plugin import CurriculumPlugin

    return hasattr(CurriculumPlugin, "on_startup") or hasattr(CurriculumPlugin, "on_shutdown")


def rebuild(config_file: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as site:
        cold = serve_build(config_file, Path(site), startup=True)
        path, original = edit_module(config_file.parent)
        try:
            again = serve_build(config_file, Path(site), startup=False)
        finally:
            path.write_text(original, encoding="utf-8")
    return {"cold": cold, "rebuild": again, "edited": path.name,
            "keeps_instance": keeps_instance()}


def profile_cold(config_file: Path) -> dict[str, Any]:
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as site, hook_timer(profiler):
        config = load_config(config_file=str(config_file), site_dir=site)
        build(config, dirty=False)
    return summarize(profiler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = args.config.resolve()
    result = profile_cold(config) if args.profile else rebuild(config)
    args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
