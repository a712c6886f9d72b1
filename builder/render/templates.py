"""The Jinja2 environment over site_templates/."""

from __future__ import annotations

import json
import traceback
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.sandbox import SandboxedEnvironment

from ..load.problems import CurriculumError, Problem

PACKAGE = "builder.site_templates"


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    """The package's site_templates/ (installed as builder.site_templates), wherever it is.

    Found through importlib.resources, so a wheel, an sdist and the checkout's editable
    install all read the templates installed with the code, never a source checkout's.
    """
    folder = Path(str(resources.files(PACKAGE)))
    if not (folder / "pages").is_dir():
        raise RuntimeError(f"{PACKAGE} at {folder} has no templates: the package is incomplete")
    return folder


OWN = "site_templates"
"""A project's own site_templates/: its files take precedence over the package's, one by one."""


def search_path(project_root: Path | None = None) -> list[Path]:
    """Where a template, asset or stylesheet is looked up: the project's, then the package's."""
    own = project_root / OWN if project_root is not None else None
    return [own, templates_dir()] if own is not None and own.is_dir() else [templates_dir()]


def find(name: str, project_root: Path | None = None) -> Path:
    """The first `name` (e.g. assets/site.css) along the search path."""
    for folder in search_path(project_root):
        if (folder / name).is_file():
            return folder / name
    return templates_dir() / name


def script_json(data: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can close or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def project_environment(project_root: Path) -> jinja2.Environment:
    """Templates of the project's own site_templates/ first, then the package's."""
    own = project_root / OWN
    return environment(str(own.resolve()) if own.is_dir() else None)


def template_class(own: str | None) -> type[jinja2.Environment]:
    """A project's own templates run at build time, on the build machine (CI too): in
    Jinja's sandbox, which refuses the attribute walks (`''.__class__.__mro__`) that reach
    Python itself. The package's templates run there as well, unchanged."""
    return SandboxedEnvironment if own else jinja2.Environment


@lru_cache(maxsize=4)
def environment(extra_dir: str | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if extra_dir:
        loaders.append(jinja2.FileSystemLoader(extra_dir))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = template_class(extra_dir)(
        loader=jinja2.ChoiceLoader(loaders), autoescape=False, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["script_json"] = script_json
    return env


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render a template; a fault in one (a project's own, mostly: a syntax error, a name
    it does not have, what the sandbox refuses) is a problem at its line, not a traceback."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateError as exc:
        file, line = _place(exc, name)
        raise CurriculumError([Problem(file, line, 0, "", f"template: {exc.message or exc}",
                                       "fix the template (docs/academy.md); nothing was "
                                       "written")]) from None


def _place(exc: jinja2.TemplateError, name: str) -> tuple[str, int]:
    """The template file and line of the fault, from the error or Jinja's traceback frames."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return _shown(exc.filename or name), exc.lineno
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return (_shown(frames[-1].filename), frames[-1].lineno or 0) if frames else (name, 0)


def _shown(filename: str) -> str:
    """A project's template by its path in the project, the package's by its full path."""
    parts = Path(filename).parts
    if OWN in parts and not Path(filename).is_relative_to(templates_dir()):
        return Path(*parts[len(parts) - parts[::-1].index(OWN) - 1:]).as_posix()
    return filename


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates kept in memory across builds of one process: MkDocs makes
    a new theme environment for every build (each language; each save in `curriculum
    serve`) and compiled Material's templates afresh each time. Jinja checks each
    template's source against the checksum it was compiled from, so an edited template
    (the project's overrides, site_templates/) is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        # the same file compiles differently under other settings (a sandbox, extensions)
        key = self.get_cache_key(f"{_settings(environment)}\0{name}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _settings(env: jinja2.Environment) -> str:
    """What decides the code Jinja compiles a template to, besides its source."""
    return repr((type(env).__qualname__, sorted(env.extensions), env.block_start_string,
                 env.block_end_string, env.variable_start_string, env.variable_end_string,
                 env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                 env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                 env.newline_sequence, env.keep_trailing_newline, env.optimized,
                 env.autoescape if isinstance(env.autoescape, bool) else "function"))


COMPILED = CompiledTemplates()
"""One for the process: MkDocs' theme environments of every build use it."""
