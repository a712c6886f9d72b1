"""What both importers share: ids, HTML to Markdown, the files a bank brings, the report of
what could not be mapped, and writing the bank without overwriting anything."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdownify import markdownify
from pydantic import ValidationError

from ..load.problems import CurriculumError, Problem
from ..load.project import BANKS_DIR
from ..model.schema import Bank

MEDIA = "media"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Imported:
    """A bank read from a platform's file, with what could not be carried, by place."""

    source: str
    title: str = ""
    questions: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    """Media files the questions show: file name -> content."""
    notes: list[Problem] = field(default_factory=list)

    def note(self, line: int, message: str, hint: str = "") -> None:
        self.notes.append(Problem(self.source, line, 1 if line else 0, "", message, hint,
                                  "warning"))


def slug(text: str) -> str:
    """An id from a title: lowercase letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unique_id(wanted: str, taken: set[str], number: int) -> str:
    base = slug(wanted)[:60].strip("-") or f"q{number}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def to_markdown(html: str) -> str:
    """HTML from a platform as the Markdown authors write (emphasis, lists, links, images)."""
    if not html or not html.strip():
        return ""
    # Underscores stay as they are: "___" is how a fill-in prompt shows its gap.
    text = markdownify(html, heading_style="ATX", bullets="-", strong_em_symbol="*",
                       escape_underscores=False)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def option(text: str, fraction: float, feedback: str) -> dict[str, Any]:
    """A choice option as YAML writes it: right when its fraction is positive."""
    data: dict[str, Any] = {"text": text}
    if fraction > 0:
        data["correct"] = True
    if feedback:
        data["feedback"] = feedback
    return data


def scoring_differs(fractions: list[float]) -> bool:
    """Whether percentages differ from the site's multiple-choice scoring (+-1/right)."""
    right = sum(f > 0 for f in fractions)
    share = 100 / right if right else 0
    return any(abs(f - (share if f > 0 else -share)) > 0.01 for f in fractions)


def safe_file_name(name: str) -> str:
    """A file name that stays in its folder: no path, no dots first, only safe characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _SAFE_NAME.sub("-", base).lstrip(".-") or "file"
    return base[:100]


def write_bank(project: Path, bank_id: str, imported: Imported) -> Path:
    """Check the bank against the format, then write quizzes/<id>.yaml and its media files;
    refuse if any of them exists (nothing of the author's is overwritten)."""
    data: dict[str, Any] = {"id": bank_id, "title": imported.title or bank_id,
                            "questions": imported.questions}
    target = project / BANKS_DIR / f"{bank_id}.yaml"
    media = {project / MEDIA / bank_id / name: content for name, content in imported.files.items()}
    problems = [Problem(str(p.relative_to(project)), 0, 0, "", "exists already; nothing was "
                        "overwritten", "choose another --bank id, or move the file away")
                for p in [target, *(project / BANKS_DIR / f"{bank_id}.yml",), *media]
                if p.exists() or p.is_symlink()]  # a dangling symlink is taken too
    if not imported.questions:
        problems.append(Problem(imported.source, 0, 0, "", "no question could be imported",
                                "see the warnings above"))
    try:
        Bank.model_validate(data)
    except ValidationError as exc:
        problems += [Problem(imported.source, 0, 0, ".".join(str(x) for x in e["loc"]),
                             e["msg"]) for e in exc.errors()]
    if problems:
        raise CurriculumError(problems)
    for path, content in media.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as handle:  # exclusive: never replaces a file
            handle.write(content)
    target.parent.mkdir(parents=True, exist_ok=True)
    header = f"# Imported from {Path(imported.source).name} by `curriculum import`.\n"
    with target.open("x", encoding="utf-8") as handle:
        handle.write(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                             width=100))
    return target
