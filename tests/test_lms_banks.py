"""Question banks for an LMS: Moodle XML, GIFT and QTI 2.1, read back by real parsers."""

from __future__ import annotations

import base64
import io
import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from lxml import etree

from builder.cli.main import main
from builder.export.common import chosen_banks
from builder.export.gift import export_gift
from builder.export.moodle import export_moodle
from builder.export.qti import QTI, export_qti
from builder.load.project import Project, load_project
from tests.lmskit import EXAM, lms_project
from tests.lmskit import warned as _warned

pygift = pytest.importorskip("pygiftparser.parser", reason="make test installs pygiftparser")
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
Q = f"{{{QTI}}}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return load_project(lms_project(tmp_path_factory.mktemp("banks")))


# --- Moodle XML ----------------------------------------------------------------------------

def test_moodle_xml_carries_every_type(project: Project) -> None:
    export = export_moodle(project, chosen_banks(project, EXAM), ["en"])
    root = etree.fromstring(export.files[f"en/{EXAM}.xml"])
    category, *questions = root.findall("question")
    assert category.get("type") == "category"
    assert category.findtext("category/text") == "$course$/top/Alpha exam"
    kinds = {q.findtext("name/text"): q.get("type") for q in questions}
    assert kinds == {"e-single": "multichoice", "e-multiple": "multichoice",
                     "e-tf": "truefalse", "e-fill": "shortanswer", "e-match": "matching",
                     "e-order": "ordering", "e-open": "essay"}
    by_id = {q.findtext("name/text"): q for q in questions}
    single = by_id["e-single"]
    assert single.findtext("defaultgrade") == "2.0000000"
    assert "first" in single.findtext("generalfeedback/text")
    assert [a.findtext("feedback/text") for a in single.findall("answer")] == [
        "Right.", "Beta is second.", "Gamma is third."]
    assert "It comes first." in single.findtext("hint/text")
    # the image travels inside the file, named by @@PLUGINFILE@@
    file = single.find("questiontext/file")
    assert 'src="@@PLUGINFILE@@/seal.png"' in single.findtext("questiontext/text")
    assert base64.b64decode(file.text) == (project.root / "media/seal.png").read_bytes()
    # partial credit: +1/n per right option, -1/n per wrong one, as the site scores
    fractions = [float(a.get("fraction")) for a in by_id["e-multiple"].findall("answer")]
    assert fractions == [50, 50, -50]
    assert [a.findtext("text") for a in by_id["e-order"].findall("answer")] == [
        "Alpha", "Beta", "Gamma"]
    assert "EXAM-MODEL-ANSWER" in by_id["e-open"].findtext("graderinfo/text")
    assert [s.findtext("answer/text") for s in by_id["e-match"].findall("subquestion")] == [
        "first", "second", "third"]
    assert _warned(export, "e-order"), "the ordering's different partial credit is a warning"


def test_moodle_fraction_that_moodle_lacks_is_a_warning(project: Project) -> None:
    bank = project.banks[EXAM].model_copy(deep=True)
    multiple = bank.questions[1]
    multiple.options = [type(multiple.options[0])(text=f"o{i}", correct=i < 12)
                        for i in range(13)]
    export = export_moodle(project, [bank], ["en"])
    assert any("1/12" in w for w in _warned(export, "e-multiple"))


# --- GIFT ----------------------------------------------------------------------------------

def test_gift_is_read_back_by_pygiftparser(project: Project, tmp_path: Path) -> None:
    export = export_gift(project, chosen_banks(project, EXAM), ["en"])
    path = tmp_path / "bank.gift"
    path.write_bytes(export.files[f"en/{EXAM}.gift"])
    with path.open(encoding="utf-8") as handle:
        questions = {q.title: q for q in pygift.parseFile(handle)}
    assert all(q.valid for q in questions.values())
    kinds = {k: type(q.answers).__name__ for k, q in questions.items()}
    assert kinds == {"e-single": "SelectSet", "e-multiple": "MultipleChoicesSet",
                     "e-tf": "TrueFalseSet", "e-fill": "ShortSet", "e-match": "MatchingSet",
                     "e-open": "Essay"}
    single = questions["e-single"]
    assert single.text.startswith("Which letter is **alpha**?")
    assert single.generalFeedback == "Alpha is the *first* letter."
    assert [(a.answer, a.fraction, a.feedback) for a in single.answers.answers] == [
        ("Alpha", 100, "Right."), ("Beta", 0, "Beta is second."), ("Gamma", 0, "Gamma is third.")]
    assert [a.fraction for a in questions["e-multiple"].answers.answers] == [50, 50, -50]
    assert questions["e-tf"].answers.answer is False
    assert [a.answer for a in questions["e-fill"].answers.answers] == ["5", "five"]
    assert [(a.question.strip(), a.answer.strip()) for a in
            questions["e-match"].answers.answers] == [("Alpha", "first"), ("Beta", "second"),
                                                      ("Gamma", "third")]
    # what GIFT cannot carry is a warning naming the question, never a silent drop
    assert any("no ordering" in w for w in _warned(export, "e-order"))
    assert any("no hints" in w for w in _warned(export, "e-single"))
    assert any("points" in w for w in _warned(export, "e-open"))
    assert any("model answer" in w for w in _warned(export, "e-open"))


