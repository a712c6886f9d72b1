"""Issue 21: Moodle XML's scoring as the course format carries it (partial credit, penalties,
per-answer feedback), the report's counts, categories, the answer cap, control characters
and encodings, each from a small file. What is written is what `curriculum validate`
accepts."""

from __future__ import annotations

import re
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


def _question(kind: str, name: str, answers: str, extra: str = "") -> str:
    return (f'<question type="{kind}"><name><text>{name}</text></name><questiontext '
            f'format="html"><text>{name}?</text></questiontext>{extra}{answers}</question>\n')


def _answer(fraction: float | str, text: str, feedback: str = "") -> str:
    return (f'<answer fraction="{fraction}" format="moodle_auto_format"><text>{text}</text>'
            f'<feedback format="html"><text>{feedback}</text></feedback></answer>')


def _import(project: Path, tmp_path: Path, body: str | bytes, *extra: str,
            bank: str = "imp"):
    """Import a Moodle XML file; the banks written, by id, validated with the project."""
    xml = tmp_path / "in.xml"
    raw = body if isinstance(body, bytes) else \
        f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{body}</quiz>\n'.encode()
    xml.write_bytes(raw)
    result = CliRunner().invoke(main, ["import", "moodle", str(xml), "--bank", bank, "-p",
                                       str(project), *extra])
    banks = {p.stem: yaml.safe_load(p.read_text("utf-8"))
             for p in (project / "quizzes").glob(f"{bank}*.yaml")}
    if banks:
        load_project(project)
    return result, {k: {q["id"]: q for q in v["questions"]} for k, v in banks.items()}


def _said_of(output: str, qid: str) -> list[str]:
    return [line for line in output.splitlines() if f"question '{qid}'" in line]


def test_multichoice_keeps_single_answers_with_their_credit(project: Path,
                                                             tmp_path: Path) -> None:
    result, banks = _import(project, tmp_path, "".join([
        _question("multichoice", "part", _answer(100, "Nazareth") + _answer(50, "Galilee")
                  + _answer(0, "Rome"), "<single>true</single>"),
        _question("multichoice", "two", _answer(100, "A") + _answer(100, "B")
                  + _answer(-50, "C"), "<single>true</single>"),
        _question("multichoice", "none", _answer(50, "A") + _answer(0, "B"),
                  "<single>true</single>"),
        _question("multichoice", "many", _answer(50, "A") + _answer(50, "B") + _answer(-100, "C")
                  + _answer(0, "D"), "<single>false</single>"),
        _question("multichoice", "site", _answer(50, "A") + _answer(50, "B")
                  + _answer(-50, "C"), "<single>0</single>"),
    ]))
    assert result.exit_code == 0, result.output
    q = banks["imp"]
    assert q["part"]["type"] == "single"
    assert q["part"]["options"] == [{"text": "Nazareth", "correct": True},
                                    {"text": "Galilee", "credit": 50}, {"text": "Rome"}]
    assert _said_of(result.output, "part") == []
    assert q["two"]["type"] == "single" and q["two"]["options"][1] == {"text": "B", "credit": 99}
    said = _said_of(result.output, "two")
    assert len(said) == 2 and "'B' is also fully right in Moodle" in said[0], said
    assert "penalties (-50 %) are left out" in said[1]
    assert "multiple" not in " ".join(said)  # it stays single: nothing says otherwise
    assert "none" not in q and "question 'none' is left out: no answer is fully right" \
        in result.output
    assert q["many"]["type"] == "multiple"
    assert [o.get("correct", False) for o in q["many"]["options"]] == [True, True, False, False]
    said = _said_of(result.output, "many")
    assert len(said) == 1 and "penalties (-100 %) are not kept" in said[0], said
    assert "costs nothing in Moodle" in said[0]
    assert q["site"]["type"] == "multiple" and _said_of(result.output, "site") == []


