"""The official working-day calendar (工作日): every deadline that counts working days uses it.

A day is a working day by, in order:
1. the deployment's overrides — ``JIANFU_WORKDAYS`` (days worked, e.g. a local 调休 Saturday) and
   ``JIANFU_HOLIDAYS`` (days off), both comma-separated ``YYYY-MM-DD`` lists;
2. the State Council's schedule (国务院办公厅关于部分节假日安排的通知) as shipped by the
   ``chinese-calendar`` package: public holidays *and* make-up working days (调休);
3. otherwise Monday to Friday.

The package covers the years whose schedule was published when it was released (2004–2026 in
1.11.0); a year it does not cover is "covered" only if the deployment lists at least one override
in it. For an uncovered year deadlines fall back to Monday–Friday, and the pages that show a
computed deadline say so (``coverage_notice``), so nobody trusts a date that may be off by a holiday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import chinese_calendar
from chinese_calendar import constants as official
from django.conf import settings
from django.utils.translation import gettext as _


def _dates(values: Iterable[object]) -> frozenset[dt.date]:
    out = set()
    for value in values:
        out.add(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip()))
    return frozenset(out)


def holidays() -> frozenset[dt.date]:
    """The deployment's extra days off (``JIANFU_HOLIDAYS``)."""
    return _dates(getattr(settings, "CALENDAR_HOLIDAYS", ()))


def workdays() -> frozenset[dt.date]:
    """The deployment's extra days worked (``JIANFU_WORKDAYS``); they win over holidays."""
    return _dates(getattr(settings, "CALENDAR_WORKDAYS", ()))


@lru_cache(maxsize=1)
def official_years() -> frozenset[int]:
    """Years for which the package carries the published schedule."""
    return frozenset(day.year for day in (*official.holidays, *official.workdays))


def covered(year: int) -> bool:
    return year in official_years() or any(day.year == year for day in holidays() | workdays())


def is_working_day(day: dt.date, off: frozenset[dt.date] | None = None, on: frozenset[dt.date] | None = None) -> bool:
    on = workdays() if on is None else on
    off = holidays() if off is None else off
    if day in on:
        return True
    if day in off:
        return False
    if day.year in official_years():
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (the start day itself does not count)."""
    off, on = holidays(), workdays()
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, off, on):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days from ``start`` (exclusive) to ``end`` (inclusive); negative if end < start."""
    if end < start:
        return -working_days_between(end, start)
    off, on = holidays(), workdays()
    n, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, off, on):
            n += 1
    return n


def uncovered_years(*days: dt.date | dt.datetime | None) -> list[int]:
    """The years between the earliest and the latest of ``days`` that the calendar does not cover."""
    years = [d.year for d in days if d is not None]
    if not years:
        return []
    return [year for year in range(min(years), max(years) + 1) if not covered(year)]


def coverage_notice(*days: dt.date | dt.datetime | None) -> str:
    """A Chinese warning when a deadline spanning ``days`` was counted Monday–Friday, else ""."""
    years = uncovered_years(*days)
    if not years:
        return ""
    listed = "、".join(_("{year}年").format(year=year) for year in years)
    return _("{years}的法定节假日尚未公布，期限按周一至周五计算。").format(years=listed)
