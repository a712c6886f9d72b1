"""Every failure says why: build prints what MkDocs and the plugin logged, validate says
when build would fail, and `curriculum new module` writes a module that builds as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli.main import main

from .corpus import buildable_copy, tree_digest

UNASSESSED = ("error: modules/alpha.yaml:{line}:9: objectives[1].id: objective 'alpha-extra' "
              "is not assessed by any question (tag a question with it)")


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def build(project: Path, site: Path) -> tuple[int, str, str]:
    return cli("build", "-p", str(project), "-f", str(project / "mkdocs.yml"), "-d", str(site))


def add_unassessed_objective(project: Path) -> int:
    """A second objective of alpha, served by a session but assessed by no question.

    Returns the line of its id."""
    module = project / "modules" / "alpha.yaml"
    text = module.read_text(encoding="utf-8")
    text = text.replace("objectives: [know-alpha]", "objectives: [know-alpha, alpha-extra]", 1)
    text = text.replace("    text: Explain alpha.\n", "    text: Explain alpha.\n"
                        "  - id: alpha-extra\n    text: Explain the extra point.\n")
    module.write_text(text, encoding="utf-8")
    return text.splitlines().index("  - id: alpha-extra") + 1


def test_a_strict_build_prints_the_warning_that_stopped_it(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    line = add_unassessed_objective(project)
    code, _, stderr = build(project, tmp_path / "site")
    assert code == 1
    lines = stderr.splitlines()
    assert lines[0] == UNASSESSED.format(line=line), stderr
    assert ("MkDocs build failed (en): Aborted with 1 warnings in strict mode! (mkdocs.yml "
            "sets strict: true, so every warning above is an error; the old site was kept)"
            ) in lines[1]
    assert not (tmp_path / "site").exists()


def test_mkdocs_own_warnings_name_the_page(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    (project / "docs" / "extra.md").write_text("# Extra\n\n[gone](missing.md)\n",
                                               encoding="utf-8")
    code, _, stderr = build(project, tmp_path / "site")
    assert code == 1
    page = project / "docs" / "extra.md"
    assert any(line.startswith("error: ") and line.endswith(
        "extra.md: MkDocs: Doc file 'extra.md' contains a link 'missing.md', but the target "
        "is not found among documentation files.") and str(page.name) in line
        for line in stderr.splitlines()), stderr


def test_without_strict_the_warnings_are_printed_and_the_site_built(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true\n", ""),
                      encoding="utf-8")
    line = add_unassessed_objective(project)
    code, stdout, stderr = build(project, tmp_path / "site")
    assert code == 0, stderr
    assert stderr.splitlines() == [UNASSESSED.format(line=line).replace("error: ", "warning: ")]
    assert stdout.startswith("built ")


def test_validate_says_when_build_would_fail(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    line = add_unassessed_objective(project)
    code, stdout, stderr = cli("validate", "-p", str(project))
    assert code == 1
    assert stderr.splitlines()[0] == UNASSESSED.format(line=line).replace("error: ", "warning: ")
    assert ("build would fail in strict mode because of 1 warning above (mkdocs.yml sets "
            "strict: true); fix it, or remove strict from mkdocs.yml") in stderr
    assert not stdout.startswith("ok")


def test_validate_of_a_lenient_project_passes_with_its_warning(tmp_path: Path) -> None:
    project = buildable_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true\n", ""),
                      encoding="utf-8")
    add_unassessed_objective(project)
    code, stdout, stderr = cli("validate", "-p", str(project))
    assert code == 0, stderr
    assert stdout.startswith("ok: 2 modules")
    assert "build would fail" not in stderr


def test_a_new_module_builds_as_it_is(tmp_path: Path) -> None:
    """The README's walkthrough: new module, list it in course.yaml, strict build."""
    project = buildable_copy(tmp_path / "project")
    code, stdout, stderr = cli("new", "-p", str(project), "module", "gamma")
    assert code == 0, stderr
    course = project / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "modules: [alpha, beta]", "modules: [alpha, beta, gamma]"), encoding="utf-8")
    code, stdout, stderr = cli("validate", "--strict", "-p", str(project))
    assert (code, stderr) == (0, ""), stderr
    assert stdout.endswith(" 0 warning(s)\n")
    code, _, stderr = build(project, tmp_path / "site")
    assert code == 0, stderr
    assert stderr == ""
    assert (tmp_path / "site" / "en" / "modules" / "gamma" / "index.html").is_file()


@pytest.mark.parametrize(("kind", "existing"), [("module", "modules/gamma.yml"),
                                                ("bank", "quizzes/gamma.yml"),
                                                ("module", "quizzes/gamma-bank.yaml")])
def test_new_refuses_when_the_id_is_taken(tmp_path: Path, kind: str, existing: str) -> None:
    project = buildable_copy(tmp_path / "project")
    (project / existing).write_text("# mine\n", encoding="utf-8")
    before = tree_digest(project)
    code, _, stderr = cli("new", "-p", str(project), kind, "gamma")
    assert code == 1
    assert stderr.splitlines()[0] == (f"error: {existing}: exists already (choose another id, "
                                      "or edit the file)")
    assert tree_digest(project) == before
