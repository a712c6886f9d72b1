"""What the PDFs say, read back with pypdf: answers for trainers only, Cyrillic as written."""

from __future__ import annotations

from builder.handouts.editions import localizer

from .conftest import Built
from .reading import (
    pdf_text,
    plain_lines,
    right_answers,
    snippet,
    squash,
    trainee_visible,
    trainer_only_texts,
)

TRAINEE_MARKS = ["✓", "✗", "Answer key", "Correct answer", "Feedback:", "Explanation",
                 "Model answer", "Scoring rubric", "Trainer notes"]


def _module_texts(built: Built, module_id: str, lang: str = "en") -> tuple[str, str]:
    running = built.running(lang)
    return (pdf_text(built.path(f"{lang}/{module_id}.trainee.pdf"), running),
            pdf_text(built.path(f"{lang}/{module_id}.trainer.pdf"), running))


def _check_editions(built: Built, lang: str) -> int:
    """Trainer-only texts in the guide and not in the handout; every right answer in the guide."""
    project, t = built.project, localizer(built.project, lang)
    checked = 0
    for module in project.ordered_modules():
        trainee, trainer = _module_texts(built, module.id, lang)
        visible = trainee_visible(project, module, t)
        for text in trainer_only_texts(project, module, t):
            piece = snippet(text)
            if piece is None or piece in visible:  # an explanation may quote the session
                continue
            checked += 1
            assert piece in trainer, f"{module.id}: not in the trainer guide: {text!r}"
            assert piece not in trainee, f"{module.id}: in the trainee handout: {text!r}"
        for answer in right_answers(project, module, t):
            piece = snippet(answer) or squash("".join(plain_lines(answer)))
            assert piece in trainer, f"{module.id}: answer not in the trainer guide: {answer!r}"
        for mark in TRAINEE_MARKS:
            assert squash(mark) not in trainee, f"{module.id}: {mark!r} in the trainee handout"
    return checked


def test_sample_trainer_guides_and_trainee_handouts(sample_handouts: Built) -> None:
    assert _check_editions(sample_handouts, "en") > 100


def test_project_editions_in_both_languages(project_handouts: Built) -> None:
    assert _check_editions(project_handouts, "en") >= 8
    assert _check_editions(project_handouts, "ru") >= 8


def test_course_handout_holds_no_trainer_text(project_handouts: Built) -> None:
    project, t = project_handouts.project, localizer(project_handouts.project, "en")
    running = project_handouts.running("en")
    trainee = pdf_text(project_handouts.path("en/course.trainee.pdf"), running)
    trainer = pdf_text(project_handouts.path("en/course.trainer.pdf"), running)
    for module in project.ordered_modules():
        for text in trainer_only_texts(project, module, t):
            if piece := snippet(text):
                assert piece in trainer and piece not in trainee, text


def test_trainer_notes_of_the_sample(sample_handouts: Built) -> None:
    project = sample_handouts.project
    t = localizer(project, "en")
    for module in project.ordered_modules():
        trainee, trainer = _module_texts(sample_handouts, module.id)
        notes = [snippet(t(s.trainer_notes)) for s in module.sessions if s.trainer_notes]
        assert notes, f"{module.id} has no trainer notes"
        for piece in filter(None, notes):
            assert piece in trainer and piece not in trainee


def test_cyrillic_extracts_as_written(project_handouts: Built) -> None:
    trainee, trainer = _module_texts(project_handouts, "requests", "ru")
    for text in ["Запросы о взаимной правовой помощи", "Цели обучения",
                 "Перечислить обязательные элементы запроса.",
                 "В запросе указывается органнаправивший", "Выберите один ответ.",
                 "Семинар по международному сотрудничеству"]:
        assert squash(text).replace(",", "") in trainee.replace(",", ""), text
    assert squash("Спросите сотрудников центральных органов") in trainer
    assert squash("Спросите сотрудников центральных органов") not in trainee


def test_minimal_markers(minimal_handouts: Built) -> None:
    trainee, trainer = _module_texts(minimal_handouts, "alpha")
    for marker in ("TRAINER-ONLY-NOTE-ALPHA", "MODEL-ANSWER-ALPHA", "RUBRIC-ALPHA"):
        assert marker in trainer and marker not in trainee


def test_programme_lists_breaks_and_clock_times(project_handouts: Built) -> None:
    text = pdf_text(project_handouts.path("en/programme.pdf"), project_handouts.running("en"))
    for piece in ["Day 1", "Day 2", "Day 3", "09:0010:15Contents of a request",
                  "10:3010:45Coffee break", "12:3013:30Lunch", "15:1515:30Coffee break",
                  "Module:Two-dayworkshop", "(part1of2)"]:
        assert squash(piece) in text, piece
    ru = pdf_text(project_handouts.path("ru/workshop.programme.pdf"),
                  project_handouts.running("ru"))
    for piece in ["День 1", "10:3010:45Кофе-брейк", "12:3013:30Обед", "(часть 3 из 3)"]:
        assert squash(piece) in ru, piece


def test_trainer_guide_has_the_timed_agenda(project_handouts: Built) -> None:
    _, trainer = _module_texts(project_handouts, "workshop")
    assert squash("Timed agenda") in trainer
    assert squash("15:4016:30Moot court(part 1 of 3)") in trainer



def test_numeric_and_partial_credit_on_paper(project_handouts: Built) -> None:
    """Numeric questions print an answer line with the unit; only the trainer guide shows
    tolerances, credits and feedback (the workshop's check, in both languages)."""
    for lang, unit, trainer_has in (
            ("en", "days", ["30±0.5days(29.5–30.5)—100%ofthepoints",
                            "45±15days(30–60)—50%ofthepoints", "(50%ofthepoints)",
                            "1992—25%ofthepoints", "Feedbackifansweredtrue"]),
            ("ru", "дней", ["30±0,5дней(29,5–30,5)—100%баллов",
                            "45±15дней(30–60)—50%баллов", "(50%баллов)", "1992—25%баллов"])):
        trainee, trainer = _module_texts(project_handouts, "workshop", lang)
        t = localizer(project_handouts.project, lang)
        assert squash(t.ui("instruction.numeric")) + unit in trainee
        for text in trainer_has:
            assert text in trainer, (lang, text)
            assert text not in trainee, (lang, text)
        assert "±" not in trainee and "%" not in trainee.replace(
            squash(t.ui("pass_mark", n=70)), "")
