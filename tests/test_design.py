"""Design aids: lint rules (a flawed and a clean example each, as data under tests/data/lint/),
the alignment findings and the statistics, run through the real CLI on real projects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli.main import main

from .corpus import MINIMAL, UPDATE, Case, cases

LINT = cases("lint")
RULES = ["near-duplicate", "long-correct-option", "all-none-of-the-above", "negative-stem",
         "answer-in-prompt", "overlapping-options", "pre-post-overlap", "one-correct-multiple"]


def cli(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_every_rule_has_a_flawed_and_a_clean_case() -> None:
    names = {c.name for c in LINT}
    for rule in RULES:
        assert {f"{rule}-flawed", f"{rule}-clean"} <= names, rule


@pytest.mark.parametrize("case", LINT, ids=[c.name for c in LINT])
def test_lint(case: Case, tmp_path: Path) -> None:
    project = case.lay_out(tmp_path)
    code, stdout, stderr = cli(["lint", "-p", str(project)])
    lines = stderr.splitlines()
    if not case.name.startswith("pre-post"):
        # The minimal project's own pre/post overlap is the subject of its own cases.
        lines = [line for line in lines if "quizzes/alpha-bank.yaml" not in line]
    if UPDATE and lines != case.expect:
        case.update(lines)
        pytest.skip("expected output rewritten")
    assert lines == case.expect
    flawed = bool(stderr.strip())
    assert code == (1 if flawed else 0)
    assert ("item-writing flaw(s) found" in stdout) == flawed


def _alignment(tmp_path: Path, edit: dict) -> tuple[int, str, str]:
    project = Case("alignment", tmp_path, {"edit": edit}).lay_out(tmp_path)
    return cli(["report", "alignment", "-p", str(project)])


def test_alignment_of_the_minimal_project() -> None:
    code, stdout, _ = cli(["report", "alignment", "-p", str(MINIMAL)])
    assert code == 0
    assert "know-alpha                                2        3      3         0         0" \
        in stdout
    assert "2 objectives, 0 not assessed; 0 question(s) tagged with no objective; " \
        "0 question(s) assessing another module's objective" in stdout


def test_alignment_finds_an_unassessed_objective(tmp_path: Path) -> None:
    code, stdout, _ = _alignment(tmp_path, {"quizzes/alpha-bank.yaml": [
        ["    objectives: [know-alpha, know-beta]", "    objectives: [know-alpha]"]]})
    assert code == 1
    assert "know-beta                                 1        0      0         0         0" \
        "  <- not assessed" in stdout


def test_alignment_lists_untagged_questions(tmp_path: Path) -> None:
    _, stdout, _ = _alignment(tmp_path, {"quizzes/alpha-bank.yaml": [
        ["    prompt: Which is alpha?\n    objectives: [know-alpha]\n",
         "    prompt: Which is alpha?\n"]]})
    assert "1 question(s) tagged with no objective" in stdout
    assert "untagged: quizzes/alpha-bank.yaml: q-single" in stdout


def test_a_question_of_another_module_is_reported_and_warned(tmp_path: Path) -> None:
    edit = {"quizzes/alpha-bank.yaml": [
        ["    objectives: [know-alpha, know-beta]", "    objectives: [know-beta]"]]}
    _, stdout, _ = _alignment(tmp_path, edit)
    assert "other module: alpha draws quizzes/alpha-bank.yaml: q-tf, which assesses none of " \
        "its objectives" in stdout
    code, _, stderr = cli(["validate", "--strict", "-p", str(tmp_path / "project")])
    assert code == 1
    assert ("warning: quizzes/alpha-bank.yaml:15:17: questions[1].objectives: question 'q-tf' "
            "assesses know-beta of another module, but module 'alpha' draws it (tag it with "
            "this module's objectives, or draw it from the other module's quizzes)") in stderr


def test_exercise_objectives_count_and_are_checked(tmp_path: Path) -> None:
    edit = {"quizzes/alpha-bank.yaml": [
        ["    objectives: [know-alpha, know-beta]", "    objectives: [know-alpha]"]],
        "modules/alpha.yaml": [["      title: Draft something\n",
                                "      title: Draft something\n      objectives: [know-bta]\n"]]}
    project = Case("x", tmp_path, {"edit": edit}).lay_out(tmp_path)
    code, _, stderr = cli(["validate", "-p", str(project)])
    assert code == 1
    assert "assessment.exercises[0].objectives[0]: no objective 'know-bta' in this module" \
        in stderr


def test_stats_json(tmp_path: Path) -> None:
    code, stdout, _ = cli(["stats", "-p", str(MINIMAL), "--format", "json"])
    assert code == 0
    figures = json.loads(stdout)
    assert figures["modules"] == 2 and figures["sessions"] == 3
    assert figures["minutes"] == 135
    assert figures["lecture_minutes"] == 45 and figures["practical_minutes"] == 90
    assert figures["questions_by_type"] == {"fill-in": 1, "single": 1, "true-false": 1}
    alpha = figures["per_module"][0]
    assert alpha["id"] == "alpha" and alpha["exercises"] == 1
    assert alpha["questions_by_objective"] == {"know-alpha": 3}


def test_stats_text_on_the_sample_course(sample_project) -> None:
    code, stdout, _ = cli(["stats", "-p", str(sample_project.root)])
    assert code == 0
    modules = len(sample_project.course.modules)
    assert stdout.splitlines()[0].startswith(f"{modules} modules, ")


REGISTRY = """instruments:
  - id: untoc
    short: UNTOC
    title: United Nations Convention against Transnational Organized Crime
    articles: ["18"]
    statuses:
      - {text: "192 States Parties", as_of: 2024-05-04, source: UN Treaty Collection,
         review_months: 12}
      - {text: "A fresh status", as_of: %s, source: UN Treaty Collection}
