"""The `curriculum` command: one module per verb, each a function returning an exit code."""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import click

from ..load.problems import CurriculumError

EXIT_PROBLEMS = 1
EXIT_INTERNAL = 3


def run(action: Callable[[], int]) -> None:
    """The one error handler: problems print as lines, anything else goes to a log."""
    try:
        code = action()
    except CurriculumError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(exc.problems)} problem(s) found; nothing was written.", err=True)
        code = EXIT_PROBLEMS
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:
        log = Path(tempfile.gettempdir()) / "curriculum-error.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                   f"This is a bug in curriculum-builder; details are in {log}", err=True)
        code = EXIT_INTERNAL
    sys.exit(code)


project_option = click.option("--project", "-p", "project", default=".", show_default=True,
                              type=click.Path(file_okay=False, path_type=Path),
                              help="Folder with course.yaml, modules/ and quizzes/.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="curriculum-builder")
def main() -> None:
    """Build training courses from YAML modules and question banks."""


@main.command()
@project_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(project: Path, strict: bool) -> None:
    """Check every module and question bank; print every problem with its place."""
    from . import validate as verb

    run(lambda: verb.validate(project, strict=strict))


@main.command()
@project_option
@click.option("--config", "-f", "config", default="mkdocs.yml", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="MkDocs configuration.")
@click.option("--site-dir", "-d", type=click.Path(file_okay=False, path_type=Path),
              help="Where the site goes (default: the config's site_dir).")
def build(project: Path, config: Path, site_dir: Path | None) -> None:
    """Build the trainee site (every language of the course)."""
    from . import build as verb

    run(lambda: verb.build(project, config, site_dir))


@main.command()
@project_option
@click.option("--config", "-f", "config", default="mkdocs.yml", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="MkDocs configuration.")
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True)
def serve(project: Path, config: Path, dev_addr: str) -> None:
    """Preview the site; it rebuilds when a YAML file changes."""
    from . import serve as verb

    run(lambda: verb.serve(project, config, dev_addr))


@main.command()
@click.option("--out", "-o", default="schema", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
def schema(out: Path) -> None:
    """Write JSON Schemas of the format, for editor autocompletion."""
    from . import schema as verb

    run(lambda: verb.write_schemas(out))


@main.command()
@project_option
@click.argument("kind", type=click.Choice(["module", "bank"]))
@click.argument("id_")
def new(project: Path, kind: str, id_: str) -> None:
    """Start a module or a question bank from a commented template."""
    from . import new as verb

    run(lambda: verb.new(project, kind, id_))


@main.group(invoke_without_command=True)
@project_option
@click.option("--lang", "-l", "languages", multiple=True, help="Only these languages.")
@click.option("--missing", is_flag=True, help="List the path of every missing text.")
@click.option("--fail-under", type=float, help="Exit 1 if a language is below this percent.")
@click.pass_context
def translations(ctx: click.Context, project: Path, languages: tuple[str, ...], missing: bool,
                 fail_under: float | None) -> None:
    """Translation coverage per language and file; export and import PO catalogues."""
    ctx.obj = project
    if ctx.invoked_subcommand is None:
        from . import translations as verb

        run(lambda: verb.report(project, languages, missing, fail_under))


@translations.command("export")
@click.option("--lang", "-l", required=True, help="Language to translate into.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="PO file to write (default: translations/<lang>.po).")
@click.pass_obj
def translations_export(project: Path, lang: str, out: Path | None) -> None:
    """Write every text with its current translation to a PO catalogue."""
    from . import translations as verb

    run(lambda: verb.export(project, lang, out))


@translations.command("import")
@click.argument("catalog", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the overlay files (default: the project; never overwrites).")
@click.pass_obj
def translations_import(project: Path, catalog: Path, out: Path | None) -> None:
    """Turn a translated PO catalogue into overlay files (modules/x.<lang>.yaml)."""
    from . import translations as verb

    run(lambda: verb.import_(project, catalog, out))
