"""Site pages of the design aids: the glossary, the alignment matrix, the curriculum map,
and the glossary's definitions for the tooltips wherever a page uses a term."""

from __future__ import annotations

from ..design.alignment import align
from ..design.curriculum_map import render_map
from ..load.project import Project
from .glossary_terms import NO_TERMS
from .localize import Localizer

MAP_SLOT = '<div class="cb-slot" data-slot="map"></div>'


def glossary_markdown(project: Project, t: Localizer) -> str:
    """The glossary page: each term with its definition and source, in the page's language
    (and no tooltips: the page says it all)."""
    lines = [NO_TERMS, f"# {t.ui('glossary')}", "", t.ui("glossary_intro"), ""]
    for term in project.glossary.terms if project.glossary else []:
        name = t.inline(term.term)
        lines += [f"**{name}** {{ #{term.id} }}", f":   {t.inline(term.definition)}"]
        if term.source:
            lines.append(f"    <small>{t.ui('source')}: {t.inline(term.source)}</small>")
        lines.append("")
    return "\n".join(lines)


def glossary_terms(project: Project, t: Localizer) -> dict[str, str]:
    """The tooltips (render.glossary_terms): each term, as written and capitalised, with
    its definition on one line, explained on hover and focus wherever a page uses it."""
    found: dict[str, str] = {}
    for term in project.glossary.terms if project.glossary else []:
        name, definition = t(term.term).strip(), " ".join(t(term.definition).split())
        for form in dict.fromkeys([name, name[:1].upper() + name[1:]]):
            found[form] = definition.replace("]", ")")
    return found


def alignment_markdown(project: Project, t: Localizer) -> str:
    """The alignment matrix, one table per module, counts of what serves and assesses."""
    found = align(project)
    texts = {o.id: t(o.text) for m in project.modules.values() for o in m.objectives}
    lines = [f"# {t.ui('alignment')}", "", t.ui("alignment_intro"), ""]
    module = None
    head = (f"| {t.ui('objective')} | {t.ui('sessions')} | {t.ui('quizzes')} | "
            f"{t.ui('tests')} | {t.ui('exercises')} |")
    for row in found.rows:
        if row.module != module:
            module = row.module
            title = t(project.modules[module].title)
            lines += ["", f"## [{title}](modules/{module}/index.md)", "", head,
                      "|---|---|---|---|---|"]
        objective = " ".join(texts[row.objective].split()).replace("|", "\\|")
        mark = "" if row.assessed else f" **{t.ui('not_assessed')}**"
        lines.append(f"| {objective}{mark} | {len(row.sessions)} | {len(row.quizzes)} | "
                     f"{len(row.tests)} | {len(row.exercises)} |")
    return "\n".join(lines) + "\n"


def curriculum_map(project: Project, t: Localizer, directory_urls: bool) -> str:
    """The map for the course home, linking each module page from the site root."""
    suffix = "" if directory_urls else "index.html"
    return render_map(project, t, lambda m: f"modules/{m.id}/{suffix}")
