"""An LMS-only bank stays off the site: no practice page, no quiz page, no printed questions
for trainees; the module page and My progress say where the post-test is taken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.adapters.mkdocs_build import build_sites
from builder.handouts.editions import localizer as handout_localizer
from builder.handouts.editions import module_view
from builder.load.project import load_project
from tests.lmskit import EXAM, lms_project


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lms_project(tmp_path_factory.mktemp("lms"))


@pytest.fixture(scope="module")
def site(project_dir: Path) -> Path:
    return build_sites(project_dir, project_dir / "mkdocs.yml", project_dir / "site") / "en"


def _all_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json",
                                                                                ".js", ".xml"))


def test_no_page_draws_from_the_lms_bank(site: Path) -> None:
    assert not (site / "banks" / f"{EXAM}.html").exists()
    assert not (site / "modules" / "alpha" / "post-test.html").exists()
    assert (site / "banks" / "alpha-bank.html").exists()
    text = _all_text(site)
    for secret in ("EXAM-MODEL-ANSWER", "Which are Greek letters", "Aleph is Hebrew", "e-multiple"):
        assert secret not in text, secret


def test_module_page_says_where_the_post_test_is_taken(site: Path) -> None:
    page = (site / "modules" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "taken in your academy" in page
    assert 'href="post-test.html"' not in page
    beta = (site / "modules" / "beta" / "index.html").read_text(encoding="utf-8")
    assert "taken in your academy" not in beta


def test_progress_leaves_the_lms_post_test_to_the_lms(site: Path) -> None:
    page = (site / "progress.html").read_text(encoding="utf-8")
    start = page.index('id="cb-progress-data">') + len('id="cb-progress-data">')
    data = json.loads(page[start:page.index("</script>", start)])
    assert data["lms_posts"] == 1
    alpha = next(m for m in data["modules"] if m["id"] == "alpha")
    assert [q["kind"] for q in alpha["quizzes"]] == ["pre", "formative"]
    assert "Alpha module." in page or "Alpha module" in page
    assert "issues the certificate" in page


def test_trainee_handout_does_not_print_the_exam(project_dir: Path) -> None:
    project = load_project(project_dir)
    t = handout_localizer(project, "en")
    module = project.modules["alpha"]
    trainee = module_view(project, module, t, trainer=False)
    trainer = module_view(project, module, t, trainer=True)
    assert trainee.post_test is not None and not trainee.post_test.questions
    assert "learning platform" in " ".join(trainee.post_test.notes)
    assert len(trainer.post_test.questions) == 7