def test_shortanswer_and_truefalse_keep_partial_credit_and_feedback(project: Path,
                                                                    tmp_path: Path) -> None:
    result, banks = _import(project, tmp_path, "".join([
        _question("shortanswer", "frog", _answer(100, "frog", "Very good.")
                  + _answer(80, "toad", "OK.") + _answer(0, "*", "A bad answer.")),
        _question("shortanswer", "star", _answer(100, "a\\*b") + _answer(100, "Nazar*")
                  + _answer(50, "*")),
        _question("shortanswer", "only-any", _answer(100, "*", "Anything goes.")),
        _question("truefalse", "tf", _answer(0, "true", "No: it is false.")
                  + _answer(100, "false", "Yes.")),
        _question("numerical", "num", _answer(100, "1822") + _answer(0, "*", "Count again.")),
    ]))
    assert result.exit_code == 0, result.output
    q = banks["imp"]
    assert q["frog"] == {"id": "frog", "type": "fill-in", "prompt": "frog?",
                         "answers": ["frog"],
                         "partial": [{"answer": "toad", "credit": 80, "feedback": "OK."}],
                         "feedback_right": "Very good.", "feedback_wrong": "A bad answer."}
    assert _said_of(result.output, "frog") == []
    assert q["star"]["answers"] == ["a*b"] and "partial" not in q["star"]
    said = " ".join(_said_of(result.output, "star"))
    assert "'Nazar*' is left out: `*` is Moodle's wildcard" in said
    assert "'*' (any response) worth 50 % is left out" in said
    assert "only-any" not in q and "question 'only-any' is left out" in result.output
    assert "\\*" not in str(banks)
    assert q["tf"]["answer"] is False
    assert (q["tf"]["feedback_true"], q["tf"]["feedback_false"]) == ("No: it is false.", "Yes.")
    assert "feedback" not in " ".join(_said_of(result.output, "tf"))
    assert q["num"]["feedback_wrong"] == "Count again."


def test_the_report_counts_every_question_and_says_why_each_is_left_out(
        project: Path, tmp_path: Path) -> None:
    result, banks = _import(project, tmp_path, "".join([
        _question("truefalse", "kept", _answer(100, "true") + _answer(0, "false")),
        _question("calculated", "calc", ""),
        _question("multichoice", "blank", _answer(100, "") + _answer(0, "B")),
        _question("shortanswer", "nothing", _answer(0, "no")),
    ]))
    assert result.exit_code == 0, result.output
    assert list(banks["imp"]) == ["kept"]
    left = [line for line in result.output.splitlines() if line.startswith("left out:")]
    assert [re.match(r"left out: \S+:(\d+):1: question '(\w+)'", x).groups() for x in left] \
        == [("4", "calc"), ("5", "blank"), ("6", "nothing")], left
    assert "type 'calculated'" in left[0] and "options[0].text: is empty" in left[1]
    assert "no answer is fully right" in left[2]
    assert "4 question(s) read, 1 written" in result.output and "3 left out" in result.output


def _pictured(name: str) -> str:
    return (f'<question type="truefalse"><name><text>{name}</text></name><questiontext '
            f'format="html"><text>&lt;img src="@@PLUGINFILE@@/{name}.png"&gt;</text><file '
            f'name="{name}.png" encoding="base64">iVBORw0K</file></questiontext>'
            f'{_answer(100, "true")}{_answer(0, "false")}</question>\n')



def test_a_file_with_nothing_to_import_says_which_case_it_is(project: Path,
                                                             tmp_path: Path) -> None:
    result, banks = _import(project, tmp_path, _question("calculated", "c1", "")
                            + _question("shortanswer", "c2", _answer(0, "no")))
    assert result.exit_code == 1 and not banks
    assert "in.xml: none of its 2 question(s) could be imported" in result.output
    assert [x[:9] for x in result.output.splitlines()].count("left out:") == 2
    result, banks = _import(project, tmp_path, '<question type="category"><category><text>'
                            '$course$/top/A</text></category></question>')
    assert result.exit_code == 1 and not banks
    assert "in.xml: holds no question (only categories, descriptions or comments)" \
        in result.output

CATEGORIES = "".join([
    '<question type="category"><category><text>$course$/top/Extradition/Grounds</text>'
    '</category></question>\n',
    _pictured("one"),
    '<question type="category"><category><text>$course$/top/Мутуальная помощь</text>'
    '</category></question>\n',
    _pictured("two"),
    _question("truefalse", "three", _answer(0, "true") + _answer(100, "false")),
    _question("calculated", "calc", ""),
])


