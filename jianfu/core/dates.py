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
