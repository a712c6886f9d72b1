"""`curriculum cms decap`: hosted editing with Decap CMS (docs/cms.md).

Writes <docs_dir>/admin/index.html, admin/config.yml and the vendored Decap bundle
(admin/decap-cms/), so that the published site serves the editor at /admin/. Run again
after adding a module or a bank: it rewrites what it wrote, and refuses a file it did not
write (an admin/config.yml edited by hand, whose mark is gone) unless --force.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..adapters.mkdocs_build import published_folders
from ..cms import decap
from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import inside
from ..output import refused
from .fresh_files import check_folder

FILES = ("index.html", "config.yml")
OPTION = "--out"


def write_decap(root: Path, config_file: Path, out: Path | None, backend: dict[str, Any],
                force: bool, local: bool) -> int:
    """Write the editor's page, configuration and bundle into `out` (default
    <docs_dir>/admin); every refusal of the run at once, nothing written then."""
    root = root.resolve()
    problems: list[Problem] = []
    try:
        course = decap.course_of(root)
    except CurriculumError as exc:  # told with the refusals below: all at once
        problems, course = list(exc.problems), None
    folder = _out_folder(root, config_file, out, course.languages if course else [])
    problems += _refusals(root, folder, backend["name"], backend.get("repo"), force)
    problems += decap.bundle_problems()
    if problems or course is None:
        raise CurriculumError(problems)
    left_out = decap.inline_files(root)
    data = decap.config(root, backend, local=local, leave_out=left_out)
    texts = {"index.html": decap.page_text(course), "config.yml": decap.config_text(data)}
    display = folder.relative_to(root)
    check_folder(root, f"{display}/{decap.BUNDLE_FOLDER}/{decap.BUNDLE_MARK}")
    folder.mkdir(parents=True, exist_ok=True)
    decap.copy_bundle(folder)
    for name, text in texts.items():
        decap.replace_file(folder / name, text.encode("utf-8"))
        click.echo(f"wrote {display / name}")
    for name in left_out:
        click.echo(f"left out {name}: it writes texts in several languages inline "
                   "({en: ..., ru: ...}), which Decap's forms cannot hold; edit it in a text "
                   "editor, or move its translations into overlays (docs/cms.md)", err=True)
    entries = sum(len(c["files"]) for c in data["collections"])
    click.echo(f"{entries} files editable in Decap; the site serves it at /admin/ "
               "(docs/cms.md)")
    return 0


def _out_folder(root: Path, config_file: Path, out: Path | None,
                languages: list[str]) -> Path:
    if out is not None:
        return (out if out.is_absolute() else Path.cwd() / out).resolve()
    published = published_folders(config_file, languages)
    docs = published[0] if published else root / "docs"
    return (docs if docs.is_absolute() else root / docs).resolve() / "admin"


def _refusals(root: Path, folder: Path, backend: str, repo: str | None,
              force: bool) -> list[Problem]:
    problems: list[Problem] = []
    if backend in ("github", "gitlab") and not repo:
        problems.append(Problem("<command line>", 0, 0, "--repo", f"the {backend} backend "
                                "needs the repository", "add --repo owner/name"))
    if not folder.is_relative_to(root) or (folder != root and not inside(root, folder.parent)):
        return [*problems, _out_problem(folder, "it is outside the project",
                                        "name a folder the site publishes, e.g. docs/admin")]
    why = refused(folder, root, allowed=("docs", "site_templates"))
    if why:
        problems.append(_out_problem(folder, why, "name a folder the site publishes, "
                                     "e.g. docs/admin"))
        return problems
    if not force and not decap.bundle_is_ours(folder):
        problems.append(Problem(f"{folder.relative_to(root)}/{decap.BUNDLE_FOLDER}/", 0, 0,
                                "", "was not written by `curriculum cms decap` (it has no "
                                f"{decap.BUNDLE_MARK} of its own), so nothing in it is "
                                "replaced", "move it away, or rerun with --force"))
    for name in FILES:
        target = folder / name
        if (target.exists() or target.is_symlink()) and not force and not decap.ours(target):
            problems.append(Problem(str(target.relative_to(root)), 0, 0, "", "was not "
                                    "written by `curriculum cms decap` (its first line has "
                                    "no mark), so it is not replaced",
                                    "move it away, or rerun with --force to replace it"))
    return problems


def _out_problem(folder: Path, why: str, hint: str) -> Problem:
    return Problem("<command line>", 0, 0, OPTION, f"will not write into {folder}: {why}",
                   f"{hint}; nothing was written")
