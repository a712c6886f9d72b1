"""What each edition of a handout contains, as plain views for the templates.

Views are built from an allow-list of fields. The `trainee_*` functions read only
what a trainee may see; the `trainer_*` functions start from the trainee view and
add trainer notes, answer keys, model answers and rubrics. A template never sees a
model object, so it cannot print a field that was not chosen here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from ..design.alignment import align
from ..design.curriculum_map import render_map
from ..load.project import Project
from ..model.schema import Exercise, Module, QuizRef, Reference, Session
from ..render.links import Rebaser
from ..render.localize import Localizer, ui_strings
from . import agenda
from .questions import QuestionView, markdown, trainee_question, trainer_question

TRAINEE, TRAINER, PROGRAMME = "trainee", "trainer", "programme"
EDITIONS = (TRAINEE, TRAINER, PROGRAMME)
NOTE_LINES = 8


@dataclass
class QuizSection:
    """The questions of one quiz, or a pointer to where the same bank was printed."""

    anchor: str
    title: str
    notes: list[str]
    questions: list[QuestionView] = field(default_factory=list)
    repeat_of: QuizSection | None = None


@dataclass
class SessionView:
    number: int
    anchor: str
    title: str
    duration: str
    method: str
    content: Markup
    quiz: QuizSection | None = None


@dataclass
class TrainerSessionView(SessionView):
    trainer_notes: Markup = field(default_factory=Markup)


@dataclass
class ExerciseView:
    anchor: str
    title: str
    instructions: Markup


@dataclass
class RubricRow:
    criterion: Markup
    points: int
    guidance: Markup


@dataclass
class TrainerExerciseView(ExerciseView):
    model_answer: Markup = field(default_factory=Markup)
    rubric: list[RubricRow] = field(default_factory=list)
    total: int = 0


@dataclass
class ReferenceView:
    instrument: str
    article: str
    note: str
    url: str


@dataclass
class AgendaRow:
    """A timetable line: a session (part) or a break, with clock times."""

    start: str
    end: str
    title: str
    minutes: str
    method: str = ""
    module: str = ""
    part: str = ""
    is_break: bool = False


@dataclass
class AgendaDay:
    title: str
    anchor: str
    rows: list[AgendaRow]


@dataclass
class ModuleView:
    id: str
    anchor: str
    title: str
    summary: Markup
    audience: str
    level: str
    duration: str
    prerequisites: list[str]
    objectives: list[str]
    sessions: list[SessionView]
    exercises: list[ExerciseView]
    pre_test: QuizSection | None
    post_test: QuizSection | None
    references: list[ReferenceView]
    agenda: list[AgendaDay] = field(default_factory=list)


@dataclass
class AlignmentRow:
    module: str
    objective: str
    sessions: int
    quizzes: int
    tests: int
    exercises: int
    assessed: bool


@dataclass
class GlossaryEntry:
    id: str
    term: str
    definition: str
    source: str


@dataclass
class Document:
    """One PDF: a module's or the course's handout, or a programme."""

    lang: str
    edition: str
    scope: str
    title: str
    course_title: str
    audience: str
    summary: Markup
    duration: str
    as_of: date | None
    modules: list[ModuleView] = field(default_factory=list)
    programme: list[AgendaDay] = field(default_factory=list)
    paper: str = "a4"
    curriculum_map: Markup = field(default_factory=Markup)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    alignment: list[AlignmentRow] = field(default_factory=list)

    @property
    def trainer(self) -> bool:
        return self.edition == TRAINER


def localizer(project: Project, lang: str) -> Localizer:
    return Localizer(lang, project.course.default_language,
                     strings=ui_strings("handouts", lang, project.root), root=project.root)


def length(minutes: int, t: Localizer) -> str:
    """90 -> "1 h 30 min" in the handout's language."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return t.ui("hours_minutes", h=hours, m=rest)
    return t.ui("hours", h=hours) if hours else t.ui("minutes", m=rest)


# --- sessions, quizzes, exercises -------------------------------------------------------


