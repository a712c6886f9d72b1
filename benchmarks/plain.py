"""The synthetic curriculum as plain Markdown pages: the floor and the mkdocs-quiz peer.

Both sites hold the pages the curriculum plugin generates, with the same paths,
titles and nav: the course home, for each module its page and its quiz pages
(pre-test, the session quiz, post-test), a practice page per bank and the
progress page. A quiz page shows every question of its bank, as the
curriculum's quiz page embeds the whole bank and draws from it in the browser.

- floor: the questions as static Markdown (prompt, options, answer, explanation);
  what publishing the same text with the same theme costs at the least.
- peer: the questions in mkdocs-quiz's syntax (`<quiz>` blocks), one page per quiz
  like ours, so both sites hold the same pages and the same questions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .generate import Curriculum, write_configs

LEVELS = {"introductory": "Introductory", "intermediate": "Intermediate",
          "advanced": "Advanced"}
METHODS = {"lecture": "Lecture", "discussion": "Discussion", "case-study": "Case study",
           "exercise": "Exercise", "moot": "Moot", "group-work": "Group work",
           "presentation": "Presentation"}
SELF_STUDY = ("The quizzes are for self-study and formative assessment. Their answers are "
              "contained in this site's files, so they cannot prove what you know.")

Question = dict[str, Any]
QuestionWriter = Callable[[Question, int], str]


def quiz_plans(module: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(file stem, title, reference) of each quiz of a module, in study order."""
    plans = [("pre-test", "Pre-test", module["assessment"]["pre_test"])]
    plans += [(f"quiz-{s['id']}", f"Quiz: {s['title']}", s["quiz"])
              for s in module["sessions"] if s.get("quiz")]
    plans.append(("post-test", "Post-test", module["assessment"]["post_test"]))
    return plans


def describe(ref: dict[str, Any], size: int) -> str:
    parts = [f"{ref['draw']} questions drawn at random from the bank" if ref.get("draw")
             else f"all {size} questions of the bank"]
    if ref.get("pass_mark") is not None:
        parts.append(f"pass mark {ref['pass_mark']}%")
    if ref.get("attempts"):
        parts.append(f"{ref['attempts']} attempts")
    return ", ".join(parts)


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def navigation(curriculum: Curriculum) -> list[Any]:
    """The nav the curriculum plugin builds, for the same content."""
    modules = []
    for module in curriculum.modules:
        entries: list[Any] = [f"modules/{module['id']}/index.md"]
        entries += [{title: f"modules/{module['id']}/{stem}.md"}
                    for stem, title, _ in quiz_plans(module)]
        modules.append({module["title"]: entries})
    banks = [{curriculum.banks[b]["title"]: f"banks/{b}.md"} for b in sorted(curriculum.banks)]
    return ["index.md", {"Modules": modules}, {"Question banks": banks},
            {"My progress": "progress.md"}]


# --- pages -----------------------------------------------------------------------------


def home_page(curriculum: Curriculum) -> str:
    course = curriculum.course
    rows = "\n".join(f"| {i} | [{cell(m['title'])}](modules/{m['id']}/index.md) "
                     f"| {LEVELS[m['level']]} | {m['duration']} |"
                     for i, m in enumerate(curriculum.modules, 1))
    return (f"# {course['title']}\n\n{course['summary']}\n"
            f"**Audience:** {', '.join(course['audience'])}\n\n## Programme\n\n"
            f"| # | Module | Level | Duration |\n|---|---|---|---|\n{rows}\n\n"
            f"## How to study\n\nTake each module in order. [My progress](progress.md)\n\n"
            f'!!! note ""\n    {SELF_STUDY}\n')


def module_page(module: dict[str, Any], curriculum: Curriculum) -> str:
    """The module page's text: what the curriculum's module page shows, without its widgets."""
    titles = {m["id"]: m["title"] for m in curriculum.modules}
    banks = curriculum.banks
    pre = "; ".join(f"[{titles[p]}](../{p}/index.md)" for p in module["prerequisites"]) or "none"
    out = [f"# {module['title']}", module["summary"],
           f"- **Audience:** {'; '.join(module['audience'])}",
           f"- **Level:** {LEVELS[module['level']]}", f"- **Duration:** {module['duration']}",
           f"- **Prerequisites:** {pre}", "", "## Learning objectives", "",
           "By the end of this module you will be able to:", ""]
    out += [f"- {o['text']}" for o in module["objectives"]]
    out += ["", "## Structure", "", "| # | Session | Duration | Method |", "|---|---|---|---|"]
    out += [f"| {i} | [{cell(s['title'])}](#{s['id']}) | {s['duration']} "
            f"| {METHODS[s['method']]} |" for i, s in enumerate(module["sessions"], 1)]
    out += ["", "## Assessment", ""]
    for stem, title, ref in quiz_plans(module):
        if not stem.startswith("quiz-"):
            size = len(banks[ref["bank"]]["questions"])
            out.append(f"- **{title}**: {describe(ref, size)}. [Take the {title.lower()}]"
                       f"({stem}.md)")
    out += [f"- **Exercises**: [{e['title']}](#{e['id']})"
            for e in module["assessment"]["exercises"]]
    out += ["", '!!! note ""', f"    {SELF_STUDY}", "", "## Sessions", ""]
    for i, s in enumerate(module["sessions"], 1):
        out += [f"### {i}. {s['title']} {{ #{s['id']} }}", "",
                f"*{s['duration']} · {METHODS[s['method']]}*", "", s["content"]]
        if s.get("quiz"):
            out += [f"[Check your understanding](quiz-{s['id']}.md){{ .md-button }}", ""]
    out += ["## Exercises", ""]
    for e in module["assessment"]["exercises"]:
        out += [f"### {e['title']} {{ #{e['id']} }}", "", e["instructions"]]
    out += ["## References", ""]
    out += [f"- **{r['instrument']}**, art. {r['article']} — {r['note']}\n"
            for r in module["references"]]
    return "\n".join(out)


