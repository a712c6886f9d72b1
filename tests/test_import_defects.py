"""Issues 19 and 21: each import defect, from its smallest input. The bank written is the
one `curriculum validate` accepts; bad input gets a clear line, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from builder.cli.main import main
from builder.load.project import load_project
from tests.lmskit import lms_project


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return lms_project(tmp_path)


def _run(project: Path, kind: str, file: Path, bank: str = "imp", *extra: str):
    return CliRunner().invoke(main, ["import", kind, str(file), "--bank", bank, "-p",
                                     str(project), *extra])


def _gift(project: Path, tmp_path: Path, text: str | bytes, *extra: str):
    file = tmp_path / "in.gift"
    file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result = _run(project, "gift", file, "imp", *extra)
    bank = project / "quizzes" / "imp.yaml"
    data = yaml.safe_load(bank.read_text("utf-8")) if bank.exists() else None
    if data:
        load_project(project)  # what was written validates
    return result, data


def test_a_fifo_and_a_device_are_refused_not_read(project: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "q.gift"
    os.mkfifo(fifo)
    for file in (fifo, Path("/dev/zero")):
        result = _run(project, "gift", file)
        assert result.exit_code == 1 and "not a regular file" in result.output, result.output


def test_a_huge_answer_list_is_bounded_and_left_out(project: Path, tmp_path: Path) -> None:
    result, data = _gift(project, tmp_path, "::t::Q {" + "~x" * 1_000_000 + "=a}\n\n"
                         "::u::Q2 {=a ~b}\n")
    assert result.exit_code == 0, result.output
    assert "more than 100" in result.output and [q["id"] for q in data["questions"]] == ["u"]


def test_not_utf8_says_so_in_one_line_and_encoding_reads_it(project: Path,
                                                            tmp_path: Path) -> None:
    raw = b"\xbfQu\xe9 es?{=s\xed ~no}\n"
    result, _ = _gift(project, tmp_path, raw)
    assert result.exit_code == 1 and "is not UTF-8" in result.output
    assert "--encoding" in result.output and "internal error" not in result.output
    result, data = _gift(project, tmp_path, raw, "--encoding", "latin-1")
    assert result.exit_code == 0, result.output
    assert data["questions"][0]["options"][0]["text"] == "sí"


def test_a_bank_id_too_long_is_an_error(project: Path, tmp_path: Path) -> None:
    file = tmp_path / "in.gift"
    file.write_text("Q{T}\n", encoding="utf-8")
    result = _run(project, "gift", file, "a" * 300)
    assert result.exit_code == 1 and "is not an id" in result.output, result.output


def test_nothing_is_written_through_a_symlinked_folder(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "media").rename(tmp_path / "media-was")
    (project / "media").symlink_to(elsewhere)
    xml = tmp_path / "in.xml"
    xml.write_text('<quiz><question type="truefalse"><name><text>t</text></name>'
                   '<questiontext format="html"><text>&lt;img src="@@PLUGINFILE@@/a.png"&gt;'
                   '</text><file name="a.png" encoding="base64">iVBORw0K</file></questiontext>'
                   '<answer fraction="100"><text>true</text></answer></question></quiz>')
    result = _run(project, "moodle", xml)
    assert result.exit_code == 1 and "leads out of the project" in result.output
    assert not list(elsewhere.iterdir()) and not (project / "quizzes" / "imp.yaml").exists()


def test_gift_questions_keep_their_meaning(project: Path, tmp_path: Path) -> None:
    result, data = _gift(project, tmp_path, "\n\n".join([
        "::m::Match.{=cat -> meows =dog -> barks = -> moos}",
        "::p::Where was Jesus from?{=Nazareth ~%50%Galilee ~Rome}",
        "::s::How do you write the number 1 in words?{One}",
        "::f::Colour?{=yellow ~[plain]blue#[html]<b>no</b>}",
        "::i::[html]<p><img src\\=\"@@PLUGINFILE@@/logo.png\"></p>{=Moodle ~Canvas}",
        "::g::Pick {=yes =no} and then { =maybe}",
        "::n::When was Grant born?{#1822:1}",
        "::e::How are you? {}",
        "::t::Raw \x01 control.{T#no#yes}",
        "::u::Unclosed {=a ~b",
    ]) + "\n")
    assert result.exit_code == 0, result.output
    q = {x["id"]: x for x in data["questions"]}
    assert q["m"]["pairs"] == [{"left": "cat", "right": "meows"},
                               {"left": "dog", "right": "barks"}]
    assert "distractor" in result.output
    assert q["p"]["type"] == "single" and q["p"]["options"][1] == {"text": "Galilee",
                                                                   "credit": 50}
    assert q["s"]["answers"] == ["One"]
    assert q["f"]["options"][1] == {"text": "blue", "feedback": "**no**"}
    assert "@@PLUGINFILE" not in str(q["i"]) and "GIFT file carries no files" in result.output
    assert q["g"]["answers"] == ["yes", "no"]
    assert q["n"]["answers"] == [{"value": 1822, "tolerance": 1}]
    assert q["e"]["type"] == "open" and "without a model answer" in result.output
    assert "\x01" not in q["t"]["prompt"] and q["t"]["feedback_false"] == "no"
    assert "u" not in q and "not closed in { }" in result.output
    assert "10 question(s) read, 9 written" in result.output


def test_moodle_xml_defects(project: Path, tmp_path: Path) -> None:
    xml = tmp_path / "in.xml"
    xml.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY co "Council of Europe">]>\n<quiz>'
        '<question type="truefalse"><name><text>ent</text></name><questiontext format="html">'
        '<text>The &co; convention</text></questiontext><defaultgrade>nan</defaultgrade>'
        '<answer fraction="abc"><text>true</text></answer>'
        '<answer fraction="100"><text>false</text></answer></question>\n'
        '<question type="essay"><name><text>plain</text></name>'
        '<questiontext format="plain_text"><text>x = a*b*c; &lt;App/&gt;</text></questiontext>'
        '</question>\n'
        '<question type="shortanswer"><name><text>files</text></name>'
        '<questiontext format="html"><text>&lt;img src="@@PLUGINFILE@@/a%20b.png"&gt;'
        '&lt;img src="@@PLUGINFILE@@/a-b.png"&gt;&lt;img src="x"&gt;</text>'
        '<file name="a b.png" encoding="base64">AAAA</file>'
        '<file name="a-b.png" encoding="base64">BBBB</file></questiontext>'
        '<answer fraction="100"><text>ok</text></answer></question>\n'
        '<question type="numerical"><name><text>num</text></name><questiontext format="html">'
        '<text>Year?</text></questiontext><answer fraction="100"><text>1822</text>'
        '<tolerance>1</tolerance></answer><answer fraction="50"><text>1820</text>'
        '<tolerance>0</tolerance></answer></question>\n'
        '<question type="essay"><name><text>deep</text></name><questiontext format="html">'
        f'<text>{"&lt;div&gt;" * 300}x</text></questiontext></question></quiz>\n',
        encoding="latin-1")
    result = _run(project, "moodle", xml)
    assert result.exit_code == 0, result.output
    load_project(project)
    data = yaml.safe_load((project / "quizzes" / "imp.yaml").read_text("utf-8"))
    q = {x["id"]: x for x in data["questions"]}
    assert q["ent"]["prompt"] == "The Council of Europe convention"
    assert "points" not in q["ent"]
    # Python-Markdown has no `\<` escape: `<` is written as its entity, shown as `<`
    assert q["plain"]["prompt"] == "x = a\\*b\\*c; &lt;App/\\>"
    files = sorted(p.name for p in (project / "media" / "imp").iterdir())
    assert files == ["a-b-2.png", "a-b.png"]
    assert "'x' is not in the file" in result.output
    assert q["deep"]["prompt"] == "x"
    assert q["num"]["answers"] == [{"value": 1822, "tolerance": 1},
                                   {"value": 1820, "credit": 50}]


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16"])
def test_a_file_with_a_utf32_or_utf16_bom_keeps_its_questions(project: Path, tmp_path: Path,
                                                               encoding: str) -> None:
    """A tester's reproduction: UTF-32's BOM begins as UTF-16's, so a UTF-32 file was read as
    UTF-16, its NULs were cleaned away as control characters and `{T}` became a fill-in."""
    text = "::q:: Выдача допустима?{T}\n"
    raw = text.encode(encoding) if encoding != "utf-32-be" else b"\x00\x00\xfe\xff" + \
        text.encode("utf-32-be")
    result, data = _gift(project, tmp_path, raw)
    assert result.exit_code == 0, result.output
    assert data["questions"][0]["type"] == "true-false"
    assert data["questions"][0]["prompt"] == "Выдача допустима?"
