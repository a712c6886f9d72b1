"""`curriculum lint`: item-writing flaws in question banks.

The rules follow the published guidelines for writing multiple-choice items
(Haladyna, Downing & Rodriguez 2002; Case & Swanson, NBME item-writing manual):
docs/lint.md cites each. A question switches a rule off with `lint: {rule: reason}`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from ..load.problems import Problem
from ..load.project import Project
from ..model.schema import Bank

# Jaccard similarity of what two questions test (the words of the prompt, the right answer
# and the explanation) from which they count as the same question asked twice.
NEAR_DUPLICATE = 0.5
# A correct option this many times longer than the mean distractor gives itself away.
LONG_OPTION_RATIO = 1.6
LONG_OPTION_MIN_CHARS = 30

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
_ALL_NONE = re.compile(
    r"\b(all|none|both|neither) of the (above|others|answers)\b|\ball (the )?answers are "
    r"(correct|right)\b|(все|ни один из|ничего из) (выше)?перечисленн|"
    r"все (ответы|варианты) (верны|правильны)|\bвсе вышеуказанн", re.IGNORECASE)
_NEGATION = re.compile(r"(?<![\w*])(not|except|never|не|кроме|нельзя|никогда)(?![\w*])",
                       re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*[^*]+\*\*|__[^_]+__|(?<!\*)\*[^*\s][^*]*\*(?!\*)|\b[A-ZА-ЯЁ]{2,}\b")
_STOPWORDS = (
    "a an the of to in on for by with and or is are be was were that this which what who "
    "whom whose it its as at from under must may can shall should would their there these "
    "those other than into only such has have had not any all each "
    "и в во на по с со к о об от для из за под над при что как это или не ни а но же ли "
    "то его ее её их они она оно он был была были быть есть может должен должна которые "
    "который которая которое какие какой какая каком этот эта эти того тому том")
_STOP = frozenset(_STOPWORDS.split())


@dataclass(frozen=True)
class Finding:
    rule: str
    problem: Problem


def lint(project: Project) -> list[Problem]:
    """Every flaw of every bank, as problems with the question's place."""
    found = [f for bank in _banks(project) for f in _bank_findings(project, bank)]
    found += _near_duplicates(project)
    found += _pre_post_overlaps(project)
    return sorted(f.problem for f in found)


def _banks(project: Project) -> list[Bank]:
    return [project.banks[b] for b in sorted(project.banks)]


def _texts(value) -> Iterator[tuple[str, str]]:
    """Each language's text of a Text value."""
    if isinstance(value, dict):
        yield from value.items()
    elif value:
        yield "", value


def _words(text: str) -> set[str]:
    return {w.lower().strip("’'-") for w in _WORD.findall(text)} - {""}


def _finding(project: Project, bank: Bank, q: int, rule: str, message: str, hint: str,
             path: tuple = ()) -> Finding | None:
    question = bank.questions[q]
    if rule in question.lint:
        return None
    source = project.sources.get(f"quizzes/{bank.id}.yaml")
    where = ("questions", q, *path)
    text = f"[{rule}] question '{question.id}': {message}"
    hint = f"{hint}; or switch it off: lint: {{{rule}: <reason>}}"
    problem = source.problem(where, text, hint) if source else Problem(
        f"quizzes/{bank.id}.yaml", 0, 0, "", text, hint)
    return Finding(rule, problem)


def _bank_findings(project: Project, bank: Bank) -> Iterator[Finding]:
    for q, question in enumerate(bank.questions):
        checks = [_negative_stem(question)]
        if question.type in ("single", "multiple"):
            checks += [_long_correct(question), _all_none(question), _overlap(question),
                       _answer_in_prompt(question)]
        if question.type == "multiple":
            checks.append(_one_correct(question))
        elif question.type == "open":
            checks.append(_no_model_answer(question))
        elif question.type == "numeric":
            checks.append(_unreachable(question))
        for check in checks:
            for rule, message, hint, path in check:
                finding = _finding(project, bank, q, rule, message, hint, path)
                if finding:
                    yield finding


