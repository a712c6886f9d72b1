"""Moodle XML: one file per bank and language, with a $course$ category.

Moodle publishes no schema for this format; the structure follows Moodle's documentation
of the XML format and of qtype_ordering. Images travel inside the file as base64
`<file>` elements that the HTML names `@@PLUGINFILE@@/name`.
"""

from __future__ import annotations

import base64
import posixpath
import xml.etree.ElementTree as ET
from urllib.parse import quote

from ..load.project import Project
from ..model.schema import Bank, QuestionBase
from .common import (
    BankContext,
    Export,
    category_path,
    credit_fraction,
    export_each,
    moodle_fraction,
    number,
    short_answer,
)
from .text import plain_right, relink, rendered

PENALTY = "0.3333333"


def export_moodle(project: Project, banks: list[Bank], languages: list[str]) -> Export:
    return export_each(project, banks, languages, "Moodle XML", "xml", bank_xml)


def bank_xml(ctx: BankContext) -> bytes:
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", type="category")
    _text(ET.SubElement(category, "category"), category_path(ctx.t(ctx.bank.title)))
    _html(ctx, ET.SubElement(category, "info"), ctx.bank.description)
    ET.SubElement(category, "idnumber").text = ctx.bank.id
    for question in ctx.bank.questions:
        quiz.append(question_xml(ctx, question))
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"


def _text(parent: ET.Element, value: str) -> ET.Element:
    ET.SubElement(parent, "text").text = value
    return parent


def _html(ctx: BankContext, element: ET.Element, value, *, inline: bool = False) -> ET.Element:
    """A Moodle text field: format="html", the HTML, and the files it shows."""
    html, files = rendered(ctx, value, inline=inline) if value else ("", [])
    names = _file_names(files)
    element.set("format", "html")
    # Moodle names a file in text as PHP's rawurlencode does (<file name> stays as it is)
    url = {path: f"@@PLUGINFILE@@/{quote(name, safe='')}" for path, name in names.items()}
    _text(element, relink(html, files, url.__getitem__))
    for path in files:
        data = (ctx.project.root / path).read_bytes()
        file = ET.SubElement(element, "file", name=names[path], path="/", encoding="base64")
        file.text = base64.b64encode(data).decode("ascii")
    return element


def _file_names(files: list[str]) -> dict[str, str]:
    """Project paths -> file names unique within one text field."""
    names: dict[str, str] = {}
    for path in files:
        name = posixpath.basename(path)
        if name in names.values():
            name = path.replace("/", "_")
        names[path] = name
    return names


def question_xml(ctx: BankContext, q: QuestionBase) -> ET.Element:
    kind = MOODLE_TYPES[q.type]
    element = ET.Element("question", type=kind)
    _text(ET.SubElement(element, "name"), q.id)
    _html(ctx, ET.SubElement(element, "questiontext"), q.prompt)
    _html(ctx, ET.SubElement(element, "generalfeedback"), q.explanation)
    ET.SubElement(element, "defaultgrade").text = f"{q.points:.7f}"
    ET.SubElement(element, "penalty").text = "0" if kind == "essay" else PENALTY
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = q.id
    BODIES[q.type](ctx, q, element)
    if q.hint:
        if kind in ("essay", "truefalse"):
            ctx.warn(q, f"the hint is left out: Moodle's {kind} questions have no hints")
        else:
            _html(ctx, ET.SubElement(element, "hint"), q.hint)
    return element


MOODLE_TYPES = {"single": "multichoice", "multiple": "multichoice", "true-false": "truefalse",
                "fill-in": "shortanswer", "matching": "matching", "ordering": "ordering",
                "open": "essay", "numeric": "numerical"}


def _combined_feedback(ctx: BankContext, element: ET.Element) -> None:
    for name in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _html(ctx, ET.SubElement(element, name), "")


def _answer(ctx: BankContext, element: ET.Element, fraction: float, text, feedback,
            *, html: bool = True) -> None:
    answer = ET.SubElement(element, "answer", fraction=f"{fraction:g}")
    if html:
        _html(ctx, answer, text, inline=True)
    else:
        answer.set("format", "moodle_auto_format")
        _text(answer, text)
    _html(ctx, ET.SubElement(answer, "feedback"), feedback, inline=True)


