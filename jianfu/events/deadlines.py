"""Answer times (办理时限) by urgency: 接诉即办's 2 h / 24 h / 7 d / 15 d by default.

Each urgency's time is configured in ``JIANFU_EVENT_DEADLINES`` (``emergency=2h,urgent=24h,
normal=7d,low=15d``): hours are counted on the clock, days are working days by the official
calendar (``core.calendar``: holidays and 调休), ending at the time of day the event came in.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from jianfu.core.calendar import add_working_days

from .choices import Urgency

DEFAULTS = {Urgency.EMERGENCY: "2h", Urgency.URGENT: "24h", Urgency.NORMAL: "7d", Urgency.LOW: "15d"}


def parse(value: str) -> tuple[int, str]:
    """``"24h"`` → (24, "h"); ``"7d"`` → (7, "d"); ValueError for anything else."""
    value = value.strip().lower()
    number, unit = value[:-1], value[-1:]
    if unit not in ("h", "d") or not number.isdigit() or int(number) < 1:
        raise ValueError(f"bad answer time {value!r}")
    return int(number), unit


def answer_time(urgency: str) -> tuple[int, str]:
    configured = dict(getattr(settings, "EVENTS_DEADLINES", {}) or {})
    try:
        return parse(str(configured.get(urgency) or DEFAULTS[Urgency(urgency)]))
    except ValueError:
        return parse(DEFAULTS[Urgency(urgency)])


def describe(urgency: str) -> str:
    n, unit = answer_time(urgency)
    return f"{n} 小时" if unit == "h" else f"{n} 个工作日"


def deadline_for(urgency: str, start: dt.datetime | None = None) -> dt.datetime:
    """When an event received at ``start`` with ``urgency`` must be answered."""
    start = start or timezone.now()
    n, unit = answer_time(urgency)
    if unit == "h":
        return start + dt.timedelta(hours=n)
    local = timezone.localtime(start)
    day = add_working_days(local.date(), n)
    return local.replace(year=day.year, month=day.month, day=day.day)
