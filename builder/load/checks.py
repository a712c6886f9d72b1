"""Checks that span files: ids, references, cycles, durations, draws."""

from __future__ import annotations

import difflib
from collections import Counter

from pydantic import AfterValidator, BaseModel

from ..model.schema import Bank, Course, Module, SingleQuestion
from ..model.types import check_plain, clock_minutes, format_minutes
from .problems import Problem
from .yaml_source import Source


def check_project(course: Course, modules: dict[str, Module], banks: dict[str, Bank],
                  sources: dict[str, Source]) -> list[Problem]:
    """Every cross-file problem, errors and warnings together."""
    ctx = _Context(course, modules, banks, sources)
    for check in (_course_modules, _languages, _schedule, _objectives, _prerequisites, _cycles,
                  _sessions, _quizzes, _bank_contents, _durations, _coverage,
                  _exercise_objectives, _foreign_objectives, _titles):
        check(ctx)
    return ctx.problems


def check_bank(bank: Bank, sources: dict[str, Source]) -> list[Problem]:
    """The checks of one bank's own contents (unique question ids, distinct right sides of
    a matching question), for an import to run before it writes the bank."""
    ctx = _Context(None, {}, {bank.id: bank}, sources)  # type: ignore[arg-type]
    ctx.objective_owner = {o: "" for q in bank.questions for o in q.objectives}
    _bank_contents(ctx)
    return ctx.problems


class _Context:
    def __init__(self, course: Course, modules: dict[str, Module], banks: dict[str, Bank],
                 sources: dict[str, Source]):
        self.course, self.modules, self.banks, self.sources = course, modules, banks, sources
        self.problems: list[Problem] = []
        self.objective_owner: dict[str, str] = {}
        self.files = _files_by_id(sources)

    def mfile(self, module_id: str) -> str:
        return self.files.get(("modules", module_id), f"modules/{module_id}.yaml")

    def bfile(self, bank_id: str) -> str:
        return self.files.get(("quizzes", bank_id), f"quizzes/{bank_id}.yaml")

    def add(self, file: str, path: tuple, message: str, hint: str = "", *,
            severity: str = "error", key: bool = False) -> None:
        self.problems.append(self.sources[file].problem(path, message, hint, key=key,
                                                        severity=severity))


def _files_by_id(sources: dict[str, Source]) -> dict[tuple[str, str], str]:
    """('modules', 'alpha') -> 'modules/alpha.yaml' (or .yml), overlays left out."""
    found = {}
    for display in sources:
        folder, _, name = display.rpartition("/")
        stem, _, ext = name.rpartition(".")
        if ext in ("yaml", "yml") and "." not in stem:
            found[(folder, stem)] = display
    return found


def _unknown(kind: str, value: str, known, expected: str = "") -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    if expected:
        return f"there is no {expected}"
    return f"no {kind} has this id" if known else f"there is no {kind} yet"


def _course_modules(ctx: _Context) -> None:
    seen: set[str] = set()
    for i, module_id in enumerate(ctx.course.modules):
        if module_id in seen:
            ctx.add("course.yaml", ("modules", i), f"module '{module_id}' is listed twice",
                    "remove one of them")
        elif module_id not in ctx.modules:
            ctx.add("course.yaml", ("modules", i), f"no module '{module_id}'",
                    _unknown("module", module_id, ctx.modules, f"modules/{module_id}.yaml"))
        seen.add(module_id)
    for module_id in ctx.modules:
        if module_id not in seen:
            ctx.add(ctx.mfile(module_id), ("id",), f"module '{module_id}' is not in course.yaml",
                    "add it to the course's modules, or it is not built", severity="warning")
    default = ctx.course.default_language
    if default not in ctx.course.languages:
        key = "default_language" if "default_language" in ctx.sources["course.yaml"].data else (
            "languages")
        ctx.add("course.yaml", (key,), f"the default language '{default}' is not one of the "
                f"course's languages", f"add {default} to languages, or set default_language")


def _languages(ctx: _Context) -> None:
    first: dict[str, int] = {}
    for i, lang in enumerate(ctx.course.languages):
        if lang in first:  # its site and PDFs would be built twice, one over the other
            ctx.add("course.yaml", ("languages", i), f"'{lang}' is listed twice, first as "
                    f"languages[{first[lang]}]", "list each language once")
        first.setdefault(lang, i)


DAY_MINUTES = 24 * 60


