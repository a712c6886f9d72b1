"""Conventions of the ecosystem: python -m builder, -v/-q and help text on every option."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from builder import __version__
from builder.cli.main import main

from .corpus import buildable_copy


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


COMMANDS = list(_commands(main))


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


def test_python_dash_m_builder_is_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "builder", "--version"], capture_output=True,
                            text=True, check=True)
    assert __version__ in result.stdout and "curriculum" in result.stdout


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_takes_verbose_and_quiet(path: tuple[str, ...]) -> None:
    options = {opt for p in _command(path).params for opt in getattr(p, "opts", [])}
    assert {"-v", "--verbose", "-q", "--quiet"} <= options


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_option_has_help(path: tuple[str, ...]) -> None:
    command = _command(path)
    assert command.help, path
    bare = [p.name for p in command.params if isinstance(p, click.Option) and not p.help]
    assert bare == []


def test_quiet_prints_only_problems(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "p")
    loud = CliRunner().invoke(main, ["validate", "-p", str(project)])
    quiet = CliRunner().invoke(main, ["validate", "-q", "-p", str(project)])
    assert loud.exit_code == quiet.exit_code == 0
    assert loud.stdout.startswith("ok:") and quiet.stdout == ""
    (project / "course.yaml").write_text("id: x\n")
    failed = CliRunner().invoke(main, ["validate", "-q", "-p", str(project)])
    assert failed.exit_code == 1 and "error: course.yaml" in failed.stderr


def test_verbose_shows_the_build_log(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "p")
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-v", "-p", str(project),
                             "-f", str(project / "mkdocs.yml")], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert "DEBUG" in result.stderr and "mkdocs" in result.stderr


def test_shell_completion_completes_the_verbs() -> None:
    curriculum = Path(sys.executable).with_name("curriculum")
    env = {"PATH": str(curriculum.parent), "COMP_WORDS": "curriculum ini", "COMP_CWORD": "1",
           "_CURRICULUM_COMPLETE": "bash_complete"}
    result = subprocess.run([str(curriculum)], env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["plain,init"]
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "_CURRICULUM_COMPLETE=bash_source curriculum" in readme


@pytest.mark.parametrize("verb", [["serve", "-a", "127.0.0.1:0"], ["edit", "--port", "0"]],
                         ids=["serve", "edit"])
def test_ctrl_c_stops_a_server_started_with_it_ignored(tmp_path: Path, verb: list[str]) -> None:
    """A job put in the background by a script starts with SIGINT ignored, and Python keeps
    it so: Ctrl-C (or `kill -INT`) must still stop the server."""
    import signal
    import time

    project = buildable_copy(tmp_path / "course")
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", *verb, "-p", str(project)], cwd=project,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert "http://127.0.0.1:" in first, first
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
