"""The `curriculum` command: one module per verb, each a function returning an exit code."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import click

from ..load.problems import CurriculumError
from ..load.yaml_source import MAX_FILE_BYTES
from . import verbosity

EXIT_PROBLEMS = 1
EXIT_INTERNAL = 3


def run(action: Callable[[], int]) -> None:
    """The one error handler: problems print as lines, anything else goes to a log."""
    try:
        with verbosity.quieted():
            code = action()
    except CurriculumError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(exc.problems)} problem(s) found; nothing was written.", err=True)
        code = EXIT_PROBLEMS
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:
        _internal_error(exc)
        code = EXIT_INTERNAL
    sys.exit(code)


def _internal_error(exc: Exception) -> None:
    """One short message on stderr; the traceback goes to a log file of its own."""
    log = _write_log(traceback.format_exc())
    where = f"details are in {log}" if log else "no log could be written"
    if isinstance(exc, OSError) and exc.strerror:
        target = f" {exc.filename}" if exc.filename else ""
        click.echo(f"internal error: cannot access{target}: {exc.strerror}\n"
                   f"Check the path and its permissions; {where}", err=True)
    else:
        text = " ".join(str(exc).split())[:300]
        click.echo(f"internal error: {type(exc).__name__}: {text}\n"
                   f"This is a bug in curriculum-builder; {where}", err=True)


def _write_log(text: str) -> str | None:
    # A file of our own (mkstemp): a fixed name in /tmp could be a planted symlink.
    try:
        fd, name = tempfile.mkstemp(prefix="curriculum-error-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        return None
    return name


project_option = click.option("--project", "-p", "project", default=".", show_default=True,
                              type=click.Path(file_okay=False, path_type=Path),
                              help="Folder with course.yaml, modules/ and quizzes/.")
config_option = click.option(
    "--config", "-f", "config", type=click.Path(dir_okay=False, path_type=Path),
    help="MkDocs configuration.  [default: the project's mkdocs.yml]")
max_bytes_option = click.option(
    "--max-file-bytes", "max_bytes", default=MAX_FILE_BYTES, show_default=True,
    type=click.IntRange(min=1), help="Refuse any YAML file larger than this.")


@click.group(cls=verbosity.Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="curriculum-builder")
def main() -> None:
    """Build training courses from YAML modules and question banks."""


@main.command()
@project_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@max_bytes_option
def validate(project: Path, strict: bool, max_bytes: int) -> None:
    """Check every module and question bank; print every problem with its place."""
    from . import validate as verb

    run(lambda: verb.validate(project, strict=strict, max_bytes=max_bytes))


@main.command()
@project_option
@config_option
@click.option("--site-dir", "-d", type=click.Path(file_okay=False, path_type=Path),
              help="Where the site goes (default: the config's site_dir).")
@max_bytes_option
@click.option("--engine", type=click.Choice(["mkdocs", "properdocs", "zensical"]),
              default="mkdocs", show_default=True,
              help="Site generator: MkDocs 1.x, ProperDocs, or Zensical (see docs/engines.md).")
def build(project: Path, config: Path | None, site_dir: Path | None, max_bytes: int,
          engine: str) -> None:
    """Build the trainee site (every language of the course)."""
    from . import build as verb

    config = config or project / "mkdocs.yml"
    run(lambda: verb.build(project, config, site_dir, max_bytes=max_bytes, engine=engine))


@main.command()
@project_option
@config_option
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True,
              help="Address and port to serve on.")
def serve(project: Path, config: Path | None, dev_addr: str) -> None:
    """Preview the site; it rebuilds when a YAML file changes."""
    from . import serve as verb

    run(lambda: verb.serve(project, config or project / "mkdocs.yml", dev_addr))


@main.command()
@project_option
@config_option
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port); the preview takes another.")
@click.option("--no-preview", is_flag=True, help="Forms only, without the site beside them.")
def edit(project: Path, config: Path | None, port: int, no_preview: bool) -> None:
    """Edit the course in the browser: forms, translations, images; YAML files kept."""
    from . import edit as verb

    run(lambda: verb.edit(project, config or project / "mkdocs.yml", port, not no_preview))


@main.command()
@click.option("--out", "-o", default="schema", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the JSON Schemas (one file per kind of YAML file).")
def schema(out: Path) -> None:
    """Write JSON Schemas of the format, for editor autocompletion."""
    from . import schema as verb

    run(lambda: verb.write_schemas(out))


@main.group()
def cms() -> None:
    """Hosted editing: configure a content manager for the course (docs/cms.md)."""


@cms.command("decap")
@project_option
@config_option
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for index.html and config.yml.  [default: <docs_dir>/admin]")
@click.option("--backend", type=click.Choice(["git-gateway", "github", "gitlab"]),
              default="git-gateway", show_default=True, help="Where staff log in.")
@click.option("--repo", help="owner/name of the repository (github and gitlab backends).")
@click.option("--branch", default="main", show_default=True, help="Branch to publish to.")
@click.option("--base-url", help="github: the OAuth server staff log in through "
              "(default: Netlify's).")
@click.option("--app-id", help="gitlab: the GitLab application's id, to log in without a "
              "server of your own (PKCE).")
@click.option("--local", is_flag=True,
              help="Also `local_backend: true`, to try it with `npx decap-server`.")
@click.option("--force", is_flag=True, help="Replace index.html and config.yml even if "
              "this command did not write them (edited by hand).")
def cms_decap(project: Path, config: Path | None, out: Path | None, backend: str,
              repo: str | None, branch: str, base_url: str | None, app_id: str | None,
              local: bool, force: bool) -> None:
    """Write admin/ for Decap CMS: staff edit the YAML files through GitHub or GitLab."""
    from ..cms.decap import backend_settings
    from . import cms as verb

    settings = backend_settings(backend, repo, branch, base_url, app_id)
    run(lambda: verb.write_decap(project, config or project / "mkdocs.yml", out, settings,
                                 force, local))


@main.command()
@project_option
@click.argument("kind", type=click.Choice(["module", "bank"]))
@click.argument("id_")
@click.option("--spreadsheet", is_flag=True, help="A bank: write quizzes/<id>.csv and .xlsx, "
              "a question sheet with one example row per type, for `curriculum import "
              "spreadsheet`.")
def new(project: Path, kind: str, id_: str, spreadsheet: bool) -> None:
    """Start a module or a question bank from a commented template."""
    from . import new as verb

    if spreadsheet and kind != "bank":
        raise click.UsageError("--spreadsheet is for a bank: curriculum new bank ID "
                               "--spreadsheet")
    run(lambda: verb.new_sheet(project, id_) if spreadsheet else verb.new(project, kind, id_))


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--lang", "-l", default="en", show_default=True,
              help="Language of the course and of its example texts (en, ru, kk ...).")
@click.option("--title", "-t", help="Course title (default: 'New course' in that language).")
@click.option("--ci", type=click.Choice(["github", "gitlab"]),
              help="Also write a pipeline that validates, builds and publishes site and handouts.")
def init(directory: Path, lang: str, title: str | None, ci: str | None) -> None:
    """Start a new course project in DIRECTORY; never overwrites a file."""
    from . import init as verb

    run(lambda: verb.init(directory, lang, title, ci))


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
              help="PO file to write (default: translations/<lang>.po, ui.<lang>.po).")
@click.option("--ui", is_flag=True, help="The interface strings (buttons, labels) instead of "
              "the course's texts; the language need not be a course language yet.")
@click.pass_obj
def translations_export(project: Path, lang: str, out: Path | None, ui: bool) -> None:
    """Write every text with its current translation to a PO catalogue."""
    from . import translations as verb

    run(lambda: (verb.export_ui if ui else verb.export)(project, lang, out))


@translations.command("import")
@click.argument("catalog", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the overlay files (default: the project; never overwrites).")
@click.option("--ui", is_flag=True, help="A catalogue of interface strings (export --ui): "
              "merged into the project's site_templates/locales/<table>.<lang>.yaml.")
@click.option("--lang", "-l", help="With --ui: the language, if the catalogue has no header.")
@max_bytes_option
@click.pass_obj
def translations_import(project: Path, catalog: Path, out: Path | None, ui: bool,
                        lang: str | None, max_bytes: int) -> None:
    """Turn a translated PO catalogue into overlay files (modules/x.<lang>.yaml)."""
    from . import translations as verb

    if ui and out is not None:
        raise click.UsageError("--out is for course texts: --ui writes site_templates/locales/")
    if lang is not None and not ui:
        raise click.UsageError("--lang is for --ui: a catalogue of texts names its language")
    run(lambda: verb.import_ui(project, catalog, lang, max_bytes) if ui
        else verb.import_(project, catalog, out, max_bytes))


@main.command("export")
@project_option
@click.argument("target", type=click.Choice(["moodle", "gift", "qti", "scorm"]))
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (one subfolder per language).")
@click.option("--bank", "-b", help="Only this question bank (moodle, gift, qti).")
@click.option("--module", "-m", help="Only this module's package (scorm).")
@click.option("--lang", "-l", help="Only this language; default: every course language.")
@click.option("--scorm", "scorm_version", type=click.Choice(["1.2", "2004"]), default="1.2",
              show_default=True, help="SCORM version of the packages.")
def export_(project: Path, target: str, out: Path, bank: str | None, module: str | None,
            lang: str | None, scorm_version: str) -> None:
    """Export question banks (Moodle XML, GIFT, QTI 2.1) or modules (SCORM) for an LMS."""
    from . import export as verb

    run(lambda: verb.export(project, target, out, bank=bank, lang=lang, module=module,
                            scorm=scorm_version))


@main.command("import")
@project_option
@click.argument("kind", type=click.Choice(["gift", "moodle", "aiken", "spreadsheet"]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--bank", "-b", "bank_id", required=True, help="Id of the new bank.")
@click.option("--encoding", default=None,
              help="The file's encoding when it is not UTF-8 (cp1251, latin-1, ...); for "
              "an XLSX workbook it does not apply.")
@click.option("--split-categories", "split", is_flag=True,
              help="One bank per category (<bank>-<category>), instead of one bank.")
def import_bank(project: Path, kind: str, file: Path, bank_id: str, encoding: str | None,
                split: bool) -> None:
    """Turn a GIFT, Moodle XML, Aiken or spreadsheet (CSV, XLSX) file into
    quizzes/<bank>.yaml (never overwrites)."""
    from . import import_ as verb

    run(lambda: verb.import_(project, kind, file, bank_id, encoding=encoding, split=split))


@main.command()
@project_option
@click.option("--out", "-o", default="handouts", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--module", "-m", help="Only this module's PDFs (no course-wide ones).")
@click.option("--edition", "-e", "editions", multiple=True,
              type=click.Choice(["trainee", "trainer", "programme"]),
              help="Only this edition (repeatable); default: all three.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper size of the PDFs.")
@click.option("--lang", "-l", "languages", multiple=True,
              help="Only this language (repeatable); default: every course language.")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
def handouts(project: Path, out: Path, module: str | None, editions: tuple[str, ...],
             paper: str, languages: tuple[str, ...], quiet: bool) -> None:
    """Build the PDF handouts: trainee handouts, trainer guides, programmes.

    Only PDFs whose sources changed since the last run are made again.
    """
    from . import handouts as verb

    run(lambda: verb.handouts(project, out, module=module, editions=list(editions),
                              paper=paper, languages=list(languages), quiet=quiet))


@main.command()
@project_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Text for people, JSON for scripts.")
def stats(project: Path, fmt: str) -> None:
    """Count modules, sessions, hours by method, exercises and questions."""
    from . import stats as verb

    run(lambda: verb.stats(project, fmt=fmt))


@main.command()
@project_option
def lint(project: Path) -> None:
    """Find item-writing flaws in the question banks (exit 1 when any is found)."""
    from . import lint as verb

    run(lambda: verb.lint(project))


@main.group()
def report() -> None:
    """Design reports: alignment of objectives and assessments; legal references."""


@report.command("alignment")
@project_option
def report_alignment(project: Path) -> None:
    """Objectives against sessions, quizzes, tests and exercises (exit 1 if one is unassessed)."""
    from . import report as verb

    run(lambda: verb.alignment(project))


@report.command("references")
@project_option
@click.option("--due", "due_only", is_flag=True,
              help="Only the statuses due for review; exit 1 if there is any.")
def report_references(project: Path, due_only: bool) -> None:
    """Legal references: each status with its date and review date, and every reference."""
    from . import report as verb

    run(lambda: verb.references(project, due_only=due_only))
