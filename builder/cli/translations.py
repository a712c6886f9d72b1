"""`curriculum translations`: coverage per language, and PO export and import."""

from __future__ import annotations

import os
from pathlib import Path

import click
import polib

from ..adapters.mkdocs_build import published_folders
from ..load.problems import CurriculumError, Problem
from ..load.project import load_project
from ..load.yaml_source import inside
from ..output import refused
from ..translations.catalog import export_catalog
from ..translations.coverage import course_coverage, interface_coverage
from ..translations.interface import export_ui_catalog, import_ui_catalog, language_problem
from ..translations.po_import import import_catalog


def report(project_dir: Path, languages: tuple[str, ...], show_missing: bool,
           fail_under: float | None) -> int:
    project = load_project(project_dir)
    course = project.course
    failed = False
    for lang in languages or tuple(course.languages):
        reports = course_coverage(project, lang)
        total = sum(r.total for r in reports)
        done = sum(r.translated for r in reports)
        percent = 100.0 * done / total if total else 100.0
        state = "default" if lang == course.default_language else (
            "declared complete" if lang in course.complete_languages else "")
        click.echo(f"{lang}: {percent:5.1f}% ({done}/{total} texts){'  ' + state if state else ''}")
        for r in reports:
            click.echo(f"  {r.percent:5.1f}%  {r.translated:4}/{r.total:<4} {r.file}")
            if show_missing:
                for label in r.missing:
                    click.echo(f"           missing: {label}")
        for kind, (size, own, borrowed) in interface_coverage(lang, project.root).items():
            if borrowed and lang != course.default_language:
                click.echo(f"  interface {kind}: {own}/{size} strings in {lang}, "
                           f"{len(borrowed)} shown from a fallback language")
        if fail_under is not None and percent < fail_under:
            failed = True
    return 1 if failed else 0


def export(project_dir: Path, lang: str, out: Path | None) -> int:
    project = load_project(project_dir)
    if lang not in project.course.languages or lang == project.course.default_language:
        raise CurriculumError([Problem("course.yaml", 0, 0, "languages",
                                       f"'{lang}' is not a translation language of the course",
                                       "add it to languages in course.yaml")])
    out = out or project_dir / "translations" / f"{lang}.po"
    _check_out(project_dir, out, project.course.languages)
    return _save(export_catalog(project, lang), out, "texts")


def import_(project_dir: Path, catalog_file: Path, out: Path | None, max_bytes: int) -> int:
    for path in import_catalog(project_dir, catalog_file, out, max_bytes):
        click.echo(f"wrote {path}")
    return 0


def export_ui(project_dir: Path, lang: str, out: Path | None) -> int:
    """The interface strings of `lang` as a PO catalogue; `lang` need not be a course
    language yet (an academy may translate before it declares the language)."""
    project = load_project(project_dir)
    if (problem := language_problem(lang, "--lang")) is not None:
        raise CurriculumError([problem])
    out = out or project_dir / "translations" / f"ui.{lang}.po"
    _check_out(project_dir, out, project.course.languages)
    return _save(export_ui_catalog(project.root, lang, project.course.id), out,
                 "interface strings")


def _check_out(project_dir: Path, out: Path, languages: list[str]) -> None:
    """A new .po file in the project, in none of the folders the loader reads or the site
    publishes (output.refused); never through a symlink, not even a dangling one."""
    why = ""
    if out.suffix != ".po":
        why = "is not a .po file"
    elif not inside(project_dir, out.parent if out.parent.exists() else project_dir) or \
            not inside(project_dir, out):
        why = "is outside the project"
    elif os.path.lexists(out):
        why = "file exists already"
    else:
        folder = refused(out.parent.resolve(), project_dir, allowed=("translations",),
                         protected=published_folders(project_dir / "mkdocs.yml", languages))
        why = f"is in a folder no catalogue may go: {folder}" if folder else ""
    if why:
        raise CurriculumError([Problem(out.as_posix(), 0, 0, "--out", why,
                                       "export to a new file such as translations/xx.po; "
                                       "nothing was written")])


def _save(catalog: polib.POFile, out: Path, what: str) -> int:
    """Write an exported catalogue (its folder made if need be) and say what it holds."""
    out.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(out))
    done = sum(1 for e in catalog if e.msgstr)
    click.echo(f"wrote {out}: {len(catalog)} {what}, {done} translated")
    return 0


def import_ui(project_dir: Path, catalog_file: Path, lang: str | None, max_bytes: int) -> int:
    project = load_project(project_dir, max_bytes=max_bytes)
    written = import_ui_catalog(project.root, catalog_file, lang, max_bytes)
    for path, count in written:
        click.echo(f"wrote {path}: {count} string{'s' if count != 1 else ''} from the "
                   "catalogue, the file's others kept")
    if not written:
        click.echo("no translated strings in the catalogue (empty and fuzzy ones are skipped)")
    langs = {p.name.split(".")[1] for p, _ in written}
    for code in sorted(langs - set(project.course.languages)):
        click.echo(f"note: {code} is not among the course's languages yet; add it to "
                   "languages in course.yaml to build its site")
    return 0
