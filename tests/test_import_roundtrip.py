"""Issue 21's round trip: every question imported from the real GIFT and Moodle XML files of
tests/data/real-imports/ (and those of the LMS test banks, which hold what the corpus lacks:
points, hints, units, checklists, translations, an image) is exported to GIFT and to Moodle
XML and imported again, in one process with the functions the CLI calls, and keeps its text,
answers and scoring wherever the target format can hold them. What a format cannot hold is
the table NOT_HELD below; the smallest input of each loss found is a case of
tests/data/roundtrip/cases.yaml. QTI has no importer here, so it has no round trip."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from builder.cli import import_ as verb
from builder.export.common import MOODLE_FRACTIONS
from builder.export.gift import export_gift
from builder.export.moodle import export_moodle
from builder.imports.common import escape_plain
from builder.imports.gift import read_gift
from builder.imports.moodle import read_moodle
from builder.imports.write import prepare_import
from builder.load.problems import CurriculumError
from builder.load.project import Project, load_project
from builder.load.validation import validate
from builder.load.yaml_source import parse
from builder.model.schema import Bank, QuestionBase
from builder.render.markdown import to_html
from tests.lmskit import lms_project

CORPUS = Path(__file__).resolve().parent / "data" / "real-imports"


@dataclass(frozen=True)
class Unheld:
    """What a format cannot hold: `parts` of a question (fields, left out of the comparison
    on both sides; "*" the whole question, not compared; "images" an image, that comes back
    as its alt text), for questions of `types` (all when empty) for which `when` holds (by
    default: the question has one of the parts)."""

    format: str
    reason: str
    parts: tuple[str, ...] = ("*",)
    types: frozenset[str] = frozenset()
    when: Callable[[dict[str, Any]], bool] | None = None


def _odd_credit(question: dict[str, Any]) -> bool:
    """A credit that is none of the fractions Moodle accepts (question/format.php); 99 % of a
    single-choice option goes as Moodle's second right one (100 %), read back as 99 %."""
    held = {round(f) for f in MOODLE_FRACTIONS} | ({99} if question["type"] == "single" else
                                                    set())
    return any(c not in held for _, c in _values(question, "credit"))


BOTH = ("gift", "moodle")
NOT_HELD = [
    Unheld("gift", "GIFT has no ordering questions", types=frozenset({"ordering"})),
    Unheld("gift", "GIFT has no points", ("points",)),
    Unheld("gift", "GIFT has no hints", ("hint",)),
    Unheld("gift", "GIFT has no grader information (model answer, checklist)",
           ("model_answer", "checklist")),
    Unheld("gift", "GIFT's general feedback of an essay is read as its model answer",
           ("explanation", "model_answer"), frozenset({"open"}),
           lambda q: "explanation" in q),
    Unheld("gift", "GIFT short answers ignore case", ("case_sensitive",)),
    Unheld("gift", "GIFT has no feedback for any other answer", ("feedback_wrong",)),
    Unheld("gift", "GIFT numeric answers have no units", ("unit",)),
    Unheld("gift", "GIFT carries no files", ("images",)),
    Unheld("moodle", "Moodle's truefalse and essay questions have no hints", ("hint",),
           frozenset({"true-false", "open"})),
    Unheld("moodle", "Moodle's grader information is one text: the checklist comes back in "
           "the model answer", ("model_answer", "checklist"), when=lambda q: "checklist" in q),
    *(Unheld(kind, "Moodle accepts only its fractions: the nearest one is used", ("credit",),
             when=_odd_credit) for kind in BOTH),
]
"""What each format cannot hold, with why (the exporter warns of each)."""

_LINK_FOLDER = re.compile(r"\.\./media/[a-z0-9-]+/")
_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
_TYPED = {"answers", "answer"}
"""Accepted answers: compared as the site compares what a trainee types (spaces collapsed)."""
_AS_IS = {"type", "unit"}
_BLOCK_SPACE = re.compile(r"\s*(</?(?:p|li|ul|ol|h\d|table|thead|tbody|tr|td|th|blockquote|pre"
                          r"|div|br)\b[^>]*>)\s*")


def _import_corpus(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(click, "echo", lambda message="", **_: None)
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".gift", ".txt", ".xml"))
    assert len(files) >= 100
    for number, file in enumerate(files):
        with contextlib.suppress(CurriculumError):
            verb.import_(project, "moodle" if file.suffix == ".xml" else "gift", file,
                         f"r{number}")


