"""Handouts on the trainee site: which PDFs go in, where, and the links to them.

The site holds `handouts/<module>.pdf` (trainee handout) for each module, the
course timetable `handouts/programme.pdf`, and
`handouts/<module>.trainer.pdf` only when the course says `trainer_guide_on_site`.
They are built into a cache folder (the same as `curriculum handouts --out`) and
copied into the site, so an unchanged module costs nothing on the next build.
"""

from __future__ import annotations

from pathlib import Path

from ..load.project import Project
from .build import HandoutResult, Progress, build_handouts, file_name, module_stem
from .editions import PROGRAMME, TRAINEE, TRAINER

SITE_FOLDER = "handouts"
PROGRAMME_PATH = f"{SITE_FOLDER}/programme.pdf"
"""The workshop timetable of the whole course: trainee-safe, linked from the home page."""


def site_path(module_id: str, edition: str) -> str:
    suffix = ".pdf" if edition == TRAINEE else f".{edition}.pdf"
    return f"{SITE_FOLDER}/{module_stem(module_id)}{suffix}"


def site_editions(project: Project) -> list[str]:
    return [TRAINEE, TRAINER] if project.course.trainer_guide_on_site else [TRAINEE]


def links(project: Project, edition: str) -> dict[str, str]:
    """{module id: link from the module's page (modules/<id>/index.md) to its PDF}."""
    if edition not in site_editions(project):
        return {}
    return {m.id: f"../../{site_path(m.id, edition)}" for m in project.ordered_modules()}


def site_files(project: Project, lang: str, cache: Path,
               progress: Progress | None = None) -> dict[str, Path]:
    """Build (or reuse) the site's PDFs of `lang`: {path in the site: file in the cache}."""
    editions = site_editions(project)
    results: list[HandoutResult] = build_handouts(
        project, cache, languages=[lang], editions=editions, progress=progress,
        whole_course=False)
    results += build_handouts(project, cache, languages=[lang], editions=[PROGRAMME],
                              progress=progress)
    built = {r.path.resolve() for r in results}
    return {uri: path for uri, path in site_places(project, lang, cache).items()
            if path in built}


def cached_files(project: Project, lang: str, cache: Path) -> dict[str, Path] | None:
    """The site's PDFs of `lang` as the cache holds them now, current or not, none made:
    what `curriculum serve` publishes with the pages while it remakes the stale ones.
    None when one is not in the cache at all (its link would lead nowhere)."""
    places = site_places(project, lang, cache)
    return places if all(path.is_file() for path in places.values()) else None


def site_places(project: Project, lang: str, cache: Path) -> dict[str, Path]:
    """{path in the site: its file in the cache} for every PDF the site of `lang` holds."""
    places = {PROGRAMME_PATH: (cache / file_name(lang, PROGRAMME, None)).resolve()}
    for module in project.ordered_modules():
        for edition in site_editions(project):
            places[site_path(module.id, edition)] = (
                cache / file_name(lang, edition, module)).resolve()
    return places
