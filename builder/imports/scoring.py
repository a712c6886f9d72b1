"""Answers with Moodle's percentages as the course format scores them: single choice (one
correct option, `credit` for partly right ones), multiple choice (each option right or
wrong) and fill-in (accepted answers, `partial`, right and wrong feedback). GIFT and Moodle
XML write the same percentages, so both readers map them here, by the same rules.

A reader hands a question's answers as (text, feedback, percent) and the question's Place:
what is not carried is said with place.change, and a question that cannot be kept raises
place.leave(...)."""

from __future__ import annotations

import re
from typing import Any

from .common import Place

Answer = tuple[str, str, float]
"""An answer as the platform writes it: its text, its feedback, the percent it earns."""

# Moodle's short-answer wildcard: `*` matches any text, `\*` is a star (compare_string_with_
# wildcard in question/type/shortanswer/question.php).
_WILDCARD = re.compile(r"(?<!\\)\*")


def _option(text: str, feedback: str) -> dict[str, Any]:
    data: dict[str, Any] = {"text": text}
    if feedback:
        data["feedback"] = feedback
    return data


def _percents(values: list[float]) -> str:
    return ", ".join(f"{v:.4g} %" for v in values)


def single(answers: list[Answer], place: Place) -> dict[str, Any]:
    """One answer is chosen: the first full-credit one is correct; another full-credit one
    earns 99 % (the format has one correct option), a partial one its percent, a wrong one
    nothing (a penalty is not carried)."""
    options, correct, penalties = [], None, []
    for text, feedback, percent in answers:
        option = _option(text, feedback)
        if percent >= 100 and correct is None:
            option["correct"] = correct = True
        elif percent > 0:
            credit = min(99, max(1, round(percent)))
            option["credit"] = credit
            if percent >= 100:
                place.change(f"{text!r} is also fully right in Moodle; here it earns 99 % "
                             "(a single-choice question has one correct option)")
            elif credit != percent:
                place.change(f"{text!r}'s credit {percent:g} % rounded to {credit} %")
        elif percent < 0:
            penalties.append(percent)
        options.append(option)
    if correct is None:
        raise place.leave("no answer is fully right")
    if penalties:
        place.change(f"its penalties ({_percents(penalties)}) are left out: a wrong option "
                     "earns 0")
    return {"type": "single", "options": options}


def multiple(answers: list[Answer], place: Place) -> dict[str, Any]:
    """Several answers are chosen: those with positive credit are correct. The site scores
    each right option chosen +1/n and each wrong one -1/n (never below 0), so other
    percentages and penalties are not kept: one change says which."""
    right = [p for _, _, p in answers if p > 0]
    if not right:
        raise place.leave("no answer earns credit")
    options = []
    for text, feedback, percent in answers:
        option = _option(text, feedback)
        if percent > 0:
            option["correct"] = True
        options.append(option)
    share, part = 100 / len(right), f"1/{len(right)}" if len(right) > 1 else "all"
    differs = []
    if any(abs(p - share) > 0.5 for p in right):
        differs.append(f"its right options' {_percents(right)} become {part} each")
    penalties = [p for _, _, p in answers if p < 0 and abs(p + share) > 0.5]
    if penalties:
        differs.append(f"its penalties ({_percents(penalties)}) are not kept: each wrong "
                       f"option chosen takes {part} off")
    if any(-0.5 < p <= 0 for _, _, p in answers):
        differs.append(f"a wrong option that costs nothing in Moodle takes {part} off here")
    if differs:
        place.change("scored as the site scores multiple choice: " + "; ".join(differs))
    return {"type": "multiple", "options": options}


def fill_in(answers: list[Answer], place: Place) -> dict[str, Any]:
    """Accepted answers (100 %), partly right ones (1-99 % as `partial`), the feedback of the
    right ones and that of Moodle's `*` answer (any other response) as feedback_wrong. The
    texts are plain: a `*` inside one is Moodle's wildcard, which answers here do not have."""
    right: list[tuple[str, str]] = []
    partial: list[dict[str, Any]] = []
    wrong = ""
    for text, feedback, percent in answers:
        if text and not text.strip("*"):
            wrong = wrong or _any_answer(feedback, percent, place)
            continue
        if _WILDCARD.search(text):
            place.change(f"the answer {text!r} is left out: `*` is Moodle's wildcard, and "
                         "answers here are compared as written", "write each accepted answer")
            continue
        text = text.replace("\\*", "*")
        if not text:
            continue
        if percent >= 100:
            right.append((text, feedback))
        elif percent > 0:
            entry: dict[str, Any] = {"answer": text, "credit": min(99, max(1, round(percent)))}
            if feedback:
                entry["feedback"] = feedback
            partial.append(entry)
        else:
            also = " and its feedback" if feedback else ""
            place.change(f"the answer {text!r} worth {percent:g} %{also} is left out (a wrong "
                         "answer earns nothing anyway)")
    if not right:
        raise place.leave("no answer is fully right")
    data: dict[str, Any] = {"type": "fill-in", "answers": [t for t, _ in right]}
    if partial:
        data["partial"] = partial
    _right_feedback(data, right, place)
    if wrong:
        data["feedback_wrong"] = wrong
    return data


def _any_answer(feedback: str, percent: float, place: Place) -> str:
    """Moodle's `*` answer matches any response: at 0 % its feedback is feedback_wrong."""
    if percent > 0:
        place.change(f"the answer '*' (any response) worth {percent:g} % is left out: here "
                     "only the answers written earn points")
        return ""
    return feedback


def _right_feedback(data: dict[str, Any], right: list[tuple[str, str]], place: Place) -> None:
    given = [(t, f) for t, f in right if f]
    if not given:
        return
    data["feedback_right"] = given[0][1]
    if len({f for _, f in right}) > 1:
        place.change("feedback per right answer becomes one feedback for every right "
                     f"answer (that of {given[0][0]!r})")