def _negative_stem(question) -> Iterator[tuple]:
    for lang, prompt in _texts(question.prompt):
        stem = _question_sentence(prompt)
        for match in _NEGATION.finditer(stem):
            if not any(m.start() <= match.start() < m.end() for m in _EMPHASIS.finditer(stem)):
                yield ("negative-stem", f"the stem's negation {match.group()!r} is not "
                       f"emphasised" + (f" ({lang})" if lang else ""),
                       "ask it positively, or write it as **not** / **не**", ("prompt",))
                break


def _no_model_answer(question) -> Iterator[tuple]:
    if not question.model_answer and not question.checklist:
        yield ("no-model-answer", "an open question without a model answer or checklist: "
               "trainees cannot compare their answer, and the trainer guide has no key",
               "add `model_answer` (and a `checklist` of the points it must cover)", ())


def _unreachable(question) -> Iterator[tuple]:
    """A numeric answer inside the range of an earlier one never counts (the first wins)."""
    for n, answer in enumerate(question.answers):
        low, high = answer.value - answer.tolerance, answer.value + answer.tolerance
        for earlier in question.answers[:n]:
            if earlier.value - earlier.tolerance <= low and high <= earlier.value + \
                    earlier.tolerance:
                yield ("unreachable-answer", f"answer {n + 1} ({answer.value:g} ± "
                       f"{answer.tolerance:g}) lies inside the range of an earlier answer, "
                       "which counts first", "narrow the earlier range, or put this answer "
                       "before it", ("answers", n))
                break


def _question_sentence(prompt: str) -> str:
    """The sentence that asks: a case may say 'did not' without the question being negative."""
    sentences = re.split(r"(?<=[.!?])\s+", prompt.strip())
    asking = [s for s in sentences if s.rstrip().endswith("?")]
    return asking[-1] if asking else sentences[-1]


def _long_correct(question) -> Iterator[tuple]:
    for lang, texts in _option_texts(question):
        right = [len(t) for t, ok in texts if ok]
        wrong = [len(t) for t, ok in texts if not ok]
        if len(right) != 1 or not wrong:
            continue
        mean = sum(wrong) / len(wrong)
        if right[0] >= LONG_OPTION_RATIO * mean and right[0] - mean >= LONG_OPTION_MIN_CHARS:
            yield ("long-correct-option", f"the correct option has {right[0]} characters, the "
                   f"others {mean:.0f} on average" + (f" ({lang})" if lang else ""),
                   "make the options about equally long and detailed", ("options",))
            return


def _one_correct(question) -> Iterator[tuple]:
    """Check boxes tell the trainee that several options may be right."""
    if sum(o.correct for o in question.options) == 1:
        yield ("one-correct-multiple", "a multiple-answer question with one correct option",
               "make it a single-answer question, or give it another right option",
               ("options",))


def _option_texts(question) -> Iterator[tuple[str, list[tuple[str, bool]]]]:
    languages = {lang for o in question.options for lang, _ in _texts(o.text)}
    for lang in sorted(languages):
        texts = [(dict(_texts(o.text)).get(lang) or next(iter(dict(_texts(o.text)).values())),
                  o.correct) for o in question.options]
        yield lang, texts


def _all_none(question) -> Iterator[tuple]:
    for i, option in enumerate(question.options):
        for _, text in _texts(option.text):
            if _ALL_NONE.search(text):
                yield ("all-none-of-the-above", f"option {i + 1} is {text.strip()!r}",
                       "write a plausible distractor instead; with a multiple-answer "
                       "question the trainee can pick each option", ("options", i, "text"))
                break


def _overlap(question) -> Iterator[tuple]:
    for lang, texts in _option_texts(question):
        norm = [" ".join(sorted(_words(t))) for t, _ in texts]
        for a, b in combinations(range(len(texts)), 2):
            wa, wb = set(norm[a].split()), set(norm[b].split())
            if wa and wb and (wa <= wb or wb <= wa):
                yield ("overlapping-options", f"options {a + 1} and {b + 1} overlap: one says "
                       "all that the other says" + (f" ({lang})" if lang else ""),
                       "make the options mutually exclusive", ("options",))
                return


