"""The authoring format: every field of a course, a module and a question bank.

This module is the single source of the format. Each field's docstring becomes
its description in the JSON Schema that editors use (`curriculum schema`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from .types import Clock, DurationField, FilledText, Id, Lang, PlainText, Text, refuse_bool


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, numbers may stand for text."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True,
                              coerce_numbers_to_str=True, frozen=False)


# --- course ---------------------------------------------------------------------------


class Break(Strict):
    at: Clock
    """Start time of the break, "HH:MM"."""
    duration: DurationField
    """Length of the break, e.g. 15min."""
    title: PlainText = "Break"
    """What the programme calls it (Coffee break, Lunch)."""


class Schedule(Strict):
    day_start: Clock = "09:00"
    """When a training day starts, "HH:MM"."""
    day_hours: DurationField = Field(default_factory=lambda: _six_hours())
    """Teaching time in one training day, breaks excluded (default 6h); `2d` means twice this."""
    breaks: list[Break] = []
    """Fixed breaks of every day, in order."""


class Academy(Strict):
    name: PlainText
    """The academy's name, on the site header, handout covers and certificates."""
    logo: str | None = Field(default=None, pattern=r"(?i)^[^:]*\.(svg|png|jpe?g|webp|gif)$")
    """Logo image in the project, relative to course.yaml (media/logo.svg): .svg, .png, .jpg."""


def _six_hours() -> Any:
    from .types import parse_duration

    return parse_duration("6h")


class Course(Strict):
    id: Id
    """Unique id of the course (lowercase-hyphen); keys the trainee's saved progress."""
    title: PlainText
    """Course title, shown on the home page and handout covers."""
    summary: Text = ""
    """One paragraph of Markdown introducing the course."""
    audience: list[Text] = []
    """Who the course is for."""
    languages: list[Lang] = ["en"]
    """Languages the course is published in; the first site is the default language's."""
    default_language: Lang = "en"
    """The language the YAML source is written in; other languages fall back to it."""
    complete_languages: list[Lang] = []
    """Languages declared complete: a missing translation in them fails the build."""
    as_of: date | None = None
    """Date up to which treaty status statements in the course were checked."""
    modules: list[Id]
    """Module ids, in teaching order; each is a file modules/<id>.yaml."""
    schedule: Schedule = Schedule()
    """The workshop timetable: day start, teaching hours per day, breaks."""
    trainer_guide_on_site: bool = False
    """Link the trainer guide PDFs from the site (only for a trainers' site)."""
    academy: Academy | None = None
    """The academy that gives the course: its name and logo on the site, handouts, certificate."""


# --- module ---------------------------------------------------------------------------

Level = Literal["introductory", "intermediate", "advanced"]
Method = Literal["lecture", "discussion", "case-study", "exercise", "moot", "group-work",
                 "presentation"]


def _bank_shorthand(value: Any) -> Any:
    return {"bank": value} if isinstance(value, str) else value


class QuizRef(Strict):
    bank: Id
    """Id of the question bank (a file quizzes/<id>.yaml)."""
    draw: int | None = Field(default=None, ge=1)
    """Questions drawn at random for each attempt; all of the bank when left out."""
    pass_mark: int | None = Field(default=None, ge=0, le=100)
    """Percentage needed to pass; no pass/fail when left out."""
    attempts: int | None = Field(default=None, ge=1)
    """Attempts allowed; unlimited when left out."""
    shuffle: bool = True
    """Shuffle the order of questions and options on each attempt."""
    show_answers: bool = True
    """Offer "Show the right answer" after the trainee checks a question."""

    _counts = field_validator("draw", "pass_mark", "attempts", mode="before")(refuse_bool)


# The JSON Schema takes both forms too, so that editors accept `quiz: my-bank`.
QuizField = Annotated[QuizRef, BeforeValidator(_bank_shorthand,
                                               json_schema_input_type=QuizRef | Id)]


class Objective(Strict):
    id: Id
    """Unique across the course; questions and sessions refer to it."""
    text: Text
    """What the trainee will be able to do, starting with a verb."""


