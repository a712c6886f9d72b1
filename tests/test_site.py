"""The trainee site built by real MkDocs: pages exist, links resolve, trainer material stays out."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder.adapters.mkdocs_build import build_sites
from builder.load.project import Project

from .conftest import MINIMAL, ROOT
from .sitedata import page_json as quiz_blobs


def page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def words(text: str) -> str:
    """A trainer text reduced to a distinctive run of words, to search for in outputs."""
    return " ".join(re.sub(r"[*_`#>|\[\]()!-]", " ", text).split())[:60]


def test_every_module_and_bank_has_a_page(sample_site: Path, sample_project: Project) -> None:
    for module in sample_project.ordered_modules():
        page = sample_site / "modules" / module.id / "index.html"
        assert page.exists(), module.id
        assert "<h1" in page_text(page)
    for bank_id, bank in sample_project.banks.items():
        if bank.lms_only:  # the post-tests that count are kept off the site
            assert not (sample_site / "banks" / f"{bank_id}.html").exists(), bank_id
            continue
        blobs = quiz_blobs(sample_site / "banks" / f"{bank_id}.html")
        (data,) = blobs.values()
        assert [q["id"] for q in data["questions"]] == [q.id for q in bank.questions]


def test_home_lists_the_programme_in_order(sample_site: Path, sample_project: Project) -> None:
    html = page_text(sample_site / "index.html")
    links = re.findall(r'href="modules/([a-z0-9-]+)/index.html"', html)
    ordered = list(dict.fromkeys(links))
    assert ordered == sample_project.course.modules


def test_module_page_shows_structure_and_assessment(minimal_site: Path) -> None:
    html = page_text(minimal_site / "modules" / "alpha" / "index.html")
    for text in ("Judges", "Introductory", "1&nbsp;h 30&nbsp;min", "Explain alpha.", "Introduction",
                 "45&nbsp;min",
                 "Lecture", "Exercise", "pass mark 70%", "2 attempts", "UNTOC", "18(13)",
                 'href="pre-test.html"', 'href="post-test.html"', 'href="quiz-intro.html"'):
        assert text in html, text
    beta = page_text(minimal_site / "modules" / "beta" / "index.html")
    assert 'href="../alpha/index.html">Alpha module</a>' in beta


def test_quiz_pages_embed_their_bank(minimal_site: Path) -> None:
    html = page_text(minimal_site / "modules" / "alpha" / "post-test.html")
    data = quiz_blobs(minimal_site / "modules" / "alpha" / "post-test.html")["quiz-post-test-data"]
    assert (data["kind"], data["draw"], data["pass_mark"], data["attempts"]) == ("post", 2, 70, 2)
    assert {q["type"] for q in data["questions"]} == {"single", "true-false", "fill-in"}
    assert 'data-quiz-data="quiz-post-test-data"' in html


def test_trainer_material_never_reaches_the_minimal_site(minimal_site: Path) -> None:
    for path in minimal_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("TRAINER-ONLY-NOTE-ALPHA", "MODEL-ANSWER-ALPHA", "RUBRIC-ALPHA"):
                assert secret not in text, (secret, path)


def trainer_snippets(project: Project) -> list[str]:
    snippets = []
    for module in project.modules.values():
        for session in module.sessions:
            if session.trainer_notes:
                snippets.append(words(str(session.trainer_notes)))
        for exercise in module.assessment.exercises:
            if exercise.model_answer:
                snippets.append(words(str(exercise.model_answer)))
            snippets += [words(str(c.criterion)) for c in exercise.rubric]
            snippets += [words(str(c.guidance)) for c in exercise.rubric if c.guidance]
    return [s for s in snippets if len(s) >= 20]


def test_trainer_material_never_reaches_the_sample_site(sample_sites: Path,
                                                        sample_project: Project) -> None:
    snippets = trainer_snippets(sample_project)
    assert len(snippets) >= 20
    outputs = [p for p in sample_sites.rglob("*") if p.is_file() and p.suffix in (
        ".html", ".json", ".js", ".xml")]
    for path in outputs:
        text = " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())
        for snippet in snippets:
            assert snippet not in text, (snippet, path)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_local_link_resolves(sample_site: Path) -> None:
    broken = []
    for page in sample_site.rglob("*.html"):
        if page.name == "404.html":  # served by a web server from the site root
            continue
        parser = _Links()
        parser.feed(page_text(page))
        for link in parser.links:
            if re.match(r"^[a-z]+:|^#|^//", link):
                continue
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            if not target.exists():
                broken.append(f"{page.relative_to(sample_site)} -> {link}")
    assert not broken, broken[:10]


def test_mkdocs_cli_builds_strict(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                             str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "modules" / "judicial-cooperation" / "index.html").exists()


def copy_minimal(tmp_path: Path) -> Path:
    """A copy of the minimal project with a docs folder of its own, to change freely."""
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns("site"))
    (project / "docs").mkdir()
    config = (project / "mkdocs.yml").read_text().replace("../../../../site_templates/docs", "docs")
    (project / "mkdocs.yml").write_text(config)
    return project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_serve_rebuilds_when_yaml_changes(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a",
                               f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=project)
    url = f"http://127.0.0.1:{port}/modules/alpha/index.html"
    try:
        deadline = time.monotonic() + 30
        while "Alpha module" not in _fetch(url) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "Alpha module" in _fetch(url)
        module = project / "modules" / "alpha.yaml"
        module.write_text(module.read_text().replace("title: Alpha module", "title: Renamed alpha"))
        deadline = time.monotonic() + 30
        while "Renamed alpha" not in _fetch(url) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "Renamed alpha" in _fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("folder", ["modules", "quizzes"])
def test_build_writes_nothing_into_the_authors_folders(minimal_site: Path, folder: str) -> None:
    names = sorted(p.name for p in (MINIMAL / folder).iterdir())
    assert all(name.endswith(".yaml") for name in names)


def test_no_page_loads_anything_from_the_network(sample_sites: Path) -> None:
    """Trainees are often offline: every script, stylesheet and image comes from the site."""
    outside = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    for page in sample_sites.rglob("*.html"):
        match = outside.search(page_text(page))
        assert match is None, (page, match and match[0])


def test_iframe_worker_shim_is_served_locally(sample_site: Path) -> None:
    html = page_text(sample_site / "index.html")
    assert 'src="assets/curriculum/iframe-worker-shim.js"' in html
    assert (sample_site / "assets" / "curriculum" / "iframe-worker-shim.js").exists()


def test_linked_images_reach_the_pages_that_show_them(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    (project / "media").mkdir(exist_ok=True)  # the minimal project has one
    (project / "media" / "map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    module = project / "modules" / "alpha.yaml"
    image = "![Route of a request](../media/map.svg)"
    module.write_text(module.read_text().replace("Alpha is **important**.",
                                                 f"Alpha is **important**. {image}"))
    bank = project / "quizzes" / "alpha-bank.yaml"
    bank.write_text(bank.read_text().replace(
        "prompt: Which is alpha?", "prompt: 'Which is alpha? ![Map](media/map.svg)'"))
    site = build_sites(project, project / "mkdocs.yml", tmp_path / "site") / "en"
    assert (site / "media" / "map.svg").exists()
    page = site / "modules" / "alpha" / "index.html"
    (src,) = re.findall(r'<img alt="Route of a request" src="([^"]+)"', page_text(page))
    assert (page.parent / src).resolve() == (site / "media" / "map.svg").resolve()
    for quiz_page in (site / "modules" / "alpha" / "post-test.html", site / "banks" /
                      "alpha-bank.html"):
        data = next(iter(quiz_blobs(quiz_page).values()))
        prompt = next(q["prompt"] for q in data["questions"] if q["id"] == "q-single")
        (src,) = re.findall(r'src="([^"]+)"', prompt)
        asset = site / "assets" / "curriculum" / data["bank_src"]  # links are relative to it
        assert (asset.parent / src).resolve() == (site / "media" / "map.svg").resolve()


def test_build_never_replaces_the_project_folder(tmp_path: Path) -> None:
    """A site_dir that is not a language folder must not make the project the site root."""
    project = copy_minimal(tmp_path)
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config.replace("site_dir: site/en", "site_dir: site"))
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    from click.testing import CliRunner

    from builder.cli.main import main

    result = CliRunner().invoke(main, ["build", "-p", str(project), "-f",
                                       str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert (project / "site" / "en" / "modules" / "alpha" / "index.html").exists()
    after = sorted(p.relative_to(project) for p in project.rglob("*"))
    assert [p for p in after if p.parts[0] != "site"] == before
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-f",
                                       str(project / "mkdocs.yml"), "-d", str(project)])
    assert result.exit_code == 1
    assert "holds the project itself" in result.output


def test_home_page_links_the_workshop_timetable(sample_sites: Path) -> None:
    for lang in ("en", "ru"):
        home = sample_sites / lang / "index.html"
        assert 'href="handouts/programme.pdf"' in page_text(home)
        pdf = sample_sites / lang / "handouts" / "programme.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(
        sample_sites / "ru" / "handouts" / "programme.pdf").pages)
    assert "09:00" in text and "День 1" in text


def test_search_leaves_out_the_no_javascript_notice(sample_site: Path) -> None:
    """Every quiz page holds the notice for browsers without JavaScript; in the search index
    it made each quiz page a hit for "quiz" or "JavaScript", and cost indexing each time."""
    import json

    docs = json.loads((sample_site / "search" / "search_index.json").read_text())["docs"]
    assert any("post-test" in doc["location"] for doc in docs)  # the quiz pages are indexed
    for doc in docs:
        assert "needs JavaScript" not in doc["text"], doc["location"]


def test_the_quiz_script_and_styles_are_served_without_comments_and_spacing(
        sample_site: Path) -> None:
    """Trainees on metered connections download quiz.js and quiz.css on every site: served
    minified (rjsmin, rcssmin), the same code, under 12 KB together when gzip-compressed."""
    import gzip

    assets = ROOT / "site_templates" / "assets"
    served = sample_site / "assets" / "curriculum"
    total = 0
    for name in ("quiz.js", "quiz.css"):
        source, shipped = (assets / name).read_bytes(), (served / name).read_bytes()
        assert len(shipped) < 0.9 * len(source), name
        assert b"/*" not in shipped, name
        total += len(gzip.compress(shipped, 9))
    assert b"CBQuiz" in (served / "quiz.js").read_bytes()
    assert total < 12 * 1024, f"{total} bytes gzip-compressed"
