"""GIFT (Moodle's text format) into a bank, read by Moodle's own rules
(question/format/gift/format.php): multiple choice with partial credit, true/false, short
answer, matching, numerical, essay and description, with their feedback. Parsing (blocks,
escapes, the answer block) is kept apart from mapping (onto the course format); a question
that cannot be mapped is left out with its line and never stops the others."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import scoring
from .common import (
    MAX_OPTIONS,
    Imported,
    LeftOut,
    Place,
    drop_missing_images,
    escape_plain,
    to_markdown,
    unique_id,
)

# Escaped characters stand in as private-use characters while the markup is parsed.
_ESCAPES = {c: chr(0xE000 + i) for i, c in enumerate("\\~=#{}:n")}
_RESTORE = {v: ("\n" if k == "n" else k) for k, v in _ESCAPES.items()}
_FORMAT = re.compile(r"^\s*\[(html|markdown|moodle|plain)\]", re.I)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_META = re.compile(r"\[(id|tag):([^\]]*)\]")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_NUMBER = r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|-?\.\d+"


@dataclass
class Block:
    """One question as written: its first line, text, category and comment metadata."""

    line: int
    text: str
    category: str = ""
    idnumber: str = ""
    tags: list[str] = field(default_factory=list)


def read_gift(text: str, display: str, bank_id: str) -> Imported:
    """Every question of a GIFT text; `bank_id` is unused (GIFT carries no files)."""
    imported = Imported(display)
    taken: set[str] = set()
    for number, block in enumerate(_blocks(text, imported), 1):
        imported.category = block.category
        try:
            question = _question(block, number, imported, taken)
        except LeftOut as exc:
            imported.leave_out(block.line, str(exc), exc.hint)
            continue
        if question is not None:
            imported.add(question, block.line)
    return imported


# --- parsing ---------------------------------------------------------------------------------


def _protect(text: str) -> str:
    return re.sub(r"\\([\\~=#{}:n])", lambda m: _ESCAPES[m[1]], text)


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(c, c) for c in text).strip()


def _blocks(text: str, imported: Imported) -> list[Block]:
    """Questions as Moodle splits them: blank lines between them, `//` comment lines out
    (their `[id:...]` and `[tag:...]` kept), `$CATEGORY:` lines setting the category."""
    blocks: list[Block] = []
    lines: list[str] = []
    start, category, meta = 0, "", []

    def close() -> None:
        if lines:
            block = Block(start, "\n".join(lines), category)
            for kind, value in meta:
                if kind == "id":
                    block.idnumber = value.strip()
                else:
                    block.tags.append(value.strip())
            blocks.append(block)
        lines.clear()
        meta.clear()

    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            meta.extend(_META.findall(stripped))
            continue
        if stripped.startswith("$CATEGORY:"):
            close()
            category = stripped.split(":", 1)[1].strip()
            imported.title = _category_title(category) or imported.title
            continue
        if not stripped:
            close()
            continue
        if not lines:
            start = number
        lines.append(line)
    close()
    return blocks


def _category_title(category: str) -> str:
    """The last part of a category path; a `/` written `//` is part of a name."""
    parts = [p.replace("\0", "/") for p in category.replace("//", "\0").split("/")]
    names = [p.strip() for p in parts if p.strip() and p not in ("$course$", "$system$",
                                                                 "$module$", "top")]
    return names[-1] if names else ""


@dataclass
class Parsed:
    title: str
    markup: str
    prompt: str
    answers: str | None
    """The text between the braces, None for a description."""
    general: str = ""


def _parse(block: Block) -> Parsed:
    source = _protect(block.text).strip()
    title = ""
    if source.startswith("::") and (end := source.find("::", 2)) >= 0:
        title, source = _restore(source[2:end]), source[end + 2:].strip()
    markup = "moodle"
    if match := _FORMAT.match(source):
        markup, source = match[1].lower(), source[match.end():]
    opened, closed = source.find("{"), source.find("}")
    if opened < 0 and closed < 0:
        return Parsed(title, markup, source, None)
    if opened < 0 or closed < opened:
        raise LeftOut(f"question {title or 'without a title'!r}: its answers are not "
                      "closed in { } (a `{` or a `}` without the other)",
                      "write \\{ and \\} for braces that are text")
    answers = source[opened + 1:closed].strip()
    if source.rstrip().endswith("}") and closed == len(source.rstrip()) - 1:
        prompt = source[:opened]
    else:
        prompt = f"{source[:opened]}_____{source[closed + 1:]}"
    general = ""
    if (split := answers.rfind("####")) >= 0:
        answers, general = answers[:split].strip(), answers[split + 4:]
    return Parsed(title, markup, prompt, answers, general)


# --- mapping ---------------------------------------------------------------------------------


class _Mapper(Place):
    def __init__(self, parsed: Parsed, qid: str, line: int, imported: Imported):
        super().__init__(imported, qid, line)
        self.parsed = parsed

    def text(self, value: str, markup: str | None = None) -> str:
        """A text in its markup, as Markdown; a per-answer [format] marker is honoured."""
        value = value.strip()
        if match := _FORMAT.match(value):
            markup, value = match[1].lower(), value[match.end():]
        markup = markup or self.parsed.markup
        value = _restore(value)
        if markup == "html":
            value = to_markdown(value)
        elif markup == "plain":
            value = escape_plain(value)
        value, dropped = drop_missing_images(value, set())
        for target in dropped:
            self.change(f"the image {target!r} is left out (its alt text stays): a GIFT file "
                        "carries no files", "add the image to media/ and link it")
        return value


def _question(block: Block, number: int, imported: Imported,
              taken: set[str]) -> dict[str, Any] | None:
    parsed = _parse(block)
    qid = unique_id(block.idnumber or parsed.title, taken, number, imported, block.line)
    mapper = _Mapper(parsed, qid, block.line, imported)
    prompt = mapper.text(parsed.prompt)
    if parsed.answers is None:
        _description(imported, prompt, mapper)
        return None
    if block.tags:
        mapper.change(f"its tags ({', '.join(block.tags)}) are left out (a bank has none)")
    data: dict[str, Any] = {"id": qid, "type": "", "prompt": prompt}
    data.update(_answers(parsed.answers, mapper))
    if parsed.general.strip():
        data["explanation"] = mapper.text(parsed.general)
    if data["type"] == "open":
        if data.get("explanation"):
            data["model_answer"] = data.pop("explanation")
        else:
            mapper.change("a GIFT essay has no grader information: imported as an open "
                          "question without a model answer", "write `model_answer` in the YAML")
    return data


def _description(imported: Imported, prompt: str, mapper: _Mapper) -> None:
    """Text between questions: kept in the bank's description."""
    if prompt:
        imported.description = f"{imported.description}\n\n{prompt}".strip()
        mapper.change("a description (text without answers) goes into the bank's description")