class Session(Strict):
    id: Id
    """Unique within the module."""
    title: PlainText
    """Session title, shown in the structure table and as a heading."""
    duration: DurationField
    """Length, e.g. 45min or 1h30m; sessions add up to the module's duration."""
    method: Method
    """Facilitation method."""
    objectives: list[Id] = []
    """Ids of this module's objectives that the session serves."""
    content: Text = ""
    """Markdown shown to trainees."""
    trainer_notes: Text = ""
    """Markdown for trainers only: never on a trainee page or trainee handout."""
    quiz: QuizField | None = None
    """Formative quiz after the session: a bank id, or {bank, draw, ...}."""


class Criterion(Strict):
    criterion: Text
    """What the trainer looks for."""
    points: int = Field(ge=0)
    """Points for meeting it."""
    guidance: Text = ""
    """How to award the points (trainers only)."""

    _points = field_validator("points", mode="before")(refuse_bool)


class Exercise(Strict):
    id: Id
    """Unique within the module."""
    title: PlainText
    """Exercise title."""
    instructions: Text
    """Markdown instructions for trainees."""
    model_answer: Text = ""
    """Markdown model answer (trainers only)."""
    rubric: list[Criterion] = []
    """Scoring rubric (trainers only)."""
    objectives: list[Id] = []
    """Ids of the module's objectives this exercise assesses (the alignment matrix counts it)."""


class Assessment(Strict):
    pre_test: QuizField | None = None
    """Test before the module, to measure the starting point."""
    post_test: QuizField | None = None
    """Test after the module, usually with a pass mark."""
    exercises: list[Exercise] = []
    """Practical exercises (drafting, case work)."""


class Reference(Strict):
    instrument: Text
    """Treaty, law or publication: the id or a name of an instrument of instruments.yaml
    (`untoc`, "UNTOC"), whose article numbers are then checked, or any other title."""
    article: str | None = None
    """Article or paragraph, as a string: "18(13)"."""
    note: Text = ""
    """What the reference is for."""
    url: str | None = None
    """Link to the official text."""


class Module(Strict):
    id: Id
    """Unique, lowercase-hyphen; the file name and the page's URL."""
    title: PlainText
    """Module title."""
    summary: Text = ""
    """One paragraph of Markdown."""
    audience: list[Text] = []
    """Target audience."""
    level: Level = "intermediate"
    """introductory, intermediate or advanced."""
    duration: DurationField
    """Total length: 90min, 1h30m, 3h, 2d (a day is the course's day_hours)."""
    prerequisites: list[Id] = []
    """Ids of modules to take first."""
    objectives: list[Objective] = []
    """Learning objectives."""
    sessions: list[Session] = Field(min_length=1)
    """The module's structure, in order."""
    assessment: Assessment = Assessment()
    """Assessment modalities: pre-test, post-test, exercises."""
    references: list[Reference] = []
    """Legal instruments and sources cited."""

    def quiz_refs(self) -> list[tuple[tuple[str | int, ...], QuizRef]]:
        """Every quiz the module draws from, with its place: session quizzes, then the
        pre-test and the post-test. The one list of a module's quizzes."""
        found: list[tuple[tuple[str | int, ...], QuizRef]] = [
            (("sessions", s, "quiz"), session.quiz)
            for s, session in enumerate(self.sessions) if session.quiz]
        for role in ("pre_test", "post_test"):
            ref = getattr(self.assessment, role)
            if ref:
                found.append((("assessment", role), ref))
        return found


# --- question banks -------------------------------------------------------------------


class Option(Strict):
    text: FilledText
    """The option as the trainee reads it (Markdown)."""
    correct: bool = False
    """Whether choosing it is right."""
    feedback: Text = ""
    """Shown after checking when the trainee chose this option."""
    credit: int = Field(default=0, ge=0, le=99)
    """Single choice only: percent of the points a wrong option still earns (partial credit,
    as Moodle's answer fractions); 0 when left out."""

    _credit = field_validator("credit", mode="before")(refuse_bool)


class Pair(Strict):
    left: FilledText
    """Item to match."""
    right: FilledText
    """Its match; right sides are shuffled in the page."""


LintRule = Literal["near-duplicate", "long-correct-option", "all-none-of-the-above",
                   "negative-stem", "answer-in-prompt", "overlapping-options",
                   "pre-post-overlap", "one-correct-multiple", "no-model-answer",
                   "unreachable-answer"]
