"""Review-deadline reminders (审查期限提醒), run daily by cron through ``notify_deadlines``."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from jianfu.notify.actions import do_notify

from .actions import _approvers, _reviewers
from .choices import AppState
from .models import Application
from .workdays import working_days_between

REMIND_WITHIN = 3  # working days before the deadline


def send_deadline_reminders(today: dt.date | None = None) -> int:
    """Tell each reviewer about applications due within REMIND_WITHIN working days or overdue.
    Idempotent per application, deadline and day (a rerun the same day sends nothing new)."""
    today = today or timezone.localdate()
    sent = 0
    qs = Application.objects.filter(state__in=[AppState.SUBMITTED, AppState.FIRST_PASSED], due_date__isnull=False)
    for app in qs.select_related("applicant_org"):
        if app.due_date is None:  # excluded by the query; narrows the type
            continue
        left = working_days_between(today, app.due_date)
        if left > REMIND_WITHIN:
            continue
        who = _reviewers(app) if app.state == AppState.SUBMITTED else _approvers(app)
        if left < 0:
            title = f"审查已超期 {-left} 个工作日：{app.title}"
        else:
            title = f"审查期限将至（剩 {left} 个工作日）：{app.title}"
        sent += len(
            do_notify(
                who,
                title=title,
                body=f"{app.applicant_org.name}的准入申请，审查期限 {app.due_date:%Y-%m-%d}。",
                url=reverse("admission_detail", args=[app.pk]),
                region_code=app.region_code,
                dedupe_key=f"admission-due:{app.pk}:{app.state}:{today:%Y%m%d}",
            )
        )
    return sent
