"""The curriculum map: well-formed SVG, every module present, links that resolve."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from builder.design.curriculum_map import depths, render_map, wrap
from builder.render.site import localizer

SVG = "{http://www.w3.org/2000/svg}"


def _map(project, lang="en"):
    t = localizer(project, lang)
    return render_map(project, t, lambda m: f"modules/{m.id}/"), t


def test_the_map_is_well_formed_and_shows_every_module(sample_project) -> None:
    svg, t = _map(sample_project)
    root = ET.fromstring(svg)
    links = root.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == [f"modules/{m}/" for m in
                                              sample_project.course.modules]
    for link, module in zip(links, sample_project.ordered_modules(), strict=True):
        assert link.find(f"{SVG}title").text == t(module.title)
        assert t.duration(module.duration) in link.get("aria-label")
    assert root.find(f"{SVG}title").text == "Curriculum map"
    desc = root.find(f"{SVG}desc").text
    assert all(t(m.title) in desc for m in sample_project.ordered_modules())


def test_arrows_follow_prerequisites(sample_project) -> None:
    root = ET.fromstring(_map(sample_project)[0])
    edges = root.findall(f"{SVG}path[@class='cb-map-edge']")
    expected = sum(len([p for p in m.prerequisites if p in sample_project.modules])
                   for m in sample_project.ordered_modules())
    assert len(edges) == expected > 0
    level = depths(sample_project)
    for module in sample_project.ordered_modules():
        for before in module.prerequisites:
            assert level[before] < level[module.id]


def test_the_map_in_russian(sample_project) -> None:
    svg, _ = _map(sample_project, "ru")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Карта учебной программы"


def test_long_titles_wrap_and_are_cut() -> None:
    lines = wrap("International cooperation in criminal matters: mutual legal assistance, "
                 "extradition and electronic evidence across borders")
    assert len(lines) == 3 and all(len(line) <= 26 for line in lines)
    assert lines[-1].endswith("…")
    assert wrap("Short title") == ["Short title"]
