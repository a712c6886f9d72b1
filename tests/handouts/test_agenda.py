"""The timetable rule: fixed breaks, sessions split at a break unless too little comes before."""

from __future__ import annotations

from builder.handouts import agenda
from builder.load.project import Project
from builder.model.schema import Module, Schedule


def rows(days: list[agenda.Day]) -> list[tuple[int, str, str, str]]:
    """(day, start, end, what) with what = session id (/part) or the break's English title."""
    result = []
    for day in days:
        for slot in day.slots:
            if slot.pause is not None:
                title = slot.pause.title
                what = title if isinstance(title, str) else title["en"]
            else:
                assert slot.session is not None
                what = slot.session.id + (f"/{slot.part}" if slot.part else "")
            result.append((day.number, agenda.clock(slot.start), agenda.clock(slot.end), what))
    return result


def test_two_day_workshop(handouts_project: Project) -> None:
    course = handouts_project.course
    module = handouts_project.modules["workshop"]
    days = agenda.timetable([module], course.schedule, handouts_project.day_minutes)
    assert rows(days) == [
        (1, "09:00", "10:20", "opening"),
        # 10 minutes before the coffee break are too few to start "bases": they stay free.
        (1, "10:30", "10:45", "Coffee break"),
        (1, "10:45", "12:30", "bases/1"),
        (1, "12:30", "13:30", "Lunch"),
        (1, "13:30", "13:45", "bases/2"),
        (1, "13:45", "15:15", "plan/1"),
        (1, "15:15", "15:30", "Coffee break"),
        (1, "15:30", "15:40", "plan/2"),
        (1, "15:40", "16:30", "moot/1"),
        (2, "09:00", "10:30", "moot/2"),
        (2, "10:30", "10:45", "Coffee break"),
        (2, "10:45", "11:25", "moot/3"),
        (2, "11:25", "12:30", "networks/1"),
        (2, "12:30", "13:30", "Lunch"),
        (2, "13:30", "14:25", "networks/2"),
        (2, "14:25", "15:15", "closing/1"),
        (2, "15:15", "15:30", "Coffee break"),
        (2, "15:30", "16:30", "closing/2"),
        (3, "09:00", "09:10", "closing/3"),
    ]


def test_fifteen_minutes_before_a_break_are_used(handouts_project: Project) -> None:
    course = handouts_project.course
    module = handouts_project.modules["requests"]
    days = agenda.timetable([module], course.schedule, handouts_project.day_minutes)
    assert rows(days) == [
        (1, "09:00", "10:15", "contents"),
        (1, "10:15", "10:30", "drafting/1"),
        (1, "10:30", "10:45", "Coffee break"),
        (1, "10:45", "12:15", "drafting/2"),
    ]


def test_course_continues_where_the_previous_module_ends(handouts_project: Project) -> None:
    project = handouts_project
    days = agenda.timetable(project.ordered_modules(), project.course.schedule,
                            project.day_minutes)
    assert rows(days)[4:7] == [(1, "12:15", "12:30", "opening/1"),
                               (1, "12:30", "13:30", "Lunch"),
                               (1, "13:30", "14:35", "opening/2")]
    workshop = agenda.module_slots(days, project.modules["workshop"])
    assert rows(workshop)[0] == (1, "12:15", "12:30", "opening/1")
    assert all(s.module is None or s.module.id == "workshop" for d in workshop for s in d.slots)


def _module(*durations: str) -> Module:
    return Module.model_validate({
        "id": "m", "title": "M", "duration": "1h",
        "sessions": [{"id": f"s{n}", "title": "S", "duration": d, "method": "lecture"}
                     for n, d in enumerate(durations, 1)]})


def test_short_windows_are_used_rather_than_skipped_forever() -> None:
    schedule = Schedule.model_validate({"day_start": "09:00", "day_hours": "40min", "breaks": [
        {"at": "09:10", "duration": "5min"}, {"at": "09:20", "duration": "5min"},
        {"at": "09:35", "duration": "5min"}]})
    days = agenda.timetable([_module("30min")], schedule, 40)
    assert [(agenda.clock(s.start), agenda.clock(s.end)) for s in days[0].slots
            if s.session] == [("09:00", "09:10"), ("09:15", "09:20"), ("09:25", "09:35"),
                              ("09:40", "09:45")]


def test_breaks_after_teaching_ends_are_left_out() -> None:
    schedule = Schedule.model_validate({"day_start": "09:00", "day_hours": "2h", "breaks": [
        {"at": "10:00", "duration": "15min"}, {"at": "12:30", "duration": "1h"}]})
    windows, pauses = agenda.day_plan(schedule, 120)
    assert windows == [(540, 600), (615, 675)]
    assert [agenda.clock(p.start) for p in pauses] == ["10:00"]