def quiz_page(title: str, intro: str, questions: list[Question], write: QuestionWriter,
              back: str | None, *, wrap: tuple[str, str] = ("", "")) -> str:
    body = "\n".join(write(q, n) for n, q in enumerate(questions, 1))
    out = f"# {title}\n\n{intro}\n\n{wrap[0]}{body}{wrap[1]}"
    if back:
        out += f"\n[Back to the module]({back})\n"
    return out


PROGRESS = ("# My progress\n\nYour quiz results are kept in this browser only: "
            "nothing is sent anywhere.\n")


# --- questions -------------------------------------------------------------------------


def static_question(q: Question, n: int) -> str:
    """A question as plain text: prompt, choices, the right answer and the explanation."""
    kind = q["type"]
    lines = [f"### Question {n}", "", q["prompt"], ""]
    if kind in ("single", "multiple"):
        lines += [f"- {o['text']} — {o['feedback']}" for o in q["options"]]
        right = "; ".join(o["text"] for o in q["options"] if o["correct"])
    elif kind == "true-false":
        lines += ["- True", "- False"]
        right = "True" if q["answer"] else "False"
    elif kind == "fill-in":
        right = " / ".join(q["answers"])
    elif kind == "matching":
        lines += [f"- {p['left']}" for p in q["pairs"]]
        right = "; ".join(f"{p['left']} → {p['right']}" for p in q["pairs"])
    elif kind == "ordering":
        lines += [f"- {item}" for item in q["items"]]
        right = " → ".join(q["items"])
    else:
        lines += [f"- {c}" for c in q["checklist"]]
        right = q["model_answer"]
    if q.get("hint"):
        lines += ["", f"*Hint:* {q['hint']}"]
    lines += ["", f"**Answer:** {right.strip()}", "", q["explanation"], ""]
    return "\n".join(lines) + "\n"


def peer_question(q: Question, n: int) -> str:
    """A question in mkdocs-quiz's syntax; types it lacks are written in its nearest form.

    single, multiple, true-false: checkbox answers (`- [x]` right, `- [ ]` wrong), each
    with its feedback as a `>` line; fill-in: `[[answer]]` (one accepted answer);
    matching and ordering: one `[[blank]]` per pair or position; open: one self-check
    answer with the model answer and checklist as the content section.
    """
    kind = q["type"]
    hint = f"\n\n*Hint:* {q['hint']}" if q.get("hint") else ""
    if kind in ("single", "multiple", "true-false", "open"):
        if kind == "true-false":
            answers = [f"- [{'x' if q['answer'] else ' '}] True",
                       f"- [{' ' if q['answer'] else 'x'}] False"]
        elif kind == "open":
            answers = ["- [x] I have written my answer and compared it with the model answer"]
        else:
            answers = [f"- [{'x' if o['correct'] else ' '}] {o['text']}\n  > {o['feedback']}"
                       for o in q["options"]]
        content = q["explanation"]
        if kind == "open":
            checklist = "\n".join(f"- {c}" for c in q["checklist"])
            content = f"{q['model_answer']}\n{checklist}\n\n{content}"
        return (f"<quiz>\n{q['prompt']}{hint}\n\n" + "\n".join(answers)
                + f"\n\n{content}\n</quiz>\n\n")
    if kind == "fill-in":
        prompt = q["prompt"].replace("___", f"[[{q['answers'][0]}]]")
    elif kind == "matching":
        blanks = "\n".join(f"- {p['left']}: [[{p['right']}]]" for p in q["pairs"])
        prompt = f"{q['prompt']}\n\n{blanks}"
    else:
        blanks = "\n".join(f"- {item} (position [[{i}]])" for i, item in enumerate(q["items"], 1))
        prompt = f"{q['prompt']}\n\n{blanks}"
    return f"<quiz>\n{prompt}{hint}\n\n---\n{q['explanation']}\n</quiz>\n\n"


# --- sites -----------------------------------------------------------------------------

PEER_WRAP = ("<!-- mkdocs-quiz intro -->\n\n", "<!-- mkdocs-quiz results -->\n")


def write_site(curriculum: Curriculum, root: Path, *, peer: bool) -> Path:
    """The floor (peer=False) or the mkdocs-quiz peer (peer=True) under `root`."""
    docs = root / "docs"
    write: QuestionWriter = peer_question if peer else static_question
    wrap = PEER_WRAP if peer else ("", "")
    pages = {"index.md": home_page(curriculum), "progress.md": PROGRESS}
    for module in curriculum.modules:
        folder = f"modules/{module['id']}"
        pages[f"{folder}/index.md"] = module_page(module, curriculum)
        for stem, title, ref in quiz_plans(module):
            questions = curriculum.banks[ref["bank"]]["questions"]
            intro = describe(ref, len(questions)).capitalize() + "."
            pages[f"{folder}/{stem}.md"] = quiz_page(title, intro, questions, write, "index.md",
                                                     wrap=wrap)
    for bank_id, bank in curriculum.banks.items():
        pages[f"banks/{bank_id}.md"] = quiz_page(bank["title"],
                                                 "Practise with every question of this bank.",
                                                 bank["questions"], write, None, wrap=wrap)
    for path, text in pages.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    plugins = ["mkdocs_quiz"] if peer else []
    write_configs(root, curriculum.course["title"], plugins, navigation(curriculum))
    return root
