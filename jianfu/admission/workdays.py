"""Review deadlines in working days (Mon–Fri, minus configured public holidays)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

# The review period (default 15 working days, as 西城区 does) and the holidays come from settings
# (JIANFU_REVIEW_WORKING_DAYS, JIANFU_HOLIDAYS; see docs/configuration.md).


def review_days() -> int:
    return int(settings.ADMISSION_REVIEW_WORKING_DAYS)


def holidays() -> set[dt.date]:
    out = set()
    for value in settings.ADMISSION_HOLIDAYS:
        out.add(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
    return out


def is_working_day(day: dt.date, off: set[dt.date] | None = None) -> bool:
    return day.weekday() < 5 and day not in (off if off is not None else holidays())


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (the start day itself does not count)."""
    off = holidays()
    day = start
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, off):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days from ``start`` (exclusive) to ``end`` (inclusive); negative if end < start."""
    if end < start:
        return -working_days_between(end, start)
    off = holidays()
    n, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, off):
            n += 1
    return n
