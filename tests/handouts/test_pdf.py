"""The PDFs as files: page counts, outline, links, embedded fonts, paper size."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from builder.handouts import build_handouts
from builder.handouts.editions import localizer
from builder.load.project import load_project

from ..conftest import MINIMAL
from .conftest import Built

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def outline_titles(reader: PdfReader) -> list[tuple[int, str]]:
    """(depth, title) of every bookmark, in order."""
    found: list[tuple[int, str]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))

    walk(reader.outline, 1)
    return found


def fonts_of(reader: PdfReader) -> dict[str, DictionaryObject]:
    """Every font used on any page, by name, with descendants of composite fonts."""
    fonts: dict[str, DictionaryObject] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        if resources is None or "/Font" not in resources:
            continue
        for font in resources["/Font"].get_object().values():
            font = font.get_object()
            fonts[str(font.get("/BaseFont"))] = font
            for child in font.get("/DescendantFonts", []):
                child = child.get_object()
                fonts[str(child.get("/BaseFont")) + "#child"] = child
    return fonts


def sizes(path: Path) -> set[tuple[float, float]]:
    """The paper size of every page."""
    return {(round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
            for page in PdfReader(path).pages}


def test_page_counts_match_and_are_sane(sample_handouts: Built) -> None:
    by_name = {r.path.name: r for r in sample_handouts.results}
    for module in sample_handouts.project.ordered_modules():
        trainee = by_name[f"{module.id}.trainee.pdf"]
        trainer = by_name[f"{module.id}.trainer.pdf"]
        assert len(PdfReader(trainee.path).pages) == trainee.pages
        # cover, contents, at least a page of content, a session per page at most
        assert 3 <= trainee.pages <= 10 + 3 * len(module.sessions)
        assert trainer.pages > trainee.pages, module.id
        assert sizes(trainee.path) == {A4}


def test_outline_has_the_module_its_sections_and_sessions(sample_handouts: Built) -> None:
    t = localizer(sample_handouts.project, "en")
    for module in sample_handouts.project.ordered_modules():
        reader = PdfReader(sample_handouts.path(f"en/{module.id}.trainer.pdf"))
        titles = outline_titles(reader)
        assert (1, "Contents") in titles
        assert (1, t(module.title)) in titles
        for heading in ("Learning objectives", "Structure", "Timed agenda", "Sessions"):
            assert (2, heading) in titles, (module.id, heading)
        for n, session in enumerate(module.sessions, 1):
            assert (3, f"{n}. {t(session.title)}") in titles
        assert all(depth <= 3 for depth, _ in titles)


def test_programme_outline_has_days(project_handouts: Built) -> None:
    titles = outline_titles(PdfReader(project_handouts.path("en/workshop.programme.pdf")))
    assert titles == [(1, "Programme: Two-day workshop"), (2, "Day 1"), (2, "Day 2"),
                      (2, "Day 3")]


def test_links_inside_and_out(project_handouts: Built) -> None:
    reader = PdfReader(project_handouts.path("en/requests.trainee.pdf"))
    uris, internal = [], 0
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
            elif "/Dest" in annotation or (action is not None and "/D" in action):
                internal += 1
    assert "https://www.unodc.org/unodc/en/organized-crime/intro/UNTOC.html" in uris
    assert internal >= 5, "table of contents and structure table link into the document"


def test_every_font_is_embedded(project_handouts: Built) -> None:
    for result in project_handouts.results:
        fonts = fonts_of(PdfReader(result.path))
        assert fonts, result.path
        for name, font in fonts.items():
            if font.get("/Subtype") == "/Type0":
                continue  # composite: its descendant carries the font file
            descriptor = font["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name


def test_fonts_cover_latin_and_cyrillic(project_handouts: Built) -> None:
    names = " ".join(fonts_of(PdfReader(project_handouts.path("ru/requests.trainee.pdf"))))
    assert "Noto-Sans" in names or "DejaVu-Sans" in names


@pytest.fixture(scope="module")
def letter_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = load_project(MINIMAL)
    out = tmp_path_factory.mktemp("letter")
    [result] = build_handouts(project, out, editions=["trainee"], paper="letter", module="beta")
    return result.path


def test_us_letter_on_request(letter_pdf: Path) -> None:
    assert len(PdfReader(letter_pdf).pages) > 1
    assert sizes(letter_pdf) == {LETTER}


def test_document_metadata(project_handouts: Built) -> None:
    reader = PdfReader(project_handouts.path("ru/requests.trainer.pdf"))
    assert reader.metadata.title == "Запросы о взаимной правовой помощи — Руководство для тренера"
    root = reader.trailer["/Root"]
    assert str(root.get("/Lang")) == "ru"
    assert root["/MarkInfo"]["/Marked"], "tagged PDF, for screen readers"
    assert "/StructTreeRoot" in root
