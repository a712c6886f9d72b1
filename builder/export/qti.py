"""QTI 2.1: one content package (zip) per bank and language, one assessmentItem per question.

The QTI 2.1 XSDs are in no package this project can install, so the structure follows the
IMS QTI 2.1 information model and the tests check namespaces and structure (docs/lms.md).
"""

from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from urllib.parse import quote

from ..load.project import Project
from ..model.schema import Bank, QuestionBase
from .common import BankContext, Export, export_each, number
from .text import fill, relink, rendered

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ET.register_namespace("xsi", XSI)

_COMMON = {"id", "class"}
_XHTML = {t: (t, _COMMON) for t in (
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "div",
    "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol",
    "p", "pre", "q", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul")}
_XHTML["a"] = ("a", _COMMON | {"href"})
_XHTML["img"] = ("img", _COMMON | {"src", "alt", "width", "height"})
_XHTML["td"] = ("td", _COMMON | {"colspan", "rowspan"})
_XHTML["th"] = ("th", _COMMON | {"colspan", "rowspan", "scope"})
_XHTML["ol"] = ("ol", _COMMON)
# Tags QTI's content model lacks keep their content inside a neutral element.
_RENAMED = {"figure": "div", "figcaption": "div", "section": "div", "article": "div",
            "nav": "div", "details": "div", "summary": "div", "mark": "span", "u": "span",
            "s": "span", "del": "span", "ins": "span", "label": "span"}


def _allow(tag: str):
    if tag in _XHTML:
        return _XHTML[tag]
    if tag in _RENAMED:
        return (_RENAMED[tag], _COMMON)
    return None


def q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def export_qti(project: Project, banks: list[Bank], languages: list[str]) -> Export:
    return export_each(project, banks, languages, "QTI 2.1", "zip", package)


def identifier(question_id: str) -> str:
    """A QTI identifier: it may not start with a digit or a hyphen."""
    return question_id if question_id[:1].isalpha() else f"Q_{question_id}"


def package(ctx: BankContext) -> bytes:
    """The zip: imsmanifest.xml, items/<id>.xml, and the files the items show."""
    items: dict[str, bytes] = {}
    media: dict[str, set[str]] = {}
    for question in ctx.bank.questions:
        builder = ItemBuilder(ctx, question)
        href = f"items/{identifier(question.id)}.xml"
        items[href] = builder.xml()
        media[href] = builder.files
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest(ctx, media))
        for href, data in items.items():
            archive.writestr(href, data)
        for path in sorted(set().union(*media.values())):
            archive.write(ctx.project.root / path, path)
    return buffer.getvalue()


def manifest(ctx: BankContext, media: dict[str, set[str]]) -> bytes:
    root = ET.Element(f"{{{CP}}}manifest", {"identifier": f"MANIFEST-{ctx.bank.id}-{ctx.lang}",
                                            f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD}"})
    ET.SubElement(root, f"{{{CP}}}organizations")
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    for href, files in media.items():
        name = posixpath.splitext(posixpath.basename(href))[0]
        resource = ET.SubElement(resources, f"{{{CP}}}resource", identifier=f"RES-{name}",
                                 type="imsqti_item_xmlv2p1", href=href)
        ET.SubElement(resource, f"{{{CP}}}file", href=href)
        for path in sorted(files):
            ET.SubElement(resource, f"{{{CP}}}file", href=quote(path, safe="/"))
    return _serialise(root, CP)


def _serialise(root: ET.Element, namespace: str) -> bytes:
    ET.indent(root)
    # The document's namespace as the default one (ElementTree's default_namespace option
    # refuses unqualified attributes, which QTI and IMS CP use throughout).
    ET.register_namespace("", namespace)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


class ItemBuilder:
    """One question as a QTI assessmentItem."""

    def __init__(self, ctx: BankContext, question: QuestionBase):
        self.ctx, self.question = ctx, question
        self.files: set[str] = set()
        self.root = ET.Element(q("assessmentItem"), {
            f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}", "identifier":
            identifier(question.id), "title": question.id, "adaptive": "false",
            "timeDependent": "false", "{http://www.w3.org/XML/1998/namespace}lang": ctx.lang})
        self.feedback: list[ET.Element] = []

    # --- pieces ----------------------------------------------------------------------------

    def html(self, parent: ET.Element, value, *, inline: bool = False) -> ET.Element:
        """Author Markdown as QTI XHTML inside `parent`; files it shows go into the zip."""
        text, files = rendered(self.ctx, value, inline=inline)
        self.files.update(files)
        text = relink(text, files, lambda path: f"../{quote(path, safe='/')}")
        dropped = fill(parent, text, QTI, _allow)
        if dropped:
            self.ctx.warn(self.question, f"HTML tags {', '.join(sorted(dropped))} are left out "
                          "(not in QTI's content model); their text is kept")
        return parent

    def declare_response(self, cardinality: str, base: str, correct: list[str],
                         mapping: dict[str, float] | None = None, case: bool = True) -> None:
        decl = ET.SubElement(self.root, q("responseDeclaration"), identifier="RESPONSE",
                             cardinality=cardinality, baseType=base)
        if correct:
            box = ET.SubElement(decl, q("correctResponse"))
            for value in correct:
                ET.SubElement(box, q("value")).text = value
        if mapping is not None:
            points = self.question.points
            element = ET.SubElement(decl, q("mapping"), lowerBound="0",
                                    upperBound=f"{points:g}", defaultValue="0")
            for key, value in mapping.items():
                entry = ET.SubElement(element, q("mapEntry"), mapKey=key,
                                      mappedValue=f"{value:.6g}")
                if base == "string":
                    entry.set("caseSensitive", "true" if case else "false")

    def outcomes(self) -> None:
        points = f"{self.question.points:g}"
        if self.question.hint:
            ET.SubElement(self.root, q("responseDeclaration"), identifier="HINTREQUEST",
                          cardinality="single", baseType="boolean")
        score = ET.SubElement(self.root, q("outcomeDeclaration"), identifier="SCORE",
                              cardinality="single", baseType="float", normalMaximum=points)
        ET.SubElement(ET.SubElement(score, q("defaultValue")), q("value")).text = "0"
        top = ET.SubElement(self.root, q("outcomeDeclaration"), identifier="MAXSCORE",
                            cardinality="single", baseType="float")
        ET.SubElement(ET.SubElement(top, q("defaultValue")), q("value")).text = points
        ET.SubElement(self.root, q("outcomeDeclaration"), identifier="FEEDBACK",
                      cardinality="multiple", baseType="identifier")
        if self.question.hint:
            ET.SubElement(self.root, q("outcomeDeclaration"), identifier="SHOWHINT",
                          cardinality="single", baseType="identifier")

    def modal(self, key: str, value) -> None:
        element = ET.Element(q("modalFeedback"), outcomeIdentifier="FEEDBACK", identifier=key,
                             showHide="show")
        self.feedback.append(self.html(element, value))

    def body(self) -> ET.Element:
        body = ET.SubElement(self.root, q("itemBody"))
        self.html(ET.SubElement(body, q("div"), {"class": "prompt"}), self.question.prompt)
        return body

    def hint(self, body: ET.Element) -> None:
        if not self.question.hint:
            return
        label = self.ctx.t.table("quiz").get("hint", "Hint")
        ET.SubElement(body, q("endAttemptInteraction"), responseIdentifier="HINTREQUEST",
                      title=label)
        block = ET.SubElement(body, q("feedbackBlock"), outcomeIdentifier="SHOWHINT",
                              identifier="HINT", showHide="show")
        self.html(block, self.question.hint)

    def processing(self, score: str, feedback_from_response: bool) -> None:
        """SCORE from the response (`map` or `match`), FEEDBACK = the chosen ids + GENERAL;
        asking for the hint shows it without ending the scoring."""
        rp = ET.SubElement(self.root, q("responseProcessing"))
        if score == "none":
            return
        condition = ET.SubElement(rp, q("responseCondition"))
        if self.question.hint:
            first = ET.SubElement(condition, q("responseIf"))
            ET.SubElement(first, q("variable"), identifier="HINTREQUEST")
            shown = ET.SubElement(first, q("setOutcomeValue"), identifier="SHOWHINT")
            ET.SubElement(shown, q("baseValue"), baseType="identifier").text = "HINT"
            scored = ET.SubElement(condition, q("responseElse"))
        else:
            scored = None
        target = scored if scored is not None else rp
        if scored is None:
            rp.remove(condition)
        inner = ET.SubElement(target, q("responseCondition"))
        empty = ET.SubElement(inner, q("responseIf"))
        ET.SubElement(ET.SubElement(empty, q("isNull")), q("variable"), identifier="RESPONSE")
        zero = ET.SubElement(empty, q("setOutcomeValue"), identifier="SCORE")
        ET.SubElement(zero, q("baseValue"), baseType="float").text = "0"
        other = ET.SubElement(inner, q("responseElse"))
        if score == "map":
            value = ET.SubElement(other, q("setOutcomeValue"), identifier="SCORE")
            ET.SubElement(value, q("mapResponse"), identifier="RESPONSE")
        else:
            match = ET.SubElement(ET.SubElement(other, q("responseCondition")), q("responseIf"))
            both = ET.SubElement(match, q("match"))
            ET.SubElement(both, q("variable"), identifier="RESPONSE")
            ET.SubElement(both, q("correct"), identifier="RESPONSE")
            full = ET.SubElement(match, q("setOutcomeValue"), identifier="SCORE")
            ET.SubElement(full, q("variable"), identifier="MAXSCORE")
        shown = ET.SubElement(target, q("setOutcomeValue"), identifier="FEEDBACK")
        many = ET.SubElement(shown, q("multiple"))
        if feedback_from_response:
            ET.SubElement(many, q("variable"), identifier="RESPONSE")
        ET.SubElement(many, q("baseValue"), baseType="identifier").text = "GENERAL"

    def xml(self) -> bytes:
        KINDS[self.question.type](self)
        if self.question.explanation:
            self.modal("GENERAL", self.question.explanation)
        for element in self.feedback:
            self.root.append(element)
        return _serialise(self.root, QTI)


# --- the seven types ------------------------------------------------------------------------


def _choice(item: ItemBuilder) -> None:
    question = item.question
    ids = [f"C{i}" for i in range(1, len(question.options) + 1)]
    right = [i for i, o in zip(ids, question.options, strict=True) if o.correct]
    share = question.points / len(right)
    # The site's score: (right chosen - wrong chosen) / right options, at least 0.
    single = question.type == "single"
    mapping = {i: share if o.correct else question.points * o.credit / 100 if single
               else -share for i, o in zip(ids, question.options, strict=True)}
    item.declare_response("single" if single else "multiple", "identifier", right, mapping)
    item.outcomes()
    body = item.body()
    interaction = ET.SubElement(body, q("choiceInteraction"), responseIdentifier="RESPONSE",
                                shuffle="true", maxChoices="1" if single else "0")
    for key, option in zip(ids, question.options, strict=True):
        item.html(ET.SubElement(interaction, q("simpleChoice"), identifier=key), option.text,
                  inline=True)
        if option.feedback:
            item.modal(key, option.feedback)
    item.hint(body)
    item.processing("map", True)


def _true_false(item: ItemBuilder) -> None:
    question = item.question
    strings = item.ctx.t.table("quiz")
    right = "TRUE" if question.answer else "FALSE"
    item.declare_response("single", "identifier", [right],
                          {right: question.points})
    item.outcomes()
    body = item.body()
    interaction = ET.SubElement(body, q("choiceInteraction"), responseIdentifier="RESPONSE",
                                shuffle="false", maxChoices="1")
    for key in ("TRUE", "FALSE"):
        ET.SubElement(interaction, q("simpleChoice"), identifier=key).text = strings.get(
            key.lower(), key.title())
        if feedback := getattr(question, f"feedback_{key.lower()}"):
            item.modal(key, feedback)
    item.hint(body)
    item.processing("map", True)


def _fill_in(item: ItemBuilder) -> None:
    question = item.question
    answers = [item.ctx.t(a) for a in question.answers]
    if question.ignore_punctuation:
        item.ctx.warn(question, "ignore_punctuation is not carried: QTI's mapping compares "
                      "punctuation")
    mapping = {item.ctx.t(p.answer): question.points * p.credit / 100
               for p in reversed(question.partial)}
    mapping.update(dict.fromkeys(answers, question.points))
    if question.feedback_right or question.feedback_wrong or any(
            p.feedback for p in question.partial):
        item.ctx.warn(question, "fill-in feedback is left out: QTI's text entry mapping "
                      "scores the answer but names no feedback for it", "use Moodle XML")
    item.declare_response("single", "string", answers[:1], mapping, question.case_sensitive)
    item.outcomes()
    body = item.body()
    ET.SubElement(ET.SubElement(body, q("p")), q("textEntryInteraction"),
                  responseIdentifier="RESPONSE", expectedLength="30")
    item.hint(body)
    item.processing("map", False)


def _matching(item: ItemBuilder) -> None:
    question = item.question
    n = len(question.pairs)
    pairs = [f"L{i} R{i}" for i in range(1, n + 1)]
    item.declare_response("multiple", "directedPair", pairs,
                          dict.fromkeys(pairs, question.points / n))
    item.outcomes()
    body = item.body()
    interaction = ET.SubElement(body, q("matchInteraction"), responseIdentifier="RESPONSE",
                                shuffle="true", maxAssociations=str(n))
    lefts = ET.SubElement(interaction, q("simpleMatchSet"))
    rights = ET.SubElement(interaction, q("simpleMatchSet"))
    for i, pair in enumerate(question.pairs, 1):
        item.html(ET.SubElement(lefts, q("simpleAssociableChoice"), identifier=f"L{i}",
                                matchMax="1"), pair.left, inline=True)
        item.html(ET.SubElement(rights, q("simpleAssociableChoice"), identifier=f"R{i}",
                                matchMax="1"), pair.right, inline=True)
    item.hint(body)
    item.processing("map", False)


def _ordering(item: ItemBuilder) -> None:
    question = item.question
    ids = [f"I{i}" for i in range(1, len(question.items) + 1)]
    item.ctx.warn(question, "partial credit is not carried: QTI 2.1's response processing "
                  "scores an order as all right or wrong")
    item.declare_response("ordered", "identifier", ids)
    item.outcomes()
    body = item.body()
    interaction = ET.SubElement(body, q("orderInteraction"), responseIdentifier="RESPONSE",
                                shuffle="true")
    for key, text in zip(ids, question.items, strict=True):
        item.html(ET.SubElement(interaction, q("simpleChoice"), identifier=key), text,
                  inline=True)
    item.hint(body)
    item.processing("match", False)


def _open(item: ItemBuilder) -> None:
    question = item.question
    item.declare_response("single", "string", [])
    item.outcomes()
    body = item.body()
    ET.SubElement(body, q("extendedTextInteraction"), responseIdentifier="RESPONSE",
                  expectedLines="15")
    # The model answer is for whoever scores the essay: QTI's rubric for the scorer.
    rubric = ET.SubElement(body, q("rubricBlock"), view="scorer")
    item.html(rubric, question.model_answer)
    if question.checklist:
        listing = ET.SubElement(rubric, q("ul"))
        for point in question.checklist:
            item.html(ET.SubElement(listing, q("li")), point, inline=True)
    item.hint(body)
    item.processing("none", False)


def _numeric(item: ItemBuilder) -> None:
    question = item.question
    best = next(a for a in question.answers if a.credit == 100)
    item.declare_response("single", "float", [number(best.value)])
    item.outcomes()
    body = item.body()
    line = ET.SubElement(body, q("p"))
    ET.SubElement(line, q("textEntryInteraction"), responseIdentifier="RESPONSE",
                  expectedLength="12")
    if question.unit:
        ET.SubElement(line, q("span"), {"class": "unit"}).text = f" {item.ctx.t(question.unit)}"
    item.hint(body)
    target = ET.SubElement(item.root, q("responseProcessing"))
    if question.hint:  # asking for the hint shows it without scoring, as processing() does
        condition = ET.SubElement(target, q("responseCondition"))
        asked = ET.SubElement(condition, q("responseIf"))
        ET.SubElement(asked, q("variable"), identifier="HINTREQUEST")
        _set(asked, "SHOWHINT", "identifier", "HINT")
        target = ET.SubElement(condition, q("responseElse"))
    target.append(_numeric_rules(item))


def _numeric_rules(item: ItemBuilder) -> ET.Element:
    """The first answer whose [value - tolerance, value + tolerance] holds the response sets
    SCORE to its credit and FEEDBACK to its id (A1, A2 ...); none of them: WRONG."""
    question = item.question
    condition = ET.Element(q("responseCondition"))
    empty = ET.SubElement(condition, q("responseIf"))
    ET.SubElement(ET.SubElement(empty, q("isNull")), q("variable"), identifier="RESPONSE")
    _set(empty, "SCORE", "float", "0")
    for n, answer in enumerate(question.answers, 1):
        branch = ET.SubElement(condition, q("responseElseIf"))
        both = ET.SubElement(branch, q("and"))
        for test, bound in (("gte", answer.value - answer.tolerance),
                            ("lte", answer.value + answer.tolerance)):
            compare = ET.SubElement(both, q(test))
            ET.SubElement(compare, q("variable"), identifier="RESPONSE")
            ET.SubElement(compare, q("baseValue"), baseType="float").text = number(bound)
        _set(branch, "SCORE", "float", f"{question.points * answer.credit / 100:.6g}")
        _set(branch, "FEEDBACK", "identifier", f"A{n}", many=True)
        if answer.feedback:
            item.modal(f"A{n}", answer.feedback)
    other = ET.SubElement(condition, q("responseElse"))
    _set(other, "SCORE", "float", "0")
    _set(other, "FEEDBACK", "identifier", "WRONG", many=True)
    if question.feedback_wrong:
        item.modal("WRONG", question.feedback_wrong)
    return condition


def _set(parent: ET.Element, outcome: str, base: str, value: str, many: bool = False) -> None:
    target = ET.SubElement(parent, q("setOutcomeValue"), identifier=outcome)
    if many:  # the explanation (GENERAL) is shown with every answer's feedback
        target = ET.SubElement(target, q("multiple"))
        ET.SubElement(target, q("baseValue"), baseType=base).text = "GENERAL"
    ET.SubElement(target, q("baseValue"), baseType=base).text = value


KINDS = {"single": _choice, "multiple": _choice, "true-false": _true_false,
         "fill-in": _fill_in, "matching": _matching, "ordering": _ordering, "open": _open,
         "numeric": _numeric}
