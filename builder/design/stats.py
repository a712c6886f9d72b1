"""`curriculum stats`: what a course holds, counted for the course and for each module."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..load.project import Project
from ..model.schema import Module

# Lecture against practical work: how trainers report the balance of a programme.
LECTURE_METHODS = frozenset({"lecture", "presentation"})


def module_stats(project: Project, module: Module) -> dict[str, Any]:
    day = project.day_minutes
    by_method: Counter[str] = Counter()
    for session in module.sessions:
        by_method[session.method] += session.duration.total(day)
    lecture = sum(m for method, m in by_method.items() if method in LECTURE_METHODS)
    questions = _questions(project, module)
    return {
        "id": module.id,
        "sessions": len(module.sessions),
        "minutes": sum(by_method.values()),
        "minutes_by_method": dict(sorted(by_method.items())),
        "lecture_minutes": lecture,
        "practical_minutes": sum(by_method.values()) - lecture,
        "exercises": len(module.assessment.exercises),
        "objectives": len(module.objectives),
        "questions": len(questions),
        "questions_by_type": dict(sorted(Counter(q.type for q in questions).items())),
        "questions_by_objective": {o.id: sum(o.id in q.objectives for q in questions)
                                   for o in module.objectives},
    }


def _questions(project: Project, module: Module) -> list:
    """The distinct questions a module draws on, from every bank it names."""
    seen: dict[tuple[str, str], Any] = {}
    for _, ref in module.quiz_refs():
        bank = project.banks.get(ref.bank)
        for question in bank.questions if bank else []:
            seen.setdefault((ref.bank, question.id), question)
    return list(seen.values())


def course_stats(project: Project) -> dict[str, Any]:
    modules = [module_stats(project, m) for m in project.ordered_modules()]
    questions = [q for b in project.banks.values() for q in b.questions]
    by_method: Counter[str] = Counter()
    for m in modules:
        by_method.update(m["minutes_by_method"])
    return {
        "modules": len(modules),
        "sessions": sum(m["sessions"] for m in modules),
        "minutes": sum(m["minutes"] for m in modules),
        "minutes_by_method": dict(sorted(by_method.items())),
        "lecture_minutes": sum(m["lecture_minutes"] for m in modules),
        "practical_minutes": sum(m["practical_minutes"] for m in modules),
        "exercises": sum(m["exercises"] for m in modules),
        "banks": len(project.banks),
        "questions": len(questions),
        "questions_by_type": dict(sorted(Counter(q.type for q in questions).items())),
        "per_module": modules,
    }


def hours(minutes: int) -> str:
    return f"{minutes / 60:.1f} h"


def format_text(stats: dict[str, Any]) -> str:
    """The report as a person reads it in a terminal."""
    lines = [f"{stats['modules']} modules, {stats['sessions']} sessions, "
             f"{hours(stats['minutes'])}: lecture {hours(stats['lecture_minutes'])}, "
             f"practical work {hours(stats['practical_minutes'])}",
             f"{stats['exercises']} exercises; {stats['questions']} questions in "
             f"{stats['banks']} banks: " + _counts(stats["questions_by_type"]),
             "by method: " + ", ".join(f"{k} {hours(v)}"
                                       for k, v in stats["minutes_by_method"].items()), ""]
    for m in stats["per_module"]:
        lines.append(f"{m['id']}: {m['sessions']} sessions, {hours(m['minutes'])} "
                     f"(lecture {hours(m['lecture_minutes'])}, practical "
                     f"{hours(m['practical_minutes'])}), {m['exercises']} exercises, "
                     f"{m['questions']} questions ({_counts(m['questions_by_type'])})")
        lines.append("  by objective: " + _counts(m["questions_by_objective"]))
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"