def _first_is_valid(text: str, tmp_path: Path) -> None:
    path = tmp_path / "bank.gift"
    path.write_text(text, encoding="utf-8")
    with path.open(encoding="utf-8") as handle:
        first = pygift.parseFile(handle)[0]
    assert first.valid and first.title == "e-single"


def test_gift_escapes_its_special_characters(project: Project, tmp_path: Path) -> None:
    bank = project.banks[EXAM].model_copy(deep=True)
    bank.questions[0].prompt = "Art. 18: {a} = b ~ c # d \\ e\n\nSecond paragraph"
    text = export_gift(project, [bank], ["en"]).files[f"en/{EXAM}.gift"].decode()
    assert "Art. 18\\: \\{a\\} \\= b \\~ c \\# d \\\\ e\\n\\nSecond paragraph{" in text
    _first_is_valid(text, tmp_path)


def test_gift_passes_no_raw_html_on(project: Project, tmp_path: Path) -> None:
    """Issue 19, 15: Moodle renders GIFT Markdown with its HTML as written; a text holding
    HTML goes as [html], sanitised as the Moodle XML and QTI of the same bank are."""
    bank = project.banks[EXAM].model_copy(deep=True)
    single = bank.questions[0]
    single.prompt = "Which? <script>alert(1)</script><img src=x onerror=alert(2)> **bold**"
    single.explanation = '<a href="javascript:alert(3)" onclick="alert(4)">see</a>'
    single.options[1].feedback = "<iframe src=//evil></iframe>No."
    text = export_gift(project, [bank], ["en"]).files[f"en/{EXAM}.gift"].decode()
    for bad in ("<script", "onerror", "javascript", "onclick", "<iframe"):
        assert bad not in text.lower()
    assert "::e-single::[html]<p>Which? <img src\\=\"x\"> <strong>bold</strong></p>" in text
    assert "####[html]<p><a>see</a></p>" in text
    _first_is_valid(text, tmp_path)
    assert "[markdown]" in export_gift(project, [project.banks[EXAM]], ["en"]).files[
        f"en/{EXAM}.gift"].decode()  # a text without HTML stays Markdown


# --- QTI 2.1 -------------------------------------------------------------------------------

def test_qti_package_lists_its_files_and_items_parse(project: Project) -> None:
    export = export_qti(project, chosen_banks(project, EXAM), ["en"])
    archive = zipfile.ZipFile(io.BytesIO(export.files[f"en/{EXAM}.zip"]))
    names = set(archive.namelist())
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.tag == f"{CP}manifest"
    listed = {f.get("href") for f in manifest.iter(f"{CP}file")}
    assert listed == names - {"imsmanifest.xml"}
    interactions = {}
    for resource in manifest.iter(f"{CP}resource"):
        assert resource.get("type") == "imsqti_item_xmlv2p1"
        item = etree.fromstring(archive.read(resource.get("href")))
        assert item.tag == f"{Q}assessmentItem"
        assert {e.tag.split("}")[0] + "}" for e in item.iter() if isinstance(e.tag, str)} == {Q}
        kinds = [e.tag[len(Q):] for e in item.iter() if str(e.tag).endswith("Interaction")]
        interactions[item.get("identifier")] = [k for k in kinds if k != "endAttemptInteraction"]
        choices = {e.get("identifier") for e in item.iter(f"{Q}simpleChoice")}
        for feedback in item.iter(f"{Q}modalFeedback"):
            assert feedback.get("identifier") in choices | {"GENERAL"}
        for image in item.iter(f"{Q}img"):
            assert f"items/{image.get('src')}".replace("items/../", "") in names
    assert interactions == {
        "e-single": ["choiceInteraction"], "e-multiple": ["choiceInteraction"],
        "e-tf": ["choiceInteraction"], "e-fill": ["textEntryInteraction"],
        "e-match": ["matchInteraction"], "e-order": ["orderInteraction"],
        "e-open": ["extendedTextInteraction"]}
    assert "media/seal.png" in names
    open_item = etree.fromstring(archive.read("items/e-open.xml"))
    rubric = open_item.find(f".//{Q}rubricBlock")
    assert rubric.get("view") == "scorer" and "EXAM-MODEL-ANSWER" in "".join(rubric.itertext())
    multiple = etree.fromstring(archive.read("items/e-multiple.xml"))
    values = [float(e.get("mappedValue")) for e in multiple.iter(f"{Q}mapEntry")]
    assert values == [1.5, 1.5, -1.5]
    assert _warned(export, "e-order")


