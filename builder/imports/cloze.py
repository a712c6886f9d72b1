"""Moodle questions with gaps in their text, each gap becoming a question of its own: cloze
(`{1:MULTICHOICE:=right~%50%half~wrong}`, Moodle's multianswer syntax, read by the rules of
its qtype/multianswer/questiontype.php) and gapselect / ddwtos (`[[1]]` markers with groups
of choices). The course format has no question with several answers in its text.

In a gap's prompt that gap is `_____` and every other gap `…`: filled in, the other gaps
would give away the answers of the questions beside it in the same quiz; blank like this
one, the prompts would all read the same and not say which gap is asked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..model.types import slug
from . import scoring
from .common import unique_id

if TYPE_CHECKING:
    from .moodle import _Reader

GAP_TYPES = {"cloze", "gapselect", "ddwtos"}
BLANK, OTHER = "_____", "…"
MAX_WEIGHT = 1000
"""Largest gap weight carried as points (as the largest defaultgrade of moodle.py)."""

# Moodle's gap types (ANSWER_TYPE_DEF_REGEX), by what each becomes here
_KINDS = dict.fromkeys(["MULTICHOICE", "MC", "MULTICHOICE_V", "MCV", "MULTICHOICE_H", "MCH",
                        "MULTICHOICE_S", "MCS", "MULTICHOICE_VS", "MCVS", "MULTICHOICE_HS",
                        "MCHS"], "single")
_KINDS |= dict.fromkeys(["MULTIRESPONSE", "MR", "MULTIRESPONSE_H", "MRH", "MULTIRESPONSE_S",
                         "MRS", "MULTIRESPONSE_HS", "MRHS"], "multiple")
_KINDS |= dict.fromkeys(["SHORTANSWER", "SA", "MW"], "fill-in")
_KINDS |= dict.fromkeys(["SHORTANSWER_C", "SAC", "MWC"], "fill-in-case")
_KINDS |= dict.fromkeys(["NUMERICAL", "NM"], "numeric")

_GAP_START = re.compile(r"\{(\d*):([A-Z][A-Z_]*)")
_MARKER = re.compile(r"\[\[(\d+)\]\]")
_UNESCAPED_CLOSE = re.compile(r"(?<!\\)\}")
_ALTERNATIVE_SEP = re.compile(r"(?<!\\)~")
# `&#39;` and `&amp;#39;` are characters, not the start of a feedback (as in Moodle)
_FEEDBACK_SEP = re.compile(r"(?<!\\)(?<!&)(?<!&amp;)#")
_FRACTION = re.compile(r"%(-?[0-9]+(?:[.,][0-9]*)?)%")
_NUMBER = r"-?(?:[0-9]+[.,]?[0-9]*|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?"
_NUMERIC = re.compile(rf"({_NUMBER})(?::({_NUMBER}))?")
_TOKEN = re.compile(r"@@GAP(\d+)@@")
_ESCAPED = re.compile(r"\\([}#~/\"\\])")


class _Broken(Exception):
    """A gap that cannot become a question: why, and how to mend it."""

    def __init__(self, reason: str, hint: str = ""):
        super().__init__(reason)
        self.reason, self.hint = reason, hint


@dataclass
class _Gap:
    start: int
    end: int
    source: str
    """The gap as written, `{1:MC:=a~b}`."""
    weight: str = ""
    kind: str = ""
    """The gap's type (cloze: MULTICHOICE, ...) or the number of its choice (`[[3]]`: 3)."""
    body: str | None = None
    """What follows `{1:MC`: `:=a~b`; None when the gap is not closed."""


@dataclass
class _Alternative:
    fraction: float
    answer: str
    feedback: str


@dataclass
class _Question:
    """The question the gaps are in: what each of them takes from it."""

    element: Any
    name: str
    base_id: str
    html: str
    first_line: int
    shared: dict[str, Any]
    text: Callable[[str], str]
    """HTML of an answer or feedback as Markdown, by the rules of the question's text."""
    choices: list[tuple[str, str]]
    """gapselect, ddwtos: each choice's text and group."""


