"""Bounded work: inputs that once hung, crashed or grew with the square of their size.

The bounds are stated in docs/input.md. Speed is measured by benchmarks; the timeouts
here are generous (seconds where the unbounded code took minutes) and only catch a
blow-up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest

from builder.load.paths import link_spans
from builder.render import linear_links
from builder.render.linear_links import MAX_LINK_CHARS, LinearLinks
from builder.render.markdown import EXTENSIONS, to_html

from .corpus import MINIMAL, buildable_copy

CURRICULUM = Path(sys.executable).with_name("curriculum")
RUNS = ["[" * 20_000, "![" * 10_000, "[](" * 7_000, "[a](" * 5_000, "[" * 10_000 + "]" * 10_000]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}


def test_a_fifo_named_like_a_module_is_refused_without_waiting(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("site"))
    os.mkfifo(project / "modules" / "gamma.yaml")
    done = subprocess.run([str(CURRICULUM), "validate", "-p", str(project)], env=_env(),
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert "modules/gamma.yaml: is a named pipe (FIFO), not a regular file" in done.stderr


def test_a_fifo_in_the_docs_folder_is_refused_before_the_build(tmp_path: Path) -> None:
    """The site copies docs_dir's files as they are: a named pipe there is named, not
    waited on or crashed at."""
    project = tmp_path / "p"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("site"))
    (project / "mkdocs.yml").write_text("site_name: Mini\ntheme: material\n"
                                        "plugins: [search, curriculum]\n", encoding="utf-8")
    (project / "docs").mkdir(exist_ok=True)
    os.mkfifo(project / "docs" / "pipe.txt")
    done = subprocess.run([str(CURRICULUM), "build", "-p", str(project), "-d",
                           str(tmp_path / "out")], env=_env(), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1, done.stderr
    assert "docs/pipe.txt: is not a regular file (a named pipe" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", RUNS, ids=lambda t: f"{t[:4]}x{len(t)}")
def test_runs_of_brackets_render_in_bounded_time(text: str) -> None:
    start = time.perf_counter()
    html = to_html(text)
    assert time.perf_counter() - start < 10, "quadratic: this took minutes before"
    assert "<a" not in html and "<img" not in html


@pytest.mark.parametrize("text", RUNS, ids=lambda t: f"{t[:4]}x{len(t)}")
def test_runs_of_brackets_are_scanned_for_links_in_bounded_time(text: str) -> None:
    start = time.perf_counter()
    link_spans(text * 2)
    assert time.perf_counter() - start < 2, "quadratic: this took half a minute before"


def test_links_render_as_before() -> None:
    """The linear patterns give Python-Markdown's own output on ordinary links."""
    plain = markdown.Markdown(extensions=EXTENSIONS)
    linear = markdown.Markdown(extensions=[*EXTENSIONS, LinearLinks()])
    for text in ["[a [b] c](http://x 'T') and ![i](m.png) [r][] [r]\n\n[r]: http://r",
                 "[[a]](b) [c]", "[a](b [c](d)", "[" * 30 + "x" + "]" * 30 + "(y)",
                 "![[a]](b)", "[a\\]b](c)", "`[a`](b) [`]`](c)", "[x](<a b.pdf> \"t\")",
                 "[x](a(b)c)", "[x](" + "y" * (MAX_LINK_CHARS - 3) + ")"]:
        assert linear.reset().convert(text) == plain.reset().convert(text), text


def test_a_link_longer_than_the_bound_is_text() -> None:
    html = to_html("[x](" + "y" * MAX_LINK_CHARS + ")")
    assert "<a" not in html


def test_the_closing_brackets_of_a_paragraph_are_found_in_one_pass(
        monkeypatch: pytest.MonkeyPatch) -> None:
    passes = []
    brackets = linear_links._BRACKET

    class Counting:
        def finditer(self, data: str):
            passes.append(len(data))
            return brackets.finditer(data)

    monkeypatch.setattr(linear_links, "_BRACKET", Counting())
    to_html("[" * 5_000)
    assert len(passes) == 1, f"{len(passes)} passes over the paragraph"


def test_a_site_with_a_run_of_20000_brackets_builds(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "p")
    module = project / "modules" / "alpha.yaml"
    module.write_text(module.read_text().replace(
        "content: Practise alpha.", "content: '" + "[" * 20_000 + "'"))
    done = subprocess.run([str(CURRICULUM), "build"], cwd=project, env=_env(),
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    page = (project / "site" / "en" / "modules" / "alpha" / "index.html").read_text()
    assert "[" * 1000 in page
