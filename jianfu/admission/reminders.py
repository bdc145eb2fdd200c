"""Review-deadline reminders (审查期限提醒): the deadline of the review workflow
(``transitions.REVIEW_DUE``), swept each working day by ``manage.py sweep_deadlines``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jianfu.notify.actions import do_notify
from jianfu.notify.choices import Kind

from .choices import AppState
from .models import Application
from .recipients import approvers, reviewers, url_of

REMIND_WITHIN = 3  # working days before the deadline


def remind_review_due(app: Application, left: int, today: dt.date) -> int:
    """Tell the people the application waits on that its review period ends in ``left`` working
    days (or ended ``-left`` days ago). Idempotent per application, state and day."""
    who = reviewers(app) if app.state == AppState.SUBMITTED else approvers(app)
    if left < 0:
        title = f"审查已超期 {-left} 个工作日：{app.title}"
    else:
        title = f"审查期限将至（剩 {left} 个工作日）：{app.title}"
    return len(
        do_notify(
            who,
            title=title,
            body=f"{app.applicant_org.name}的准入申请，审查期限 {app.due_date:%Y-%m-%d}。",
            url=url_of(app),
            region_code=app.region_code,
            dedupe_key=f"admission-due:{app.pk}:{app.state}:{today:%Y%m%d}",
            kind=Kind.DEADLINE,
        )
    )


def send_deadline_reminders(today: dt.date | None = None) -> int:
    """Tell each reviewer about applications due within REMIND_WITHIN working days or overdue
    (the review workflow's part of ``sweep_deadlines``); returns how many were told."""
    from .transitions import APPLICATION

    now = timezone.now()
    if today is not None:
        now = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    return APPLICATION.sweep(now).reminded
