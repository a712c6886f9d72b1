"""`curriculum cms decap`: admin/index.html and admin/config.yml for Decap CMS.

The configuration is generated from the format (builder/model/schema.py through the JSON
Schemas of `curriculum schema`): one file collection entry per existing file (course.yaml,
glossary.yaml, instruments.yaml, each module and each bank) and one per translation overlay
of each declared language, since Decap 3's folder filters match exact values only and its
i18n `multiple_files` wants the language suffix on the default language's file too.
Decap itself is the bundle vendored at setup (site_templates/vendor/decap-cms/), copied
beside the page: an academy's network may block the CDNs.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from ..cli.schema import SCHEMAS
from ..edit.forms import has_inline_texts
from ..load.problems import CurriculumError, Problem
from ..load.project import BANKS_DIR, COURSE_FILE, MODULES_DIR, source_files
from ..load.validation import validate
from ..load.yaml_source import load_file
from ..model.schema import Course
from ..render.templates import templates_dir
from .decap_fields import Fields

BACKENDS = ("git-gateway", "github", "gitlab")
MARK = "written by curriculum-builder (`curriculum cms decap`)"
BUNDLE_FOLDER = "decap-cms"
BUNDLE_MARK = "README.txt"
DECAP_VERSION = "3.16.3"  # tools/vendor_shim.py fetches this one
TOP_FILES = {COURSE_FILE: "course", "glossary.yaml": "glossary",
             "instruments.yaml": "instruments"}
PAGE = """<!doctype html>
<!-- {mark}; `curriculum cms decap` rewrites it. -->
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{title}</title>
</head>
<body>
  <script src="{bundle}/decap-cms.js"></script>
</body>
</html>
"""


def course_of(root: Path) -> Course:
    source = load_file(root / COURSE_FILE, COURSE_FILE)
    course, problems = validate(Course, source)
    if course is None:
        raise CurriculumError(problems)
    return course


def backend_settings(name: str, repo: str | None, branch: str, base_url: str | None = None,
                     app_id: str | None = None) -> dict[str, Any]:
    """Decap's `backend`: GitLab with an application id logs in by PKCE (no server of the
    academy's); GitHub's login needs an OAuth server (`base_url`), Netlify's by default."""
    settings: dict[str, Any] = {"name": name, "branch": branch}
    if repo:
        settings["repo"] = repo
    if base_url:
        settings["base_url"] = base_url
    if app_id:
        settings.update({"auth_type": "pkce", "app_id": app_id})
    return settings


def inline_files(root: Path) -> list[str]:
    """Source files that write some text as a map of languages ({en: ..., ru: ...}): Decap's
    forms take a text as one string and cannot hold such a map, so these files are left
    out of the configuration (the sample's glossary.yaml and instruments.yaml)."""
    names = [name for name, _ in _sources(root)]
    return [name for name in names
            if has_inline_texts(load_file(root / name, name).data)]


def _sources(root: Path) -> list[tuple[str, str]]:
    top = [(name, kind) for name, kind in TOP_FILES.items() if (root / name).is_file()]
    return top + _folder(root, MODULES_DIR, "module") + _folder(root, BANKS_DIR, "bank")


def config(root: Path, backend: dict[str, Any], local: bool = False,
           leave_out: Iterable[str] = ()) -> dict[str, Any]:
    """The Decap configuration of the project at `root`, without the files `leave_out`."""
    course = course_of(root)
    result: dict[str, Any] = {"backend": backend, "publish_mode": "editorial_workflow",
                              "media_folder": "media", "public_folder": "media",
                              "locale": course.default_language if course.default_language
                              in ("ru", "en") else "en"}
    if local:
        result["local_backend"] = True
    result["collections"] = collections(root, course, set(leave_out))
    return result


def collections(root: Path, course: Course, leave_out: set[str]) -> list[dict[str, Any]]:
    """Course files, modules and banks, then a collection per translation language."""
    others = [lang for lang in course.languages if lang != course.default_language]
    sources = [(name, kind) for name, kind in _sources(root) if name not in leave_out]
    groups = {"course": "Course", "modules": "Modules", "quizzes": "Question banks"}
    found = []
    for group, label in groups.items():
        files = [(name, kind) for name, kind in sources
                 if (name.split("/")[0] if "/" in name else "course") == group]
        if files:
            found.append(_collection(group, label, files))
    for lang in others:
        entries = [entry(_overlay_name(name, lang), kind, lang) for name, kind in sources]
        found.append({"name": f"translations-{lang}", "label": f"Translations ({lang})",
                      "files": entries})
    return found


