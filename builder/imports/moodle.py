"""Moodle XML into a bank: multichoice, truefalse, shortanswer, matching, ordering and essay
questions, with their points, feedback, hints and embedded files."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any
from urllib.parse import quote, unquote

from lxml import etree

from ..load.problems import CurriculumError, Problem
from . import scoring
from .cloze import GAP_TYPES, read_gaps
from .common import (
    MAX_HTML_DEPTH,
    MAX_OPTIONS,
    MEDIA,
    Imported,
    LeftOut,
    Place,
    drop_missing_images,
    escape_plain,
    html_depth,
    to_markdown,
    unique_id,
)
from .write import decode_input

_PLUGINFILE = re.compile(r"@@PLUGINFILE@@([^\"'<>\s)]*)")
_DECLARED = re.compile(rb"\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")

TYPES = {"multichoice", "truefalse", "shortanswer", "matching", "ordering", "essay",
         "numerical", "order"}


def read_moodle(raw: bytes, display: str, bank_id: str, encoding: str | None = None
                ) -> Imported:
    raw = _as_parsed(raw, display, encoding)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, encoding="utf-8" if encoding else None)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        raise CurriculumError([Problem(display, line, exc.offset or 0, "",
                                       f"not well-formed XML: {exc.msg}",
                                       "export the questions again from Moodle")]) from None
    if root.tag not in ("quiz", "question"):
        raise CurriculumError([Problem(display, root.sourceline or 0, 0, "",
                                       f"the root element is <{root.tag}>, not <quiz>",
                                       "this is not a Moodle XML question file")])
    imported = Imported(display)
    _expand_entities(root, imported)
    reader = _Reader(imported, bank_id)
    # a file of one question without <quiz> around it (as Moodle's own test fixtures and
    # hand-written examples are) is read as that question
    questions = [root] if root.tag == "question" else root.findall("question")
    for number, element in enumerate(questions, 1):
        reader.question(element, number)
    return imported


def _as_parsed(raw: bytes, display: str, encoding: str | None) -> bytes:
    """The bytes the parser reads. With --encoding, Python's codecs decode the file (any name
    they know: cp1251, latin-1, ...) and the parser reads it as UTF-8 whatever it declares
    (libxml2 knows other names, and raised on `latin-1`). Without, the declared encoding is
    the parser's; where none or UTF-8 is declared, a byte that is not UTF-8 is one clear line
    that names it and --encoding, as for every import."""
    if encoding:
        return decode_input(raw, display, encoding).encode("utf-8")
    declared = _DECLARED.match(raw)
    if declared is None or declared[1].lower().replace(b"-", b"") in (b"utf8", b"utf_8"):
        decode_input(raw, display)
    return raw


def _expand_entities(root, imported: Imported) -> None:
    """Internal entities (<!ENTITY co "Council of Europe">) are text the author wrote and
    become it; an external one (SYSTEM "file:...") is never read, and is dropped with a note.
    (lxml keeps an unresolved entity as a node that findtext() stops at.)"""
    dtd = root.getroottree().docinfo.internalDTD
    known = {e.name: e.content or "" for e in dtd.iterentities()
             if e.content is not None and not e.system_url} if dtd is not None else {}
    for entity in list(root.iter(etree.Entity)):
        value = known.get(entity.name)
        if value is None:
            imported.change(entity.sourceline or 0, f"the entity &{entity.name}; is not read "
                            "(an external one, or not declared) and is left out")
            value = ""
        value += entity.tail or ""
        parent, previous = entity.getparent(), entity.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + value
        else:
            parent.text = (parent.text or "") + value
        parent.remove(entity)


def _check_size(element, place: Place) -> None:
    """A question with more answers than MAX_OPTIONS is left out before they are read."""
    count = sum(1 for child in element if child.tag in ("answer", "subquestion"))
    if count > MAX_OPTIONS:
        raise place.leave(f"it has {count:,} answers, more than {MAX_OPTIONS}",
                          "split it into several questions")


def _number(text: str, default: float) -> float:
    """A number Moodle wrote (a fraction, a grade); `abc`, `nan`, `inf`, `1e400` give the
    default, so the import goes on (the value is reported where it matters)."""
    try:
        value = float(text.strip())
    except ValueError:
        return -1.0 if default == 1.0 else default
    if value != value or value in (float("inf"), float("-inf")):
        return -1.0 if default == 1.0 else default
    return value


class _Reader:
    def __init__(self, imported: Imported, bank_id: str):
        self.imported, self.bank_id = imported, bank_id
        self.taken: set[str] = set()

    def note(self, element, message: str, hint: str = "") -> None:
        self.imported.note(element.sourceline or 0, message, hint)

    # --- texts -------------------------------------------------------------------------------

    def text(self, element, name: str, plain: bool = False) -> str:
        """A text field as Markdown; its files are kept and the links point at them."""
        field = element.find(name)
        if field is None:
            return ""
        value = field.findtext("text") or ""
        files = {}
        for file in field.findall("file"):
            stored = self.file(file)
            if stored:
                files[unquote(f"{file.get('path') or '/'}{file.get('name') or ''}")] = stored
        if files or "@@PLUGINFILE@@" in value:
            value = _PLUGINFILE.sub(lambda m: self._link(m[1], files), value)
        kind = field.get("format") or ("plain_text" if plain else "html")
        if plain or kind == "markdown":
            text = value.strip()
        elif kind == "plain_text":
            text = escape_plain(value)
        else:  # html, and moodle_auto_format (HTML with line breaks kept)
            if kind == "moodle_auto_format" and "<" not in value:
                value = value.replace("\n", "<br>\n")
            if html_depth(value) > MAX_HTML_DEPTH:
                self.note(field, f"{name}: HTML nested deeper than {MAX_HTML_DEPTH} levels is "
                          "kept as its text only")
            text = to_markdown(value)
        kept = {f"../{MEDIA}/{self.bank_id}/{n}" for n in files.values()}
        text, dropped = drop_missing_images(text, kept)
        for target in dropped:
            self.note(field, f"{name}: the image {target!r} is not in the file and is left "
                      "out (its alt text stays)", "add the image to media/ and link it")
        return text

    def _link(self, path: str, files: dict[str, str]) -> str:
        stored = files.get(unquote(path))
        return f"../{MEDIA}/{self.bank_id}/{quote(stored)}" if stored else f"@@PLUGINFILE@@{path}"

    def file(self, file) -> str:
        name = file.get("name") or "file"
        try:
            content = base64.b64decode(file.text or "", validate=False)
        except (binascii.Error, ValueError):
            self.note(file, f"the file {name!r} is not valid base64 and is left out")
            return ""
        return self.imported.add_file(name, content)

    # --- questions ---------------------------------------------------------------------------

    def question(self, element, number: int) -> None:
        kind = element.get("type") or ""
        if kind == "description":
            if text := self.text(element, "questiontext"):
                self.imported.description = f"{self.imported.description}\n\n{text}".strip()
                self.note(element, "a description (text without answers) goes into the "
                          "bank's description")
            return
        if kind == "category":
            category = (element.findtext("category/text") or "").strip()
            self.imported.category = category
            self.imported.title = category.rsplit("/", 1)[-1] or self.imported.title
            return
        if kind in GAP_TYPES:
            read_gaps(self, element, number)
            return
        name = (element.findtext("name/text") or "").strip()
        if kind not in TYPES:
            self.imported.leave_out(element.sourceline or 0, f"question {name or number!r} of "
                                    f"type {kind!r} is left out: the course format has no "
                                    "such type", "recreate it as one of the eight types")
            return
        wanted = (element.findtext("idnumber") or "").strip() or name
        data: dict[str, Any] = {"id": unique_id(wanted, self.taken, number, self.imported,
                                                element.sourceline or 0)}
        place = self._place(element, data)
        try:
            _check_size(element, place)
            data["prompt"] = self.text(element, "questiontext")
            body = getattr(self, f"_{kind}")(element, data)
        except LeftOut as exc:
            self.imported.leave_out(place.line, str(exc), exc.hint)
            return
        if body is None:
            return
        data.update(body)
        grade = element.findtext("defaultgrade")
        if grade and grade.strip():
            points = _number(grade, 1.0)
            if points < 0 or points > 1000:
                self.note(element, f"question {data['id']!r}: defaultgrade {grade.strip()[:20]!r}"
                          " is not a number of points: 1 point")
                points = 1.0
            if points != int(points):
                self.note(element, f"question {data['id']!r}: {points:g} points rounded to "
                          f"{round(points)} (points are whole numbers)")
            if round(points) != 1:
                data["points"] = round(points)
        data |= self.shared(element, data["id"])
        ordered = {"id": data["id"], "type": data.pop("type"), **data}
        self.imported.add(ordered, element.sourceline or 0)

    def shared(self, element, name: str) -> dict[str, Any]:
        """What a question holds besides its answers: its general feedback and first hint
        (a cloze question gives them to each of its gaps); combined feedback is said."""
        shared: dict[str, Any] = {}
        if explanation := self.text(element, "generalfeedback"):
            shared["explanation"] = explanation
        hints = [h for h in element.findall("hint") if (h.findtext("text") or "").strip()]
        if hints:
            shared["hint"] = self.text(element, "hint")
        if len(hints) > 1:
            self.note(hints[1], f"question {name!r}: only its first hint is kept (it has "
                      f"{len(hints)}; a question has one)")
        for combined in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            if self.text(element, combined):
                self.note(element.find(combined), f"question {name!r}: the combined "
                          f"{combined} is left out (the site shows right/wrong itself)")
        return shared

    def _answers(self, element) -> list[tuple[Any, float, str, str]]:
        return [(a, _number(a.get("fraction") or "0", 0.0), self.text(a, "."),
                 self.text(a, "feedback")) for a in element.findall("answer")]

    def _place(self, element, data) -> Place:
        return Place(self.imported, data["id"], element.sourceline or 0)

    def _multichoice(self, element, data) -> dict:
        """Moodle's <single> as its import reads it (false, 0 or empty: several answers)."""
        written = element.findtext("single")
        single = (written if written is not None else "true").strip() not in ("false", "0", "")
        scored = [(t, f, p) for _, p, t, f in self._answers(element)]
        return (scoring.single if single else scoring.multiple)(scored, self._place(element, data))

    def _truefalse(self, element, data) -> dict:
        answers = self._answers(element)
        right = next((t for _, f, t, _ in answers if f > 0), "true")
        body: dict[str, Any] = {"type": "true-false", "answer": right.strip().lower() == "true"}
        for answer, _, text, feedback in answers:
            side = text.strip().lower()
            if feedback and side in ("true", "false"):
                body.setdefault(f"feedback_{side}", feedback)
            elif feedback:
                self.note(answer, f"question {data['id']!r}: the feedback on the answer "
                          f"{text!r} (neither true nor false) is left out")
        return body

    def _shortanswer(self, element, data) -> dict:
        """Answers are plain text, as Moodle compares them (no Markdown escapes: `*` is a
        wildcard, `\\*` a star)."""
        answers = [(self.text(a, ".", plain=True), self.text(a, "feedback"),
                    _number(a.get("fraction") or "0", 0.0)) for a in element.findall("answer")]
        body = scoring.fill_in(answers, self._place(element, data))
        if (element.findtext("usecase") or "0").strip() == "1":
            body["case_sensitive"] = True
        return body

    def _matching(self, element, data) -> dict:
        pairs = []
        for sub in element.findall("subquestion"):
            left = self.text(sub, ".")
            right = (sub.findtext("answer/text") or "").strip()
            if not left:
                self.note(sub, f"question {data['id']!r}: the extra right side {right!r} "
                          "(a distractor) is left out: every right side has a left one")
                continue
            pairs.append({"left": left, "right": right})
        return {"type": "matching", "pairs": pairs}

    def _ordering(self, element, data) -> dict:
        answers = sorted(self._answers(element), key=lambda a: a[1])
        grading = (element.findtext("gradingtype") or "").strip()
        if grading and grading != "LONGEST_ORDERED_SUBSET":
            self.note(element, f"question {data['id']!r}: grading {grading} is not carried; "
                      "the site gives partial credit by the longest part in order")
        return {"type": "ordering", "items": [t for _, _, t, _ in answers]}

    def _order(self, element, data) -> dict:
        """qtype_order, the plugin before Moodle's ordering type: each item (a subquestion)
        with its place in the right order, 1 to n, which its import requires."""
        items = [(_number(sub.findtext("answer/text") or "", float("nan")), self.text(sub, "."))
                 for sub in element.findall("subquestion")]
        place = self._place(element, data)
        if sorted(p for p, _ in items) != list(range(1, len(items) + 1)):
            raise place.leave("its items' places are not 1 to n (Moodle's order plugin refuses "
                              "such a question too)")
        place.change("imported as an ordering question: Moodle's order plugin gives credit for "
                     "each item in its place, the site by the longest part in order")
        return {"type": "ordering", "items": [t for _, t in sorted(items)]}

    def _essay(self, element, data) -> dict | None:
        model = self.text(element, "graderinfo")
        if self.text(element, "responsetemplate"):
            self.note(element, f"question {data['id']!r}: its response template is left out "
                      "(an open question's answer box starts empty)",
                      "put what the trainee should start from into the prompt")
        if not model:
            self.note(element, f"question {data['id']!r}: an essay without grader information "
                      "is imported as an open question without a model answer",
                      "write `model_answer` in the YAML")
            return {"type": "open"}
        # Moodle never shows it to students; the site shows a model answer after Check
        self.note(element, f"question {data['id']!r}: Moodle's information for graders becomes "
                  "the model answer, which trainees see after they check their answer",
                  "read it and take out what is for graders only, or keep the bank lms_only")
        return {"type": "open", "model_answer": model}

    def _numerical(self, element, data) -> dict | None:
        answers = []
        for answer, fraction, _, feedback in self._answers(element):
            text = self.text(answer, ".", plain=True)  # `*`, not Markdown's `\*`
            value = _number(text, float("nan"))
            tolerance = abs(_number(answer.findtext("tolerance") or "0", 0.0))
            if text.strip() == "*" or value != value:
                if text.strip() == "*" and feedback:
                    data["feedback_wrong"] = feedback
                continue
            if fraction <= 0:
                continue
            entry: dict[str, Any] = {"value": value}
            if tolerance:
                entry["tolerance"] = tolerance
            if round(fraction) < 100:
                entry["credit"] = max(1, round(fraction))
            if feedback:
                entry["feedback"] = feedback
            answers.append(entry)
        if not answers:
            self.imported.leave_out(element.sourceline or 0, f"question {data['id']!r} is "
                                    "left out: none of its numerical answers could be read")
            return None
        body: dict[str, Any] = {"type": "numeric", "answers": answers}
        if unit := self._unit(element, data["id"]):
            body["unit"] = unit
        return body

    def _unit(self, element, qid: str) -> str:
        """The unit shown after the number: Moodle's base unit (multiplier 1, as Moodle reads
        `unit_name`); other units (km beside m) and one with markup are not carried."""
        units = [((u.findtext("unit_name") or "").strip(), _number(u.findtext("multiplier")
                                                                   or "1", 0.0))
                 for u in element.findall("units/unit")]
        base = next((name for name, multiplier in units if name and multiplier == 1), "")
        others = [name for name, _ in units if name and name != base]
        if others:
            self.note(element, f"question {qid!r}: only the unit {base!r} is kept (not "
                      f"{', '.join(map(repr, others))}): the trainee types the number only")
        if "<" in base or ">" in base:
            self.note(element, f"question {qid!r}: the unit {base!r} is left out: a unit is "
                      "plain text")
            return ""
        return base
