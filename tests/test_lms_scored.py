"""Numeric questions, partial credit and feedback in Moodle XML, GIFT and QTI, read back by
lxml and pygiftparser (the bank: tests/data/lms/quizzes/alpha-scored.yaml)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.export.common import chosen_banks
from builder.export.gift import export_gift
from builder.export.moodle import export_moodle
from builder.export.qti import QTI, export_qti
from builder.load.project import Project, load_project
from tests.lmskit import lms_project
from tests.lmskit import warned as _warned

pygift = pytest.importorskip("pygiftparser.parser", reason="make test installs pygiftparser")
BANK = "alpha-scored"
Q = f"{{{QTI}}}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return load_project(lms_project(tmp_path_factory.mktemp("scored")))


def _answers(question) -> list[tuple[str, float, str]]:
    return [(a.findtext("text"), float(a.get("fraction")), a.findtext("feedback/text"))
            for a in question.findall("answer")]


def test_moodle_xml_numerical_fractions_and_feedback(project: Project) -> None:
    export = export_moodle(project, chosen_banks(project, BANK), ["en"])
    root = etree.fromstring(export.files[f"en/{BANK}.xml"])
    by_id = {q.findtext("name/text"): q for q in root.findall("question")[1:]}
    number = by_id["s-number"]
    assert number.get("type") == "numerical"
    assert _answers(number) == [("24", 100, "Right."), ("26", 50, "That is the Latin alphabet."),
                                ("*", 0, "Count again.")]
    assert [a.findtext("tolerance") for a in number.findall("answer")] == ["0", "1", "0"]
    assert number.findtext("units/unit/unit_name") == "letters"
    assert number.findtext("units/unit/multiplier") == "1"
    assert number.findtext("unitgradingtype") == "0"
    assert by_id["s-decimal"].findtext("answer/tolerance") == "0.05"
    assert by_id["s-decimal"].findtext("answer/text") == "2.5"
    assert _answers(by_id["s-single"]) == [("Alpha", 100, ""), ("Beta", 50,
                                           "Second, half the points."), ("Omega", 0, "Last.")]
    assert _answers(by_id["s-tf"]) == [("true", 100, "Yes, the last."),
                                       ("false", 0, "No: omega is last.")]
    assert _answers(by_id["s-fill"]) == [("beta", 100, "Well done."),
                                         ("gamma", 25, "Gamma is third."), ("*", 0, "It is beta.")]
    assert by_id["s-essay"].get("type") == "essay"
    assert not export.warnings


def test_moodle_credit_it_lacks_is_rounded_with_a_warning(project: Project) -> None:
    bank = project.banks[BANK].model_copy(deep=True)
    bank.questions[2].options[1].credit = 45
    export = export_moodle(project, [bank], ["en"])
    root = etree.fromstring(export.files[f"en/{BANK}.xml"])
    assert _answers(root.findall("question")[3])[1][1] == 50  # the nearest Moodle fraction
    assert any("45%" in w for w in _warned(export, "s-single"))


def test_gift_numeric_credit_and_feedback_read_back(project: Project, tmp_path: Path) -> None:
    export = export_gift(project, chosen_banks(project, BANK), ["en"])
    text = export.files[f"en/{BANK}.gift"].decode()
    assert "{\n#\n=24:0#Right.\n=%50%26:1#That is the Latin alphabet.\n" in text
    path = tmp_path / "scored.gift"
    path.write_bytes(export.files[f"en/{BANK}.gift"])
    with path.open(encoding="utf-8") as handle:
        questions = {q.title: q for q in pygift.parseFile(handle)}
    assert all(q.valid for q in questions.values()), [k for k, q in questions.items()
                                                       if not q.valid]
    kinds = {k: type(q.answers).__name__ for k, q in questions.items()}
    assert kinds["s-number"] == kinds["s-decimal"] == "NumericAnswerSet"
    assert kinds["s-single"] == "SelectSet"
    number = [(a.value, a.tolerance, a.fraction, a.feedback)
              for a in questions["s-number"].answers.answers]
    assert number == [(24, 0, 100, "Right."), (26, 1, 50, "That is the Latin alphabet.")]
    assert [(a.value, a.tolerance) for a in questions["s-decimal"].answers.answers] == [
        (2.5, 0.05)]
    tf = questions["s-tf"].answers  # GIFT: the wrong answer's feedback first
    assert (tf.answer, tf.feedbackWrong, tf.feedbackCorrect) == (
        True, "No\\: omega is last.", "Yes, the last.")
    single = [(a.answer, a.fraction) for a in questions["s-single"].answers.answers]
    assert single == [("Alpha", 100), ("Beta", 50), ("Omega", 0)]
    fill = [(a.answer, a.fraction, a.feedback) for a in questions["s-fill"].answers.answers]
    assert fill == [("beta", 100, "Well done."), ("gamma", 25, "Gamma is third.")]
    # what GIFT cannot carry is a warning naming the question
    assert any("unit 'letters'" in w for w in _warned(export, "s-number"))
    assert any("feedback_wrong" in w for w in _warned(export, "s-fill"))
    assert not _warned(export, "s-essay"), "no model answer: nothing is left out"


def test_qti_numeric_ranges_and_credit(project: Project) -> None:
    export = export_qti(project, chosen_banks(project, BANK), ["en"])
    archive = zipfile.ZipFile(io.BytesIO(export.files[f"en/{BANK}.zip"]))
    item = etree.fromstring(archive.read("items/s-number.xml"))
    assert {e.tag.split("}")[0] + "}" for e in item.iter() if isinstance(e.tag, str)} == {Q}
    decl = item.find(f"{Q}responseDeclaration")
    assert decl.get("baseType") == "float"
    assert decl.findtext(f"{Q}correctResponse/{Q}value") == "24"
    assert item.find(f".//{Q}textEntryInteraction") is not None
    assert item.findtext(f".//{Q}span[@class='unit']").strip() == "letters"
    branches = item.findall(f"{Q}responseProcessing/{Q}responseCondition/{Q}responseElseIf")
    ranges = [[b.text for b in branch.iter(f"{Q}baseValue") if b.get("baseType") == "float"]
              for branch in branches]
    assert ranges == [["24", "24", "2"], ["25", "27", "1"]]  # low, high, SCORE (of 2 points)
    feedback = {f.get("identifier"): "".join(f.itertext()).strip() for f in
                item.iter(f"{Q}modalFeedback")}
    assert feedback == {"A1": "Right.", "A2": "That is the Latin alphabet.",
                        "WRONG": "Count again.", "GENERAL": "Twenty-four, from alpha to omega."}
    decimal = etree.fromstring(archive.read("items/s-decimal.xml"))  # it has a hint
    hint_first = decimal.find(f"{Q}responseProcessing/{Q}responseCondition/{Q}responseIf")
    assert hint_first.find(f"{Q}variable").get("identifier") == "HINTREQUEST"
    scored = decimal.find(f"{Q}responseProcessing/{Q}responseCondition/{Q}responseElse")
    assert scored.find(f"{Q}responseCondition/{Q}responseElseIf/{Q}and") is not None
    single = etree.fromstring(archive.read("items/s-single.xml"))
    values = [float(e.get("mappedValue")) for e in single.iter(f"{Q}mapEntry")]
    assert values == [1, 0.5, 0]
    fill = etree.fromstring(archive.read("items/s-fill.xml"))
    assert {e.get("mapKey"): float(e.get("mappedValue"))
            for e in fill.iter(f"{Q}mapEntry")} == {"beta": 1, "gamma": 0.25}
    tf = etree.fromstring(archive.read("items/s-tf.xml"))
    assert {f.get("identifier") for f in tf.iter(f"{Q}modalFeedback")} == {"TRUE", "FALSE"}
