"""A spreadsheet (CSV or XLSX) into a bank: one row a question, the columns of COLUMNS
(docs/lms.md lists them); every question type can be written in one row.

Cells are text, never formulas: a cell that starts as a formula does (`=`, `@`, or `+`/`-`
before a call) is refused with its row and column, so nothing an attacker planted in a
shared sheet is run or carried into the bank. A row that cannot be read is left out with a
warning at its row (row 1 is the header), and the other rows are imported.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from ..load.problems import CurriculumError, Problem
from .aiken import HOMOGLYPHS
from .common import Imported, unique_id
from .write import decode_input

COLUMNS = {
    "id": "the question's id (made from the prompt when empty)",
    "type": "single, multiple, true-false, fill-in, matching, ordering, open or numeric",
    "prompt": "the question (Markdown)",
    "options": "single, multiple: the options; ordering: the items in the right order; "
               "matching: `left -> right` pairs",
    "correct": "single, multiple: the letters (or numbers) of the right options; true-false: "
               "true or false; fill-in: the accepted answers; numeric: `30` or `30 ± 0.5`; "
               "open: the model answer",
    "partial": "single: `B (50%)`; fill-in: `1992 (25%)`; numeric: `45 ± 15 (50%)`",
    "feedback": "single, multiple: one line per option, in their order; true-false: `if "
                "true | if false`; fill-in, numeric: shown when the answer is right",
    "feedback_wrong": "fill-in, numeric: shown when the answer earns nothing",
    "unit": "numeric: the unit shown after the field",
    "checklist": "open: the points a good answer covers",
    "case_sensitive": "fill-in: yes to compare letter case",
    "ignore_punctuation": "fill-in: yes to ignore punctuation",
    "points": "the question's points (1 when empty)",
    "objectives": "ids of the objectives it assesses",
    "hint": "shown on request before answering",
    "explanation": "shown after answering",
}
"""Each column and what it holds; several values in one cell are one per line (Alt+Enter in
Excel) or separated by ` | `."""

MAX_ROWS = 5000
MAX_UNPACKED = 64 * 1024 * 1024  # an XLSX is a zip: its parts may not unpack beyond this
_FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?=\S*[|!(]))")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CREDIT = re.compile(r"^(.*?)\s*\(\s*(\d{1,2})\s*%\s*\)$", re.S)
_NUMBER = re.compile(r"^\s*([+-]?[\d\s]*[.,]?\d+(?:[eE][+-]?\d+)?)\s*(?:(?:±|\+-|\+/-|:)\s*"
                     r"(\d*[.,]?\d+))?\s*$")
_YES = {"yes", "y", "true", "1", "да", "x", "верно"}
_NO = {"no", "n", "false", "0", "нет", "", "неверно"}

Row = tuple[int, dict[str, str]]


def read_spreadsheet(raw: bytes, display: str, encoding: str | None = None) -> Imported:
    """The questions of a CSV file or an XLSX workbook (told by its zip signature)."""
    if raw.startswith(b"PK\x03\x04") or display.lower().endswith(".xlsx"):
        return parse_rows(xlsx_rows(raw, display), display)
    return parse_rows(csv_rows(decode_input(raw, display, encoding), display), display)


def csv_rows(text: str, source: str) -> list[list[str]]:
    """The cells of a CSV text; the separator (`,` `;` or tab: Russian Excel writes `;`) is
    the one its header line uses most."""
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise CurriculumError([Problem(source, 0, 0, "", f"is not a readable CSV file: {exc}",
                                       "save it again from the spreadsheet as CSV UTF-8")
                               ]) from None
    return rows


def xlsx_rows(data: bytes, source: str) -> list[list[str]]:
    """The first sheet's cells as text: formulas as their text (never computed)."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile:
        raise CurriculumError([Problem(source, 0, 0, "", "is not an XLSX workbook",
                                       "save it from the spreadsheet as .xlsx, or as CSV")
                               ]) from None
    if unpacked > MAX_UNPACKED:
        raise CurriculumError([Problem(source, 0, 0, "", f"unpacks to {unpacked:,} bytes, more "
                                       f"than {MAX_UNPACKED:,}", "split the questions into "
                                       "several files, or save them as CSV")])
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=False).worksheets[0]
        return [["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(max_row=MAX_ROWS + 1, values_only=True)]
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise CurriculumError([Problem(source, 0, 0, "", f"could not be read as XLSX: {exc}",
                                       "save it again from the spreadsheet")]) from None


def parse_rows(rows: list[list[str]], source: str) -> Imported:
    """Questions from the rows under a header row that names the columns."""
    imported = Imported(source)
    if not rows:
        raise CurriculumError([Problem(source, 1, 0, "", "is empty", "start from the template: "
                                       "curriculum new bank ID --spreadsheet")])
    names = [_column(c) for c in rows[0]]
    unknown = [(i, c) for i, c in enumerate(rows[0], 1) if c.strip() and names[i - 1] not in
               COLUMNS]
    missing = [c for c in ("type", "prompt") if c not in names]
    problems = [Problem(source, 1, i, c, f"unknown column {c!r}", "the columns are " +
                        ", ".join(COLUMNS)) for i, c in unknown]
    problems += [Problem(source, 1, 0, "", f"the header row has no column {c!r}",
                         "row 1 names the columns: " + ", ".join(COLUMNS)) for c in missing]
    if len(rows) > MAX_ROWS + 1:
        problems.append(Problem(source, MAX_ROWS + 2, 0, "", f"more than {MAX_ROWS} questions",
                                "split them into several banks"))
    if problems:
        raise CurriculumError(problems)
    taken: set[str] = set()
    for number, row in _rows(rows, names):
        question = _question(number, row, names, imported, taken)
        if question:
            imported.add(question, number)
    return imported


def _column(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def _rows(rows: list[list[str]], names: list[str]) -> Iterator[Row]:
    for number, cells in enumerate(rows[1:], 2):
        row = {n: c.strip() for n, c in zip(names, cells, strict=False) if n in COLUMNS}
        if any(row.values()):
            yield number, row


def _question(number: int, row: dict[str, str], names: list[str], imported: Imported,
              taken: set[str]) -> dict[str, Any] | None:
    for name, cell in row.items():
        if _FORMULA.match(cell):
            _leave_out(imported, number, names, name, f"{cell[:30]!r} is a spreadsheet formula;"
                       " formulas are never run or imported", "write the text without the "
                       "leading '=', '+', '-' or '@'")
            return None
    kind = row.get("type", "")
    if kind not in BODIES:
        _leave_out(imported, number, names, "type", f"unknown type {kind!r}",
                   "one of " + ", ".join(BODIES))
        return None
    question: dict[str, Any] = {"id": "", "type": kind, "prompt": row.get("prompt", "")}
    try:
        BODIES[kind](row, question)
        _common(row, question)
    except _CellError as exc:
        _leave_out(imported, number, names, exc.column, exc.message, exc.hint)
        return None
    question["id"] = row.get("id") or ""
    if question["id"] in taken:
        _leave_out(imported, number, names, "id", f"the id {question['id']!r} is used by an "
                   "earlier row", "give each question its own id, or leave it empty")
        return None
    question["id"] = question["id"] or unique_id(question["prompt"][:60], taken, number - 1)
    taken.add(question["id"])
    return question


def _leave_out(imported: Imported, number: int, names: list[str], column: str, message: str,
               hint: str) -> None:
    col = names.index(column) + 1 if column in names else 0
    imported.left.append(Problem(imported.source, number, col, column, f"row {number}: "
                                 f"{message}", hint, "warning"))


class _CellError(Exception):
    def __init__(self, column: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.column, self.message, self.hint = column, message, hint


def values(cell: str) -> list[str]:
    """Several values of one cell: one per line, or separated by ` | `."""
    parts = re.split(r"\r?\n|\s\|\s", cell) if cell else []
    return [p.strip() for p in parts if p.strip()]


def _credited(column: str, cell: str) -> list[tuple[str, int]]:
    out = []
    for value in values(cell):
        match = _CREDIT.match(value)
        if not match or not 1 <= int(match[2]) <= 99:
            raise _CellError(column, f"{value!r} gives no credit between 1% and 99%",
                             "write the answer and its percent: `1992 (25%)`")
        out.append((match[1].strip(), int(match[2])))
    return out


def _flag(row: dict[str, str], column: str) -> bool:
    cell = row.get(column, "").lower()
    if cell not in _YES | _NO:
        raise _CellError(column, f"{cell!r} is neither yes nor no")
    return cell in _YES


def _choice(row: dict[str, str], q: dict[str, Any]) -> None:
    options = values(row.get("options", ""))
    if len(options) < 2:
        raise _CellError("options", "a choice question needs two options or more",
                         "one option per line of the cell, or separated by ' | '")
    right = {_option_index("correct", v, options) for v in re.split(r"[\s,;]+",
                                                                      row.get("correct", ""))
             if v}
    feedback = values(row.get("feedback", ""))
    if len(feedback) > len(options):
        raise _CellError("feedback", f"{len(feedback)} feedback lines for {len(options)} "
                         "options", "one line per option, in their order")
    credit = {_option_index("partial", text, options): c
              for text, c in _credited("partial", row.get("partial", ""))}
    q["options"] = []
    for i, text in enumerate(options):
        option: dict[str, Any] = {"text": text}
        if i in right:
            option["correct"] = True
        if i in credit:
            option["credit"] = credit[i]
        if i < len(feedback) and feedback[i] != "-":
            option["feedback"] = feedback[i]
        q["options"].append(option)


def _option_index(column: str, label: str, options: list[str]) -> int:
    label = label.strip().upper().translate(HOMOGLYPHS)
    index = _LETTERS.find(label) if len(label) == 1 and label.isalpha() else (
        int(label) - 1 if label.isdigit() else -1)
    if not 0 <= index < len(options):
        raise _CellError(column, f"{label!r} is none of the {len(options)} options",
                         "name options by letter (A, B ...) or number (1, 2 ...)")
    return index


def _true_false(row: dict[str, str], q: dict[str, Any]) -> None:
    cell = row.get("correct", "").lower()
    if cell not in (_YES | _NO) - {""}:
        raise _CellError("correct", f"{cell!r} is neither true nor false")
    q["answer"] = cell in _YES
    feedback = values(row.get("feedback", ""))
    for name, text in zip(("feedback_true", "feedback_false"), feedback, strict=False):
        if text != "-":
            q[name] = text


def _fill_in(row: dict[str, str], q: dict[str, Any]) -> None:
    q["answers"] = values(row.get("correct", ""))
    if partial := _credited("partial", row.get("partial", "")):
        q["partial"] = [{"answer": a, "credit": c} for a, c in partial]
    for name in ("case_sensitive", "ignore_punctuation"):
        if _flag(row, name):
            q[name] = True
    if row.get("feedback"):
        q["feedback_right"] = row["feedback"]
    _feedback_wrong(row, q)


def _feedback_wrong(row: dict[str, str], q: dict[str, Any]) -> None:
    if row.get("feedback_wrong"):
        q["feedback_wrong"] = row["feedback_wrong"]


def _numeric(row: dict[str, str], q: dict[str, Any]) -> None:
    answers = [_number("correct", v) for v in values(row.get("correct", ""))]
    answers += [{**_number("partial", text), "credit": c}
                for text, c in _credited("partial", row.get("partial", ""))]
    q["answers"] = answers
    if row.get("unit"):
        q["unit"] = row["unit"]
    if row.get("feedback") and answers:
        answers[0]["feedback"] = row["feedback"]
    _feedback_wrong(row, q)


def _number(column: str, text: str) -> dict[str, Any]:
    match = _NUMBER.match(text)
    if not match:
        raise _CellError(column, f"{text!r} is not a number with an optional tolerance",
                         "write `30`, `2,5` or `30 ± 0.5`")
    value = float(match[1].replace(" ", "").replace(",", "."))
    answer: dict[str, Any] = {"value": int(value) if value.is_integer() else value}
    if match[2]:
        tolerance = float(match[2].replace(",", "."))
        answer["tolerance"] = int(tolerance) if tolerance.is_integer() else tolerance
    return answer


def _matching(row: dict[str, str], q: dict[str, Any]) -> None:
    pairs = []
    for value in values(row.get("options", "")):
        left, arrow, right = value.partition("->")
        if not arrow:
            raise _CellError("options", f"{value!r} is not a pair", "write `left -> right`")
        pairs.append({"left": left.strip(), "right": right.strip()})
    q["pairs"] = pairs


def _ordering(row: dict[str, str], q: dict[str, Any]) -> None:
    q["items"] = values(row.get("options", ""))


def _open(row: dict[str, str], q: dict[str, Any]) -> None:
    if row.get("correct"):
        q["model_answer"] = row["correct"]
    if checklist := values(row.get("checklist", "")):
        q["checklist"] = checklist


def _common(row: dict[str, str], q: dict[str, Any]) -> None:
    if points := row.get("points"):
        if not points.isdigit():
            raise _CellError("points", f"{points!r} is not a whole number of points")
        q["points"] = int(points)
    if ids := [o for o in re.split(r"[\s,;|]+", row.get("objectives", "")) if o]:
        q["objectives"] = ids
    for name in ("hint", "explanation"):
        if row.get(name):
            q[name] = row[name]


BODIES = {"single": _choice, "multiple": _choice, "true-false": _true_false,
          "fill-in": _fill_in, "matching": _matching, "ordering": _ordering, "open": _open,
          "numeric": _numeric}