def _schedule(ctx: _Context) -> None:
    """A training day, its teaching time and its breaks, must fit in one day (by midnight)."""
    schedule = ctx.course.schedule
    day = schedule.day_hours.total()
    start = clock_minutes(schedule.day_start)
    for i, pause in enumerate(schedule.breaks):
        length = pause.duration.total(day)
        if clock_minutes(pause.at) + length > DAY_MINUTES:
            ctx.add("course.yaml", ("schedule", "breaks", i, "duration"), f"a break of "
                    f"{format_minutes(length)} at {pause.at} ends after midnight",
                    "a break lasts part of a training day: shorten it")
            return
    total = day + sum(p.duration.total(day) for p in schedule.breaks)
    if start + total > DAY_MINUTES:
        ctx.add("course.yaml", ("schedule",), f"teaching time ({format_minutes(day)}) and "
                f"breaks from {schedule.day_start} end after midnight",
                "shorten day_hours or the breaks, or start earlier")


def _objectives(ctx: _Context) -> None:
    for module in ctx.modules.values():
        for i, objective in enumerate(module.objectives):
            owner = ctx.objective_owner.get(objective.id)
            if owner is not None:
                ctx.add(ctx.mfile(module.id), ("objectives", i, "id"), f"duplicate objective id "
                        f"'{objective.id}': {ctx.mfile(owner)} has it too",
                        "objective ids are unique across the course")
            else:
                ctx.objective_owner[objective.id] = module.id
        _unique(ctx, ctx.mfile(module.id), "sessions", [s.id for s in module.sessions], "session")
        _unique(ctx, ctx.mfile(module.id), ("assessment", "exercises"),
                [e.id for e in module.assessment.exercises], "exercise")


def _unique(ctx: _Context, file: str, field, ids: list[str], kind: str) -> None:
    prefix = field if isinstance(field, tuple) else (field,)
    counts = Counter(ids)
    seen: set[str] = set()
    for i, item_id in enumerate(ids):
        if counts[item_id] > 1 and item_id in seen:
            ctx.add(file, (*prefix, i, "id"), f"duplicate {kind} id '{item_id}'",
                    f"{kind} ids are unique within the file")
        seen.add(item_id)


def _prerequisites(ctx: _Context) -> None:
    for module in ctx.modules.values():
        for i, pre in enumerate(module.prerequisites):
            if pre == module.id:
                ctx.add(ctx.mfile(module.id), ("prerequisites", i), "a module cannot require "
                        "itself", f"remove '{pre}' from its prerequisites")
            elif pre not in ctx.modules:
                ctx.add(ctx.mfile(module.id), ("prerequisites", i), f"no module '{pre}'",
                        _unknown("module", pre, ctx.modules, f"modules/{pre}.yaml"))


def _cycles(ctx: _Context) -> None:
    state: dict[str, int] = {}

    def visit(module_id: str, trail: list[str]) -> None:
        state[module_id] = 1
        for i, pre in enumerate(ctx.modules[module_id].prerequisites):
            if pre not in ctx.modules or pre == module_id:
                continue
            if state.get(pre) == 1:
                cycle = [*trail[trail.index(pre):], module_id, pre] if pre in trail else [
                    module_id, pre]
                ctx.add(ctx.mfile(module_id), ("prerequisites", i), "prerequisite cycle: "
                        + " -> ".join(cycle), "remove one of these prerequisites")
            elif pre not in state:
                visit(pre, [*trail, module_id])
        state[module_id] = 2

    for module_id in sorted(ctx.modules):
        if module_id not in state:
            visit(module_id, [])


def _sessions(ctx: _Context) -> None:
    for module in ctx.modules.values():
        own = {o.id for o in module.objectives}
        for s, session in enumerate(module.sessions):
            for i, objective in enumerate(session.objectives):
                if objective in own:
                    continue
                owner = ctx.objective_owner.get(objective)
                hint = (f"it belongs to module {owner}: a session serves its own module's "
                        "objectives" if owner else _unknown("objective", objective, own))
                ctx.add(ctx.mfile(module.id), ("sessions", s, "objectives", i),
                        f"no objective '{objective}' in this module", hint)


def _quizzes(ctx: _Context) -> None:
    for module in ctx.modules.values():
        for path, ref in module.quiz_refs():
            bank = ctx.banks.get(ref.bank)
            if bank is None:
                ctx.add(ctx.mfile(module.id), (*path, "bank"), f"no question bank '{ref.bank}'",
                        _unknown("question bank", ref.bank, ctx.banks,
                                 f"quizzes/{ref.bank}.yaml"))
            elif bank.lms_only and path[-1] != "post_test":
                ctx.add(ctx.mfile(module.id), (*path, "bank"), f"bank '{bank.id}' is LMS-only "
                        "(lms_only: true): a page of the site cannot draw from it",
                        "only a post-test may use an LMS-only bank; draw this quiz from a "
                        "practice bank")
            elif ref.draw and ref.draw > len(bank.questions):
                ctx.add(ctx.mfile(module.id), (*path, "draw"), f"draws {ref.draw} questions "
                        f"but bank '{bank.id}' holds {len(bank.questions)}",
                        "lower draw or add questions to the bank")