def test_categories_merge_with_a_warning_or_split_into_banks(project: Path,
                                                             tmp_path: Path) -> None:
    result, banks = _import(project, tmp_path, CATEGORIES)
    assert result.exit_code == 0, result.output
    assert list(banks) == ["imp"] and list(banks["imp"]) == ["one", "two", "three"]
    # titled after the category most of its questions are in
    title = yaml.safe_load((project / "quizzes" / "imp.yaml").read_text("utf-8"))["title"]
    assert title == "Мутуальная помощь"
    assert "2 categories merged into one bank: $course$/top/Extradition/Grounds; " \
        "$course$/top/Мутуальная помощь" in result.output
    assert "--split-categories" in result.output
    result, banks = _import(project, tmp_path, CATEGORIES, "--split-categories", bank="cat")
    assert result.exit_code == 0, result.output
    # a category in Cyrillic names its bank in Latin letters that read the same
    assert {k: list(v) for k, v in banks.items()} == {"cat-extradition-grounds": ["one"],
                                                      "cat-mutualnaya-pomoshch": ["two",
                                                                                  "three"]}
    titles = {p.stem: yaml.safe_load(p.read_text("utf-8"))["title"]
              for p in (project / "quizzes").glob("cat*.yaml")}
    assert titles == {"cat-extradition-grounds": "Grounds",
                      "cat-mutualnaya-pomoshch": "Мутуальная помощь"}
    assert "merged" not in result.output and "not written" not in result.output
    assert sorted(p.name for p in (project / "media" / "cat").iterdir()) == ["one.png",
                                                                            "two.png"]
    # the question left out is counted in its own category's bank
    assert "1 question(s) read, 1 written to" in result.output
    assert "3 question(s) read, 2 written to" in result.output


def test_an_answer_list_over_the_cap_is_left_out(project: Path, tmp_path: Path) -> None:
    many = "".join(_answer(0, f"o{i}") for i in range(101))
    result, banks = _import(project, tmp_path, _question("multichoice", "big", _answer(100, "a")
                                                         + many)
                            + _question("multichoice", "ok", _answer(100, "a") + _answer(0, "b")))
    assert result.exit_code == 0, result.output
    assert list(banks["imp"]) == ["ok"]
    assert "question 'big' is left out: it has 102 answers, more than 100" in result.output


def test_control_characters_are_removed_with_a_note(project: Path, tmp_path: Path) -> None:
    # XML 1.0 allows DEL and the C1 controls (not NUL to U+001F): they reach the import
    result, banks = _import(project, tmp_path, _question(
        "truefalse", "ctl", _answer(100, "true", "Right&#127;.") + _answer(0, "false"),
        '<generalfeedback format="html"><text>See &#x9c;art. 2.</text></generalfeedback>'))
    assert result.exit_code == 0, result.output
    q = banks["imp"]["ctl"]
    assert (q["feedback_true"], q["explanation"]) == ("Right.", "See art. 2.")
    assert "question 'ctl': control characters removed" in result.output


LATIN1 = ('<quiz><question type="truefalse"><name><text>t</text></name><questiontext '
          'format="html"><text>Le café est servi ?</text></questiontext><answer fraction="100">'
          '<text>true</text></answer><answer fraction="0"><text>false</text></answer>'
          '</question></quiz>\n')


def test_a_latin1_file_without_a_declaration_says_so_and_encoding_reads_it(
        project: Path, tmp_path: Path) -> None:
    raw = f'<?xml version="1.0"?>\n{LATIN1}'.encode("latin-1")
    assert b"caf\xe9" in raw
    result, banks = _import(project, tmp_path, raw)
    assert result.exit_code == 1 and not banks
    problems = [line for line in result.output.splitlines() if line.startswith("error:")]
    column = LATIN1.index("é") + 1
    assert len(problems) == 1 and problems[0].endswith(
        f"in.xml:2:{column}: byte 0xe9 is not UTF-8 (re-save the file as UTF-8, or pass its "
        "encoding: --encoding cp1251 (or latin-1, ...))"), result.output
    result, banks = _import(project, tmp_path, raw, "--encoding", "latin-1")
    assert result.exit_code == 0, result.output
    assert banks["imp"]["t"]["prompt"] == "Le café est servi ?"


def test_a_file_declaring_iso_8859_1_is_read_as_declared(project: Path, tmp_path: Path) -> None:
    raw = f'<?xml version="1.0" encoding="ISO-8859-1"?>\n{LATIN1}'.encode("latin-1")
    result, banks = _import(project, tmp_path, raw)
    assert result.exit_code == 0, result.output
    assert banks["imp"]["t"]["prompt"] == "Le café est servi ?"