@dataclass
class _Context:
    """What reading a gap needs: HTML as Markdown, a note at the gap's line, the choices."""

    text: Callable[[str], str]
    note: Callable[[str], None]
    choices: list[tuple[str, str]]


def read_gaps(reader: _Reader, element: Any, number: int) -> None:
    """A cloze, gapselect or ddwtos question as one question per gap, the broken gaps left
    out with their line and why."""
    name = _short((element.findtext("name/text") or "").strip() or str(number), 60)
    field = element.find("questiontext")
    holder = field.find("text") if field is not None else None
    html = (holder.text or "") if holder is not None else ""
    cloze = element.get("type") == "cloze"
    gaps = list(_cloze_gaps(html) if cloze else _markers(html))
    if not gaps:
        reader.imported.leave_out(element.sourceline or 0, f"question {name!r} is left out: "
                                  "its text has no gap", "write the gaps in the text: " +
                                  ("{1:MULTICHOICE:=right~wrong}" if cloze else "[[1]]"))
        return
    if not cloze:
        _note_grade(reader, element, name, len(gaps))
    wanted = slug((element.findtext("idnumber") or "").strip() or name)[:50].strip("-")
    first_line = (holder.sourceline if holder is not None else None) or element.sourceline
    question = _Question(element, name, wanted or f"q{number}", html, first_line or 0,
                         reader.shared(element, name), _texts(reader, field),
                         [] if cloze else _choices(reader, element))
    prompts = _prompts(reader, field, html, gaps)
    made = sum(_one_gap(reader, question, gap, position, prompt)
               for position, (gap, prompt) in enumerate(zip(gaps, prompts, strict=True), 1))
    if made:
        shown = ("; its general feedback goes with each, and shows once any of them is "
                 "checked" if "explanation" in question.shared else "")
        reader.note(element, f"question {name!r} ({element.get('type')}) split into {made} "
                    f"question(s), one per gap{shown}", "check that it gives no gap away"
                    if shown else "")


def _one_gap(reader: _Reader, question: _Question, gap: _Gap, position: int,
             prompt: str) -> bool:
    """The gap as a question of the bank, or left out with why: whether it was kept."""
    line = question.first_line + question.html.count("\n", 0, gap.start)
    where = f"question {question.name!r}, gap {position}"
    context = _Context(question.text, lambda message: reader.imported.change(
        line, f"{where}: {message}"), question.choices)
    cloze = question.element.get("type") == "cloze"
    try:
        body = _cloze_body(gap, context) if cloze else _choice_body(gap, context)
    except _Broken as broken:
        reader.imported.leave_out(line, f"{where} {_shown(gap.source)} is left out: "
                                  f"{broken.reason}", broken.hint)
        return False
    qid = unique_id(f"{question.base_id}-gap{position}", reader.taken, position)
    data = {"id": qid, "type": body.pop("type"), "prompt": prompt, **body, **question.shared}
    reader.imported.add(data | (_weight_points(gap, context) if cloze else {}), line)
    return True


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else f"{text[:most - 3]}..."


def _shown(source: str) -> str:
    return repr(_short(source, 40))


# --- finding the gaps ----------------------------------------------------------------------


def _cloze_gaps(html: str) -> Iterator[_Gap]:
    """Every `{N:TYPE...}` of the text, closed by the first `}` not escaped as `\\}`; one not
    closed runs to the end of the text (and is reported)."""
    position = 0
    while match := _GAP_START.search(html, position):
        close = _UNESCAPED_CLOSE.search(html, match.end())
        end = close.end() if close else len(html)
        body = html[match.end():close.start()] if close else None
        yield _Gap(match.start(), end, html[match.start():end], match[1], match[2], body)
        position = end


def _markers(html: str) -> Iterator[_Gap]:
    for match in _MARKER.finditer(html):
        yield _Gap(match.start(), match.end(), match[0], kind=match[1])


def _prompts(reader: _Reader, field: Any, html: str, gaps: list[_Gap]) -> list[str]:
    """The text once as Markdown with a token for each gap, then one prompt per gap."""
    pieces, last = [], 0
    for number, gap in enumerate(gaps):
        pieces += [html[last:gap.start], f"@@GAP{number}@@"]
        last = gap.end
    text = _converted(reader, field, "".join(pieces) + html[last:])
    return [_TOKEN.sub(lambda m, asked=str(asked): BLANK if m[1] == asked else OTHER, text)
            for asked in range(len(gaps))]


