"""GIFT (Moodle's text format) into a bank: multiple choice, true/false, short answer,
matching and essay questions with their feedback; what GIFT has and the format lacks
(numerical questions, partial credit on short answers) is reported with its line."""

from __future__ import annotations

import re
from typing import Any

from .common import Imported, option, scoring_differs, to_markdown, unique_id

# Escaped characters stand in as private-use characters while the markup is parsed.
_ESCAPES = {c: chr(0xE000 + i) for i, c in enumerate("\\~=#{}:n")}
_RESTORE = {v: ("\n" if k == "n" else k) for k, v in _ESCAPES.items()}
_TITLE = re.compile(r"^\s*::(.*?)::", re.S)
_FORMAT = re.compile(r"^\s*\[(html|markdown|moodle|plain)\]", re.I)
_TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)\s*(?:#([^#]*))?(?:#(.*))?$", re.S)
_TOKEN = re.compile(r"([=~])\s*(?:%(-?\d+(?:\.\d+)?)%)?([^=~]*)", re.S)


def _protect(text: str) -> str:
    return re.sub(r"\\([\\~=#{}:n])", lambda m: _ESCAPES[m[1]], text)


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(c, c) for c in text).strip()


def read_gift(text: str, display: str, bank_id: str) -> Imported:
    imported = Imported(display)
    taken: set[str] = set()
    for number, (line, source) in enumerate(_blocks(text, imported), 1):
        question = _question(_protect(source), line, number, imported, taken)
        if question:
            imported.add(question, line)
    return imported


def _blocks(text: str, imported: Imported) -> list[tuple[int, str]]:
    """Questions (first line, text): blank lines separate them; comments are dropped."""
    blocks, lines, start = [], [], 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.startswith("$CATEGORY:"):
            imported.title = stripped.split(":", 1)[1].strip().rsplit("/", 1)[-1]
            continue
        if not stripped:
            if lines:
                blocks.append((start, "\n".join(lines)))
            lines = []
            continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        blocks.append((start, "\n".join(lines)))
    return blocks


def _text(value: str, markup: str) -> str:
    value = _restore(value)
    return to_markdown(value) if markup == "html" else value


def _question(source: str, line: int, number: int, imported: Imported,
              taken: set[str]) -> dict[str, Any] | None:
    title = ""
    if match := _TITLE.match(source):
        title, source = _restore(match[1]), source[match.end():]
    markup = "moodle"
    if match := _FORMAT.match(source):
        markup, source = match[1].lower(), source[match.end():]
    opened, closed = source.find("{"), source.rfind("}")
    label = title or f"number {number}"
    if opened < 0 or closed < opened:
        imported.note(line, f"question {label!r} has no answers (a description) and is left "
                      "out")
        return None
    head, block, tail = source[:opened], source[opened + 1:closed], source[closed + 1:]
    prompt = _text(head, markup)
    if tail.strip():
        prompt = f"{prompt} ___ {_text(tail, markup)}"
        imported.note(line, f"question {label!r}: a missing-word question; the gap is "
                      "shown as ___ in the prompt")
    block, _, general = block.partition("####")
    general = re.sub(r"^\s*\[(html|markdown|moodle|plain)\]", "", general, flags=re.I)
    data: dict[str, Any] = {"id": unique_id(title, taken, number), "type": "", "prompt": prompt}
    body = _answers(block.strip(), markup, line, data["id"], imported)
    if body is None:
        return None
    data.update(body)
    if general.strip():
        data["explanation"] = _text(general, markup)
    if data["type"] == "open":
        data["model_answer"] = data.pop("explanation", "")
        if not data["model_answer"]:
            imported.note(line, f"question {data['id']!r} is left out: an open question needs "
                          "a model answer and a GIFT essay has none", "write it in the YAML, "
                          "or put it in the general feedback (####) before importing")
            return None
    return data


def _answers(block: str, markup: str, line: int, qid: str,
             imported: Imported) -> dict[str, Any] | None:
    if not block:
        return {"type": "open"}
    if block.startswith("#"):
        imported.note(line, f"question {qid!r} is left out: a numerical question, which the "
                      "course format does not have")
        return None
    if match := _TRUE_FALSE.match(block):
        if (match[2] or "").strip() or (match[3] or "").strip():
            imported.note(line, f"question {qid!r}: feedback on a true/false answer is left "
                          "out", "put it in the general feedback (####)")
        return {"type": "true-false", "answer": match[1].startswith("T")}
    tokens = []
    for sign, fraction, rest in _TOKEN.findall(block):
        text, _, feedback = rest.partition("#")
        value = float(fraction) if fraction else (100.0 if sign == "=" else 0.0)
        tokens.append((sign, fraction, _text(text, markup), _text(feedback, markup), value))
    if not tokens:
        imported.note(line, f"question {qid!r}: its answers could not be read and it is left "
                      "out")
        return None
    if all(s == "=" for s, *_ in tokens):
        if all("->" in t for _, _, t, _, _ in tokens):
            return {"type": "matching", "pairs": [
                {"left": t.split("->", 1)[0].strip(), "right": t.split("->", 1)[1].strip()}
                for _, _, t, _, _ in tokens]}
        return _short(tokens, line, qid, imported)
    return _choice(tokens, line, qid, imported)


def _short(tokens, line: int, qid: str, imported: Imported) -> dict[str, Any]:
    answers = []
    for _, _, text, feedback, value in tokens:
        if value < 100:
            imported.note(line, f"question {qid!r}: the answer {text!r} worth {value:g}% is "
                          "left out (an accepted answer is worth all points)")
        else:
            answers.append(text)
        if feedback:
            imported.note(line, f"question {qid!r}: feedback on answer {text!r} is left out")
    return {"type": "fill-in", "answers": answers}


def _choice(tokens, line: int, qid: str, imported: Imported) -> dict[str, Any]:
    right = [t for t in tokens if t[4] > 0]
    single = not any(fraction for _, fraction, *_ in tokens) and len(right) == 1
    options = [option(text, value, feedback) for _, _, text, feedback, value in tokens]
    if not single and right and scoring_differs([t[4] for t in tokens]):
        imported.note(line, f"question {qid!r}: its percentages differ from the site's "
                      f"scoring (each right option +1/{len(right)}, each wrong one "
                      f"-1/{len(right)}); the site's scoring applies")
    return {"type": "single" if single else "multiple", "options": options}