"""


def _registry_project(tmp_path: Path) -> Path:
    from datetime import date

    spec = {"files": {"instruments.yaml": REGISTRY % date.today().isoformat()}}
    return Case("registry", tmp_path, spec).lay_out(tmp_path)


def test_a_status_due_for_review_is_reported_but_never_fails_a_build(tmp_path: Path) -> None:
    project = _registry_project(tmp_path)
    code, stdout, stderr = cli(["validate", "--strict", "-p", str(project)])
    assert code == 0, stderr
    assert stderr.splitlines() == [
        "review: instruments.yaml:7:45: instruments[0].statuses[0].as_of: the status of "
        "'untoc' as of 2024-05-04 is due for review since 2025-05-04 (12 months) (check it "
        "again in UN Treaty Collection, then update the text and as_of)"]
    code, stdout, _ = cli(["report", "references", "--due", "-p", str(project)])
    assert code == 1
    assert stdout.splitlines() == [
        "REVIEW DUE untoc: as of 2024-05-04, review by 2025-05-04: 192 States Parties "
        "[UN Treaty Collection]", "1 status statement(s) due for review"]
    code, stdout, _ = cli(["report", "references", "-p", str(project)])
    assert code == 0
    assert "reference  alpha: untoc art. 18(13)" in stdout
    assert any(line.startswith("ok         untoc: as of ") for line in stdout.splitlines())


def test_module_pages_show_the_full_title_and_each_status_with_its_date(sample_site) -> None:
    page = (sample_site / "modules" / "service-providers" / "index.html").read_text("utf-8")
    assert "Second Additional Protocol to the Convention on Cybercrime on enhanced " \
        "co-operation and disclosure of electronic evidence (CETS No. 224)" in page
    assert "as of 2026-12-01" in page
    assert "Hungary on 5 February 2026" in page


def test_the_sample_glossary_has_twenty_terms_in_english_and_russian(sample_project) -> None:
    terms = sample_project.glossary.terms
    assert len(terms) >= 20
    for term in terms:
        assert set(term.term) >= {"en", "ru"} and set(term.definition) >= {"en", "ru"}, term.id