def _converted(reader: _Reader, field: Any, html: str) -> str:
    """A piece of the question's text as Markdown by the reader's rules (its format, its
    files, its notes at its line): read as a copy of the field holding only this piece, and
    the files only when it links one (decoding them for every answer took seconds)."""
    holder = etree.Element("question")
    copy = etree.SubElement(holder, field.tag, dict(field.attrib))
    copy.sourceline = field.sourceline
    etree.SubElement(copy, "text").text = html
    if "@@PLUGINFILE@@" in html:
        copy.extend(deepcopy(file) for file in field.findall("file"))
    return reader.text(holder, field.tag)


def _weight_points(gap: _Gap, context: _Context) -> dict[str, int]:
    """A cloze gap's points are its weight: `{2:...}` is worth 2, `{:...}` and `{1:...}` 1."""
    if not gap.weight:
        return {}
    if len(gap.weight.lstrip("0")) > 4 or int(gap.weight) > MAX_WEIGHT:
        context.note(f"its weight {gap.weight[:20]} is over {MAX_WEIGHT} points: 1 point")
        return {}
    points = int(gap.weight)
    return {} if points == 1 else {"points": points}


def _note_grade(reader: _Reader, element: Any, name: str, gaps: int) -> None:
    """gapselect and ddwtos share the question's grade among its gaps; a question here has
    whole points, so each gap is worth 1."""
    grade = (element.findtext("defaultgrade") or "").strip()
    try:
        same = not grade or float(grade) == gaps
    except ValueError:
        same = False
    if not same:
        reader.note(element, f"question {name!r}: its grade {grade[:20]} becomes 1 point "
                    f"for each of its {gaps} gap(s)")


# --- cloze gaps ------------------------------------------------------------------------------


def _cloze_body(gap: _Gap, context: _Context) -> dict[str, Any]:
    kind = _KINDS.get(gap.kind)
    if kind is None:
        raise _Broken(f"{gap.kind} is not a gap type of Moodle",
                      "use MULTICHOICE, MULTIRESPONSE, SHORTANSWER or NUMERICAL")
    if gap.body is None:
        raise _Broken("the gap is not closed by }", "end the gap with }; write \\} for a } "
                      "inside it")
    example = f"{{{gap.weight}:{gap.kind}:" + ("=23.8:0.1}" if kind == "numeric" else
                                                "=right~wrong}")
    if not gap.body.startswith(":"):
        raise _Broken(f"{gap.kind} is not followed by ':' and the answers", f"write {example}")
    if gap.body == ":":
        raise _Broken(f"no answers after {gap.kind}:", f"write {example}")
    alternatives = _alternatives(gap.body[1:])
    if kind in ("single", "multiple"):
        return (_single if kind == "single" else _multiple)(alternatives, context)
    if kind == "numeric":
        return _numeric(alternatives, context)
    return _fill_in(alternatives, context, case_sensitive=kind == "fill-in-case")


def _alternatives(body: str) -> list[_Alternative]:
    """`=right#feedback~%50%half~wrong` as (fraction, answer, feedback), answers unescaped."""
    found = []
    for piece in _ALTERNATIVE_SEP.split(body):
        fraction = 0.0
        if piece.startswith("="):
            fraction, piece = 100.0, piece[1:]
        elif match := _FRACTION.match(piece):
            fraction, piece = float(match[1].replace(",", ".")), piece[match.end():]
        answer, *feedback = _FEEDBACK_SEP.split(piece, 1)
        if not answer.strip():
            raise _Broken("an answer is empty", "write each answer between ~ and ~, or "
                          "remove the extra ~")
        found.append(_Alternative(fraction, _ESCAPED.sub(r"\1", answer),
                                  _ESCAPED.sub(r"\1", "".join(feedback))))
    return found


def _texts(reader: _Reader, field: Any) -> Callable[[str], str]:
    """HTML of an answer or feedback as Markdown, by the rules of the question's text."""
    def text(html: str) -> str:
        return _converted(reader, field, html) if html.strip() else ""
    return text


