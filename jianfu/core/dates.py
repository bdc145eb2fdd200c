"""The range of dates the platform accepts from people (forms, query strings, imports)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .errors import ActionError

MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def clamp(day: dt.date) -> dt.date:
    """A date forced into the accepted range (for filters, where a wild date should just widen)."""
    return min(max(day, MIN_DATE), MAX_DATE)


def check_in_range(day: dt.date | None, *, field: str = "") -> None:
    """Refuse a date outside 2000–2100 (for values that will be stored)."""
    if day is not None and not (MIN_DATE <= day <= MAX_DATE):
        raise ActionError(_("日期超出范围（应在 2000 年至 2100 年之间）。"), field=field or None)


def presets(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """The periods people pick most (本月/上月/本季度/上季度/本年/上年/近12个月), as (label, first
    day, last day); a current period ends today, not at its calendar end."""
    month = today.replace(day=1)
    last_month_end = month - dt.timedelta(days=1)
    quarter = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    last_quarter_end = quarter - dt.timedelta(days=1)
    last_quarter = dt.date(last_quarter_end.year, (last_quarter_end.month - 1) // 3 * 3 + 1, 1)
    year_ago = (month - dt.timedelta(days=335)).replace(day=1)
    return [
        (_("本月"), month, today),
        (_("上月"), last_month_end.replace(day=1), last_month_end),
        (_("本季度"), quarter, today),
        (_("上季度"), last_quarter, last_quarter_end),
        (_("本年"), dt.date(today.year, 1, 1), today),
        (_("上年"), dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
        (_("近12个月"), year_ago, today),
    ]
