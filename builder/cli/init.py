"""`curriculum init DIR`: a new course project that validates and builds as it is.

It writes course.yaml, one example module and bank, media/, docs/, a minimal mkdocs.yml,
the JSON Schemas and the VS Code settings that map them, .gitignore, a README for the
academy's authors and, with --ci, a pipeline. It never overwrites a file: one that exists
already is kept, and said so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from ..load.problems import CurriculumError, Problem
from ..model.types import LANG_PATTERN
from ..render.templates import environment, templates_dir
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
    words = re.findall(r"[a-z0-9]+", target.resolve().name.lower())
    return "-".join(words) or "course"


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


def init(target: Path, lang: str, title: str | None, ci: str | None) -> int:
    _check_language(lang)
    if target.exists() and not target.is_dir():
        raise CurriculumError([Problem(str(target), 0, 0, "", "is a file, not a folder",
                                       "name a new or existing folder; nothing was written")])
    files = project_files(target, lang, title, ci)
    for name in files:  # every refusal before the first file is written
        check_folder(target, name)
    kept = [name for name in files if not write_new(target, name, files[name])]
    for name in files:
        click.echo(f"kept {name} (exists already)" if name in kept else f"wrote {name}")
    if _texts_language(lang) != lang:
        click.echo(f"note: no example texts in {lang!r}; they are in English")
    click.echo(f"\nNext: cd {target} && curriculum validate --strict && curriculum build")
    return 0