class _GapPlace:
    """A gap as scoring.py's Place: a change is a note at the gap's line, a question that
    cannot be kept a broken gap."""

    def __init__(self, context: _Context):
        self.context = context

    def change(self, message: str, hint: str = "") -> None:
        self.context.note(message)

    def leave(self, message: str, hint: str = "") -> _Broken:
        return _Broken(message, hint)


def _choice_answers(alternatives: list[_Alternative],
                    context: _Context) -> list[scoring.Answer]:
    """The choices of a gap as Markdown, with their percent."""
    if len(alternatives) < 2:
        raise _Broken("a choice gap needs at least two choices, it has one",
                      "add wrong choices: {1:MULTICHOICE:=right~wrong}")
    return [(context.text(a.answer), context.text(a.feedback), a.fraction)
            for a in alternatives]


def _single(alternatives: list[_Alternative], context: _Context) -> dict[str, Any]:
    return scoring.single(_choice_answers(alternatives, context), _GapPlace(context))


def _multiple(alternatives: list[_Alternative], context: _Context) -> dict[str, Any]:
    return scoring.multiple(_choice_answers(alternatives, context), _GapPlace(context))


def _fill_in(alternatives: list[_Alternative], context: _Context,
             case_sensitive: bool) -> dict[str, Any]:
    """Short-answer gaps by the rules of short-answer questions, answers as plain text."""
    answers = [(" ".join(unescape(re.sub(r"<[^>]*>", "", a.answer)).split()),
                context.text(a.feedback), a.fraction) for a in alternatives]
    body = scoring.fill_in(answers, _GapPlace(context))
    if case_sensitive:
        body["case_sensitive"] = True
    return body


def _numeric(alternatives: list[_Alternative], context: _Context) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "numeric", "answers": []}
    for alternative in alternatives:
        feedback, written = context.text(alternative.feedback), alternative.answer.strip()
        match = _NUMERIC.fullmatch(written)
        if written != "*" and match is None:
            raise _Broken(f"the answer {written[:30]!r} is not a number",
                          "write a number and its tolerance: =23.8:0.1")
        if match is None:  # "*", any other number
            body |= {"feedback_wrong": feedback} if feedback else {}
            continue
        if alternative.fraction <= 0:
            if feedback:
                context.note(f"the wrong answer {written[:30]!r} and its feedback are left "
                             "out (any number not accepted is wrong)")
            continue
        answer: dict[str, Any] = {"value": float(match[1].replace(",", "."))}
        if match[2] and (tolerance := abs(float(match[2].replace(",", ".")))):
            answer["tolerance"] = tolerance
        if round(alternative.fraction) < 100:
            answer["credit"] = max(1, round(alternative.fraction))
        answers = body["answers"]
        answers.append(answer | ({"feedback": feedback} if feedback else {}))
    if not any(a.get("credit", 100) == 100 for a in body["answers"]):
        raise _Broken("no answer is fully right (=)", "mark the right number =")
    return body


# --- gapselect and ddwtos ----------------------------------------------------------------------


def _choices(reader: _Reader, element: Any) -> list[tuple[str, str]]:
    """The choices in their order, each with its group: `<selectoption>` or `<dragbox>`."""
    return [(reader.text(choice, "."), (choice.findtext("group") or "1").strip())
            for choice in element if choice.tag in ("selectoption", "dragbox")]


def _choice_body(gap: _Gap, context: _Context) -> dict[str, Any]:
    """`[[n]]`: the choices of choice n's group, choice n the right one."""
    choices = context.choices
    number = int(gap.kind) if len(gap.kind) < 6 else 0
    if not 1 <= number <= len(choices):
        raise _Broken(f"it names choice {gap.kind[:10]}, the question has {len(choices)}",
                      "number the gaps by the choices: [[1]] is the first choice")
    right, group = choices[number - 1]
    options = [{"text": text} | ({"correct": True} if index == number - 1 else {})
               for index, (text, in_group) in enumerate(choices) if in_group == group]
    if len(options) < 2:
        raise _Broken(f"the group {group[:10]!r} has only the right choice {right[:30]!r}",
                      "add choices to the group")
    return {"type": "single", "options": options}