def _quiz(project: Project, ref: QuizRef, anchor: str, title: str, printed: dict,
          t: Localizer, trainer: bool) -> QuizSection:
    bank = project.banks[ref.bank]
    notes = [t.ui("drawn", n=ref.draw, total=len(bank.questions))] if ref.draw else []
    notes += [t.ui("pass_mark", n=ref.pass_mark)] if ref.pass_mark is not None else []
    notes += [t.ui("attempts", n=ref.attempts)] if ref.attempts else []
    section = QuizSection(anchor, title, notes)
    if bank.lms_only and not trainer:
        # The exam that counts: its questions are not given to trainees in advance.
        section.notes = [t.ui("in_lms")]
        return section
    if bank.id in printed:
        section.repeat_of = printed[bank.id]
        return section
    make = trainer_question if trainer else trainee_question
    links = file_links(project, f"quizzes/{bank.id}.yaml")
    section.questions = [make(q, n, f"{anchor}-{q.id}", t, links)
                         for n, q in enumerate(bank.questions, 1)]
    printed[bank.id] = section
    return section


def file_links(project: Project, source_file: str) -> Rebaser:
    """Links to project files in text from `source_file`, made relative to the project root
    (every handout's base URL), where the PDF renderer may read them."""
    return Rebaser(project.root, source_file, "", set())


def trainee_session(session: Session, number: int, anchor: str, minutes: int,
                    t: Localizer, links: Rebaser | None = None) -> SessionView:
    return SessionView(number, anchor, t(session.title), length(minutes, t),
                       t.ui(f"method.{session.method}"),
                       markdown(t(session.content), links=links))


def trainer_session(session: Session, number: int, anchor: str, minutes: int,
                    t: Localizer, links: Rebaser | None = None) -> TrainerSessionView:
    view = trainee_session(session, number, anchor, minutes, t, links)
    return TrainerSessionView(**vars(view),
                              trainer_notes=markdown(t(session.trainer_notes), links=links))


def trainee_exercise(exercise: Exercise, anchor: str, t: Localizer,
                     links: Rebaser | None = None) -> ExerciseView:
    return ExerciseView(anchor, t(exercise.title),
                        markdown(t(exercise.instructions), links=links))


def trainer_exercise(exercise: Exercise, anchor: str, t: Localizer,
                     links: Rebaser | None = None) -> TrainerExerciseView:
    view = trainee_exercise(exercise, anchor, t, links)
    rubric = [RubricRow(markdown(t(c.criterion), inline=True, links=links), c.points,
                        markdown(t(c.guidance), inline=True, links=links))
              for c in exercise.rubric]
    return TrainerExerciseView(**vars(view),
                               model_answer=markdown(t(exercise.model_answer), links=links),
                               rubric=rubric, total=sum(r.points for r in rubric))


def _reference(reference: Reference, t: Localizer) -> ReferenceView:
    return ReferenceView(t(reference.instrument), reference.article or "", t(reference.note),
                         reference.url or "")


# --- modules ----------------------------------------------------------------------------


def module_view(project: Project, module: Module, t: Localizer, *, trainer: bool,
                days: list[agenda.Day] | None = None) -> ModuleView:
    """A module as one edition prints it; `days` is its part of the timetable (trainer)."""
    base = f"m-{module.id}"
    printed: dict[str, QuizSection] = {}
    assessment = module.assessment
    pre = post = None
    if assessment.pre_test:
        pre = _quiz(project, assessment.pre_test, f"{base}-pre-test", t.ui("pre_test"),
                    printed, t, trainer)
    sessions = [_session(project, module, s, n, printed, t, trainer)
                for n, s in enumerate(module.sessions, 1)]
    if assessment.post_test:
        post = _quiz(project, assessment.post_test, f"{base}-post-test", t.ui("post_test"),
                     printed, t, trainer)
    make_exercise = trainer_exercise if trainer else trainee_exercise
    links = file_links(project, f"modules/{module.id}.yaml")
    return ModuleView(
        id=module.id, anchor=base, title=t(module.title),
        summary=markdown(t(module.summary), links=links),
        audience="; ".join(t(a) for a in module.audience), level=t.ui(f"level.{module.level}"),
        duration=length(module.duration.total(project.day_minutes), t),
        prerequisites=[t(project.modules[p].title) for p in module.prerequisites
                       if p in project.modules],
        objectives=[t(o.text) for o in module.objectives], sessions=sessions,
        exercises=[make_exercise(e, f"{base}-ex-{e.id}", t, links)
                   for e in assessment.exercises],
        pre_test=pre, post_test=post,
        references=[_reference(r, t) for r in module.references],
        agenda=agenda_days(days, t) if trainer and days else [])


