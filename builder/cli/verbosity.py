"""-v/--verbose and -q/--quiet on every command, including the ones added later.

Every command of the `curriculum` group gets both options: -v shows what MkDocs, the
plugin and the builder log (debug included) on stderr; -q prints nothing but problems.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2
_KEY = "curriculum.verbosity"
LOGGERS = ("mkdocs", "builder")


def _set(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[_KEY] = VERBOSE if param.name == "verbose" else QUIET
        if param.name == "verbose":
            _log_to_stderr()


def _log_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s %(name)s: %(message)s"))
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)


def options() -> list[click.Option]:
    return [
        click.Option(["--verbose", "-v"], is_flag=True, expose_value=False, callback=_set,
                     is_eager=True, help="Show what MkDocs and the builder log (debug too)."),
        click.Option(["--quiet", "-q"], is_flag=True, expose_value=False, callback=_set,
                     is_eager=True, help="Print nothing but problems."),
    ]


def level() -> int:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(_KEY, NORMAL) if ctx is not None else NORMAL


@contextlib.contextmanager
def quieted() -> Iterator[None]:
    """With -q, what a command prints on stdout goes nowhere; problems still reach stderr."""
    if level() != QUIET:
        yield
        return
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        yield


class Group(click.Group):
    """A group whose commands and subgroups all take -v and -q."""

    group_class = type  # subgroups are Groups too

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        taken = {opt for param in cmd.params for opt in getattr(param, "opts", [])}
        for option in options():
            if not taken & set(option.opts):
                cmd.params.append(option)
        super().add_command(cmd, name)