def _folder(root: Path, folder: str, kind: str) -> list[tuple[str, str]]:
    return [(f"{folder}/{path.name}", kind) for path in source_files(root, folder)]


def _overlay_name(name: str, lang: str) -> str:
    stem, _, suffix = name.rpartition(".")
    return f"{stem}.{lang}.{suffix}"


def _collection(name: str, label: str, files: list[tuple[str, str]]) -> dict[str, Any]:
    return {"name": name, "label": label, "files": [entry(f, kind) for f, kind in files]}


@functools.cache
def form(kind: str, overlay: bool) -> list[dict[str, Any]]:
    """The fields of a kind of file (or of its overlays). One list per kind, shared by its
    entries: the YAML then writes it once (an anchor) and refers to it (an alias), which
    Decap's configuration loader follows; written out for each of the sample's 58 files,
    config.yml was 900 KB. Never changed after it is made."""
    schema = SCHEMAS[kind].model_json_schema()
    fields = Fields(schema, overlay=overlay).of(schema)
    # an overlay is matched to its source by its name, not by an id of its own
    return [f for f in fields if f["name"] != "id"] if overlay else fields


def entry(file: str, kind: str, lang: str = "") -> dict[str, Any]:
    fields = form(kind, bool(lang))
    label = file if not lang else f"{file} (translation of {file.replace(f'.{lang}.', '.')})"
    return {"name": file.replace("/", "-").replace(".", "-"), "label": label, "file": file,
            "fields": fields}


def config_text(data: dict[str, Any]) -> str:
    return f"# {MARK}; rerun it after adding a module or bank.\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100)


def page_text(course: Course) -> str:
    title = "Course editor" if course.default_language != "ru" else "Редактор курса"
    return PAGE.format(mark=MARK, lang=course.default_language, title=title,
                       bundle=BUNDLE_FOLDER)


def ours(path: Path) -> bool:
    """Whether `path` is a file this command wrote: its mark on the first line (index.html:
    the second, after the doctype). A line put above it, or the mark removed, is a hand
    edit."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = [handle.readline(400) for _ in range(2)]
    except OSError:
        return False
    return MARK in head[path.suffix == ".html"]


def bundle() -> Path:
    """The vendored Decap bundle (tools/vendor_shim.py), in the installed package too."""
    return templates_dir() / "vendor" / BUNDLE_FOLDER


def bundle_problems() -> list[Problem]:
    if (bundle() / "decap-cms.js").is_file():
        return []
    return [Problem("<setup>", 0, 0, "decap-cms", "Decap CMS is not vendored in this "
                    "installation", "run `make setup` (it needs npm), or reinstall the "
                    "package from a wheel built with npm")]


def replace_file(target: Path, data: bytes) -> None:
    """Write `target` whole through a new file beside it: a symlink at `target` (or at the
    temporary name) is replaced, never written through; a reader never sees half a file."""
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.unlink(missing_ok=True)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask decides
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    temporary.replace(target)


def bundle_is_ours(out: Path) -> bool:
    """Whether admin/decap-cms/ is new, empty, or the bundle this command copied (its mark
    file is there): nothing else of the author's there is replaced."""
    folder = out / BUNDLE_FOLDER
    if not folder.exists() and not folder.is_symlink():
        return True
    return folder.is_dir() and (not any(folder.iterdir()) or ours(folder / BUNDLE_MARK))


def copy_bundle(out: Path) -> None:
    """Copy the vendored bundle into out/decap-cms/, each file replaced whole (a symlink
    there is replaced, never written through)."""
    target = out / BUNDLE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(bundle().iterdir()):
        replace_file(target / path.name, path.read_bytes())
    (target / BUNDLE_MARK).write_text(f"{MARK}: Decap CMS {DECAP_VERSION} (MIT), "
                                      "from the npm package decap-cms.\n", encoding="utf-8")
