"""A handout view as one HTML document, from the templates in site_templates/handouts/."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path

import jinja2

from ..load.project import Project
from ..render.localize import Localizer, ui_strings
from ..render.templates import OWN, find, render, template_class, templates_dir
from . import agenda
from .editions import NOTE_LINES, PROGRAMME, Document, ModuleView, length, localizer

STYLESHEET = "handout.css"


def handouts_dir() -> Path:
    """site_templates/handouts/: the templates and the print stylesheet."""
    return templates_dir() / "handouts"


def stylesheet(project: Project) -> Path:
    """The print stylesheet: the project's site_templates/handouts/handout.css, else ours."""
    return find(f"handouts/{STYLESHEET}", project.root)


@lru_cache(maxsize=4)
def environment(own: str | None = None) -> jinja2.Environment:
    """Autoescaping: titles are plain text; author Markdown arrives as Markup.

    `own`: the project's site_templates/handouts/, whose templates come first, file by file.
    """
    folders = [own, str(handouts_dir())] if own else [str(handouts_dir())]
    return template_class(own)(loader=jinja2.FileSystemLoader(folders), autoescape=True,
                               undefined=jinja2.StrictUndefined, trim_blocks=True,
                               lstrip_blocks=True)


def _own_handouts(project: Project) -> str | None:
    folder = project.root / OWN / "handouts"
    return str(folder.resolve()) if folder.is_dir() else None


def _academy(project: Project, t: Callable[[object], str]) -> dict[str, str] | None:
    """The academy's name and logo (a file: URI) for the cover."""
    academy = project.course.academy
    if academy is None:
        return None
    logo = (project.root / academy.logo).resolve().as_uri() if academy.logo else ""
    return {"name": t(academy.name), "logo": logo}


def sections(module: ModuleView, ui: Callable[..., str]) -> list[tuple[str, str, int]]:
    """(anchor, title, depth) of a module's headings, for the table of contents."""
    entries: list[tuple[str, str, int]] = []
    if module.objectives:
        entries.append((f"{module.anchor}-objectives", ui("objectives"), 1))
    entries.append((f"{module.anchor}-structure", ui("structure"), 1))
    if module.agenda:
        entries.append((f"{module.anchor}-agenda", ui("agenda"), 1))
    if module.pre_test:
        entries.append((module.pre_test.anchor, module.pre_test.title, 1))
    entries.append((f"{module.anchor}-sessions", ui("sessions"), 1))
    entries += [(s.anchor, f"{s.number}. {s.title}", 2) for s in module.sessions]
    if module.exercises:
        entries.append((f"{module.anchor}-exercises", ui("exercises"), 1))
    if module.post_test:
        entries.append((module.post_test.anchor, module.post_test.title, 1))
    if module.references:
        entries.append((f"{module.anchor}-references", ui("references"), 1))
    return entries


def render_html(project: Project, doc: Document) -> str:
    """The complete HTML of one handout."""
    t = Localizer(doc.lang, doc.lang, strings=ui_strings("handouts", doc.lang, project.root),
                  root=project.root)
    schedule = project.course.schedule
    template = "programme.html.j2" if doc.edition == PROGRAMME else "handout.html.j2"
    course_t = localizer(project, doc.lang)
    return render(
        environment(_own_handouts(project)), template, doc=doc,
        academy=_academy(project, course_t), ui=t.ui,
        sections=partial(sections, ui=t.ui), note_lines=NOTE_LINES,
        schedule={"start": schedule.day_start, "hours": length(project.day_minutes, t),
                  "min_part": agenda.MIN_PART})
