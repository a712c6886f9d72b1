"""What each request of the editor does: list, open, check and save files, translations,
new modules and banks, uploads. The server (server.py) only routes to these."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import Any

from ..cli import new as new_verb
from ..load.problems import CurriculumError, Problem
from ..load.project import BANKS_DIR, COURSE_FILE, MODULES_DIR, Project, source_files
from ..load.yaml_source import parse_text
from ..translations.catalog import overlay_path
from . import checking, files, roundtrip, translation, uploads
from .forms import form_schema, has_inline_texts


def _course(root: Path, *, strict: bool = False) -> dict[str, Any]:
    """course.yaml's data; {} if it cannot be read, unless `strict` (then its problem)."""
    try:
        data = parse_text(files.read(root, COURSE_FILE).text, COURSE_FILE).data
    except CurriculumError:
        if strict:
            raise
        data = {}
    return data if isinstance(data, dict) else {}


def _languages(root: Path, *, strict: bool = False) -> tuple[str, list[str]]:
    """The course's default language and its others (`strict`: see _course)."""
    course = _course(root, strict=strict)
    default = str(course.get("default_language", "en"))
    declared = course.get("languages", [default])
    others = [str(x) for x in declared if x != default] if isinstance(declared, list) else []
    return default, others


def project(app: Any) -> dict[str, Any]:
    """The course, its modules and banks, for the list on the left."""
    root = app.root
    listed = _course(root).get("modules", [])
    entries = [{"file": COURSE_FILE, "kind": "course", "id": "course"}]
    for folder, kind in ((MODULES_DIR, "module"), (BANKS_DIR, "bank")):
        for path in source_files(root, folder):
            display = path.relative_to(root).as_posix()
            if files.EDITABLE.match(display):
                entries.append({"file": display, "kind": kind, "id": path.stem,
                                "in_course": kind != "module" or path.stem in listed})
    default, others = _languages(root)
    return {"files": entries, "default": default, "languages": others,
            "preview": app.preview_url}


def open_file(app: Any, display: str) -> dict[str, Any]:
    opened = files.read(app.root, display)
    kind = files.kind_of(display)
    data = roundtrip.plain(roundtrip.load(opened.text, display))
    default, _ = _languages(app.root)
    item, _, lang = Path(display).stem.partition(".")  # modules/x.ru.yaml: x, in ru
    shown = lang or default
    page = f"{shown}/{MODULES_DIR}/{item}/" if kind == "module" else f"{shown}/"
    return {"file": display, "kind": kind, "data": data,
            "schema": form_schema(kind, has_inline_texts(data)),
            "version": opened.version, "text": opened.text, "page": page}


def read(app: Any, name: str, args: dict[str, str]) -> dict[str, Any]:
    if name == "project":
        return project(app)
    if name == "file":
        return open_file(app, args["file"])
    if name == "translation":
        # strict: course.yaml's own problem, not "no translation languages"
        default, others = _languages(app.root, strict=True)
        if args.get("lang") not in others:
            raise files.refused(args["file"], f"{args.get('lang')!r} is not a translation "
                                "language of the course", "one of: " + ", ".join(others))
        return translation.rows(app.root, args["file"], args["lang"], default)
    raise KeyError(name)


def _would_be(app: Any, display: str, data: Any) -> str:
    text = files.read(app.root, display).text
    return roundtrip.updated_text(text, data, form_schema(files.kind_of(display)), display)


def _checked(app: Any, display: str, texts: dict[str, str], data: Any,
             pending: dict[tuple[str, str], str] | None = None
             ) -> tuple[dict[str, Any], Project | None]:
    """The answer to the page (the problems, how many refuse the save), and the project as
    it loaded with the texts in place."""
    found, project = checking.check(app.root, texts, pending)
    saved = {display, *texts, *(overlay_path(f, lang) for f, lang in pending or {})}
    return {"problems": [checking.as_json(p, data, display) for p in found],
            "blocking": len(checking.blocking(found, saved))}, project


def write(app: Any, name: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """(HTTP status, answer) of a writing request; nothing is written unless it is valid."""
    if name == "check":
        text = _would_be(app, body["file"], body["data"])
        checked, _ = _checked(app, body["file"], {body["file"]: text}, body["data"])
        return 200, {**checked, "text": text}
    if name == "save":
        return _save(app, body["file"], body["data"], body["version"])
    if name in ("translation/check", "translation/save"):
        return _translation(app, body, save=name.endswith("save"))
    if name == "new":
        return 200, new(app, body["kind"], body["id"])
    raise KeyError(name)


def _save(app: Any, display: str, data: Any, opened: str) -> tuple[int, dict[str, Any]]:
    with app.lock:  # files.write refuses a file changed on disk since `opened`
        files.refuse_stale(app.root, display, opened)  # before the disk is merged into
        text = _would_be(app, display, data)
        checked, project = _checked(app, display, {display: text}, data)
        if checked["blocking"]:
            return 422, {**checked, "error": "fix the problems marked first"}
        version = files.write(app.root, display, text, opened)
    app.on_write(project)
    return 200, {**checked, "version": version, "text": text}


def _translation(app: Any, body: dict[str, Any], *, save: bool) -> tuple[int, dict[str, Any]]:
    display, lang, texts = body["file"], body["lang"], body["texts"]
    overlay = overlay_path(display, lang)
    with app.lock:
        text = translation.overlay_text(app.root, display, lang, texts)
        checked, project = _checked(app, overlay, {}, {}, {(display, lang): text})
        if not save:
            return 200, {**checked, "text": text}
        if checked["blocking"]:
            return 422, {**checked, "error": "fix the problems marked first"}
        version = files.write(app.root, overlay, text, body.get("version"))
    app.on_write(project)
    return 200, {**checked, "version": version, "text": text}


def new(app: Any, kind: str, item_id: str) -> dict[str, Any]:
    """`curriculum new` through the form; a new module is added to the course's list (the
    course file is read first: if it cannot take the module, nothing is written)."""
    if kind not in new_verb.FOLDERS:
        raise KeyError(kind)
    with app.lock:
        listed = _course_listing(app.root, str(item_id)) if kind == "module" else None
        with contextlib.redirect_stdout(io.StringIO()):
            new_verb.new(app.root, kind, str(item_id))
        if listed:
            files.write(app.root, COURSE_FILE, *listed)
    app.on_write(None)
    folder = new_verb.FOLDERS[kind]
    return {"file": f"{folder}/{item_id}.yaml"}


def _course_listing(root: Path, module_id: str) -> tuple[str, str] | None:
    """The course file's text with `module_id` added to its modules, and the version it
    was made from; None if it lists the module already."""
    opened = files.read(root, COURSE_FILE)
    data = roundtrip.plain(roundtrip.load(opened.text, COURSE_FILE))
    modules = data.setdefault("modules", [])
    if not isinstance(modules, list):
        raise CurriculumError([Problem(COURSE_FILE, 0, 0, "modules", "is not a list",
                                       f"add '{module_id}' to modules by hand")])
    if module_id in modules:
        return None
    modules.append(module_id)
    text = roundtrip.updated_text(opened.text, data, form_schema("course"), COURSE_FILE)
    return text, opened.version


def upload(app: Any, name: str, data: bytes) -> dict[str, Any]:
    with app.lock:
        markdown = uploads.save(app.root, name, data)
    app.on_write(None)
    return {"markdown": markdown, "file": f"media/{os.path.basename(name)}"}