def _answer_in_prompt(question) -> Iterator[tuple]:
    """A word of the correct option that the stem repeats and no distractor has (a clang)."""
    for lang, prompt in _texts(question.prompt):
        stem = _words(prompt)
        texts = [(dict(_texts(o.text)).get(lang) or next(iter(dict(_texts(o.text)).values())),
                  o.correct) for o in question.options]
        wrong = set().union(*(_words(t) for t, ok in texts if not ok))
        for text, ok in texts:
            if not ok:
                continue
            clues = sorted(w for w in (_words(text) & stem) - wrong - _STOP
                           if len(w) >= 6 and not w.isdigit())
            if clues:
                yield ("answer-in-prompt", f"the stem gives the answer away: {clues[0]!r} is in "
                       "the stem and the correct option only" + (f" ({lang})" if lang else ""),
                       "reword the stem or the option", ("prompt",))
                return


def _point_words(question, lang: str) -> set[str]:
    """The words of what a question tests: its prompt, its right answer, its explanation."""
    def text(value) -> str:
        texts = dict(_texts(value))
        return texts.get(lang) or texts.get("") or ""
    parts = [text(question.prompt), text(question.explanation)]
    parts += [text(o.text) for o in getattr(question, "options", []) if o.correct]
    parts += [text(a) for a in question.answers] if question.type == "fill-in" else []
    parts += [text(m) for m in ([question.model_answer] if question.type == "open" else [])]
    return _words(" ".join(parts)) - _STOP


def _near_duplicates(project: Project) -> list[Finding]:
    by_lang: dict[str, list] = {}
    for bank in _banks(project):
        for q, question in enumerate(bank.questions):
            for lang, _ in _texts(question.prompt):
                words = _point_words(question, lang)
                if len(words) >= 4:
                    by_lang.setdefault(lang, []).append((words, bank, q))
    found: list[Finding] = []
    for group in by_lang.values():
        for (wa, ba, qa), (wb, bb, qb) in combinations(group, 2):
            similarity = len(wa & wb) / len(wa | wb)
            other = bb.questions[qb]
            if similarity < NEAR_DUPLICATE or "near-duplicate" in other.lint:
                continue
            finding = _finding(project, ba, qa, "near-duplicate", f"it tests the same point "
                               f"as '{other.id}' in quizzes/{bb.id}.yaml ({similarity:.0%} of "
                               "the words of prompt, answer and explanation)",
                               "keep one of them, or ask something else", ("prompt",))
            if finding:
                found.append(finding)
    return _once(found)


def _once(found: list[Finding]) -> list[Finding]:
    seen, kept = set(), []
    for f in found:
        key = (f.problem.file, f.problem.line, f.problem.message)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def _pre_post_overlaps(project: Project) -> list[Finding]:
    """A post-test that shares questions with the pre-test lets the trainee rehearse it:
    the same bank, or a post-test question that tests the point of a pre-test one."""
    found = []
    for module in project.ordered_modules():
        pre, post = module.assessment.pre_test, module.assessment.post_test
        if not pre or not post or pre.bank not in project.banks or \
                post.bank not in project.banks:
            continue
        pre_bank, post_bank = project.banks[pre.bank], project.banks[post.bank]
        for q, question in enumerate(post_bank.questions):
            twin = _twin(question, pre_bank) if pre_bank is not post_bank else question
            if twin is None:
                continue
            same = pre_bank is post_bank
            message = (f"module '{module.id}' draws its pre-test and its post-test from this "
                       "bank" if same else f"module '{module.id}' asks it in its post-test and "
                       f"'{twin.id}' in its pre-test")
            finding = _finding(project, post_bank, q, "pre-post-overlap", message,
                               "give the post-test questions of its own")
            if finding:
                found.append(finding)
            if same:
                break  # one finding says it: the whole bank is shared
    return found


def _twin(question, bank: Bank):
    """The question of `bank` that tests the same point, if any."""
    for lang, _ in _texts(question.prompt):
        words = _point_words(question, lang)
        for other in bank.questions:
            theirs = _point_words(other, lang)
            if words and theirs and len(words & theirs) / len(words | theirs) >= NEAR_DUPLICATE:
                return other
    return None
