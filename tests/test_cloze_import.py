"""Issue 21: Moodle's questions with gaps (cloze, gapselect, ddwtos) import as one question per
gap; a broken gap is left out at its line with why, the other gaps kept; what is written
validates and renders in a built site."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.adapters.mkdocs_build import build_sites
from builder.cli.main import main
from builder.imports.cloze import BLANK, OTHER
from builder.load.project import load_project
from tests.lmskit import LMS_DATA, lms_project
from tests.sitedata import page_json
from tests.test_real_imports import CORPUS

CLOZE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<question type="cloze">
<name><text>Extradition</text></name>
<questiontext format="html"><text><![CDATA[<p>It goes to the {1:MULTICHOICE:=central \
authority#Yes~%50%ministry#Partly~court#No}.</p>
<p>Grounds: {2:MULTIRESPONSE:=nationality~=political offence~weather}</p>
<p>Treaty: {1:SHORTANSWER:=Minsk Convention#Right~%50%Minsk#Say which~*#Look it up}</p>
<p>Код: {:SAC:=УПК}</p>
<p>Year: {1:NUMERICAL:=1993~%50%1993:1#Close~*#No}</p>
<p>Broken: {1:NUMERICAL:=zero}</p>
<p>Unknown: {1:FOO:=a~b}</p>
<p>Вопрос: {1:MCV:=да~нет}, {1:MCH:=a\\}b~c\\~d\\#e}</p>]]></text></questiontext>
<generalfeedback format="html"><text>See art. 80.</text></generalfeedback>
</question>
<question type="cloze">
<name><text>Seal</text></name>
<questiontext format="html"><text><![CDATA[<p><img src="@@PLUGINFILE@@/seal.png" alt="seal">
Whose? {1:MC:=<img src="@@PLUGINFILE@@/seal.png" alt="ours">~theirs}</p>
<p>{1:MR:%50%a~%50%b~%-100%c} {1:MC:=x~%-50%y} {1:NM:=23,8:0,1}</p>]]></text>
<file name="seal.png" path="/" encoding="base64">SEAL</file></questiontext>
</question>
</quiz>
"""