def _session(project: Project, module: Module, session: Session, number: int,
             printed: dict, t: Localizer, trainer: bool) -> SessionView:
    anchor = f"m-{module.id}-s-{session.id}"
    minutes = session.duration.total(project.day_minutes)
    make = trainer_session if trainer else trainee_session
    view = make(session, number, anchor, minutes, t, file_links(project,
                                                                 f"modules/{module.id}.yaml"))
    if session.quiz:
        title = t.ui("formative_quiz", title=view.title)
        view.quiz = _quiz(project, session.quiz, f"{anchor}-quiz", title, printed, t, trainer)
    return view


# --- timetable --------------------------------------------------------------------------


def agenda_days(days: list[agenda.Day], t: Localizer, *, modules: bool = False,
                prefix: str = "day") -> list[AgendaDay]:
    """Timetable days as rows of text; `modules` adds a module column."""
    return [AgendaDay(t.ui("day", n=day.number), f"{prefix}-{day.number}",
                      [_row(slot, t, modules) for slot in day.slots]) for day in days]


def _row(slot: agenda.Slot, t: Localizer, modules: bool) -> AgendaRow:
    times = (agenda.clock(slot.start), agenda.clock(slot.end))
    if slot.pause is not None:
        return AgendaRow(*times, t(slot.pause.title), length(slot.minutes, t),
                         is_break=True)
    assert slot.session is not None and slot.module is not None
    part = t.ui("part", n=slot.part, total=slot.parts) if slot.part else ""
    return AgendaRow(*times, t(slot.session.title), length(slot.minutes, t),
                     t.ui(f"method.{slot.session.method}"),
                     t(slot.module.title) if modules else "", part)


# --- documents --------------------------------------------------------------------------


def _alignment(project: Project, t: Localizer) -> list[AlignmentRow]:
    """The alignment matrix for the course's trainer guide (the site has it too)."""
    texts = {o.id: t(o.text) for m in project.modules.values() for o in m.objectives}
    return [AlignmentRow(t(project.modules[r.module].title), texts[r.objective],
                         len(r.sessions), len(r.quizzes), len(r.tests), len(r.exercises),
                         r.assessed) for r in align(project).rows]


def document(project: Project, lang: str, edition: str, module: Module | None = None,
             paper: str = "a4") -> Document:
    """The view of one PDF: `module` None means the whole course."""
    t = localizer(project, lang)
    course = project.course
    modules = [module] if module else project.ordered_modules()
    days = agenda.timetable(modules, course.schedule, project.day_minutes)
    total = sum(m.duration.total(project.day_minutes) for m in modules)
    doc = Document(lang, edition, "module" if module else "course", "", t(course.title),
                   "; ".join(t(a) for a in course.audience),
                   markdown(t(course.summary), links=file_links(project, "course.yaml")),
                   length(total, t), course.as_of, paper=paper)
    if edition == PROGRAMME:
        doc.programme = agenda_days(days, t, modules=module is None)
        doc.title = t.ui("programme_of", title=t(module.title) if module else doc.course_title)
        return doc
    trainer = edition == TRAINER
    doc.modules = [module_view(project, m, t, trainer=trainer,
                               days=agenda.module_slots(days, m)) for m in modules]
    if trainer and module is None:
        doc.programme = agenda_days(days, t, modules=True)
    if module is None:
        doc.curriculum_map = Markup(render_map(
            project, t, lambda m: f"#m-{m.id}",
            lambda m: length(m.duration.total(project.day_minutes), t)))
        doc.glossary = [GlossaryEntry(g.id, t(g.term), t(g.definition), t(g.source))
                        for g in (project.glossary.terms if project.glossary else [])]
        if trainer:
            doc.alignment = _alignment(project, t)
    label = t.ui("trainer_guide" if trainer else "trainee_handout")
    doc.title = f"{doc.modules[0].title if module else doc.course_title} — {label}"
    return doc
