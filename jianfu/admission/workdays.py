"""Admission's review period (default 15 working days, as 西城区 does; JIANFU_REVIEW_WORKING_DAYS).

Working days themselves are the platform's one official calendar, ``jianfu.core.calendar``.
"""

from __future__ import annotations

from django.conf import settings

from jianfu.core.calendar import add_working_days, working_days_between

__all__ = ["add_working_days", "review_days", "working_days_between"]


def review_days() -> int:
    return int(settings.ADMISSION_REVIEW_WORKING_DAYS)