GAPS = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<question type="ddwtos">
<name><text>Who</text></name>
<questiontext format="html"><text>&lt;p&gt;The [[1]] asks the [[2]]; Москва [[3]].&lt;/p&gt;</text>
</questiontext>
<defaultgrade>3</defaultgrade>
<dragbox><text>prosecutor</text><group>1</group></dragbox>
<dragbox><text>court</text><group>2</group></dragbox>
<dragbox><text>judge</text><group>1</group><infinite/></dragbox>
<dragbox><text>ministry</text><group>2</group></dragbox>
</question>
<question type="gapselect">
<name><text>Yes</text></name>
<questiontext format="html"><text>Is it [[1]]? And [[9]]?</text></questiontext>
<selectoption><text>да</text><group>1</group></selectoption>
<selectoption><text>нет</text><group>1</group></selectoption>
</question>
</quiz>
"""


def _import(project: Path, file: Path, bank: str):
    return CliRunner().invoke(main, ["import", "moodle", str(file), "--bank", bank, "-p",
                                     str(project)])


def import_gap_banks(tmp: Path) -> tuple[Path, dict[str, str]]:
    """A project with both files imported (banks `cloze` and `gaps`), and what each said."""
    project, said = lms_project(tmp), {}
    seal = base64.b64encode((LMS_DATA / "media" / "seal.png").read_bytes()).decode()
    for name, text in (("cloze", CLOZE.replace("SEAL", seal)), ("gaps", GAPS)):
        (tmp / f"{name}.xml").write_text(text, encoding="utf-8")
        result = _import(project, tmp / f"{name}.xml", name)
        assert result.exit_code == 0, result.output
        said[name] = result.output
    return project, said


def quiz_the_gaps(project: Path) -> str:
    """Module alpha's sessions quiz the two banks (intro: cloze, practice: gaps); returns the
    module as it was."""
    module = project / "modules" / "alpha.yaml"
    original = module.read_text()
    assert "quiz: alpha-bank" in original and "content: Practise alpha.\n" in original
    module.write_text(original.replace("quiz: alpha-bank", "quiz: cloze").replace(
        "content: Practise alpha.\n", "content: Practise alpha.\n    quiz: gaps\n"))
    return original


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    return import_gap_banks(tmp_path_factory.mktemp("cloze"))


def _bank(project: Path, bank: str) -> dict[str, dict]:
    loaded = load_project(project)  # what was written validates, with the whole project
    return {q.id: q.model_dump(mode="json", exclude_defaults=True) | {"type": q.type}
            for q in loaded.banks[bank].questions}


def test_each_cloze_gap_type_becomes_its_question(imported) -> None:
    project, said = imported
    bank = _bank(project, "cloze")
    assert list(bank) == [f"extradition-gap{n}" for n in (1, 2, 3, 4, 5, 8, 9)] + [
        f"seal-gap{n}" for n in (1, 2, 3, 4)]
    gap1 = bank["extradition-gap1"]
    assert gap1["type"] == "single"
    assert gap1["options"] == [
        {"text": "central authority", "correct": True, "feedback": "Yes"},
        {"text": "ministry", "credit": 50, "feedback": "Partly"},
        {"text": "court", "feedback": "No"}]
    assert f"It goes to the {BLANK}." in gap1["prompt"]
    assert f"Grounds: {OTHER}" in gap1["prompt"] and gap1["prompt"].count(BLANK) == 1
    assert gap1["explanation"] == "See art. 80."
    gap2 = bank["extradition-gap2"]
    assert (gap2["type"], gap2["points"]) == ("multiple", 2)
    assert [o.get("correct", False) for o in gap2["options"]] == [True, True, False]
    assert bank["extradition-gap3"] | {"prompt": ""} == {
        "id": "extradition-gap3", "type": "fill-in", "prompt": "",
        "answers": ["Minsk Convention"], "feedback_right": "Right",
        "partial": [{"answer": "Minsk", "credit": 50, "feedback": "Say which"}],
        "feedback_wrong": "Look it up", "explanation": "See art. 80."}
    gap4 = bank["extradition-gap4"]
    assert (gap4["answers"], gap4["case_sensitive"]) == (["УПК"], True)
    assert f"Код: {BLANK}" in gap4["prompt"]
    gap5 = bank["extradition-gap5"]
    assert gap5["answers"] == [{"value": 1993.0},
                               {"value": 1993.0, "tolerance": 1.0, "credit": 50,
                                "feedback": "Close"}]
    assert gap5["feedback_wrong"] == "No"
    assert [o["text"] for o in bank["extradition-gap8"]["options"]] == ["да", "нет"]
    assert [o["text"] for o in bank["extradition-gap9"]["options"]] == ["a}b", "c~d#e"]
    seal = bank["seal-gap1"]
    assert seal["prompt"] == (f"![seal](../media/cloze/seal.png)\nWhose? {BLANK}\n\n"
                              f"{OTHER} {OTHER} {OTHER}")
    assert bank["seal-gap4"]["answers"] == [{"value": 23.8, "tolerance": 0.1}]
    output = " ".join(said["cloze"].split())
    assert ("question 'Seal', gap 2: scored as the site scores multiple choice: its penalties "
            "(-100 %) are not kept: each wrong option chosen takes 1/2 off") in output
    assert ("question 'Seal', gap 3: its penalties (-50 %) are left out: a wrong option earns 0"
            in output)
    assert seal["options"][0] == {"text": "![ours](../media/cloze/seal.png)", "correct": True}
    assert (project / "media" / "cloze" / "seal.png").read_bytes() == (
        LMS_DATA / "media" / "seal.png").read_bytes()
    assert "13 question(s) read, 11 written" in said["cloze"]
    assert ("question 'Extradition' (cloze) split into 7 question(s), one per gap; its general "
            "feedback goes with each") in " ".join(said["cloze"].split())


def test_a_broken_gap_is_left_out_at_its_line_and_the_others_kept(imported) -> None:
    project, said = imported
    output = " ".join(said["cloze"].split())
    file = project.parent / "cloze.xml"
    assert (f"{file}:10:1: question 'Extradition', gap 6 '{{1:NUMERICAL:=zero}}' is left "
            "out: the answer 'zero' is not a number") in output
    assert (f"{file}:11:1: question 'Extradition', gap 7 '{{1:FOO:=a~b}}' is left out: FOO "
            "is not a gap type of Moodle") in output


def test_gapselect_and_ddwtos_gaps_choose_from_their_group(imported) -> None:
    project, said = imported
    bank = _bank(project, "gaps")
    assert list(bank) == ["who-gap1", "who-gap2", "who-gap3", "yes-gap1"]
    options = {qid: [(o["text"], o.get("correct", False)) for o in q["options"]]
               for qid, q in bank.items()}
    assert options["who-gap1"] == [("prosecutor", True), ("judge", False)]
    assert options["who-gap2"] == [("court", True), ("ministry", False)]
    assert options["who-gap3"] == [("prosecutor", False), ("judge", True)]
    assert options["yes-gap1"] == [("да", True), ("нет", False)]
    assert bank["who-gap3"]["prompt"] == f"The {OTHER} asks the {OTHER}; Москва {BLANK}."
    assert bank["yes-gap1"]["prompt"] == f"Is it {BLANK}? And {OTHER}?"
    output = " ".join(said["gaps"].split())
    assert "gap 2 '[[9]]' is left out: it names choice 9, the question has 2" in output
    assert "5 question(s) read, 4 written" in output


def test_the_written_banks_render_in_a_built_site(imported) -> None:
    project, _ = imported
    original = quiz_the_gaps(project)
    try:
        strict = CliRunner().invoke(main, ["validate", "--strict", "-p", str(project)])
        assert strict.exit_code == 0, strict.output
        site = build_sites(project, project / "mkdocs.yml", project.parent / "site") / "en"
    finally:
        (project / "modules" / "alpha.yaml").write_text(original)
    questions = [q for page in ("quiz-intro", "quiz-practice")
                 for blob in page_json(site / "modules" / "alpha" / f"{page}.html").values()
                 for q in blob.get("questions", [])]
    shown = {q["id"]: q for q in questions}
    assert set(shown) == {f"extradition-gap{n}" for n in (1, 2, 3, 4, 5, 8, 9)} | {
        "seal-gap1", "seal-gap2", "seal-gap3", "seal-gap4", "who-gap1", "who-gap2", "who-gap3",
        "yes-gap1"}
    assert shown["extradition-gap1"]["prompt"].startswith(f"<p>It goes to the {BLANK}.</p>")
    assert shown["who-gap3"]["prompt"] == f"<p>The {OTHER} asks the {OTHER}; Москва {BLANK}.</p>"
    assert [o["text"] for o in shown["extradition-gap9"]["options"]] == ["a}b", "c~d#e"]
    assert 'src="../../../media/cloze/seal.png"' in shown["seal-gap1"]["options"][0]["text"]
    assert (site / "media" / "cloze" / "seal.png").is_file()


def test_moodles_broken_cloze_fixture_is_refused_gap_by_gap(tmp_path: Path) -> None:
    project = lms_project(tmp_path)
    file = CORPUS / "moodle-xml" / "moodle" / "broken_cloze_questions.xml"
    result = _import(project, file, "broken")
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    for line, reason in ((4, "its text has no gap"),
                         (25, "MULTICHOICE is not followed by ':' and the answers"),
                         (41, "a choice gap needs at least two choices"),
                         (57, "no answer is fully right"),
                         (73, "the answer 'zero' is not a number")):
        assert f"{file}:{line}:1: question '" in output and reason in output, reason
    assert "Traceback" not in result.output
    assert not (project / "quizzes" / "broken.yaml").exists()


def test_huge_numbers_in_gaps_are_reported_not_a_crash(tmp_path: Path) -> None:
    project = lms_project(tmp_path)
    huge = "9" * 5000  # int() refuses more than 4300 digits
    file = tmp_path / "huge.xml"
    file.write_text(f'<quiz><question type="cloze"><name><text>h</text></name><questiontext>'
                    f"<text>{{{huge}:SA:=x}}</text></questiontext></question>"
                    f'<question type="gapselect"><name><text>g</text></name><questiontext>'
                    f"<text>[[1]] [[{huge}]]</text></questiontext>"
                    "<selectoption><text>a</text><group>1</group></selectoption>"
                    "<selectoption><text>b</text><group>1</group></selectoption>"
                    "</question></quiz>", encoding="utf-8")
    result = _import(project, file, "huge")
    assert result.exit_code == 0, result.output
    assert "is over 1000 points: 1 point" in result.output
    assert "it names choice 9999999999" in result.output
    assert "points" not in _bank(project, "huge")["h-gap1"]
