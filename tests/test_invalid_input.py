"""Broken and hostile input: `curriculum validate` prints exactly the expected lines.

Each case is a file under tests/data/invalid/ (see tests/corpus.py for the format).
Valid edge cases under tests/data/valid/ must load and keep the values they declare.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from builder.cli.main import main
from builder.load.problems import CurriculumError
from builder.load.project import load_project

from .corpus import UPDATE, Case, cases, tree_digest

INVALID = cases("invalid")
VALID = cases("valid")
CURRICULUM = Path(sys.executable).with_name("curriculum")


def run_cli(project: Path, args: list[str]) -> tuple[int, list[str], list[str], float]:
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["validate", "-p", str(project), *args])
    elapsed = time.perf_counter() - start
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return (result.exit_code, result.stdout.splitlines(), result.stderr.splitlines(),
            elapsed)


def check_output(case: Case, actual: list[str]) -> None:
    if UPDATE and actual != case.expect:
        case.update(actual)
        pytest.skip("expected output rewritten")
    assert actual == case.expect


def test_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 70


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid(case: Case, tmp_path: Path) -> None:
    project = case.lay_out(tmp_path)
    before = tree_digest(tmp_path)
    code, stdout, stderr, elapsed = run_cli(project, case.args)
    check_output(case, stderr)
    assert code == 1
    assert stdout == []
    assert not any("Traceback" in line for line in stderr)
    assert stderr[-1].endswith("problem(s) found; nothing was written.")
    assert all(line.startswith("error: ") for line in stderr[:-1])
    assert elapsed < case.spec.get("seconds", 10)
    assert tree_digest(tmp_path) == before


# Wording of PyYAML and pydantic that must never reach an author.
RAW_WORDING = ("Input should", "while scanning", "while parsing", "could not find expected",
               "did not find expected", "found character", "Value error", "validation error",
               "Field required", "Extra inputs", "Traceback", "<unicode string>", "tag:yaml.org")


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_every_problem_says_where_what_and_what_to_do(case: Case, tmp_path: Path) -> None:
    project = case.lay_out(tmp_path)
    limit = dict(zip(case.args[::2], case.args[1::2], strict=True)).get("--max-file-bytes")
    with pytest.raises(CurriculumError) as caught:
        load_project(project, **({"max_bytes": int(limit)} if limit else {}))
    for problem in caught.value.problems:
        assert problem.hint, problem
        assert problem.message, problem
        assert not any(raw in str(problem) for raw in RAW_WORDING), problem
        if problem.line == 0:  # no place in a file: the file or folder itself is at fault
            assert not problem.path, problem


SUBPROCESS = [c for c in INVALID if c.spec.get("subprocess")]


@pytest.mark.parametrize("case", SUBPROCESS, ids=[c.name for c in SUBPROCESS])
def test_invalid_in_a_real_process(case: Case, tmp_path: Path) -> None:
    project = case.lay_out(tmp_path)
    before = tree_digest(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([str(CURRICULUM), "validate", "-p", str(project), *case.args],
                          capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == case.expect
    assert "Traceback" not in done.stderr
    assert tree_digest(tmp_path) == before


def test_some_cases_run_in_a_real_process() -> None:
    assert len(SUBPROCESS) >= 5


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_valid(case: Case, tmp_path: Path) -> None:
    project = case.lay_out(tmp_path)
    code, stdout, stderr, _ = run_cli(project, case.args)
    check_output(case, stdout + stderr)
    assert code == 0
    loaded = load_project(project)
    for dotted, expected in case.spec.get("values", {}).items():
        assert lookup(loaded, dotted) == expected, dotted


def lookup(obj: Any, dotted: str) -> Any:
    """`modules.alpha.sessions.0.title` through attributes, keys and indexes."""
    for part in dotted.split("."):
        if isinstance(obj, dict):
            obj = obj[part]
        elif isinstance(obj, (list, tuple)):
            obj = obj[int(part)]
        else:
            obj = getattr(obj, part)
    return obj if isinstance(obj, (str, int, float, bool, list, dict, type(None))) else str(obj)
