"""Handout file names never collide, whatever a module is called ("programme", "course")."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from builder.adapters.mkdocs_build import build_sites
from builder.handouts.build import plan
from builder.handouts.editions import EDITIONS
from builder.handouts.site import PROGRAMME_PATH, site_path
from builder.load.project import load_project

from ..corpus import buildable_copy
from .reading import squash

TAKEN = ["programme", "course", "module-course", "programme-module", "alpha"]


def rename_modules(project: Path, ids: list[str]) -> None:
    """beta becomes a module for each id (course.yaml lists them all)."""
    beta = (project / "modules" / "beta.yaml").read_text(encoding="utf-8")
    (project / "modules" / "beta.yaml").unlink()
    first = next(i for i in ids if i != "alpha")  # keeps know-beta: a question assesses it
    for module_id in ids:
        if module_id == "alpha":
            continue
        (project / "modules" / f"{module_id}.yaml").write_text(
            beta.replace("id: beta", f"id: {module_id}").replace(
                "know-beta", "know-beta" if module_id == first else f"know-{module_id}").replace(
                "title: Beta module", f"title: Module {module_id}"), encoding="utf-8")
    course = project / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "modules: [alpha, beta]", f"modules: [{', '.join(ids)}]"), encoding="utf-8")


def test_every_pdf_of_a_run_has_a_name_of_its_own(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    rename_modules(project, TAKEN)
    loaded = load_project(project)
    names = [item.name for item in plan(loaded, ["en"], EDITIONS)]
    assert len(names) == len(set(names)) == len(EDITIONS) * (len(TAKEN) + 1)
    in_site = [PROGRAMME_PATH] + [site_path(m, e) for m in TAKEN for e in ("trainee", "trainer")]
    assert len(in_site) == len(set(in_site))


def test_a_module_called_programme_keeps_the_programme_on_the_site(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    rename_modules(project, ["alpha", "programme"])
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "plugins: [search, offline, curriculum]",
        "plugins: [search, offline, {curriculum: {handouts: true}}]"), encoding="utf-8")
    site = build_sites(project, config, tmp_path / "site") / "en"
    timetable = squash(" ".join(p.extract_text() for p in PdfReader(
        site / PROGRAMME_PATH).pages))
    handout = squash(" ".join(p.extract_text() for p in PdfReader(
        site / site_path("programme", "trainee")).pages))
    assert "Alphamodule" in timetable and "Traineehandout" not in timetable  # the course's
    assert "Moduleprogramme" in handout and "Traineehandout" in handout
    home = (site / "index.html").read_text(encoding="utf-8")
    module_page = (site / "modules" / "programme" / "index.html").read_text(encoding="utf-8")
    assert f'href="{PROGRAMME_PATH}"' in home
    assert f'href="../../{site_path("programme", "trainee")}"' in module_page
