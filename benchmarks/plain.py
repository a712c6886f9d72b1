"""The synthetic course as plain Markdown pages: the floor and the mkdocs-quiz peer.

Both sites hold one page per module (its summary, objectives, sessions, then its
bank's 20 questions), a course home listing the modules and a progress page, with
MkDocs' default navigation (every page) and the same mkdocs.yml as the course.

- floor: the questions as static text (prompt, options with their feedback, the
  right answer, the explanation); what publishing the same text costs at the least.
- peer: the questions in mkdocs-quiz's syntax (`<quiz>` blocks).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import course_features
from .generate import Curriculum, write_configs

LEVELS = {"introductory": "Introductory", "intermediate": "Intermediate",
          "advanced": "Advanced"}
METHODS = {"lecture": "Lecture", "discussion": "Discussion", "case-study": "Case study",
           "exercise": "Exercise", "moot": "Moot", "group-work": "Group work",
           "presentation": "Presentation"}

Question = dict[str, Any]
QuestionWriter = Callable[[Question, int], str]


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def home_page(curriculum: Curriculum) -> str:
    course = curriculum.course
    rows = "\n".join(f"| {i} | [{cell(m['title'])}](modules/{m['id']}.md) "
                     f"| {LEVELS[m['level']]} | {m['duration']} |"
                     for i, m in enumerate(curriculum.modules, 1))
    return (f"# {course['title']}\n\n{course['summary']}\n## Programme\n\n"
            f"| # | Module | Level | Duration |\n|---|---|---|---|\n{rows}\n\n"
            "[My progress](progress.md)\n")


def module_page(module: dict[str, Any], questions: list[Question],
                write: QuestionWriter) -> str:
    """The module's text as the course's module page shows it, then its questions."""
    out = [f"# {module['title']}", "", module["summary"],
           f"- **Level:** {LEVELS[module['level']]}", f"- **Duration:** {module['duration']}",
           "", "## Learning objectives", ""]
    out += [f"- {o['text']}" for o in module["objectives"]]
    out += ["", "## Sessions", ""]
    for i, s in enumerate(module["sessions"], 1):
        out += [f"### {i}. {s['title']} {{ #{s['id']} }}", "",
                f"*{s['duration']} · {METHODS[s['method']]}*", "", s["content"]]
    out += ["## Post-test", ""]
    out += [write(q, n) for n, q in enumerate(questions, 1)]
    return "\n".join(out)


PROGRESS = ("# My progress\n\nYour quiz results are kept in this browser only: "
            "nothing is sent anywhere.\n")


def static_question(q: Question, n: int) -> str:
    """A question as plain text: prompt, options with feedback, answer, explanation."""
    lines = [f"### Question {n}", "", q["prompt"], ""]
    lines += [f"- {o['text']} — {o['feedback']}" for o in q["options"]]
    right = "; ".join(o["text"] for o in q["options"] if o["correct"])
    lines += ["", f"**Answer:** {right}", "", q["explanation"], ""]
    return "\n".join(lines) + "\n"


def peer_question(q: Question, n: int) -> str:
    """A question in mkdocs-quiz's syntax: `- [x]` right, `- [ ]` wrong, each option's
    feedback as a `>` line, the explanation as the content section."""
    answers = [f"- [{'x' if o['correct'] else ' '}] {o['text']}\n  > {o['feedback']}"
               for o in q["options"]]
    return f"<quiz>\n{q['prompt']}\n\n" + "\n".join(answers) + f"\n\n{q['explanation']}\n</quiz>\n"


def site_questions(curriculum: Curriculum, module: dict[str, Any]) -> list[Question]:
    """The questions the course's site shows for a module: its core bank's (pre-test,
    practice) and its session quiz's; an LMS-only post-test's are not on the site."""
    banks = [module["id"] + "-bank"]
    banks += [s["quiz"]["bank"] for s in module["sessions"] if s.get("quiz")]
    return [q for b in banks for q in curriculum.banks[b]["questions"]]


def write_site(curriculum: Curriculum, root: Path, *, peer: bool) -> Path:
    """The floor (peer=False) or the mkdocs-quiz peer (peer=True) under `root`."""
    docs = root / "docs"
    write: QuestionWriter = peer_question if peer else static_question
    pages = {"index.md": home_page(curriculum), "progress.md": PROGRESS}
    for module in curriculum.modules:
        pages[f"modules/{module['id']}.md"] = module_page(module, site_questions(
            curriculum, module), write)
    if "images" in curriculum.features:
        course_features.write_image(docs / course_features.IMAGE)
    for path, text in pages.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    write_configs(root, curriculum.course["title"], ["mkdocs_quiz"] if peer else [])
    return root