def _bank_contents(ctx: _Context) -> None:
    for bank in ctx.banks.values():
        file = ctx.bfile(bank.id)
        _unique(ctx, file, "questions", [q.id for q in bank.questions], "question")
        for q, question in enumerate(bank.questions):
            for i, objective in enumerate(question.objectives):
                if objective not in ctx.objective_owner:
                    ctx.add(file, ("questions", q, "objectives", i), f"no objective '{objective}'",
                            _unknown("objective", objective, ctx.objective_owner))
            if isinstance(question, SingleQuestion):
                continue
            if question.type == "matching":
                first: dict[str, int] = {}
                for i, pair in enumerate(question.pairs):
                    right = str(pair.right)
                    if right in first:
                        ctx.add(file, ("questions", q, "pairs", i, "right"), f"pairs "
                                f"{first[right]} and {i} have the same right side {right!r}",
                                "each right side must be distinct, or the match is ambiguous")
                    first.setdefault(right, i)


def _durations(ctx: _Context) -> None:
    day = ctx.course.schedule.day_hours.total()
    for module in ctx.modules.values():
        total = sum(s.duration.total(day) for s in module.sessions)
        planned = module.duration.total(day)
        if total != planned:
            ctx.add(ctx.mfile(module.id), ("duration",), f"sessions add up to "
                    f"{format_minutes(total)} but the module lasts {module.duration} "
                    f"({format_minutes(planned)})", "adjust a session or the module duration",
                    severity="warning")


def _coverage(ctx: _Context) -> None:
    assessed = {o for b in ctx.banks.values() for q in b.questions for o in q.objectives}
    assessed |= {o for m in ctx.modules.values() for e in m.assessment.exercises
                 for o in e.objectives}
    for module in ctx.modules.values():
        served = {o for s in module.sessions for o in s.objectives}
        for i, objective in enumerate(module.objectives):
            if objective.id not in assessed:
                ctx.add(ctx.mfile(module.id), ("objectives", i, "id"), f"objective "
                        f"'{objective.id}' is not assessed by any question",
                        "tag a question with it",
                        severity="warning")
            if objective.id not in served:
                ctx.add(ctx.mfile(module.id), ("objectives", i, "id"), f"objective "
                        f"'{objective.id}' is not served by any session",
                        "list it in a session's objectives",
                        severity="warning")


def _exercise_objectives(ctx: _Context) -> None:
    for module in ctx.modules.values():
        own = {o.id for o in module.objectives}
        for e, exercise in enumerate(module.assessment.exercises):
            for i, objective in enumerate(exercise.objectives):
                if objective not in own:
                    ctx.add(ctx.mfile(module.id), ("assessment", "exercises", e, "objectives", i),
                            f"no objective '{objective}' in this module",
                            _unknown("objective", objective, own))


def _foreign_objectives(ctx: _Context) -> None:
    """A module drawing a question that assesses none of its objectives but another
    module's: its results would count towards the wrong module."""
    for module in ctx.modules.values():
        own = {o.id for o in module.objectives}
        for bank_id in dict.fromkeys(ref.bank for _, ref in module.quiz_refs()):
            bank = ctx.banks.get(bank_id)
            for q, question in enumerate(bank.questions if bank else []):
                if own.intersection(question.objectives):
                    continue
                foreign = [o for o in question.objectives if o in ctx.objective_owner]
                if foreign:
                    ctx.add(ctx.bfile(bank.id), ("questions", q, "objectives"), f"question "
                            f"'{question.id}' assesses {', '.join(foreign)} of another module, "
                            f"but module '{module.id}' draws it", "tag it with this module's "
                            "objectives, or draw it from the other module's quizzes",
                            severity="warning")


def _titles(ctx: _Context) -> None:
    """A title with a line break (`title: |`) cuts the page heading and the menu entry in
    two. A warning, not an error: an exported title keeps its line breaks, escaped."""
    files = [("course.yaml", ctx.course)]
    files += [(ctx.mfile(m.id), m) for m in ctx.modules.values()]
    files += [(ctx.bfile(b.id), b) for b in ctx.banks.values()]
    for file, model in files:
        for path, text in _plain_texts(model, ()):
            if "\n" in text.strip():
                lines = len(text.strip().splitlines())
                ctx.add(file, path, f"this title is {lines} lines; it shows as one line",
                        "join its lines: a line break cuts the page heading in two",
                        severity="warning")


def _plain_texts(value, path: tuple):
    """(path, text) of every plain-text field (titles, names, terms) under a model."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            inner = getattr(value, name)
            if any(isinstance(m, AfterValidator) and m.func is check_plain
                   for m in info.metadata) and inner is not None:
                texts = inner.items() if isinstance(inner, dict) else [(None, inner)]
                for lang, text in texts:
                    yield ((*path, name, lang) if lang else (*path, name)), str(text)
            else:
                yield from _plain_texts(inner, (*path, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _plain_texts(item, (*path, i))
