"""Banks from an LMS: GIFT and Moodle XML into quizzes/<id>.yaml. Export then import gives the
same bank as far as each format carries it; the importer never overwrites, reports what it
cannot map with its line, and keeps embedded files inside the project."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli.main import main
from builder.export.common import chosen_banks
from builder.export.gift import export_gift
from builder.export.moodle import export_moodle
from builder.load.project import load_project
from tests.lmskit import EXAM, lms_project

GIFT_TYPES = {"single", "multiple", "true-false", "fill-in", "matching"}


@pytest.fixture()
def project_dir(tmp_path: Path) -> Path:
    return lms_project(tmp_path)


def _import(project: Path, kind: str, file: Path, bank: str):
    return CliRunner().invoke(main, ["import", kind, str(file), "--bank", bank, "-p",
                                     str(project)])


def _comparable(question: dict, *, points: bool, hints: bool) -> dict:
    """What a format carries of a question, with image links made comparable."""
    data = {k: v for k, v in question.items() if k not in ("id", "objectives")}
    if not points:
        data.pop("points", None)
    if not hints:
        data.pop("hint", None)
    if question["type"] == "open":
        data["model_answer"] = data["model_answer"].split("\n\n- ")[0]
        data.pop("checklist", None)
    return json.loads(re.sub(r"\.\./media/[a-z0-9-]+/", "../media/", json.dumps(data)))


def _questions(project: Path, bank: str) -> dict[str, dict]:
    loaded = load_project(project)  # the result passes validation, with the whole project
    return {q.id: q.model_dump(mode="json", exclude_defaults=True)
            | {"type": q.type} for q in loaded.banks[bank].questions}


def test_yaml_to_moodle_to_yaml_gives_the_same_bank(project_dir: Path, tmp_path: Path) -> None:
    project = load_project(project_dir)
    xml = tmp_path / "exam.xml"
    xml.write_bytes(export_moodle(project, chosen_banks(project, EXAM), ["en"]).files[
        f"en/{EXAM}.xml"])
    result = _import(project_dir, "moodle", xml, "exam-again")
    assert result.exit_code == 0, result.output
    before, after = _questions(project_dir, EXAM), _questions(project_dir, "exam-again")
    assert list(before) == list(after)
    for qid in before:
        assert _comparable(after[qid], points=True, hints=True) == _comparable(
            before[qid], points=True, hints=True), qid
    image = project_dir / "media" / "exam-again" / "seal.png"
    assert image.read_bytes() == (project_dir / "media" / "seal.png").read_bytes()


def test_yaml_to_gift_to_yaml_gives_the_same_bank(project_dir: Path, tmp_path: Path) -> None:
    project = load_project(project_dir)
    bank = project.banks[EXAM].model_copy(deep=True)
    bank.questions[0].prompt = "Which letter is **alpha**?"  # GIFT carries no images
    gift = tmp_path / "exam.gift"
    gift.write_bytes(export_gift(project, [bank], ["en"]).files[f"en/{EXAM}.gift"])
    result = _import(project_dir, "gift", gift, "exam-gift")
    assert result.exit_code == 0, result.output
    assert "declared complete" not in result.output
    before = {q.id: q.model_dump(mode="json", exclude_defaults=True) | {"type": q.type}
              for q in bank.questions}
    after = _questions(project_dir, "exam-gift")
    assert sorted(after) == sorted(q for q in before if before[q]["type"] in GIFT_TYPES)
    for qid in after:
        assert _comparable(after[qid], points=False, hints=False) == _comparable(
            before[qid], points=False, hints=False), qid


def test_sample_banks_round_trip_through_moodle_xml(sample_project, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for source in sample_project.root.glob("course*.y*ml"):
        shutil.copy(source, project / source.name)
    # an imported bank is in one language: a language declared complete would need overlays
    course = project / "course.yaml"
    course.write_text(re.sub(r"(?m)^complete_languages:.*$", "", course.read_text("utf-8")),
                      encoding="utf-8")
    for name in ("modules", "quizzes", "media", "translations"):
        if (sample_project.root / name).is_dir():
            shutil.copytree(sample_project.root / name, project / name)
    export = export_moodle(sample_project, chosen_banks(sample_project, None), ["en"])
    for bank_id in sorted(sample_project.banks):
        xml = tmp_path / f"{bank_id}.xml"
        xml.write_bytes(export.files[f"en/{bank_id}.xml"])
        result = _import(project, "moodle", xml, f"{bank_id}-copy")
        assert result.exit_code == 0, result.output
    loaded = load_project(project)
    for bank_id, bank in sample_project.banks.items():
        copy = loaded.banks[f"{bank_id}-copy"]
        assert [(q.id, q.type, q.points) for q in copy.questions] == [
            (q.id, q.type, q.points) for q in bank.questions], bank_id


def test_import_never_overwrites(project_dir: Path, tmp_path: Path) -> None:
    target = project_dir / "quizzes" / "alpha-bank.yaml"
    before = target.read_bytes()
    gift = tmp_path / "one.gift"
    gift.write_text("::q1::Alpha is first.{TRUE}\n", encoding="utf-8")
    result = _import(project_dir, "gift", gift, "alpha-bank")
    assert result.exit_code == 1 and "exists already" in result.output
    assert target.read_bytes() == before


def test_import_refuses_a_dangling_symlink_in_the_way(project_dir: Path,
                                                       tmp_path: Path) -> None:
    """A symlink whose target is missing is a file in the way too: refused (exit 1), not
    followed, and nothing is created where it points."""
    link = project_dir / "quizzes" / "evil.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    gift = tmp_path / "one.gift"
    gift.write_text("::q1::Alpha is first.{TRUE}\n", encoding="utf-8")
    result = _import(project_dir, "gift", gift, "evil")
    assert result.exit_code == 1 and "exists already" in result.output
    assert not (tmp_path / "nowhere.yaml").exists()


def test_what_cannot_be_mapped_is_reported_with_its_line(project_dir: Path,
                                                         tmp_path: Path) -> None:
    gift = tmp_path / "mixed.gift"
    gift.write_text("// a comment\n$CATEGORY: $course$/top/Mixed\n\n"
                    "::n1::How many? {#5}\n\n"
                    "::d1::Just a description.\n\n"
                    "::e1::Why?{}\n\n"
                    "::s1::Which?{=Alpha#Yes ~Beta#No}\n", encoding="utf-8")
    result = _import(project_dir, "gift", gift, "mixed")
    assert result.exit_code == 0, result.output
    assert f"{gift}:4:1: question 'n1' is left out: a numerical question" in result.output
    assert f"{gift}:6:1: question 'd1' has no answers" in result.output
    assert f"{gift}:8:1: question 'e1' is left out" in result.output
    assert list(_questions(project_dir, "mixed")) == ["s1"]
    xml = tmp_path / "mixed.xml"
    xml.write_text('<?xml version="1.0"?>\n<quiz>\n<question type="numerical">\n'
                   "<name><text>n2</text></name></question>\n"
                   '<question type="truefalse"><name><text>t2</text></name>'
                   '<questiontext format="html"><text>&lt;p&gt;Yes?&lt;/p&gt;</text>'
                   '</questiontext><answer fraction="100"><text>true</text></answer>'
                   '<answer fraction="0"><text>false</text></answer></question>\n</quiz>\n',
                   encoding="utf-8")
    result = _import(project_dir, "moodle", xml, "mixed-xml")
    assert result.exit_code == 0, result.output
    assert f"{xml}:3:1: question 'n2' of type 'numerical' is left out" in result.output


def test_embedded_files_stay_in_the_project_and_entities_are_not_read(
        project_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER-42", encoding="utf-8")
    xml = tmp_path / "evil.xml"
    xml.write_text('<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY secret SYSTEM '
                   f'"{secret.as_uri()}">]>\n<quiz><question type="truefalse">'
                   "<name><text>t1</text></name><questiontext format=\"html\">"
                   "<text>&lt;p&gt;See &lt;img src=\"@@PLUGINFILE@@/../../../x.png\"&gt; "
                   "&amp;secret;&lt;/p&gt;&secret;</text>"
                   '<file name="../../../x.png" path="/" encoding="base64">iVBORw0K</file>'
                   '</questiontext><answer fraction="100"><text>true</text></answer>'
                   '<answer fraction="0"><text>false</text></answer></question></quiz>\n',
                   encoding="utf-8")
    result = _import(project_dir, "moodle", xml, "evil")
    assert result.exit_code == 0, result.output
    assert (project_dir / "media" / "evil" / "x.png").exists()
    assert not (tmp_path / "x.png").exists() and not (project_dir.parent / "x.png").exists()
    text = (project_dir / "quizzes" / "evil.yaml").read_text(encoding="utf-8")
    assert "SECRET-MARKER-42" not in text


def test_import_into_a_course_with_complete_languages_says_what_is_missing(
        project_dir: Path, tmp_path: Path) -> None:
    course = project_dir / "course.yaml"
    course.write_text(course.read_text("utf-8") + "languages: [en, ru]\ncomplete_languages: [ru]\n",
                      encoding="utf-8")
    gift = tmp_path / "one.gift"
    gift.write_text("::q1::Alpha is first.{TRUE}\n", encoding="utf-8")
    result = _import(project_dir, "gift", gift, "one")
    assert result.exit_code == 0, result.output
    assert "ru is declared complete: translate quizzes/one.yaml" in result.output