"""The item-writing rules of `curriculum lint` (docs/lint.md explains each)."""


class QuestionBase(Strict):
    id: Id
    """Unique within the bank."""
    prompt: Text
    """The question (Markdown)."""
    objectives: list[Id] = []
    """Ids of the objectives the question assesses."""
    points: int = Field(default=1, ge=0)
    """Points for a fully right answer."""
    hint: Text = ""
    """Optional hint the trainee can reveal."""
    explanation: Text = ""
    """Shown after checking: why the answer is right, with the source."""
    lint: dict[LintRule, str] = {}
    """Item-writing rules of `curriculum lint` switched off for this question, each with the
    reason: `{negative-stem: the negation is what is tested}`."""

    _points = field_validator("points", mode="before")(refuse_bool)


class SingleQuestion(QuestionBase):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2)
    """Choices; exactly one is correct."""

    @field_validator("options")
    @classmethod
    def _one_correct(cls, options: list[Option]) -> list[Option]:
        count = sum(o.correct for o in options)
        if count != 1:
            raise PydanticCustomError(
                "correct",
                f"a single-choice question needs exactly one correct option, has {count}",
                {"hint": "mark one option `correct: true`, or use type: multiple"})
        if any(o.correct and o.credit for o in options):
            raise PydanticCustomError(
                "credit", "the correct option earns all the points: `credit` is for wrong ones",
                {"hint": "remove `credit` from the correct option"})
        return options


class MultipleQuestion(QuestionBase):
    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)
    """Choices; at least one is correct."""

    @field_validator("options")
    @classmethod
    def _some_correct(cls, options: list[Option]) -> list[Option]:
        if not any(o.correct for o in options):
            raise PydanticCustomError("correct", "no option is marked correct",
                                      {"hint": "mark at least one option `correct: true`"})
        if any(o.credit for o in options):
            raise PydanticCustomError(
                "credit", "`credit` is for single-choice options",
                {"hint": "a multiple-answer question scores each option; remove `credit`"})
        return options


class TrueFalseQuestion(QuestionBase):
    type: Literal["true-false"]
    answer: bool
    """The right answer: true or false."""
    feedback_true: Text = ""
    """Shown after checking when the trainee answered true."""
    feedback_false: Text = ""
    """Shown after checking when the trainee answered false."""


class PartialAnswer(Strict):
    answer: FilledText
    """An answer that is not fully right but earns part of the points."""
    credit: int = Field(ge=1, le=99)
    """Percent of the points it earns."""
    feedback: Text = ""
    """Shown after checking when the trainee gave this answer."""

    _credit = field_validator("credit", mode="before")(refuse_bool)


class FillInQuestion(QuestionBase):
    type: Literal["fill-in"]
    answers: list[FilledText] = Field(min_length=1)
    """Accepted answers; case and surrounding spaces are ignored."""
    case_sensitive: bool = False
    """Compare letter case too."""
    ignore_punctuation: bool = False
    """Ignore punctuation when comparing."""
    partial: list[PartialAnswer] = []
    """Answers that earn part of the points, each with its percent (Moodle's fractions)."""
    feedback_right: Text = ""
    """Shown after checking when the answer is one of `answers`."""
    feedback_wrong: Text = ""
    """Shown after checking when the answer is neither right nor partly right."""


class MatchingQuestion(QuestionBase):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)
    """Left items with their right matches."""


class OrderingQuestion(QuestionBase):
    type: Literal["ordering"]
    items: list[FilledText] = Field(min_length=2)
    """Items in the right order; the page shuffles them."""


class NumericAnswer(Strict):
    value: float
    """The number accepted (a dot for decimals: 2.5)."""
    tolerance: float = Field(default=0, ge=0)
    """How far an answer may be from `value` and still count: 0.5 accepts 2 to 3 for 2.5."""
    credit: int = Field(default=100, ge=1, le=100)
    """Percent of the points this answer earns; at least one answer earns 100."""
    feedback: Text = ""
    """Shown after checking when the trainee's number falls in this answer's range."""

    _credit = field_validator("credit", mode="before")(refuse_bool)
    _numbers = field_validator("value", "tolerance", mode="before")(refuse_bool)

    @field_validator("value", "tolerance")
    @classmethod
    def _finite(cls, number: float) -> float:
        if number != number or number in (float("inf"), float("-inf")):
            raise PydanticCustomError("number", "is not a finite number",
                                      {"hint": "write a number such as 12 or 2.5"})
        return number


