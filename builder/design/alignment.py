"""The alignment matrix: each objective against the sessions, quizzes, tests and exercises
that serve or assess it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..load.project import Project


@dataclass
class Row:
    """One objective of a module and what serves or assesses it."""

    module: str
    objective: str
    sessions: list[str] = field(default_factory=list)
    quizzes: list[str] = field(default_factory=list)  # questions of the session quizzes
    tests: list[str] = field(default_factory=list)  # questions of the pre- and post-test
    exercises: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)  # questions the module does not draw

    @property
    def assessed(self) -> bool:
        return bool(self.quizzes or self.tests or self.exercises or self.elsewhere)


@dataclass
class Alignment:
    rows: list[Row]
    untagged: list[tuple[str, str]]  # (bank, question) tagged with no objective
    foreign: list[tuple[str, str, str]]  # (module, bank, question) of other modules only

    @property
    def unassessed(self) -> list[Row]:
        return [row for row in self.rows if not row.assessed]


def _questions_by_objective(project: Project) -> dict[str, list[tuple[str, str]]]:
    """(bank, question) of every question tagged with each objective, in bank order."""
    tagged: dict[str, list[tuple[str, str]]] = {}
    for bank in project.banks.values():
        for question in bank.questions:
            for objective in question.objectives:
                tagged.setdefault(objective, []).append((bank.id, question.id))
    return tagged


def align(project: Project) -> Alignment:
    rows: list[Row] = []
    foreign: list[tuple[str, str, str]] = []
    tagged = _questions_by_objective(project)  # once, not every bank for every module
    for module in project.ordered_modules():
        own = {o.id: Row(module.id, o.id) for o in module.objectives}
        for session in module.sessions:
            for objective in session.objectives:
                if objective in own:
                    own[objective].sessions.append(session.id)
        for exercise in module.assessment.exercises:
            for objective in exercise.objectives:
                if objective in own:
                    own[objective].exercises.append(exercise.id)
        drawn = set()
        for place, ref in module.quiz_refs():
            bank = project.banks.get(ref.bank)
            for question in bank.questions if bank else []:
                drawn.add((ref.bank, question.id))
                mine = [own[o] for o in question.objectives if o in own]
                if question.objectives and not mine:
                    foreign.append((module.id, ref.bank, question.id))
                for row in mine:
                    target = row.quizzes if place[0] == "sessions" else row.tests
                    if question.id not in target:
                        target.append(question.id)
        for objective, row in own.items():
            row.elsewhere += [q for b, q in tagged.get(objective, ()) if (b, q) not in drawn]
        rows.extend(own.values())
    untagged = [(b.id, q.id) for b in sorted(project.banks.values(), key=lambda b: b.id)
                for q in b.questions if not q.objectives]
    return Alignment(rows, untagged, sorted(set(foreign)))