def _answers(block: str, mapper: _Mapper) -> dict[str, Any]:
    if not block:
        return {"type": "open"}
    if block.startswith("#"):
        return _numeric(block[1:], mapper)
    if "~" in block:
        return _choice(block, mapper)
    if "=" in block and "->" in block:
        return _matching(block, mapper)
    check = block.split("#", 1)[0].strip() if block.find("#") > 0 else block
    if check in _TRUE_FALSE:
        return _true_false(block, mapper)
    return _short(block, mapper)


def _pieces(block: str, separator: str, mapper: _Mapper) -> list[str]:
    pieces = block.split(separator)
    if pieces and not pieces[0].strip():
        pieces.pop(0)
    if len(pieces) > MAX_OPTIONS:
        raise mapper.leave(f"it has {len(pieces):,} answers, more than {MAX_OPTIONS}",
                           "split it into several questions")
    return [p.strip() for p in pieces]


def _weight(piece: str) -> tuple[float | None, str]:
    if match := _WEIGHT.match(piece):
        return float(match[1]), piece[match.end():]
    return None, piece


def _feedback(piece: str, mapper: _Mapper) -> tuple[str, str]:
    text, _, feedback = piece.partition("#")
    return mapper.text(text), mapper.text(feedback)


def _choice(block: str, mapper: _Mapper) -> dict[str, Any]:
    single = "=" in block
    entries = []
    for piece in _pieces(block.replace("=", "~="), "~", mapper):
        if piece.startswith("="):
            weight, piece = 100.0, piece[1:]
        else:
            found, piece = _weight(piece)
            weight = found if found is not None else 0.0
        text, feedback = _feedback(piece, mapper)
        entries.append((text, feedback, weight))
    if len(entries) < 2:
        raise mapper.leave("a multiple-choice question needs two answers or more")
    return (scoring.single if single else scoring.multiple)(entries, mapper)