class NumericQuestion(QuestionBase):
    type: Literal["numeric"]
    answers: list[NumericAnswer] = Field(min_length=1)
    """Accepted numbers, each with its tolerance; the first range the answer falls in counts."""
    unit: PlainText = ""
    """Unit shown after the answer field (days, years, EUR); the trainee types only the number."""
    feedback_wrong: Text = ""
    """Shown after checking when the number falls in no answer's range."""

    @field_validator("answers")
    @classmethod
    def _one_full(cls, answers: list[NumericAnswer]) -> list[NumericAnswer]:
        if not any(a.credit == 100 for a in answers):
            raise PydanticCustomError("credit", "no answer earns all the points",
                                      {"hint": "leave `credit` out (100) on the right answer"})
        return answers


class OpenQuestion(QuestionBase):
    type: Literal["open"]
    model_answer: Text = ""
    """Shown after the trainee answers, to compare with (self-assessment). Left out (as in
    essays imported without grader information), `curriculum lint` reports it."""
    checklist: list[Text] = []
    """Points the trainee ticks when comparing their answer with the model."""


QUESTION_TYPES: dict[str, type[QuestionBase]] = {
    "single": SingleQuestion, "multiple": MultipleQuestion, "true-false": TrueFalseQuestion,
    "fill-in": FillInQuestion, "matching": MatchingQuestion, "ordering": OrderingQuestion,
    "open": OpenQuestion, "numeric": NumericQuestion,
}

Question = Annotated[
    Union[SingleQuestion, MultipleQuestion, TrueFalseQuestion, FillInQuestion,  # noqa: UP007
          MatchingQuestion, OrderingQuestion, OpenQuestion, NumericQuestion],
    Field(discriminator="type"),
]


class Bank(Strict):
    id: Id
    """Unique; the file name quizzes/<id>.yaml."""
    title: PlainText
    """Title of the bank, shown on its practice page."""
    description: Text = ""
    """Markdown shown above the practice quiz."""
    lms_only: bool = False
    """Keep this bank off the static site: no practice page, and no site page may draw from it.
    It is used only in the LMS exports (SCORM, Moodle XML, GIFT, QTI), so that the post-test
    that counts is not practised in advance."""
    questions: list[Question] = Field(min_length=1)
    """The questions."""


# --- legal instruments (instruments.yaml) ---------------------------------------------


class Status(Strict):
    text: Text
    """What the status is, in the words the pages show: "Two States had ratified it"."""
    as_of: date
    """The date the source gives for this status (not the date of the course)."""
    source: str
    """Where it was read: a depositary record, an official page (name it)."""
    url: str | None = None
    """Link to that source."""
    review_months: int = Field(default=12, ge=1, le=120)
    """Months after `as_of` when it must be checked again; older, the build warns."""


class Instrument(Strict):
    id: Id
    """Short id that module references use: `instrument: untoc`."""
    short: Text
    """The name trainers use: UNTOC, Budapest Convention."""
    title: PlainText
    """The full official title, in each language."""
    aliases: list[str] = []
    """Other names module references may use for it ("Palermo Convention")."""
    adopted: date | None = None
    """When the text was adopted or opened for signature."""
    in_force: date | None = None
    """When it entered into force; left out while it is not in force."""
    url: str | None = None
    """The official text or the depositary's page."""
    articles: list[str] = []
    """Article numbers the course may cite ("18", "46"); references to others are refused."""
    statuses: list[Status] = []
    """Status statements, each with its own date and source."""


class Registry(Strict):
    instruments: list[Instrument] = Field(min_length=1)
    """The treaties and other instruments the course refers to."""


# --- glossary (glossary.yaml) ---------------------------------------------------------


class Term(Strict):
    id: Id
    """Unique id of the term."""
    term: PlainText
    """The term as it stands in the text, in each language: {en: dual criminality, ru: ...}."""
    definition: Text
    """One or two sentences of plain text: what the term means."""
    source: Text = ""
    """Where the definition comes from: "UNTOC art. 18(13)", in each language."""


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)
    """The terms, in the order of the glossary page."""
