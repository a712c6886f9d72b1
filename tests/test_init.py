"""`curriculum init`: a new project that validates and builds as it is; nothing overwritten."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main
from builder.cli.schema import schema_text
from builder.load.project import load_project

from .corpus import tree_digest

CYRILLIC = re.compile("[а-яё]", re.I)


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def init(target: Path, *args: str) -> str:
    code, stdout, stderr = cli("init", str(target), *args)
    assert code == 0, stderr
    return stdout


def test_init_writes_a_project_that_validates_strictly(tmp_path: Path) -> None:
    target = tmp_path / "Prosecutors Academy"
    init(target, "--title", "Extradition: a practicum")
    project = load_project(target)
    assert project.warnings == []
    assert project.course.title == "Extradition: a practicum"
    assert project.course.id == "prosecutors-academy"
    assert project.course.languages == ["en"]
    for name in ("media", "docs", "modules", "quizzes"):
        assert (target / name).is_dir()
    ignored = (target / ".gitignore").read_text().split()
    assert {"/site/", "/handouts/"} <= set(ignored)
    assert "curriculum validate --strict" in (target / "README.md").read_text()


def test_init_maps_every_file_to_its_schema(tmp_path: Path) -> None:
    init(tmp_path / "c")
    settings = json.loads((tmp_path / "c" / ".vscode" / "settings.json").read_text())
    schemas = settings["yaml.schemas"]
    covered = set()
    for schema, globs in schemas.items():
        kind = Path(schema).name.split(".")[0]
        assert (tmp_path / "c" / schema).read_text() == schema_text(kind)
        covered |= {p.relative_to(tmp_path / "c").as_posix() for g in globs
                    for p in (tmp_path / "c").glob(g)}
    assert covered == {"course.yaml", "modules/getting-started.yaml",
                       "quizzes/getting-started-bank.yaml"}


def test_init_ru_writes_a_russian_course_that_builds(tmp_path: Path) -> None:
    target = tmp_path / "ru"
    init(target, "--lang", "ru")
    project = load_project(target)
    assert project.warnings == []
    assert project.course.languages == ["ru"] and project.course.default_language == "ru"
    assert CYRILLIC.search(project.course.title)
    module = (target / "modules" / "getting-started.yaml").read_text(encoding="utf-8")
    assert len(CYRILLIC.findall(module)) > 200
    assert CYRILLIC.search((target / "README.md").read_text(encoding="utf-8"))
    site = build_sites(target, target / "mkdocs.yml")
    assert sorted(p.name for p in site.iterdir() if p.name[0] != ".") == ["index.html", "ru"]
    page = (site / "ru" / "modules" / "getting-started" / "index.html").read_text()
    assert 'lang="ru"' in page and "Файл модуля" in page


def test_init_never_overwrites_a_file(tmp_path: Path) -> None:
    target = tmp_path / "c"
    target.mkdir()
    (target / "course.yaml").write_text("mine\n")
    (target / "README.md").write_text("my readme\n")
    out = init(target)
    assert (target / "course.yaml").read_text() == "mine\n"
    assert (target / "README.md").read_text() == "my readme\n"
    assert "kept course.yaml (exists already)" in out and "wrote mkdocs.yml" in out
    before = tree_digest(target)
    out = init(target, "--ci", "gitlab")  # a second run adds only what is missing
    after = tree_digest(target)
    assert after == {**before, ".gitlab-ci.yml": after[".gitlab-ci.yml"]}
    assert "wrote .gitlab-ci.yml" in out


def test_init_does_not_write_through_a_symlinked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "c"
    target.mkdir()
    (target / "modules").symlink_to(outside)
    code, _, stderr = cli("init", str(target))
    assert code == 1
    assert "modules/: is a symlink to a folder outside the project" in stderr
    assert list(outside.iterdir()) == [] and sorted(p.name for p in target.iterdir()) == ["modules"]


def test_init_refuses_a_bad_language(tmp_path: Path) -> None:
    code, _, stderr = cli("init", str(tmp_path / "c"), "--lang", "Russian")
    assert code == 1
    assert "error: <command line>: --lang: 'Russian' is not a language code" in stderr
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize(("ci", "path"), [("github", ".github/workflows/course.yml"),
                                          ("gitlab", ".gitlab-ci.yml")])
def test_init_ci_validates_builds_and_publishes(tmp_path: Path, ci: str, path: str) -> None:
    init(tmp_path / "c", "--ci", ci)
    pipeline = yaml.safe_load((tmp_path / "c" / path).read_text())
    text = json.dumps(pipeline)
    commands = re.findall(r"curriculum [a-z]+(?: --strict)?", text)
    assert commands == ["curriculum validate --strict", "curriculum build",
                        "curriculum handouts"]
    assert "cp -r handouts site/handouts" in text
    # curriculum-builder is not on PyPI: the pipeline installs the wheel the academy commits
    assert "pip install tools/curriculum_builder-*.whl" in text
    assert "pip install curriculum-builder" not in text
    if ci == "github":
        steps = [s.get("uses", "") for s in pipeline["jobs"]["publish"]["steps"]]
        assert steps == ["actions/deploy-pages@v4"]
        assert "${{ steps.deployment.outputs.page_url }}" in text
    else:
        assert pipeline["pages"]["artifacts"]["paths"] == ["public"]


# Issue 19, 16: what init writes validates as it is, or init says why not.
@pytest.mark.parametrize(("title", "why"), [
    ("<script>alert(1)</script>", "'<script' starts an HTML tag; a title is plain text"),
    ("   ", "is only spaces"),
    ("a\x1b[31mb", "control character U+001B is not allowed"),
    ("a\u202eb", "invisible character U+202E is not allowed"),  # a tester's: text turned
    ("![i](/etc/passwd)", "a title is plain text: no links or images"),  # failed validate
])
def test_init_refuses_a_title_the_course_would_refuse(tmp_path: Path, title: str,
                                                     why: str) -> None:
    code, _, stderr = cli("init", str(tmp_path / "c"), "--title", title)
    assert code == 1
    assert f"error: <command line>: --title: {why}" in stderr and "nothing was written" in stderr
    assert not (tmp_path / "c").exists()


def test_init_title_in_cyrillic_with_quotes_and_ampersand_validates(tmp_path: Path) -> None:
    init(tmp_path / "c", "--lang", "ru", "--title", "Курс «МПП» & \"экстрадиция\": 2027")
    assert load_project(tmp_path / "c").course.title == "Курс «МПП» & \"экстрадиция\": 2027"


def test_init_beside_an_existing_course_adds_no_example_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "c"
    init(target)
    for folder, old, new in (("modules", "getting-started", "intro"),
                             ("quizzes", "getting-started-bank", "intro-bank")):
        (target / folder / f"{old}.yaml").rename(target / folder / f"{new}.yaml")
    for path in [target / "course.yaml", *target.glob("*/intro*.yaml")]:
        path.write_text(path.read_text().replace("getting-started", "intro"))
    (target / "mkdocs.yml").unlink()
    before = load_project(target)
    out = init(target)
    assert "kept course.yaml (exists already)" in out and "wrote mkdocs.yml" in out
    assert "left out modules/getting-started.yaml (an example beside your course)" in out
    assert "Your course.yaml kept as it is; the example module and bank were not added" in out
    assert not (target / "modules" / "getting-started.yaml").exists()
    assert load_project(target).modules == before.modules  # and it validates