def _items(*pairs: tuple[str, str]) -> str:
    return "".join(f"<subquestion><text>{item}</text><answer><text>{place}</text></answer>"
                   "</subquestion>" for item, place in pairs)


def test_the_order_plugin_becomes_an_ordering_question(project: Path, tmp_path: Path) -> None:
    """qtype_order (before Moodle's ordering type): each item's place, 1 to n."""
    result, banks = _import(project, tmp_path, _question(
        "order", "steps", _items(("Appeal", "3"), ("Charge", "1"), ("Trial", "2")))
        + _question("order", "gap", _items(("A", "1"), ("B", "1"), ("C", "3"))))
    assert result.exit_code == 0, result.output
    assert banks["imp"]["steps"]["items"] == ["Charge", "Trial", "Appeal"]
    assert "credit for each item in its place" in " ".join(_said_of(result.output, "steps"))
    assert "gap" not in banks["imp"]
    assert "question 'gap' is left out: its items' places are not 1 to n" in result.output


def test_gift_short_answers_follow_the_same_rules(project: Path, tmp_path: Path) -> None:
    gift = tmp_path / "in.gift"
    gift.write_text("::frog::frog?{=frog#Very good. =%80%toad#OK. =%0%*#A bad answer.}\n\n"
                    "::single::Where?{=Nazareth ~%50%Galilee ~%-50%Rome}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "gift", str(gift), "--bank", "g", "-p",
                                       str(project)])
    assert result.exit_code == 0, result.output
    load_project(project)
    q = {x["id"]: x for x in yaml.safe_load((project / "quizzes" / "g.yaml").read_text(
        "utf-8"))["questions"]}
    assert q["frog"] == {"id": "frog", "type": "fill-in", "prompt": "frog?",
                         "answers": ["frog"],
                         "partial": [{"answer": "toad", "credit": 80, "feedback": "OK."}],
                         "feedback_right": "Very good.", "feedback_wrong": "A bad answer."}
    assert q["single"]["options"][1:] == [{"text": "Galilee", "credit": 50}, {"text": "Rome"}]
    assert "penalties (-50 %) are left out" in result.output


def test_a_file_of_one_question_without_quiz_is_read(project: Path, tmp_path: Path) -> None:
    """Moodle's own fixtures and hand-written examples hold one <question> as the root."""
    raw = ('<?xml version="1.0"?>\n' + _question("truefalse", "alone", _answer(100, "true")
                                                 + _answer(0, "false"))).encode()
    result, banks = _import(project, tmp_path, raw)
    assert result.exit_code == 0, result.output
    assert banks["imp"]["alone"]["answer"] is True
    other = b'<?xml version="1.0"?>\n<questions/>\n'
    result, _ = _import(project, tmp_path, other, bank="other")
    assert result.exit_code == 1 and "the root element is <questions>, not <quiz>" in result.output


def test_names_in_cyrillic_give_ids_that_read_the_same(project: Path, tmp_path: Path) -> None:
    result, banks = _import(project, tmp_path, _question(
        "truefalse", "Выдача собственных граждан", _answer(100, "true") + _answer(0, "false"))
        + _question("truefalse", "Объём помощи", _answer(0, "true") + _answer(100, "false")))
    assert result.exit_code == 0, result.output
    assert list(banks["imp"]) == ["vydacha-sobstvennykh-grazhdan", "obem-pomoshchi"]


def test_what_an_essay_brings_is_said_and_a_taken_id_is_reported(project: Path,
                                                                  tmp_path: Path) -> None:
    essay = ('<question type="essay"><name><text>Эссе</text></name><questiontext format="html">'
             '<text>Explain.</text></questiontext><graderinfo format="html"><text>For graders: '
             'art. 18</text></graderinfo><responsetemplate format="html"><text>Start here'
             '</text></responsetemplate></question>\n')
    twin = _question("truefalse", "Эссе", _answer(100, "true") + _answer(0, "false"))
    result, banks = _import(project, tmp_path, essay + twin)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert banks["imp"]["esse"]["model_answer"] == "For graders: art. 18"
    assert ("Moodle's information for graders becomes the model answer, which trainees see "
            "after they check their answer") in output
    assert "its response template is left out" in output
    assert list(banks["imp"]) == ["esse", "esse-2"]
    assert ("question 'esse-2': its name gives the id 'esse', which an earlier question has"
            in output)