def _matching(block: str, mapper: _Mapper) -> dict[str, Any]:
    pairs = []
    for piece in _pieces(block, "=", mapper):
        if "->" not in piece:
            raise mapper.leave(f"the matching answer {_restore(piece)!r} has no `->`")
        left, right = piece.split("->", 1)
        right_text = escape_plain(_restore(right))
        if not left.strip():
            mapper.change(f"the extra right side {right_text!r} (a distractor) is left out: "
                          "every right side has a left one here")
            continue
        pairs.append({"left": mapper.text(left), "right": right_text})
    if len(pairs) < 2:
        raise mapper.leave("a matching question needs two pairs or more")
    return {"type": "matching", "pairs": pairs}


def _true_false(block: str, mapper: _Mapper) -> dict[str, Any]:
    answer, *feedbacks = block.split("#")
    value = _TRUE_FALSE[answer.strip()]
    wrong = mapper.text(feedbacks[0]) if feedbacks else ""
    right = mapper.text(feedbacks[1]) if len(feedbacks) > 1 else ""
    data: dict[str, Any] = {"type": "true-false", "answer": value}
    on_true, on_false = (right, wrong) if value else (wrong, right)
    if on_true:
        data["feedback_true"] = on_true
    if on_false:
        data["feedback_false"] = on_false
    return data


def _short(block: str, mapper: _Mapper) -> dict[str, Any]:
    """Short answer: `=answer`, `=%50%partly right`, each with its `#feedback`."""
    answers = []
    for piece in _pieces(block, "=", mapper):
        weight, piece = _weight(piece)
        text, feedback = _feedback(piece, mapper)
        answers.append((text, feedback, 100.0 if weight is None else weight))
    return scoring.fill_in(answers, mapper)


def _numeric(block: str, mapper: _Mapper) -> dict[str, Any]:
    wrong = ""
    if (at := block.find("~")) >= 0:
        block, wrong = block[:at], block[at:]
    answers = []
    for piece in _pieces(block, "=", mapper):
        weight, piece = _weight(piece)
        value, feedback = piece.partition("#")[0], piece.partition("#")[2]
        number, tolerance = _range(_restore(value), mapper)
        credit = 100 if weight is None else round(weight)
        if credit <= 0:
            mapper.change(f"the answer {_restore(value)!r} worth {credit} % is left out")
            continue
        answer: dict[str, Any] = {"value": number}
        if tolerance:
            answer["tolerance"] = tolerance
        if credit != 100:
            answer["credit"] = min(credit, 100)
        if feedback.strip():
            answer["feedback"] = mapper.text(feedback)
        answers.append(answer)
    if not answers:
        raise mapper.leave("its numerical answers could not be read")
    data: dict[str, Any] = {"type": "numeric", "answers": answers}
    if wrong.strip("~ "):
        data["feedback_wrong"] = mapper.text(wrong.lstrip("~").partition("#")[2] or
                                             wrong.lstrip("~"))
    return data


def _range(value: str, mapper: _Mapper) -> tuple[float, float]:
    """`n`, `n:tolerance` or `min..max`, as Moodle reads them."""
    value = value.strip()
    if (at := value.find("..")) > 0 and _all_numbers(low := value[:at], high := value[at + 2:]):
        lo, hi = float(low), float(high)
        return _finite((lo + hi) / 2, mapper), _finite(abs(hi - lo) / 2, mapper)
    if (at := value.find(":")) > 0 and _all_numbers(number := value[:at], tol := value[at + 1:]):
        return _finite(float(number), mapper), _finite(abs(float(tol)), mapper)
    if _all_numbers(value):
        return _finite(float(value), mapper), 0.0
    raise mapper.leave(f"{value!r} is not a number, `n:tolerance` or `min..max`")


def _all_numbers(*values: str) -> bool:
    return all(re.fullmatch(_NUMBER, v.strip()) for v in values)


def _finite(number: float, mapper: _Mapper) -> float:
    if number != number or number in (float("inf"), float("-inf")):
        raise mapper.leave("a number in it is too large")
    return int(number) if number == int(number) and abs(number) < 1e15 else number