def _choice(ctx: BankContext, q, element: ET.Element) -> None:
    single = q.type == "single"
    ET.SubElement(element, "single").text = "true" if single else "false"
    ET.SubElement(element, "shuffleanswers").text = "true"
    ET.SubElement(element, "answernumbering").text = "abc"
    ET.SubElement(element, "showstandardinstruction").text = "0"
    _combined_feedback(ctx, element)
    right = sum(o.correct for o in q.options)
    # Our score is (right chosen - wrong chosen) / right options, never below 0: Moodle sums
    # the fractions of the chosen options and clamps at 0, so +1/n and -1/n give the same.
    share, exact = moodle_fraction(1 / right)
    if not single and not exact:
        ctx.warn(q, f"partial credit is rounded: 1/{right} is not a fraction Moodle accepts, "
                 f"{share:g}% is used")
    right_fraction, wrong_fraction = (100, 0) if single else (share, -share)
    for option in q.options:
        fraction = right_fraction if option.correct else wrong_fraction
        if option.credit:
            fraction = credit_fraction(ctx, q, option.credit, may_be_full=True)
        _answer(ctx, element, fraction, option.text, option.feedback)


def _true_false(ctx: BankContext, q, element: ET.Element) -> None:
    for value in (True, False):
        _answer(ctx, element, 100 if q.answer == value else 0, "true" if value else "false",
                q.feedback_true if value else q.feedback_false, html=False)


def _fill_in(ctx: BankContext, q, element: ET.Element) -> None:
    ET.SubElement(element, "usecase").text = "1" if q.case_sensitive else "0"
    if q.ignore_punctuation:
        ctx.warn(q, "ignore_punctuation is not carried: Moodle's short answer compares "
                 "punctuation", "add the answers without punctuation as further answers")
    for answer in q.answers:
        _answer(ctx, element, 100, short_answer(ctx.t(answer)), q.feedback_right, html=False)
    for partial in q.partial:
        _answer(ctx, element, credit_fraction(ctx, q, partial.credit),
                short_answer(ctx.t(partial.answer)), partial.feedback, html=False)
    if q.feedback_wrong:  # Moodle's wildcard answer: any other response
        _answer(ctx, element, 0, "*", q.feedback_wrong, html=False)


def _numeric(ctx: BankContext, q, element: ET.Element) -> None:
    for answer in q.answers:
        _answer(ctx, element, credit_fraction(ctx, q, answer.credit), number(answer.value),
                answer.feedback, html=False)
        ET.SubElement(element[-1], "tolerance").text = number(answer.tolerance)
    if q.feedback_wrong:
        _answer(ctx, element, 0, "*", q.feedback_wrong, html=False)
        ET.SubElement(element[-1], "tolerance").text = "0"
    if q.unit:  # shown beside the field, never graded: the trainee types only the number
        unit = ET.SubElement(ET.SubElement(element, "units"), "unit")
        ET.SubElement(unit, "multiplier").text = "1"
        ET.SubElement(unit, "unit_name").text = ctx.t(q.unit)
    for name, value in (("unitgradingtype", "0"), ("unitpenalty", "0"),
                        ("showunits", "3"), ("unitsleft", "0")):
        ET.SubElement(element, name).text = value


def _matching(ctx: BankContext, q, element: ET.Element) -> None:
    ET.SubElement(element, "shuffleanswers").text = "true"
    _combined_feedback(ctx, element)
    for pair in q.pairs:
        sub = _html(ctx, ET.SubElement(element, "subquestion"), pair.left, inline=True)
        _text(ET.SubElement(sub, "answer"), plain_right(ctx, q, pair.right))


def _ordering(ctx: BankContext, q, element: ET.Element) -> None:
    for name, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"),
                        ("selectcount", "0"), ("gradingtype", "LONGEST_ORDERED_SUBSET"),
                        ("showgrading", "SHOW"), ("numberingstyle", "none")):
        ET.SubElement(element, name).text = value
    _combined_feedback(ctx, element)
    ET.SubElement(element, "shownumcorrect").text = "1"
    if len(q.items) > 2:
        ctx.warn(q, "partial credit differs slightly: Moodle's 'longest ordered subset' "
                 "grades k of n items in order as k/n, the site as (k-1)/(n-1)")
    for position, item in enumerate(q.items, 1):
        _answer(ctx, element, position, item, "")


def _open(ctx: BankContext, q, element: ET.Element) -> None:
    for name, value in (("responseformat", "editor"), ("responserequired", "1"),
                        ("responsefieldlines", "15"), ("attachments", "0"),
                        ("attachmentsrequired", "0")):
        ET.SubElement(element, name).text = value
    # Grader information is for the teacher who marks the essay, never shown to the trainee.
    info = ctx.t(q.model_answer)
    if q.checklist:
        info += "\n\n" + "\n".join(f"- {ctx.t(c)}" for c in q.checklist)
    _html(ctx, ET.SubElement(element, "graderinfo"), info)
    _html(ctx, ET.SubElement(element, "responsetemplate"), "")


BODIES = {"single": _choice, "multiple": _choice, "true-false": _true_false,
          "fill-in": _fill_in, "matching": _matching, "ordering": _ordering, "open": _open,
          "numeric": _numeric}
