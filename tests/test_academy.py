"""An academy's own look: its site_templates/ first, file by file; its name and logo shown."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape
from pypdf import PdfReader

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main
from builder.handouts.manifest import Inputs
from builder.load.problems import CurriculumError
from builder.load.project import load_project

from .conftest import MINIMAL

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
        '<rect width="64" height="64" fill="#8a1c1c"/></svg>\n')
NAME = 'Prosecutors\' Academy & "Tashkent"'
CONFIG = "site_name: Mini\ntheme: material\nplugins: [search, curriculum]\n"
# The project's own files, each standing in for the package's file of the same name.
OWN = {
    "site_templates/assets/academy.css": ":root { --md-primary-fg-color: #8a1c1c; }\n",
    "site_templates/assets/site.css": "/* the academy's own */\n.own-site-css { color: red; }\n",
    "site_templates/pages/progress.md.j2": "# {{ ui('progress') }}\n\nOWN-PROGRESS-PAGE\n",
    "site_templates/overrides/partials/footer.html": "<footer>OWN-FOOTER</footer>\n",
    "site_templates/handouts/_running.html.j2": "<p>OWN-RUNNING-HEAD</p>\n",
}


def _project(tmp_path: Path, academy: str | None, own: dict[str, str] | None = None) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("course.yaml", "modules", "quizzes", "media"):
        source = MINIMAL / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    for name, text in {"docs/.gitkeep": "", "media/logo.svg": LOGO, "mkdocs.yml": CONFIG,
                       **(own or {})}.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    if academy:
        with (project / "course.yaml").open("a", encoding="utf-8") as course:
            course.write(academy)
    return project


@pytest.fixture(scope="module")
def academy_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = _project(tmp_path_factory.mktemp("academy"),
                       f"academy: {{name: {json.dumps(NAME)}, logo: media/map.png}}\n", OWN)
    return project, build_sites(project, project / "mkdocs.yml") / "en"


def test_name_and_logo_in_the_site_header(academy_site) -> None:
    _, site = academy_site
    page = (site / "index.html").read_text(encoding="utf-8")
    escaped = str(escape(NAME))
    assert "&amp;" in escaped
    assert f'<span class="cb-academy-name">{escaped}</span>' in page
    assert f'<img src="assets/curriculum/academy/logo.png" alt="{escaped}">' in page
    assert (site / "assets/curriculum/academy/logo.png").read_bytes() == (
        MINIMAL / "media" / "map.png").read_bytes()


def test_name_and_logo_on_the_certificate(academy_site) -> None:
    _, site = academy_site
    page = (site / "progress" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="cb-progress-data"[^>]*>(.*?)</script>', page, re.S)[1])
    assert data["academy"] == {"name": NAME, "logo": "../assets/curriculum/academy/logo.png"}
    assert "cb-cert-academy" in (site / "assets/curriculum/quiz.js").read_text()


def test_own_templates_and_assets_come_first(academy_site) -> None:
    _, site = academy_site
    page = (site / "progress" / "index.html").read_text(encoding="utf-8")
    assert "OWN-PROGRESS-PAGE" in page and "OWN-FOOTER" in page
    # served as the package's own is: comments and spacing taken out
    assert (site / "assets/curriculum/site.css").read_text() == ".own-site-css{color:red}\n"
    css = re.findall(r'href="([^"]+\.css)"', page)
    assert css.index("../assets/curriculum/academy/academy.css") > css.index(
        "../assets/curriculum/site.css")  # after the package's, so that its colours win
    module = (site / "modules" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "OWN-PROGRESS-PAGE" not in module


def test_handout_cover_and_own_handout_template(academy_site) -> None:
    project, _ = academy_site
    result = CliRunner().invoke(main, ["handouts", "-p", str(project), "-q", "--module", "alpha",
                                       "--edition", "trainee", "--lang", "en",
                                       "--out", str(project / "handouts")])
    assert result.exit_code == 0, result.output
    reader = PdfReader(project / "handouts" / "en" / "alpha.trainee.pdf")
    cover = reader.pages[0]
    text = " ".join(cover.extract_text().split())
    assert NAME in text and "OWN-RUNNING-HEAD" in text
    assert len(cover.images) == 1  # the logo (media/map.png)


def test_logo_and_own_templates_are_handout_inputs(tmp_path: Path) -> None:
    project = _project(tmp_path, "academy: {name: A, logo: media/logo.svg}\n")
    key = _key(project)
    (project / "media" / "logo.svg").write_text(LOGO.replace("8a1c1c", "000000"))
    assert _key(project) != key
    key = _key(project)
    (project / "site_templates" / "handouts").mkdir(parents=True)
    (project / "site_templates" / "handouts" / "handout.css").write_text("body {}\n")
    assert _key(project) != key


def _key(project: Path) -> str:
    loaded = load_project(project)
    module = loaded.modules["alpha"]
    return Inputs(loaded).key([module], lang="en", edition="trainee", paper="a4",
                              whole_course=False)


@pytest.mark.parametrize(("logo", "message"), [
    ("media/missing.svg", "course.yaml:6:26: academy.logo: media/missing.svg does not exist"),
    ("../logo.svg", "course.yaml:6:26: academy.logo: '../logo.svg' points outside the project"),
    ("media/logo.exe", "course.yaml:6:26: academy.logo: string should match pattern"),
])
def test_a_bad_logo_is_refused_with_its_place(tmp_path: Path, logo: str, message: str) -> None:
    (tmp_path / "logo.svg").write_text(LOGO)
    project = _project(tmp_path, f"academy: {{name: A, logo: {logo}}}\n")
    with pytest.raises(CurriculumError) as error:
        load_project(project)
    assert str(error.value.problems[0]).startswith(message)


def test_a_logo_checks_from_inside_the_project(tmp_path: Path, monkeypatch) -> None:
    """`curriculum validate` in the project folder (`-p .`, the default): the logo is
    found relative to it, not compared with an empty path."""
    project = _project(tmp_path, "academy: {name: A, logo: media/logo.svg}\n")
    monkeypatch.chdir(project)
    assert load_project(Path(".")).course.academy.logo == "media/logo.svg"


# Issue 19, 5: the logo is an image by its content; an SVG that could run is refused.
BAD_LOGOS = {
    "html.png": b"<!doctype html><script>alert(1)</script>",
    "jpeg.png": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64,
    "script.svg": LOGO.replace("<rect", "<script>alert(1)</script><rect").encode(),
    "onload.svg": LOGO.replace("<svg ", '<svg onload="alert(1)" ').encode(),
    "foreign.svg": LOGO.replace("<rect", "<foreignObject><p>x</p></foreignObject><rect").encode(),
    "link.svg": LOGO.replace("<rect", '<a href="javascript:alert(1)"><text>x</text></a><rect')
    .encode(),
    "image.svg": LOGO.replace("<rect", '<image href="https://tracker.example/x.png"/><rect')
    .encode(),
    "style.svg": LOGO.replace("<rect", "<style>@import 'https://x.example/a.css';</style><rect")
    .encode(),
    "escape.svg": LOGO.replace("<rect", '<rect style="fill:u\\72l(https://x.example/y)"/><rect')
    .encode(),
    "entity.svg": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]>' + LOGO.encode(),
    "html.svg": b"<html><script>alert(1)</script></html>",
    # a tester's: Chromium fetched the stylesheet when the logo was opened at its URL
    "xsl.svg": b'<?xml-stylesheet type="text/css" href="http://127.0.0.1:8799/t.css"?>'
    + LOGO.encode(),
}
WHY = {"html.png": "is not a PNG image (its content is not an image Pillow can read)",
       "jpeg.png": "is not a PNG image",
       "script.svg": "is an SVG that holds <script> (line 1)",
       "onload.svg": "is an SVG that holds the event handler onload=",
       "foreign.svg": "is an SVG that holds <foreignObject>",
       "link.svg": "is an SVG that holds a reference to 'javascript:alert(1)'",
       "image.svg": "is an SVG that holds a reference to 'https://tracker.example/x.png'",
       "style.svg": "is an SVG that holds a stylesheet that loads a file",
       "escape.svg": "is an SVG that holds a url() in style=",
       "entity.svg": "is an SVG with a DOCTYPE or entities",
       "html.svg": "is not an SVG image: its root element is not <svg>",
       "xsl.svg": "is an SVG with an xml-stylesheet, which loads a file"}


@pytest.mark.parametrize("name", list(BAD_LOGOS))
def test_a_logo_is_told_an_image_by_its_content(tmp_path: Path, name: str) -> None:
    project = _project(tmp_path, f"academy: {{name: A, logo: media/{name}}}\n")
    (project / "media" / name).write_bytes(BAD_LOGOS[name])
    with pytest.raises(CurriculumError) as error:
        load_project(project)
    assert str(error.value.problems[0]).startswith(
        f"course.yaml:6:26: academy.logo: media/{name} {WHY[name]}"), error.value.problems


def test_a_plain_svg_with_its_own_gradient_is_a_logo(tmp_path: Path) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
           '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="9" height="9"/>'
           '<use xlink:href="#g"/><style>rect { fill: url( "#g" ) }</style></svg>')
    project = _project(tmp_path, "academy: {name: A, logo: media/own.svg}\n")
    (project / "media" / "own.svg").write_text(svg, encoding="utf-8")
    assert load_project(project).course.academy.logo == "media/own.svg"


# Issue 19, 19: a project's own templates run in Jinja's sandbox; a fault has its place.
ESCAPE = "{{ ''.__class__.__mro__[1].__subclasses__() }}"


@pytest.mark.parametrize(("name", "text", "why"), [
    ("pages/progress.md.j2", f"# x\n\n{ESCAPE}\n",
     "site_templates/pages/progress.md.j2:3:0: template: access to attribute '__class__' of "
     "'str' object is unsafe."),
    ("pages/progress.md.j2", "# x\n{% if %}\n",
     "site_templates/pages/progress.md.j2:2:0: template: Expected an expression"),
    ("handouts/programme.html.j2", f"<p>x</p>\n{ESCAPE}\n",
     "site_templates/handouts/programme.html.j2:2:0: template: access to attribute "
     "'__class__' of 'str' object is unsafe."),
])
def test_a_projects_template_runs_sandboxed(tmp_path: Path, name: str, text: str,
                                            why: str) -> None:
    project = _project(tmp_path, None, {f"site_templates/{name}": text})
    verb = ["handouts", "-e", "programme", "-m", "alpha", "-o", str(project / "handouts")] \
        if name.startswith("handouts") else ["build"]
    result = CliRunner().invoke(main, [*verb, "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert f"error: {why}" in result.stderr, result.stderr
    assert "internal error" not in result.stderr and "subclasses" not in result.stdout
    assert not (project / "site").exists()
