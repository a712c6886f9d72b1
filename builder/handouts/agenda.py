"""The workshop timetable: sessions laid out on training days around fixed breaks.

The rule (docs/handouts.md):

- a day starts at `schedule.day_start` and holds `schedule.day_hours` of teaching;
  the breaks come on top of that, at their fixed clock times;
- sessions follow each other in course order; the next module starts where the
  previous one ended;
- a session that reaches a break (or the end of the day) is split there and goes
  on after it, unless less than MIN_PART minutes of it would come before the break:
  then the whole session starts after the break and those minutes stay free.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model.schema import Break, Module, Schedule, Session

MIN_PART = 15
"""Shortest piece of a session worth teaching before a break, in minutes."""


@dataclass(frozen=True)
class Slot:
    """One line of the timetable: a session (or a part of one) or a break."""

    day: int
    start: int
    end: int
    module: Module | None = None
    session: Session | None = None
    pause: Break | None = None
    part: int = 0
    parts: int = 1

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass
class Day:
    """One training day of the timetable, its slots in time order."""

    number: int
    slots: list[Slot] = field(default_factory=list)


def clock(minutes: int) -> str:
    """Minutes after midnight as "HH:MM"."""
    hours, rest = divmod(minutes % (24 * 60), 60)
    return f"{hours:02d}:{rest:02d}"


def _minutes(value: str) -> int:
    hours, rest = value.split(":")
    return int(hours) * 60 + int(rest)


def day_plan(schedule: Schedule, day_minutes: int) -> tuple[list[tuple[int, int]], list[Slot]]:
    """Teaching windows (start, end) of one day, and the breaks that fall between them."""
    cursor, budget = _minutes(schedule.day_start), day_minutes
    windows: list[tuple[int, int]] = []
    pauses: list[Slot] = []
    for pause in sorted(schedule.breaks, key=lambda b: _minutes(b.at)):
        start = _minutes(pause.at)
        end = start + pause.duration.total(day_minutes)
        if end <= cursor or budget <= 0:
            continue
        if start > cursor:
            length = min(start - cursor, budget)
            windows.append((cursor, cursor + length))
            budget -= length
            if budget <= 0:
                break
        pauses.append(Slot(0, start, end, pause=pause))
        cursor = max(cursor, end)
    if budget > 0:
        windows.append((cursor, cursor + budget))
    return windows, pauses


def _windows(schedule: Schedule, day_minutes: int) -> Iterator[tuple[int, int, int]]:
    windows, _ = day_plan(schedule, day_minutes)
    day = 1
    while True:
        for start, end in windows:
            yield day, start, end
        day += 1


def _place(sessions: list[tuple[Module, Session]], schedule: Schedule,
           day_minutes: int) -> list[Slot]:
    windows = _windows(schedule, day_minutes)
    day, start, end = next(windows)
    cursor = start
    slots: list[Slot] = []
    for module, session in sessions:
        pieces: list[tuple[int, int, int]] = []
        remaining = session.duration.total(day_minutes)
        while remaining > 0:
            available = end - cursor
            if remaining <= available:
                pieces.append((day, cursor, cursor + remaining))
                cursor += remaining
                break
            # A window too short for MIN_PART is still used when nothing else is in it,
            # so a schedule of short windows cannot stall the layout.
            if available >= MIN_PART or (available > 0 and cursor == start):
                pieces.append((day, cursor, end))
                remaining -= available
            day, start, end = next(windows)
            cursor = start
        parts = len(pieces)
        slots += [Slot(d, s, e, module, session, part=n if parts > 1 else 0, parts=parts)
                  for n, (d, s, e) in enumerate(pieces, 1)]
    return slots


def timetable(modules: list[Module], schedule: Schedule, day_minutes: int) -> list[Day]:
    """The days of a workshop teaching `modules` in order, with their breaks."""
    sessions = [(m, s) for m in modules for s in m.sessions]
    slots = _place(sessions, schedule, day_minutes)
    _, pauses = day_plan(schedule, day_minutes)
    days: dict[int, Day] = {}
    for slot in slots:
        days.setdefault(slot.day, Day(slot.day)).slots.append(slot)
    for day in days.values():
        first, last = day.slots[0].start, day.slots[-1].end
        day.slots += [Slot(day.number, p.start, p.end, pause=p.pause) for p in pauses
                      if first <= p.start < last]
        day.slots.sort(key=lambda s: (s.start, s.pause is None))
    return [days[n] for n in sorted(days)]


def module_slots(days: list[Day], module: Module) -> list[Day]:
    """The days of a course timetable on which `module` is taught, with only its slots."""
    picked: list[Day] = []
    for day in days:
        slots = [s for s in day.slots if s.module is module]
        if slots:
            first, last = slots[0].start, slots[-1].end
            pauses = [s for s in day.slots if s.pause and first <= s.start < last]
            picked.append(Day(day.number, sorted(slots + pauses, key=lambda s: s.start)))
    return picked