# --- file names an author may give -------------------------------------------------------

ODD_NAMES = ["sp ace.png", "a&b.png", "it's.png", 'q"t.png']


@pytest.fixture()
def odd_bank(project: Project):
    """Issue 19, 14: a question showing images whose names hold a space, & ' or \"."""
    seal = (project.root / "media" / "seal.png").read_bytes()
    for name in ODD_NAMES:
        (project.root / "media" / name).write_bytes(seal + name.encode())
    bank = project.banks[EXAM].model_copy(deep=True)
    bank.questions[0].prompt = "Which? " + " ".join(
        f"![{name}](<../media/{name}>)" for name in ODD_NAMES)
    yield bank
    for name in ODD_NAMES:
        (project.root / "media" / name).unlink()


def test_moodle_xml_embeds_files_with_any_name(project: Project, odd_bank) -> None:
    xml = etree.fromstring(export_moodle(project, [odd_bank], ["en"]).files[f"en/{EXAM}.xml"])
    text = xml.find(".//question/questiontext")
    html = text.findtext("text")
    sources = re.findall(r'src="([^"]*)"', html)
    assert len(sources) == 4 and all(s.startswith("@@PLUGINFILE@@/") for s in sources), html
    files = {f.get("name"): base64.b64decode(f.text) for f in text.findall("file")}
    assert {unquote(s.removeprefix("@@PLUGINFILE@@/")) for s in sources} == set(files) == \
        set(ODD_NAMES)
    assert all(files[name].endswith(name.encode()) for name in ODD_NAMES)


def test_qti_carries_files_with_any_name(project: Project, odd_bank) -> None:
    export = export_qti(project, [odd_bank], ["en"])
    archive = zipfile.ZipFile(io.BytesIO(export.files[f"en/{EXAM}.zip"]))
    names = set(archive.namelist())
    assert {f"media/{n}" for n in ODD_NAMES} <= names
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert {unquote(f.get("href")) for f in manifest.iter(f"{CP}file")} == \
        names - {"imsmanifest.xml"}
    item = etree.fromstring(archive.read("items/e-single.xml"))
    sources = [image.get("src") for image in item.iter(f"{Q}img")]
    assert [posixpath.normpath(posixpath.join("items", unquote(s))) for s in sources] == \
        [f"media/{n}" for n in ODD_NAMES]
    assert archive.read("media/a&b.png").endswith(b"a&b.png")


# --- every course language, from the CLI ---------------------------------------------------

@pytest.mark.parametrize("target,suffix", [("moodle", "xml"), ("gift", "gift"), ("qti", "zip")])
def test_sample_course_exports_in_every_language(target: str, suffix: str,
                                                 sample_project: Project,
                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", target, "-p", str(sample_project.root),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    for lang in sample_project.course.languages:
        made = sorted(p.stem for p in (out / lang).glob(f"*.{suffix}"))
        assert made == sorted(sample_project.banks), lang
    for path in out.rglob("*.xml"):
        etree.parse(str(path))
    for path in out.rglob("*.zip"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(".xml"):
                    etree.fromstring(archive.read(name))
    if target == "moodle":
        ru = "".join(p.read_text(encoding="utf-8") for p in (out / "ru").glob("*.xml"))
        assert any("\u0400" <= ch <= "\u04ff" for ch in ru), "the ru export is in Russian"


def test_export_refuses_unknown_bank_and_the_authors_folders(project: Project) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "moodle", "-p", str(project.root), "--out",
                                  str(project.root / "out"), "--bank", "alpha-exan"])
    assert result.exit_code == 1 and "did you mean 'alpha-exam'" in result.output
    result = runner.invoke(main, ["export", "gift", "-p", str(project.root), "--out",
                                  str(project.root / "quizzes")])
    assert result.exit_code == 1 and "project's own folder" in result.output
    assert not list((project.root / "quizzes").glob("*.gift"))
    assert not (project.root / "out").exists()