def _reimport(project: Path, kind: str, data: bytes, bank_id: str
              ) -> tuple[dict[str, QuestionBase], list[str]]:
    """An export read back as `curriculum import` reads it, checked, nothing written: its
    questions by id, and why others were left out."""
    display = f"{bank_id}.{kind}"
    if kind == "gift":
        imported = read_gift(data.decode("utf-8"), display, bank_id)
    else:
        imported = read_moodle(data, display, bank_id)
    try:
        prepared = prepare_import(project, bank_id, imported)
    except CurriculumError as exc:
        return {}, [str(p) for p in [*imported.left, *exc.problems]]
    bank, problems = validate(Bank, parse(prepared.text, f"quizzes/{bank_id}.yaml"))
    assert bank is not None and not problems, problems
    return {q.id: q for q in bank.questions}, [str(p) for p in imported.left]


def _values(value: Any, key: str) -> Iterator[tuple[str, Any]]:
    """Every (key, value) under `key` in a dumped question, at any depth."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key:
                yield k, v
            yield from _values(v, key)
    elif isinstance(value, list):
        for v in value:
            yield from _values(v, key)


def _has(question: dict[str, Any], part: str) -> bool:
    if part == "images":
        return bool(_IMAGE.search(str(question)))
    return part == "*" or any(True for _ in _values(question, part))


def _rules(kind: str, question: dict[str, Any]) -> list[Unheld]:
    """The rows of NOT_HELD that apply to this question in this format."""
    return [r for r in NOT_HELD if r.format == kind
            and (not r.types or question["type"] in r.types)
            and (r.when(question) if r.when else any(_has(question, p) for p in r.parts))]


def _text(value: Any, images: bool) -> Any:
    if isinstance(value, str):
        value = _LINK_FOLDER.sub("../media/", value)
        if not images:
            value = _IMAGE.sub(lambda m: m[1], value)
        return _BLOCK_SPACE.sub(r"\1", " ".join(to_html(value).split()))
    return value


def _comparable(question: dict[str, Any], rules: list[Unheld]) -> dict[str, Any]:
    left_out = {p for r in rules for p in r.parts}
    images = "images" not in left_out

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict) and LANG in value and all(isinstance(v, str)
                                                            for v in value.values()):
            value = value[LANG]  # a text with its translations: the one exported
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items() if k not in left_out}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if key in _AS_IS or not isinstance(value, str):
            return value
        return " ".join(value.split()) if key in _TYPED else _text(value, images)

    return walk({k: v for k, v in question.items() if k not in ("id", "objectives")})


def _differences(was: Any, now: Any, path: str = "") -> list[str]:
    """Where two comparable questions differ: `path: was -> now` for each place."""
    if isinstance(was, dict) and isinstance(now, dict):
        return [d for k in dict.fromkeys([*was, *now]) for d in _differences(
            was.get(k), now.get(k), f"{path}.{k}")]
    if isinstance(was, list) and isinstance(now, list) and len(was) == len(now):
        return [d for i, (a, b) in enumerate(zip(was, now, strict=True)) for d in _differences(
            a, b, f"{path}[{i}]")]
    return [] if was == now else [f"{path}: {was!r} -> {now!r}"]


def _dump(question: QuestionBase) -> dict[str, Any]:
    return question.model_dump(mode="json", exclude_defaults=True) | {"type": question.type}


LANG = "en"
EXPORTS = {"gift": export_gift, "moodle": export_moodle}
SUFFIX = {"gift": "gift", "moodle": "xml"}


def _round_trip(project: Project, kind: str, banks: list[Bank]
                ) -> tuple[Counter[str], list[tuple[Any, ...]]]:
    """Each question of the banks through one format: counts (questions, compared, equal,
    and per reason of NOT_HELD) and the differences, with their places."""
    files = EXPORTS[kind](project, banks, [LANG]).files
    counts: Counter[str] = Counter()
    differences: list[tuple[Any, ...]] = []
    for bank in banks:
        again, left = _reimport(project.root, kind, files[f"{LANG}/{bank.id}.{SUFFIX[kind]}"],
                                f"{kind}-{bank.id}")
        for question in bank.questions:
            counts["questions"] += 1
            before = _dump(question)
            rules = _rules(kind, before)
            counts.update(r.reason for r in rules)
            if any("*" in r.parts for r in rules):
                continue
            counts["compared"] += 1
            after = again.get(question.id)
            found = _differences(_comparable(before, rules), _comparable(_dump(after), rules)
                                 ) if after else ["lost", *left]
            if found:
                differences.append((kind, bank.id, question.id, found))
            counts["equal"] += not found
    return counts, differences


def _summary(kind: str, counts: Counter[str]) -> list[str]:
    lines = [f"{kind}: {counts['questions']} questions, {counts['compared']} compared, "
             f"{counts['equal']} equal; not held:"]
    for rule in (r for r in NOT_HELD if r.format == kind and counts[r.reason]):
        parts = "the question" if "*" in rule.parts else ", ".join(rule.parts)
        lines.append(f"  {counts[rule.reason]:4} {rule.reason} ({parts})")
    return lines


def test_questions_keep_text_answers_and_scoring_through_each_format(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    project_dir = lms_project(tmp_path)
    _import_corpus(project_dir, monkeypatch)
    project = load_project(project_dir)
    banks = [b for i, b in sorted(project.banks.items()) if re.fullmatch(r"r\d+|alpha-.*", i)]
    assert len(banks) > 80
    differences, summary = [], []
    for kind in EXPORTS:
        counts, found = _round_trip(project, kind, banks)
        differences += found
        summary += _summary(kind, counts)
    with capsys.disabled():
        print("\n" + "\n".join(summary))
    assert not differences, "\n".join(map(str, differences))


CASES = yaml.safe_load((Path(__file__).resolve().parent / "data" / "roundtrip" /
                        "cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_each_loss_found_stays_fixed(case: dict[str, Any], tmp_path: Path) -> None:
    project_dir = lms_project(tmp_path)
    bank = {"id": "case", "title": "Case", "questions": [case["question"]]}
    (project_dir / "quizzes" / "case.yaml").write_text(yaml.safe_dump(bank), encoding="utf-8")
    project = load_project(project_dir)
    question = project.banks["case"].questions[0]
    expected = _comparable(_dump(question) | case.get("after", {}), [])
    for kind in case["through"]:
        files = EXPORTS[kind](project, [project.banks["case"]], ["en"]).files
        again, left = _reimport(project_dir, kind, files[f"en/case.{SUFFIX[kind]}"],
                                f"{kind}-case")
        assert question.id in again, left
        assert _differences(expected, _comparable(_dump(again[question.id]), [])) == [], kind


def _numerical_xml(units: str) -> bytes:
    return ('<?xml version="1.0"?>\n<quiz><question type="numerical"><name><text>n1</text>'
            '</name><questiontext format="html"><text>How far?</text></questiontext>'
            '<answer fraction="100"><text>2</text><tolerance>0</tolerance></answer>'
            f"<units>{units}</units></question></quiz>\n").encode()


@pytest.mark.parametrize(("units", "unit", "note"), [
    ("<unit><multiplier>1000</multiplier><unit_name>m</unit_name></unit>"
     "<unit><multiplier>1</multiplier><unit_name>km</unit_name></unit>", "km",
     "only the unit 'km' is kept (not 'm')"),
    ("<unit><multiplier>1</multiplier><unit_name>m&lt;sup&gt;2&lt;/sup&gt;</unit_name></unit>",
     None, "the unit 'm<sup>2</sup>' is left out: a unit is plain text"),
])
def test_a_moodle_unit_is_the_base_one_in_plain_text(units: str, unit: str | None, note: str,
                                                     tmp_path: Path) -> None:
    imported = read_moodle(_numerical_xml(units), "units.xml", "units")
    prepared = prepare_import(lms_project(tmp_path), "units", imported)
    bank, _ = validate(Bank, parse(prepared.text, "quizzes/units.yaml"))
    assert bank is not None and [q.id for q in bank.questions] == ["n1"]
    assert (bank.questions[0].unit or None) == unit
    assert any(note in str(n) for n in imported.notes), imported.notes


@pytest.mark.parametrize(("text", "shown"), [
    ("x & y < z ~ w", "<p>x &amp; y &lt; z ~ w</p>"),
    ("a <b> &amp; c", "<p>a &lt;b&gt; &amp;amp; c</p>"),
    ("line one\n2. line two", "<p>line one<br>\n2. line two</p>"),
    ("- not a list *nor emphasis* C:\\x", "<p>- not a list *nor emphasis* C:\\x</p>"),
])
def test_plain_text_shows_as_written(text: str, shown: str) -> None:
    """Plain text from a platform (GIFT [plain], Moodle plain_text, matching right sides)
    shows as written: no backslash of an escape Python-Markdown does not have, no tag."""
    assert to_html(escape_plain(text)) == shown
