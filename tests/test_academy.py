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
