"""`curriculum init DIR`: a new course project that validates and builds as it is.

It writes course.yaml, one example module and bank, media/, docs/, a minimal mkdocs.yml,
the JSON Schemas and the VS Code settings that map them, .gitignore, a README for the
academy's authors and, with --ci, a pipeline. It never overwrites a file: one that exists
already is kept, and said so.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import click
from pydantic import TypeAdapter, ValidationError

from ..load.problems import CurriculumError, Problem
from ..load.yaml_source import FORBIDDEN_VALUE
from ..model.types import LANG_PATTERN, PlainText, slug
from ..render.templates import environment, templates_dir
from ..render.ui_tables import refused_characters
from .fresh_files import check_folder, write_new
from .schema import SCHEMAS, schema_text

SCAFFOLD = "scaffold/project"
# The texts in the course's language: each file with its template.
TEXTS = {"course.yaml": "course.yaml.j2", "modules/getting-started.yaml": "module.yaml.j2",
         "quizzes/getting-started-bank.yaml": "bank.yaml.j2"}
CI = {"github": ".github/workflows/course.yml", "gitlab": ".gitlab-ci.yml"}
DEFAULT_TITLE = {"en": "New course", "ru": "Новый курс"}
SCHEMA_GLOBS = {"course": ["course.yaml"], "module": ["modules/*.yaml"],
                "bank": ["quizzes/*.yaml"], "instruments": ["instruments.yaml"],
                "glossary": ["glossary.yaml"]}


def _texts_language(lang: str) -> str:
    """The language of the example texts: the course's, else English."""
    return lang if (templates_dir() / SCAFFOLD / lang).is_dir() else "en"


def _course_id(target: Path) -> str:
    return slug(target.resolve().name) or "course"


def _vscode_settings() -> str:
    schemas = {f"./schema/{kind}.schema.json": SCHEMA_GLOBS[kind] for kind in SCHEMAS}
    return json.dumps({"yaml.schemas": schemas}, indent=2) + "\n"


def project_files(target: Path, lang: str, title: str | None, ci: str | None) -> dict[str, str]:
    """Each file of the new project (path relative to it) with its text."""
    texts = _texts_language(lang)
    title = title or DEFAULT_TITLE.get(texts, DEFAULT_TITLE["en"])
    values = {"id": _course_id(target), "title": json.dumps(title, ensure_ascii=False),
              "lang": lang}
    env = environment()
    files = {name: env.get_template(f"{SCAFFOLD}/{texts}/{template}").render(**values)
             for name, template in TEXTS.items()}
    files["README.md"] = env.get_template(f"{SCAFFOLD}/{texts}/README.md.j2").render(
        **{**values, "title": title})
    files["mkdocs.yml"] = env.get_template(f"{SCAFFOLD}/mkdocs.yml.j2").render(**values)
    files[".gitignore"] = (templates_dir() / SCAFFOLD / "gitignore").read_text(encoding="utf-8")
    files[".vscode/settings.json"] = _vscode_settings()
    files.update({f"schema/{kind}.schema.json": schema_text(kind) for kind in SCHEMAS})
    files["media/.gitkeep"] = files["docs/.gitkeep"] = ""
    if ci:
        files[CI[ci]] = env.get_template(f"{SCAFFOLD}/{ci}.yml.j2").render(**values)
    return files


def _check_language(lang: str) -> None:
    if not re.fullmatch(LANG_PATTERN, lang):
        raise CurriculumError([Problem("<command line>", 0, 0, "--lang",
                                       f"{lang!r} is not a language code",
                                       "use an ISO 639 code such as en, ru, kk")])


def _check_title(title: str | None) -> None:
    """The title as course.yaml's `title` takes it (plain text, no control character), so
    that the new project validates as it is."""
    if title is None:
        return
    message, hint = "", ""
    invisible = [char for _, char in refused_characters(title)]  # as translations refuse
    if match := FORBIDDEN_VALUE.search(title):
        message = f"control character U+{ord(match.group()):04X} is not allowed"
        hint = "write the title in plain words"
    elif invisible:  # bidi overrides and zero-width marks turn or hide the title's words
        message = f"invisible character U+{ord(invisible[0]):04X} is not allowed"
        hint = "write the title in plain words"
    elif "](" in title or "]:" in title:  # a link or an image: checked only once written
        message = "a title is plain text: no links or images"
        hint = "write the title in plain words"
    else:
        try:
            TypeAdapter(PlainText).validate_python(title)
        except ValidationError as exc:
            error = exc.errors()[0]
            message, hint = error["msg"], (error.get("ctx") or {}).get("hint", "")
    if message:
        raise CurriculumError([Problem("<command line>", 0, 0, "--title", message,
                                       f"{hint}; nothing was written" if hint else
                                       "nothing was written")])


def init(target: Path, lang: str, title: str | None, ci: str | None) -> int:
    _check_language(lang)
    _check_title(title)
    if target.exists() and not target.is_dir():
        raise CurriculumError([Problem(str(target), 0, 0, "", "is a file, not a folder",
                                       "name a new or existing folder; nothing was written")])
    files = project_files(target, lang, title, ci)
    for name in files:  # every refusal before the first file is written
        check_folder(target, name)
    # The example course is one whole: its module and bank beside a course of the
    # author's would not validate (ids twice, a module no course.yaml lists).
    yours = [name for name in TEXTS if os.path.lexists(target / name)]
    left_out = [name for name in TEXTS if yours and name not in yours]
    written = [name for name in files if name not in yours and name not in left_out
               and write_new(target, name, files[name])]
    for name in files:
        click.echo(f"wrote {name}" if name in written else
                   f"left out {name} (an example beside your course)" if name in left_out
                   else f"kept {name} (exists already)")
    if _texts_language(lang) != lang:
        click.echo(f"note: no example texts in {lang!r}; they are in English")
    click.echo(_next_step(target, yours))
    return 0


def _next_step(target: Path, yours: list[str]) -> str:
    if not yours:
        return f"\nNext: cd {target} && curriculum validate --strict && curriculum build"
    return (f"\nYour {', '.join(yours)} kept as it is; the example module and bank were not "
            f"added. Next: cd {target} && curriculum validate --strict, and fix what it "
            "reports in your files (`curriculum new module ID` starts a module)")
